import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readMetadata, splitAuthorNames } from '../../../shared/extraction/read-metadata';

const URL = 'https://news.example/world/story.html';
const read = (head: string, body = '', htmlAttrs = '') =>
  readMetadata(new JSDOM(`<!doctype html><html ${htmlAttrs}><head>${head}</head><body>${body}</body></html>`, { url: URL }).window.document, URL);
const ld = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('readMetadata', () => {
  it('takes each field from the most trusted source, and says which', () => {
    const meta = read(
      `${ld({ '@type': 'NewsArticle', headline: 'From JSON-LD', datePublished: '2022-04-28T13:42:00+03:00' })}<meta property="og:title" content="From OpenGraph"><meta property="article:published_time" content="2022-04-28T09:00:00Z">`,
      '<h1>From the page</h1>',
    );
    expect(meta.title).toEqual({ value: 'From JSON-LD', source: 'jsonld' });
    expect(meta.published).toEqual({ value: '2022-04-28T13:42:00+03:00', source: 'jsonld' });
    expect(read('<meta property="og:title" content="Story | Site"><meta property="og:site_name" content="Site">').title).toEqual({
      value: 'Story',
      source: 'opengraph',
    });
    expect(read('', '<h1>Only a heading</h1>').title).toEqual({ value: 'Only a heading', source: 'heuristic' });
  });

  it('finds dates in <time datetime> and in visible text such as "28 April, 2022"', () => {
    expect(read('', '<p>Posted <time datetime="2022-04-28T10:42:00+01:00">28 April</time></p>').published).toEqual({
      value: '2022-04-28T10:42:00+01:00',
      source: 'heuristic',
    });
    expect(read('', '<span class="article-date">28 April, 2022</span>').published).toEqual({ value: '28 April, 2022', source: 'heuristic' });
  });

  it('prefers people to organisations and never takes a URL for a name', () => {
    const both = read(
      ld({
        '@type': 'NewsArticle',
        author: [
          { '@type': 'Organization', name: 'Desk' },
          { '@type': 'Person', name: 'Nadia Karam' },
        ],
      }),
    );
    expect(both.authors).toEqual({ value: ['Nadia Karam'], source: 'jsonld' });
    const orgOnly = read(ld({ '@type': 'NewsArticle', author: { '@type': 'Organization', name: 'Newsroom' } }), '<p class="byline">Newsroom</p>');
    expect(orgOnly.authors).toEqual({ value: ['Newsroom'], source: 'jsonld' });
    expect(read('<meta property="article:author" content="https://facebook.com/someone">').authors).toBeNull();
  });

  it('splits bylines in several languages', () => {
    expect(splitAuthorNames('By Helen Marsh and Owen Pritchard')).toEqual(['Helen Marsh', 'Owen Pritchard']);
    expect(splitAuthorNames('Posted by Alan Pearce')).toEqual(['Alan Pearce']);
    expect(splitAuthorNames('von Katrin Vogelsang')).toEqual(['Katrin Vogelsang']);
    expect(splitAuthorNames('par Camille Roux')).toEqual(['Camille Roux']);
    expect(splitAuthorNames('بقلم ليلى الحداد')).toEqual(['ليلى الحداد']);
  });

  it('reads blog templates\' credit lines: a date before "by", "on" before a weekday, labels after the name', () => {
    expect(splitAuthorNames('Monday, November 12, 2012, by Matthew Kern')).toEqual(['Matthew Kern']);
    expect(splitAuthorNames('Posted by timothy on Tuesday July 24, @12:06PM', { handles: true })).toEqual(['timothy']);
    expect(splitAuthorNames('By Joseph Dickens, Filed under: Fan Productions')).toEqual(['Joseph Dickens']);
    expect(splitAuthorNames('Add a Comment')).toEqual([]);
    expect(splitAuthorNames('12 Comments')).toEqual([]);
  });

  it('keeps name particles and honorifics, and drops collective credits, buttons and doubled names', () => {
    expect(splitAuthorNames('Christoph von Ritter')).toEqual(['Christoph von Ritter']);
    expect(splitAuthorNames('Ein Beitrag von Anna Berg')).toEqual(['Anna Berg']);
    expect(splitAuthorNames('Von Dr. Thomas Meißner')).toEqual(['Dr. Thomas Meißner']);
    expect(splitAuthorNames('Rezept von Zum Profil von Jane Roe')).toEqual(['Jane Roe']);
    expect(splitAuthorNames('Jane Roe Jane Roe')).toEqual(['Jane Roe']);
    expect(splitAuthorNames('HLNF Staff Report')).toEqual([]);
    expect(splitAuthorNames('Online-Redaktion')).toEqual([]);
    expect(splitAuthorNames('Follow')).toEqual([]);
  });

  it("drops bare initials but keeps a wire agency's acronym credited alone", () => {
    expect(splitAuthorNames('GNB')).toEqual([]);
    expect(splitAuthorNames('Jane Roe, JR')).toEqual(['Jane Roe']);
    expect(splitAuthorNames('AFP')).toEqual(['AFP']);
    expect(splitAuthorNames('By AP')).toEqual(['AP']);
  });

  it.each([
    ['Dan Goodin - Apr 16, 2024 10:00 pm UTC', ['Dan Goodin']],
    ['Jeff Foust Monday, November 18, 2019', ['Jeff Foust']],
    ['Von Max Mustermann am 4. Oktober 2020', ['Max Mustermann']],
    ['By Dana Whitfield | Updated April 16, 2024 8:02 p.m. PDT', ['Dana Whitfield']],
    ['Jane Doe, Staff Writer', ['Jane Doe']],
    ['Tom Krisher, AP Auto Writer', ['Tom Krisher']],
    ['Jane Doe (jane@x.example)', ['Jane Doe']],
    ['jane@x.example (Jane Doe)', ['Jane Doe']],
    ['By John Smith for The Guardian', ['John Smith']],
    ['Analysis by Chris Cillizza', ['Chris Cillizza']],
    ['Tom Davies Associated Press', ['Tom Davies']],
    ['Ilana Muhlstein, MS, RDN', ['Ilana Muhlstein']],
    ['Sarah E. Needleman', ['Sarah E. Needleman']],
    ['María José García y Pedro Sánchez', ['María José García', 'Pedro Sánchez']],
    ['Finian Cunningham. Sputnik International', ['Finian Cunningham']],
    ['jdadmin', []],
    ['By Staff', []],
    ['Von Tomas Spahn Fr, 18. Oktober 2019', ['Tomas Spahn']],
    ['Reporting by Jason Hovet; Editing by Jan Harvey', ['Jason Hovet']],
    ['Ein Interview von Eugen Zentner mit Sonja Silberhorn.', ['Eugen Zentner']],
    ['By ANDREW DALTON AP Entertainment Writer', ['ANDREW DALTON']],
    ['ROBERT BURNS, AP National Security Writer', ['ROBERT BURNS']],
    ['Eingestellt von Weinlachgummi um 10:52', ['Weinlachgummi']],
    ['Anna Berg / nordwelle.de', ['Anna Berg']],
    ['No Author', []],
    ['Metric Media News Service', []],
    ['वाराणसी ब्यूरो', []],
    ['Datum: 19.11.2021 Autor: Fritz Imhof', []],
    ['Von Mob mit Macheten ermordet:', []],
    ['signing up', []],
    ['By ROD NORDLAND and MAYY EL SHEIKH', ['ROD NORDLAND', 'MAYY EL SHEIKH']],
    ['By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER', ['LISA MASCARO', 'MARY CLARE JALONICK', 'ERIC TUCKER']],
    ['TOM DAVIES REUTERS', ['TOM DAVIES']],
    ['Post written by Leo Babauta.', ['Leo Babauta']],
    ['2012-10-09 by Herb Sutter', ['Herb Sutter']],
    ['Posted by Tari of ClayButtons.com at 6:00 AM', ['Tari']],
  ])('keeps only the names in a byline: %j', (raw, names) => {
    expect(splitAuthorNames(raw)).toEqual(names);
  });

  it.each([
    ['Gespeichert von rasos am 24. Juli 2017 - 18:55', ['rasos']],
    ['gnaddrig', ['gnaddrig']],
    ['oradmin', []],
    ['webmaster', []],
    ['det/dpa', ['dpa']],
    ['rcwps2d8w0', ['rcwps2d8w0']],
  ])('keeps a user handle the page shows as its byline, never a default login: %j', (raw, names) => {
    expect(splitAuthorNames(raw, { handles: true })).toEqual(names);
  });

  it('refuses a user handle in an author field the page does not show', () => {
    expect(splitAuthorNames('gnaddrig')).toEqual([]);
  });

  it('splits the lead image caption from its credit, inside or outside a <figure>', () => {
    const figure = read(
      '<meta property="og:image" content="https://cdn.example/a.jpg"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="675">',
      '<figure><img src="https://cdn.example/a.jpg" alt="Two ministers"><figcaption>Ministers meet in Tehran [source: Getty]</figcaption></figure>',
    );
    expect(figure.image).toEqual({
      value: { url: 'https://cdn.example/a.jpg', alt: 'Two ministers', width: 1200, height: 675, caption: 'Ministers meet in Tehran', credit: 'Getty' },
      source: 'opengraph',
    });
    const legacy = read(
      '<meta property="og:image" content="https://news.example/b.png?w=800">',
      '<div class="artimg"><img src="/b.png" alt="Price board"><div class="caption">The new price board. <span class="credit">Hanna Visser</span></div></div>',
    );
    expect(legacy.image?.value).toMatchObject({ caption: 'The new price board.', credit: 'Hanna Visser', alt: 'Price board' });
  });

  it('normalises language tags and derives direction', () => {
    const arabic = read('', '', 'lang="ar" dir="rtl"');
    expect(arabic.language).toEqual({ value: 'ar', source: 'meta' });
    expect(arabic.direction).toEqual({ value: 'rtl', source: 'meta' });
    expect(read('<meta property="og:locale" content="en_gb">').language).toEqual({ value: 'en-GB', source: 'opengraph' });
    expect(read('', '', 'lang="he"').direction).toEqual({ value: 'rtl', source: 'heuristic' });
  });

  it('reads section, tags, site name and canonical URL', () => {
    const meta = read(
      `${ld({ '@type': 'NewsArticle', articleSection: 'MENA', keywords: 'Iran, China, Defence' })}<meta property="og:site_name" content="Meridian Ledger"><link rel="canonical" href="/world/story.html">`,
    );
    expect(meta.section).toEqual({ value: 'MENA', source: 'jsonld' });
    expect(meta.tags).toEqual({ value: ['Iran', 'China', 'Defence'], source: 'jsonld' });
    expect(meta.siteName).toEqual({ value: 'Meridian Ledger', source: 'opengraph' });
    expect(meta.canonicalUrl).toEqual({ value: 'https://news.example/world/story.html', source: 'meta' });
  });

  it('survives malformed JSON-LD', () => {
    const meta = read(
      '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Trailing comma",}</script><script type="application/ld+json">{oops</script>',
    );
    expect(meta.title).toEqual({ value: 'Trailing comma', source: 'jsonld' });
  });
});
