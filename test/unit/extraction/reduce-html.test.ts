import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/encoding/decode-text';
import { cleanDocument } from '../../../shared/extraction/clean-document';
import { viewParse5Document } from '../../../shared/extraction/parse5-view';
import { readMetadata } from '../../../shared/extraction/read-metadata';
import { parsePage, reduceParsedPage, serializePage } from '../../../shared/extraction/reduce-html';

// The pre-DOM path must change nothing but speed: on every golden page, metadata read from the
// parse5 view equals metadata read from jsdom, and the reduced page builds the body cleanDocument
// leaves on the whole page.
const pagesDir = join(import.meta.dirname, '../../fixtures/pages');
const pages = readdirSync(pagesDir).map((name) => ({
  name,
  url: `https://news.example.com/${name}/`,
  html: decodeText(readFileSync(join(pagesDir, name, 'input.html')), { contentType: null, kind: 'html' }).text,
}));

function domOf(html: string, url: string): Document {
  return new JSDOM(html, { url }).window.document;
}

describe('pre-DOM reduction', () => {
  it.each(pages)('reads the same metadata from parse5 as from jsdom: $name', ({ html, url }) => {
    const parsed = parsePage(html);
    const view = viewParse5Document(parsed);
    expect(view).not.toBeNull();
    expect(readMetadata(view as NonNullable<typeof view>, url)).toEqual(readMetadata(domOf(serializePage(parsed), url), url));
  });

  it.each(pages)('builds the body cleanDocument leaves: $name', ({ html, url }) => {
    const whole = domOf(serializePage(parsePage(html)), url);
    cleanDocument(whole, {});
    const reduced = domOf(reduceParsedPage(parsePage(html)), url);
    expect(reduced.body.innerHTML).toBe(whole.body.innerHTML);
  });

  it('drops comments, scripts, styles, templates and SVG but keeps JSON-LD and noscript markup', () => {
    const html = `<html><head><style>p{}</style><script>alert(1)</script><script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
      <body><!-- note --><template><p>t</p></template><svg><text>icon</text></svg><noscript><p>a &lt;b&gt; c</p></noscript><p>kept</p></body></html>`;
    const out = serializePage(parsePage(html));
    expect(out).not.toMatch(/alert|p\{\}|note|<template|<svg/);
    expect(out).toContain('application/ld+json');
    expect(out).toContain('<noscript><p>a &lt;b&gt; c</p></noscript>');
  });

  it('keeps a junk-named block that holds the article, as cleanDocument does', () => {
    const prose = '<p>Paragraph of article prose, long enough to count as the body of the story here.</p>'.repeat(8);
    const html = `<html><body><nav><a href="/">Home</a></nav><form id="aspnetForm"><article>${prose}</article></form><aside>Related</aside></body></html>`;
    const out = reduceParsedPage(parsePage(html));
    expect(out).not.toContain('<nav>');
    expect(out).not.toContain('<aside>');
    expect(out).toContain('<form id="aspnetForm"><article>');
  });
});
