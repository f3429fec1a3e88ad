// `tsx bench/show-label-evidence.ts dates|zyte|wceb [--dataset D] [--part 4] [--every 8] [--from N] [--count N] [--fields]`:
// prints, for each page of a label selection (the pages at index % every === part of the sorted ids; for
// wceb, of the --dataset folder's index.json, e.g. google-trends-2017 or dragnet), what a person labelling its headline and byline reads:
// <title>, og/twitter titles, JSON-LD headline/name/author, meta authors, the h1s, and the visible text
// around the first h1 (else the top of the body). With --fields it prints instead what a reader needs to
// label the other fields (site name, language, direction, standfirst, lead image, canonical URL): the
// declared values from the head and JSON-LD, the images and text near the headline. It never runs the
// extractor: labels are decided from the page, before the rules see it (see bench/labels/*.json "about").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { decodeText } from '../shared/encoding/decode-text';
import { requireCorpus } from './support/bench-data';
import { openWcebDataset } from './support/wceb-pages';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    part: { type: 'string', default: '4' },
    every: { type: 'string', default: '8' },
    from: { type: 'string', default: '0' },
    count: { type: 'string', default: '1000' },
    fields: { type: 'boolean', default: false },
    dataset: { type: 'string', default: 'google-trends-2017' },
  },
});
const corpus = positionals[0] === 'zyte' || positionals[0] === 'wceb' ? positionals[0] : 'dates';
const every = Number(values.every);
const part = Number(values.part);

function pages(): { id: string; html: string; url: string }[] {
  if (corpus === 'wceb') {
    // Keyed by the page id of the dataset's index.json; the raw bytes decoded as a browser would (BOM,
    // <meta charset>, else windows-1252), as the README of each wceb dataset asks.
    const dataset = openWcebDataset(values.dataset);
    return dataset.ids
      .filter((_, position) => position % every === part)
      .map((id) => {
        const { bytes, url } = dataset.read(id);
        return { id, html: decodeText(bytes, { contentType: null, kind: 'html' }).text, url };
      });
  }
  if (corpus === 'dates') {
    const dir = join(requireCorpus('dates'), 'cases');
    return readdirSync(dir)
      .sort()
      .filter((_, index) => index % every === part)
      .map((id) => ({
        id,
        html: gunzipSync(readFileSync(join(dir, id, 'source.html.gz'))).toString('utf8'),
        url: (JSON.parse(readFileSync(join(dir, id, 'expected.json'), 'utf8')) as { url: string }).url,
      }));
  }
  const root = requireCorpus('article-extraction');
  const truth = JSON.parse(readFileSync(join(root, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
  const dir = join(root, 'html');
  return readdirSync(dir)
    .sort()
    .filter((_, index) => index % every === part)
    .map((file) => {
      const id = file.replace(/\.html\.gz$/, '');
      return { id, html: gunzipSync(readFileSync(join(dir, file))).toString('utf8'), url: truth[id]?.url ?? '' };
    });
}

const clip = (text: string | null | undefined, n = 200): string => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, n);

/**
 * Every node of the page's JSON-LD blocks (arrays, `@graph` and main entities followed), read leniently as
 * the extractor does: CDATA or comment wrappers cut, raw newlines and trailing commas tolerated. A block
 * that still does not parse is reported as `null`.
 */
function jsonLdNodes(document: Document): (Record<string, unknown> | null)[] {
  const nodes: (Record<string, unknown> | null)[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    nodes.push(record);
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) if (record[key] && typeof record[key] === 'object') visit(record[key]);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = (script.textContent ?? '').replace(/^\s*(<!\[CDATA\[|<!--)/, '').replace(/(\]\]>|-->)\s*$/, '');
    try {
      visit(JSON.parse(text));
    } catch {
      try {
        visit(JSON.parse(text.replace(/[\r\n\t]+/g, ' ').replace(/,\s*([}\]])/g, '$1')));
      } catch {
        nodes.push(null);
      }
    }
  }
  return nodes;
}

function jsonLdFacts(document: Document): string[] {
  const facts: string[] = [];
  for (const record of jsonLdNodes(document)) {
    if (!record) {
      facts.push('(unparsable JSON-LD)');
      continue;
    }
    const type = String(record['@type'] ?? '');
    for (const key of ['headline', 'name', 'author', 'creator', 'publisher']) {
      if (record[key] !== undefined && (key !== 'name' || /Article|Posting|Report|Blog|WebPage/i.test(type)))
        facts.push(`${type}.${key}: ${clip(JSON.stringify(record[key]), 240)}`);
    }
  }
  return facts;
}

