import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildFeedItem } from '../../../bench/support/build-feed-item';
import { ArticleSchema } from '../../../shared/article/article';
import { extractArticle } from '../../../shared/extraction/extract-article';

const URL = 'https://news.example/world/story.html';
const NOW = new Date('2024-06-01T12:00:00Z');
const PARAGRAPH = 'The ferry operator confirmed that the winter timetable will drop from five sailings a day to three, starting in November.';
const page = (body: string, head = ''): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferry cuts</title>${head}</head><body><article><h1>Ferry cuts</h1>${body}</article></body></html>`;
const article = page(`<p>${PARAGRAPH}</p>`.repeat(4));

const item = buildFeedItem({
  itemId: 'guid:1',
  guid: '1',
  url: URL,
  title: 'Ferry timetable cut',
  summary: 'Three sailings a day over winter.',
  contentHtml: '<p>Three sailings a day over winter, the operator says.</p>',
  publishedAt: '2024-05-30T08:00:00.000Z',
  publishedRaw: 'Thu, 30 May 2024 08:00:00 GMT',
});

describe('extractArticle', () => {
  it('extracts a plain article with word count and reading time', async () => {
    const result = await extractArticle(new TextEncoder().encode(article), { url: URL, now: NOW });
    expect(ArticleSchema.parse(result).status).toBe('extracted');
    expect(result.contentText).toBe(Array(4).fill(PARAGRAPH).join('\n\n'));
    expect(result.wordCount).toBe(4 * 20);
    expect(result.readingTimeMinutes).toBe(1);
    expect(result.extraction.method).toBe('readability');
  });

  it('keeps a body that never repeats its title when no story under the headline is about the title', async () => {
    // A blog post titled with a phrase its text never uses: the first body is off the title, and
    // the headline's container holds the same post, so the post stays as Readability found it.
    const post = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Yesterday's weather, tomorrow's habits</title></head><body><div class="post"><h2>Yesterday's weather, tomorrow's habits</h2>${`<p>${PARAGRAPH}</p>`.repeat(4)}</div><div class="side"><p>About this blog: notes on ferries.</p></div></body></html>`;
    const result = await extractArticle(new TextEncoder().encode(post), { url: URL, now: NOW });
    expect(result.contentText).toBe(Array(4).fill(PARAGRAPH).join('\n\n'));
    expect(result.extraction.method).toBe('readability');
  });

  it.each([
    ['a pre-scan refusal', `${'<div>'.repeat(6000)}x${'</div>'.repeat(6000)}`, {}, 'HTML_TOO_DEEP'],
    ['too many elements', `<body>${'<i>a</i>'.repeat(40_000)}</body>`, {}, 'HTML_TOO_MANY_ELEMENTS'],
    ['a non-HTML type', article, { contentType: 'image/png' }, 'NOT_HTML'],
    ['an invalid URL', article, { url: 'not a url' }, 'INVALID_URL'],
    ['a page with no body text', page('<p>Short.</p>'), {}, 'NOT_AN_ARTICLE'],
    ['a list of links', page(`<ul>${'<li><a href="/x">A headline that is a link to another story</a></li>'.repeat(12)}</ul>`), {}, 'NOT_AN_ARTICLE'],
  ])('never throws: %s becomes a failed Article with a typed code', async (_name, html, options, code) => {
    const result = await extractArticle(html, { url: URL, now: NOW, ...options });
    expect(ArticleSchema.parse(result).status).toBe('failed');
    expect(result.extraction.error?.code).toBe(code);
  });

  it('keeps the feed content as feed-only when the page cannot be used, with the reason', async () => {
    const result = await extractArticle(page('<p>Short.</p>'), { url: URL, now: NOW, item });
    expect(result.status).toBe('feed-only');
    expect(result.extraction.method).toBe('feed');
    expect(result.extraction.error?.code).toBe('NOT_AN_ARTICLE');
    expect(result.contentText).toBe('Three sailings a day over winter, the operator says.');
    // The feed's title beats a guess from the page's <h1>.
    expect(result.title).toBe('Ferry timetable cut');
    expect(result.publishedAt).toBe('2024-05-30T08:00:00.000Z');
  });

  it('reads comments, scripts and styles as the HTML tokenizer does: a <script> in a comment hides nothing', async () => {
    const body = `<!-- <script>old()</script> then an unclosed <script> -->${`<p>${PARAGRAPH}</p>`.repeat(2)}<script>var s = "<!--";</script><p>${PARAGRAPH}</p><style>p{}</style>`;
    const result = await extractArticle(
      page(body, '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Jo Rivers"}}</script>'),
      {
        url: URL,
        now: NOW,
      },
    );
    expect(result.authors).toEqual(['Jo Rivers']);
    expect(result.extraction.fieldSources.authors).toBe('jsonld');
    expect(result.contentText).toBe(Array(3).fill(PARAGRAPH).join('\n\n'));
  });

  it('finds a story that sits in a block named like furniture and is outweighed by the page (second pass)', async () => {
    // A blog theme wraps the post in a "widget" and readers' comments outweigh it: the first pass
    // drops both by name, the second (names not trusted) finds the post and cuts the thread.
    const comment = '<p>What a useful summary of the ferry changes, I had no idea the winter timetable was being cut this year.</p>';
    const html = `<!doctype html><html><head><title>Ferry cuts</title></head><body><div class="widget Blog"><h3>Ferry cuts</h3><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p></div><div class="comments"><h4>8 comments:</h4>${comment.repeat(8)}</div></body></html>`;
    const result = await extractArticle(html, { url: URL, now: NOW });
    expect(result.status).toBe('extracted');
    expect(result.contentText).toBe(Array(3).fill(PARAGRAPH).join('\n\n'));
  });

  it('never throws and never fails with INTERNAL_ERROR on attribute names the DOM rejects', async () => {
    const html = page(`<p 47="x">${PARAGRAPH}</p><center 9a="1" "q"="2"><p>${PARAGRAPH}</p></center><section 47="y"><p>${PARAGRAPH}</p></section>`);
    const result = await extractArticle(html, { url: URL, now: NOW });
    expect(result.extraction.error).toBeNull();
    expect(result.contentText).toBe(Array(3).fill(PARAGRAPH).join('\n\n'));
  });

  it('keeps the text of a scrolling <marquee>', async () => {
    const result = await extractArticle(page(`<p>${PARAGRAPH}</p><marquee><p>${PARAGRAPH}</p></marquee><p>${PARAGRAPH}</p>`), { url: URL, now: NOW });
    expect(result.contentText).toBe(Array(3).fill(PARAGRAPH).join('\n\n'));
  });

  it.each([
    ['as published', (html: string) => html],
    // Without a class, id, role or label the furniture must still be told from the story by its text.
    ['with every class, id, role and label stripped', (html: string) => html.replace(/\s(?:class|id|role|aria-label)="[^"]*"/g, '')],
  ])('gives the seed page a body that starts with its first sentence and holds no furniture, %s', async (_, variant) => {
    const seed = readFileSync(resolve(import.meta.dirname, '../../../demo/site/news/mena/iran-china-agree-to-step-up-military-cooperation.html'), 'utf8');
    const origin = 'https://meridian-ledger.example';
    const html = variant(seed.replaceAll('{{origin}}', origin));
    const result = await extractArticle(html, { url: `${origin}/news/mena/iran-china-agree-to-step-up-military-cooperation.html`, now: NOW });
    expect(result.contentText?.startsWith('The defence ministers of Iran and China agreed in Tehran on Wednesday')).toBe(true);
    expect(result.contentText?.endsWith('gave the visit only brief coverage on Wednesday evening.')).toBe(true);
    for (const furniture of [
      '2 min read',
      '28 April, 2022',
      'Nadia Karam',
      'Live Story',
      'Share',
      'Sign up',
      'Related',
      'All rights reserved',
      '[source: Getty]',
    ]) {
      expect(result.contentText).not.toContain(furniture);
    }
  });

  it('survives input that is not bytes or a string', async () => {
    const result = await extractArticle(null as unknown as string, { url: URL, now: NOW });
    expect(result.extraction.error?.code).toBe('INVALID_INPUT');
  });

  it('decodes bytes with the charset the HTML standard says wins: BOM, then HTTP, then <meta>', async () => {
    const text = 'Le marché “couvert” coûte 300 000 € de plus que prévu, selon l’adjoint chargé des travaux de la ville.';
    const legacy = iconv.encode(page(`<p>${text}</p>`.repeat(3)).replace('<meta charset="utf-8">', '<meta charset="windows-1252">'), 'windows-1252');
    expect((await extractArticle(legacy, { url: URL, now: NOW, contentType: 'text/html' })).contentText).toContain(text);
    // The HTTP charset outranks the <meta>: the same bytes labelled UTF-8 by the server are read as UTF-8.
    const labelled = await extractArticle(legacy, { url: URL, now: NOW, contentType: 'text/html; charset=utf-8' });
    expect(labelled.contentText).not.toContain(text);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(page(`<p>${text}</p>`.repeat(3)).replace('utf-8', 'windows-1252'))]);
    expect((await extractArticle(bom, { url: URL, now: NOW, contentType: 'text/html; charset=windows-1252' })).contentText).toContain(text);
  });

  it('applies per-site rules from data', async () => {
    const html = page(
      `${`<p>${PARAGRAPH}</p>`.repeat(3)}<p class="shop-note">Visit our shop for mugs and tote bags, now with free delivery on orders over ten pounds.</p>`,
    );
    const siteRules = { hosts: { 'news.example': { drop: ['.shop-note'], keep: [] } } };
    expect((await extractArticle(html, { url: URL, now: NOW })).contentText).toContain('tote bags');
    expect((await extractArticle(html, { url: URL, now: NOW, siteRules })).contentText).not.toContain('tote bags');
  });
});
