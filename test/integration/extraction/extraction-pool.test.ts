import { afterAll, describe, expect, it } from 'vitest';
import { buildFeedItem } from '../../../bench/support/build-feed-item';
import { createExtractionPool } from '../../../shared/adapters/extraction-worker/extraction-pool';
import { ArticleSchema } from '../../../shared/article/article';

// Real worker threads: the deadline and the heap limit are the point, so nothing here is mocked.
const URL = 'https://news.example/story';
const PARAGRAPH = '<p>Passengers at 140 stations were unable to buy tickets from machines for most of Monday morning, the operator said.</p>';
const ARTICLE = `<html><body><article><h1>Ticket machines fail</h1>${PARAGRAPH.repeat(4)}</article></body></html>`;
// Past the pre-scan (the guard is lifted for this page), Readability needs minutes for this.
const SPINNING = `${'<div><p>word, word, word</p>'.repeat(2500)}${'</div>'.repeat(2500)}`;
const NO_GUARD = { maxChars: 1e9, maxDepth: 1e9, maxElements: 1e9 };
const bytes = (html: string): Uint8Array => new TextEncoder().encode(html);

describe('extraction pool', () => {
  const pool = createExtractionPool({ size: 1, timeoutMs: 1_500, maxHeapMb: 256 });
  afterAll(() => pool.close());

  it('extracts a page in a worker thread', async () => {
    const article = await pool.extract(bytes(ARTICLE), { url: URL, now: new Date('2024-06-01T00:00:00Z') });
    expect(ArticleSchema.parse(article).status).toBe('extracted');
    expect(article.contentText).toContain('Passengers at 140 stations');
  });

  it('refuses pathological pages with a typed failure', async () => {
    const cases = [
      [`${'<div>'.repeat(6000)}x${'</div>'.repeat(6000)}`, 'HTML_TOO_DEEP'],
      [`<body><p>${'word '.repeat(4_200_000)}</p></body>`, 'HTML_TOO_LARGE'],
      [`<body>${'<span>a</span>'.repeat(100_000)}</body>`, 'HTML_TOO_MANY_ELEMENTS'],
    ] as const;
    for (const [html, code] of cases) {
      const article = await pool.extract(bytes(html), { url: URL });
      expect(article.status).toBe('failed');
      expect(article.extraction.error?.code).toBe(code);
    }
  });

  it('kills a worker that spins past the deadline, answers with EXTRACTION_TIMEOUT, and carries on', async () => {
    const before = pool.stats();
    const spun = await pool.extract(bytes(SPINNING), { url: URL, limits: NO_GUARD });
    expect(spun.status).toBe('failed');
    expect(spun.extraction.error?.code).toBe('EXTRACTION_TIMEOUT');
    const next = await pool.extract(bytes(ARTICLE), { url: URL });
    expect(next.status).toBe('extracted');
    const after = pool.stats();
    expect(after.timeouts).toBe(before.timeouts + 1);
    expect(after.workersStarted).toBe(before.workersStarted + 1);
  });

  it('keeps the feed content when the worker is killed', async () => {
    const item = buildFeedItem({ itemId: 'x', url: URL, title: 'Feed title', contentHtml: '<p>The feed carried this much of the story.</p>' });
    const article = await pool.extract(bytes(SPINNING), { url: URL, limits: NO_GUARD, item });
    expect(article.status).toBe('feed-only');
    expect(article.contentText).toBe('The feed carried this much of the story.');
    expect(article.extraction.error?.code).toBe('EXTRACTION_TIMEOUT');
  });
});

describe('extraction pool limits', () => {
  it('fails a page that exhausts the heap limit alone, with EXTRACTION_OUT_OF_MEMORY', async () => {
    const small = createExtractionPool({ size: 1, timeoutMs: 30_000, maxHeapMb: 48 });
    try {
      const huge = `<html><body>${'<p>Some words here to make a large page, with commas, and more words.</p>'.repeat(150_000)}</body></html>`;
      const article = await small.extract(bytes(huge), { url: URL, limits: NO_GUARD });
      expect(article.extraction.error?.code).toBe('EXTRACTION_OUT_OF_MEMORY');
      expect((await small.extract(bytes(ARTICLE), { url: URL })).status).toBe('extracted');
    } finally {
      await small.close();
    }
  });

  it('refuses work after close with a retryable EXTRACTOR_CLOSED', async () => {
    const closed = createExtractionPool();
    await closed.close();
    await expect(closed.extract(bytes(ARTICLE), { url: URL })).rejects.toMatchObject({ code: 'EXTRACTOR_CLOSED', retryable: true });
  });
});
