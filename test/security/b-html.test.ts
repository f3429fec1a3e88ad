import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildExtractArticleJob } from '../../bench/support/build-extract-article-job';
import { buildFeedItem } from '../../bench/support/build-feed-item';
import type { ExtractArticleRuntime } from '../../functions/runtime/dependencies';
import { createExtractionPool, type ExtractionPool } from '../../shared/adapters/extraction-worker/extraction-pool';
import { articleFromFeedItem, extractArticle } from '../../shared/extraction/extract-article';
import { sanitizeHtml } from '../../shared/extraction/sanitize-html';
import { parseFeed } from '../../shared/feed/parse-feed';
import type { ExtractPage } from '../../shared/ingestion/extract-and-store-article';
import { ALIAS, guardedTestClient } from './support/guarded-test-client';
import { FIXTURES, fixture, type HostileServer, startHostileServer } from './support/hostile-server';
import { type LogLine, type Pipeline, startPipeline } from './support/pipeline';
import { articleQueue } from './support/work-queues';
import { executableVectors, type VectorPolicy } from './support/xss-check';

const MiB = 1024 * 1024;
const PARAGRAPH = '<p>The council approved the harbour plan on Thursday after a debate that lasted most of the afternoon and ended in a narrow vote.</p>';
const nested = (depth: number): string =>
  `<!doctype html><html><body><article>${'<div>'.repeat(depth)}${PARAGRAPH.repeat(5)}${'</div>'.repeat(depth)}</article></body></html>`;
/** Limits that let any page through the pre-scan: the guard bypassed, so the worker's deadline is what holds. */
const NO_LIMITS = { maxChars: 1e12, maxDepth: 1e9, maxElements: 1e9 };

let H: HostileServer;
let pipeline: Pipeline;
beforeAll(async () => {
  H = await startHostileServer({});
  pipeline = await startPipeline();
});
afterAll(async () => {
  await pipeline.close();
  await H.close();
});
beforeEach(() => H.reset());

const job = (url: string, itemId: string, contentHtml: string | null = null) =>
  JSON.stringify(
    buildExtractArticleJob({
      feedId: 'feed-html',
      feedUrl: `${H.origin(ALIAS)}/feed.xml`,
      item: {
        itemId,
        guid: itemId,
        url,
        title: `Entry ${itemId}`,
        summary: 'The entry summary from the feed.',
        contentHtml,
      },
    }),
  );

/** The extract function as composed for Lambda (its worker pool included), optionally with another page extractor. */
async function runExtract(jobs: string[], options: { extract?: ExtractPage; functionTimeoutMs?: number } = {}) {
  const runtime: ExtractArticleRuntime & { logs: LogLine[] } = pipeline.extractRuntime({ http: guardedTestClient() });
  if (options.extract) runtime.extract.extract = options.extract;
  const q = articleQueue(pipeline, () => runtime, { functionTimeoutMs: options.functionTimeoutMs ?? 60_000 });
  for (const body of jobs) q.send(body);
  await q.drain();
  return { q, runtime };
}

describe('#28 deeply nested HTML article', () => {
  it('#28 2,000 and 5,000 nested <div>: the pre-scan rejects them (HTML_TOO_DEEP) in the extract function, terminal, the feed content kept', async () => {
    H.routes['/deep-2000.html'] = { headers: { 'content-type': 'text/html' }, body: nested(2_000) };
    H.routes['/deep-5000.html'] = { headers: { 'content-type': 'text/html' }, body: nested(5_000) };
    const { q } = await runExtract([job(`${H.origin(ALIAS)}/deep-2000.html`, 'd2000'), job(`${H.origin(ALIAS)}/deep-5000.html`, 'd5000')]);
    expect(q.invocations.map((i) => [i.outcome, i.failures])).toEqual([['returned', []]]);
    for (const depth of [2_000, 5_000]) {
      const article = await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/deep-${depth}.html`);
      expect(article).toMatchObject({ status: 'feed-only', contentText: 'The entry summary from the feed.', extraction: { error: { code: 'HTML_TOO_DEEP' } } });
    }
  });

  it('#28 with the pre-scan bypassed, the worker watchdog kills the page at its deadline and the invocation returns in time', async () => {
    H.routes['/deep-2000-bypass.html'] = { headers: { 'content-type': 'text/html' }, body: nested(2_000) };
    const pool = createExtractionPool({ size: 1, timeoutMs: 2_000 });
    try {
      const bypass: ExtractPage = (input, options) => pool.extract(input, { ...options, limits: NO_LIMITS });
      const { q } = await runExtract([job(`${H.origin(ALIAS)}/deep-2000-bypass.html`, 'd2000-bypass')], { extract: bypass, functionTimeoutMs: 60_000 });
      expect(q.invocations.map((i) => [i.outcome, i.failures])).toEqual([['returned', []]]);
      expect(pool.stats().timeouts).toBe(1);
      const article = await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/deep-2000-bypass.html`);
      expect(article).toMatchObject({ status: 'feed-only', extraction: { error: { code: 'EXTRACTION_TIMEOUT' } } });
    } finally {
      await pool.close();
    }
  });

  it('#28 a 5,000-deep page without the pre-scan still ends typed (no RangeError escapes)', async () => {
    const article = await extractArticle(nested(5_000), { url: 'https://news.example/deep', limits: NO_LIMITS, now: new Date('2026-01-15T10:00:00Z') });
    expect(article.status).not.toBe('extracted');
    expect(article.extraction.error?.code).toBe('HTML_TOO_DEEP');
  });
});

