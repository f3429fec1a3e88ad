// `tsx bench/show-label-evidence.ts dates|zyte [--part 4] [--every 8] [--from N] [--count N]`:
// prints, for each page of a label selection, what a person labelling its headline and byline reads:
// <title>, og/twitter titles, JSON-LD headline/name/author, meta authors, the h1s, and the visible text
// around the first h1 (else the top of the body). It never runs the extractor: labels are decided from
// the page, before the rules see it (see bench/labels/*.json "about").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { requireCorpus } from './support/bench-data';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    part: { type: 'string', default: '4' },
    every: { type: 'string', default: '8' },
    from: { type: 'string', default: '0' },
    count: { type: 'string', default: '1000' },
  },
});
const corpus = positionals[0] === 'zyte' ? 'zyte' : 'dates';
const every = Number(values.every);
const part = Number(values.part);

function pages(): { id: string; html: string }[] {
  if (corpus === 'dates') {
    const dir = join(requireCorpus('dates'), 'cases');
    return readdirSync(dir)
      .sort()
      .filter((_, index) => index % every === part)
      .map((id) => ({ id, html: gunzipSync(readFileSync(join(dir, id, 'source.html.gz'))).toString('utf8') }));
  }
  const dir = join(requireCorpus('article-extraction'), 'html');
  return readdirSync(dir)
    .sort()
    .filter((_, index) => index % every === part)
    .map((file) => ({ id: file.replace(/\.html\.gz$/, ''), html: gunzipSync(readFileSync(join(dir, file))).toString('utf8') }));
}

const clip = (text: string | null | undefined, n = 200): string => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, n);

function jsonLdFacts(document: Document): string[] {
  const facts: string[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = (script.textContent ?? '').replace(/^\s*(<!\[CDATA\[|<!--)/, '').replace(/(\]\]>|-->)\s*$/, '');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      try {
        // As the extractor does: raw newlines inside strings and trailing commas are common.
        data = JSON.parse(text.replace(/[\r\n\t]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
      } catch {
        facts.push('(unparsable JSON-LD)');
        continue;
      }
    }
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) {
        for (const item of node) visit(item);
        return;
      }
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const type = String(record['@type'] ?? '');
      for (const key of ['headline', 'name', 'author', 'creator', 'publisher']) {
        if (record[key] !== undefined && (key !== 'name' || /Article|Posting|Report|Blog|WebPage/i.test(type)))
          facts.push(`${type}.${key}: ${clip(JSON.stringify(record[key]), 240)}`);
      }
      for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) if (record[key] && typeof record[key] === 'object') visit(record[key]);
    };
    visit(data);
  }
  return facts;
}

for (const { id, html } of pages().slice(Number(values.from), Number(values.from) + Number(values.count))) {
  const { document } = new JSDOM(html).window;
  const meta = (selector: string): string[] => [...document.querySelectorAll(selector)].map((el) => clip(el.getAttribute('content'), 160));
  console.log(`\n=== ${id}`);
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