const selected = pages().slice(Number(values.from), Number(values.from) + Number(values.count));
if (values.fields) for (const page of selected) showFieldEvidence(page);
else for (const { id, html, url } of selected) showTitleEvidence(id, html, url);

function showTitleEvidence(id: string, html: string, url: string): void {
  const { document } = new JSDOM(html).window;
  const meta = (selector: string): string[] => [...document.querySelectorAll(selector)].map((el) => clip(el.getAttribute('content'), 160));
  console.log(`\n=== ${id}  ${url}`);
  console.log(`<title>: ${clip(document.querySelector('title')?.textContent)}`);
  const metas: [string, string][] = [
    ['og:title', 'meta[property="og:title"]'],
    ['twitter:title', 'meta[name="twitter:title"]'],
    ['og:site_name', 'meta[property="og:site_name"]'],
    ['meta author', 'meta[name="author"], meta[name="Author"]'],
    ['article:author', 'meta[property="article:author"], meta[name="article:author"]'],
    ['parsely-author', 'meta[name="parsely-author"], meta[name="sailthru.author"], meta[name="dc.creator"], meta[name="DC.creator"]'],
    ['description', 'meta[name="description"], meta[property="og:description"]'],
  ];
  for (const [label, selector] of metas) {
    const found = meta(selector);
    if (found.length) console.log(`${label}: ${found.join(' || ')}`);
  }
  for (const fact of jsonLdFacts(document)) console.log(`ld ${fact}`);
  const h1s = [...document.querySelectorAll('h1')].map((h) => clip(h.textContent, 160)).filter(Boolean);
  console.log(`h1 (${h1s.length}): ${h1s.slice(0, 4).join(' || ')}`);
  const bylineish = [...document.querySelectorAll('[class*="byline" i], [class*="author" i], [rel="author"], [itemprop="author"]')]
    .map((el) => clip(el.textContent, 100))
    .filter(Boolean);
  if (bylineish.length) console.log(`byline-ish: ${[...new Set(bylineish)].slice(0, 6).join(' || ')}`);
  for (const el of document.querySelectorAll('script, style, noscript, template, svg')) el.remove();
  const text = (document.body?.textContent ?? '').replace(/\s+/g, ' ');
  const ogTitle = clip(document.querySelector('meta[property="og:title"]')?.getAttribute('content'));
  const anchors = [h1s[0], ogTitle, clip(document.querySelector('title')?.textContent).split(/ [|–—-] /)[0]].filter(Boolean) as string[];
  const h1 = anchors.map((anchor) => text.indexOf(anchor.slice(0, 30))).find((at) => at >= 0) ?? -1;
  const start = h1 >= 0 ? Math.max(0, h1 - 300) : 0;
  console.log(`text: ${text.slice(start, start + 700)}`);
}

/** The visible text of the body, without scripts, styles and hidden templates. */
function visibleText(document: Document): string {
  const body = document.body?.cloneNode(true) as HTMLElement | undefined;
  if (!body) return '';
  for (const el of body.querySelectorAll('script, style, noscript, template, svg')) el.remove();
  return (body.textContent ?? '').replace(/\s+/g, ' ');
}