describe('#29 huge flat HTML', () => {
  it('#29 an 11 MB page of 20,000 paragraphs stops at the page byte cap (BODY_TOO_LARGE) before any DOM', async () => {
    const page = `<!doctype html><html><body><article>${'<p>'.concat('word '.repeat(110), '</p>').repeat(20_000)}</article></body></html>`;
    expect(page.length).toBeGreaterThan(10 * MiB);
    H.routes['/flat-11mb.html'] = { headers: { 'content-type': 'text/html' }, body: page };
    const { q } = await runExtract([job(`${H.origin(ALIAS)}/flat-11mb.html`, 'flat11')]);
    expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
    expect(await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/flat-11mb.html`)).toMatchObject({ extraction: { error: { code: 'BODY_TOO_LARGE' } } });
  });

  it('#29 under the byte cap, 40,000 elements fail the element pre-check (HTML_TOO_MANY_ELEMENTS)', async () => {
    const page = `<!doctype html><html><body><article>${'<p>w</p>'.repeat(40_000)}</article></body></html>`;
    expect(page.length).toBeLessThan(5 * MiB);
    H.routes['/flat-40k.html'] = { headers: { 'content-type': 'text/html' }, body: page };
    await runExtract([job(`${H.origin(ALIAS)}/flat-40k.html`, 'flat40k')]);
    expect(await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/flat-40k.html`)).toMatchObject({ extraction: { error: { code: 'HTML_TOO_MANY_ELEMENTS' } } });
  });

  it("#29 with the checks bypassed, the worker's heap limit holds: the page fails alone, the invocation goes on", async () => {
    const page = `<!doctype html><html><body><article>${PARAGRAPH.repeat(30_000)}</article></body></html>`;
    H.routes['/flat-heap.html'] = { headers: { 'content-type': 'text/html' }, body: page };
    H.routes['/small.html'] = { headers: { 'content-type': 'text/html' }, body: nested(3) };
    const pool: ExtractionPool = createExtractionPool({ size: 1, timeoutMs: 30_000, maxHeapMb: 64 });
    try {
      const bypass: ExtractPage = (input, options) => pool.extract(input, { ...options, limits: NO_LIMITS });
      const { q } = await runExtract([job(`${H.origin(ALIAS)}/flat-heap.html`, 'heap'), job(`${H.origin(ALIAS)}/small.html`, 'small')], { extract: bypass });
      expect(q.invocations.map((i) => [i.outcome, i.failures])).toEqual([['returned', []]]);
      expect(pool.stats().crashes).toBe(1);
      expect(await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/flat-heap.html`)).toMatchObject({
        extraction: { error: { code: 'EXTRACTION_OUT_OF_MEMORY' } },
      });
      expect(await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/small.html`)).toMatchObject({ status: 'extracted' });
    } finally {
      await pool.close();
    }
  });
});

describe('#30 active content in the page', () => {
  it('#30 scripts, handlers, frames, stylesheets, refresh: nothing runs, nothing is fetched, the article is still extracted', async () => {
    H.routes['/active.html'] = { file: 'b30-active-content/article.html', headers: { 'content-type': 'text/html' } };
    const want = JSON.parse(fixture('b30-active-content/expected.json').toString('utf8'));
    // Through the extract function (its worker thread) ...
    await runExtract([job(`${H.origin(ALIAS)}/active.html`, 'active')]);
    const article = await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/active.html`);
    expect(article?.status).toBe(want.status);
    for (const text of want.textIncludes) expect(article?.contentText).toContain(text);
    expect(executableVectors(article?.contentHtml ?? '')).toEqual([]);
    // ... and in this thread, where a script that ran would have set a global.
    const inProcess = await extractArticle(fixture('b30-active-content/article.html').toString('utf8').replaceAll('{{internal}}', H.origin('127.0.0.1')), {
      url: `${H.origin(ALIAS)}/active.html`,
      now: new Date('2026-01-15T10:00:00Z'),
    });
    expect(inProcess.status).toBe(want.status);
    expect((globalThis as { __feedloomPwned?: unknown }).__feedloomPwned).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(H.accepted['127.0.0.1']).toBe(want.requestsToInternal);
    expect(H.requests.map((r) => r.path)).toEqual(['/active.html']);
  });
});

describe('#31 stored-HTML XSS corpus', () => {
  const cases = JSON.parse(fixture('b31-xss/cases.json').toString('utf8')) as { name: string; html: string; keepText?: string }[];
  const base = 'https://news.example/2026/01/article.html';
  const feedItem = (contentHtml: string) => buildFeedItem({ itemId: 'x', url: base, title: 'Entry', contentHtml });
  const now = new Date('2026-01-15T10:00:00Z');

  it(`#31 the table (${cases.length} rows): no executable vector after sanitising, sanitising twice changes nothing, wanted text kept`, () => {
    for (const { name, html, keepText } of cases) {
      const once = sanitizeHtml(html, { baseUrl: base });
      expect(executableVectors(once), name).toEqual([]);
      expect(sanitizeHtml(once, { baseUrl: base }), name).toBe(once);
      if (keepText) expect(JSDOM.fragment(once).textContent, name).toContain(keepText);
    }
  });

  it('#31 the same rows as a feed entry body and inside an extracted page: stored HTML has no executable vector', async () => {
    for (const { name, html } of cases) {
      const fromFeed = articleFromFeedItem({ url: base, item: feedItem(html), now, httpStatus: null, error: { code: 'TEST', message: 'feed only' } });
      expect(executableVectors(fromFeed.contentHtml ?? ''), `feed: ${name}`).toEqual([]);
      const page = `<!doctype html><html><head><title>t</title></head><body><article><h1>Harbour plan approved</h1>${PARAGRAPH}${html}${PARAGRAPH.repeat(3)}</article></body></html>`;
      const fromPage = await extractArticle(page, { url: base, now });
      expect(executableVectors(fromPage.contentHtml ?? ''), `page: ${name}`).toEqual([]);
      if (fromPage.contentHtml) expect(sanitizeHtml(fromPage.contentHtml, { baseUrl: base }), `page: ${name}`).toBe(fromPage.contentHtml);
    }
  });

  it('#31 relative URLs become absolute, links get rel, only allowlisted players keep their iframe (sandboxed)', () => {
    const out = sanitizeHtml(
      '<a href="/about" target="_blank">a</a><iframe src="https://www.youtube.com/embed/abc"></iframe><iframe src="https://evil.example/x"></iframe>',
      {
        baseUrl: base,
      },
    );
    expect(out).toContain('href="https://news.example/about"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
    expect(out).not.toContain('target=');
    expect(out).toContain('src="https://www.youtube.com/embed/abc"');
    expect(out).toContain('sandbox=');
    expect(out).not.toContain('evil.example');
  });

  const corpus = join(FIXTURES, 'b31-xss/feedparser');
  const files = readdirSync(corpus).filter((file) => file.endsWith('.xml'));
  it(`#31 feedparser's ${files.length} sanitize inputs, through parseFeed and into stored HTML: no executable vector, idempotent`, async () => {
    const lax: VectorPolicy = {
      schemes: ['http:', 'https:', 'mailto:', 'ftp:', 'ftps:', 'tel:', 'news:', 'nntp:', 'magnet:', 'xmpp:', 'sip:', 'feed:', 'irc:', 'ircs:'],
      requireLinkRel: false,
      iframeHosts: [],
    };
    let entries = 0;
    for (const file of files) {
      const feed = await parseFeed(fixture(`b31-xss/feedparser/${file}`), { url: base }).catch(() => null);
      for (const item of feed?.items ?? []) {
        entries++;
        // The feed engine's own HTML (the library's ParsedFeed) ...
        if (item.contentHtml) expect(executableVectors(item.contentHtml, lax), `${file} (parsed)`).toEqual([]);
        // ... and what is stored from it.
        const stored = articleFromFeedItem({ url: base, item: { ...item, url: base }, now, httpStatus: null, error: { code: 'TEST', message: 'feed only' } });
        const html = stored.contentHtml ?? '';
        expect(executableVectors(html), file).toEqual([]);
        expect(sanitizeHtml(html, { baseUrl: base }), file).toBe(html);
        expect(stored.title, file).not.toMatch(/<\s*(script|iframe|object|embed|applet|style|meta|link)\b/i);
      }
    }
    expect(entries).toBeGreaterThan(200);
  });
});