/** What a reader needs to label site name, language, direction, standfirst, lead image and canonical URL. */
function showFieldEvidence({ id, html, url }: { id: string; html: string; url: string }): void {
  const { document } = new JSDOM(html, { url: url || 'https://example.invalid/' }).window;
  const attr = (selector: string, name: string): string[] =>
    [...document.querySelectorAll(selector)].map((el) => clip(el.getAttribute(name), 200)).filter(Boolean);
  const out: string[] = [`\n=== ${id}  ${url}`];
  const line = (label: string, found: string[]): void => {
    if (found.length) out.push(`${label}: ${[...new Set(found)].join(' || ')}`);
  };
  const html_ = document.documentElement;
  line('html', [
    `lang=${html_.getAttribute('lang') ?? '-'} xml:lang=${html_.getAttribute('xml:lang') ?? '-'} dir=${html_.getAttribute('dir') ?? '-'} body.dir=${document.body?.getAttribute('dir') ?? '-'}`,
  ]);
  line('lang meta', [
    ...attr('meta[http-equiv="content-language" i]', 'content').map((v) => `content-language=${v}`),
    ...attr('meta[property="og:locale"]', 'content').map((v) => `og:locale=${v}`),
    ...attr('meta[name="language" i], meta[name="dc.language" i]', 'content').map((v) => `language=${v}`),
  ]);
  line('<title>', [clip(document.querySelector('title')?.textContent)]);
  line('og:title', attr('meta[property="og:title"]', 'content'));
  line('site meta', [
    ...attr('meta[property="og:site_name"]', 'content').map((v) => `og:site_name=${v}`),
    ...attr('meta[name="application-name" i]', 'content').map((v) => `application-name=${v}`),
    ...attr('meta[name="twitter:site" i]', 'content').map((v) => `twitter:site=${v}`),
    ...attr('meta[name="publisher" i], meta[name="dc.publisher" i]', 'content').map((v) => `publisher=${v}`),
  ]);
  line('description', attr('meta[name="description" i]', 'content'));
  line(
    'og:description',
    attr('meta[property="og:description"]', 'content').filter((v) => !attr('meta[name="description" i]', 'content').includes(v)),
  );
  line(
    'canonical',
    [...document.querySelectorAll('link[rel~="canonical" i]')].map((el) => (el as HTMLLinkElement).href),
  );
  line('og:url', attr('meta[property="og:url"]', 'content'));
  line('og:image', attr('meta[property="og:image"], meta[property="og:image:url"], meta[property="og:image:secure_url"]', 'content'));
  line('twitter:image', attr('meta[name="twitter:image" i], meta[name="twitter:image:src" i], meta[property="twitter:image"]', 'content'));
  line('section meta', attr('meta[property="article:section"], meta[name="section" i], meta[name="parsely-section"]', 'content'));
  for (const record of jsonLdNodes(document)) {
    if (!record) {
      out.push('ld: (unparsable)');
      continue;
    }
    const type = String(record['@type'] ?? '');
    for (const key of ['publisher', 'inLanguage', 'image', 'description', 'url', 'articleSection']) {
      if (record[key] !== undefined) out.push(`ld ${type}.${key}: ${clip(JSON.stringify(record[key]), key === 'description' ? 90 : 160)}`);
    }
    if (/WebSite|Organization/.test(type) && record.name) out.push(`ld ${type}.name: ${clip(JSON.stringify(record.name), 100)}`);
  }
  const h1s = [...document.querySelectorAll('h1')].map((h) => clip(h.textContent, 140)).filter(Boolean);
  line('h1', h1s.slice(0, 3));
  // Images in document order with their place relative to the first h1, so a reader sees which one leads.
  const firstH1 = document.querySelector('h1');
  const images = [...document.querySelectorAll('img')]
    .map((img) => {
      const src = img.getAttribute('data-src') ?? img.getAttribute('data-lazy-src') ?? img.getAttribute('src') ?? '';
      const after = firstH1 ? Boolean(firstH1.compareDocumentPosition(img) & 4) : true;
      const figure = img.closest('figure');
      const cap = clip(figure?.querySelector('figcaption')?.textContent, 120);
      return `${after ? 'after' : 'before'}-h1 ${clip(src, 160)} [${img.getAttribute('width') ?? '?'}x${img.getAttribute('height') ?? '?'} alt="${clip(img.getAttribute('alt'), 50)}" class="${clip(img.getAttribute('class'), 40)}"${cap ? ` cap="${cap}"` : ''}]`;
    })
    .filter((entry) => !/\[\?x\?|\[1x1/.test(entry) || !/data:image|pixel|track/i.test(entry));
  const afterH1 = images.filter((entry) => entry.startsWith('after'));
  line('img after h1', afterH1.slice(0, 3));
  if (!afterH1.length) line('img (no h1 / none after)', images.slice(0, 3));
  const text = visibleText(document);
  const anchor = h1s[0] ?? clip(document.querySelector('title')?.textContent).split(/ [|–—-] /)[0] ?? '';
  const at = anchor ? text.indexOf(anchor.slice(0, 30)) : -1;
  const start = Math.max(at, 0);
  out.push(`top text: ${text.slice(start, start + 380)}`);
  console.log(out.join('\n'));
}
