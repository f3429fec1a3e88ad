import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeedItem } from '../../../bench/support/build-feed-item';
import { type SiteServer, serveSite } from '../../../demo/serve-site';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { extractArticle } from '../../../shared/extraction/extract-article';
import type { FeedItem } from '../../../shared/feed/feed';
import { extractAndStoreArticle } from '../../../shared/ingestion/extract-and-store-article';
import type { ExtractArticleJob } from '../../../shared/ingestion/jobs';
import { RetryLaterError } from '../../../shared/ingestion/retry-later-error';
import { DEFAULT_INGESTION_SETTINGS } from '../../../shared/ingestion/settings';
import { startTestStores } from '../../support/local-stores';

const body = (words: string): string =>
  `<html><head><title>Story</title><meta property="og:title" content="A story"></head><body><article><h1>A story</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>${words} paragraph ${i} with enough words to make a real article body for the extractor to keep.</p>`,
  ).join('')}</article></body></html>`;

function item(path: string, origin: string, overrides: Partial<FeedItem> = {}): FeedItem {
  return buildFeedItem({
    itemId: `item-${path}`,
    url: `${origin}${path}`,
    title: 'Feed title',
    summary: 'The feed summary of this story, kept when the page cannot be used.',
    publishedAt: '2024-05-01T10:00:00.000Z',
    publishedRaw: '2024-05-01T10:00:00Z',
    ...overrides,
  });
}

describe('extractAndStoreArticle against a loopback site and dynalite', () => {
  let site: SiteServer;
  let root: string;
  let stores: Awaited<ReturnType<typeof startTestStores>>;
  let now = new Date('2024-05-02T00:00:00Z');
  const deps = () => ({
    http: createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true }),
    articles: stores.articles,
    clock: { now: () => now },
    settings: DEFAULT_INGESTION_SETTINGS,
    extract: extractArticle,
  });
  const job = (feedItem: FeedItem): ExtractArticleJob => ({
    kind: 'extract-article',
    version: 1,
    feedId: 'f1',
    feedUrl: `${site.origin}/feed.xml`,
    item: feedItem,
    discoveredAt: now.toISOString(),
  });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'extract-store-'));
    await writeFile(join(root, 'story.html'), body('First version'));
    await writeFile(
      join(root, '_routes.json'),
      JSON.stringify({ '/busy.html': { status: 503, headers: { 'retry-after': '120' } }, '/gone.html': { status: 410 } }),
    );
    site = await serveSite({ root });
    stores = await startTestStores();
  });
  afterAll(async () => {
    await site.close();
    await stores.close();
    await rm(root, { recursive: true, force: true });
  });

  it('creates the article once; a redelivered job writes nothing', async () => {
    const first = await extractAndStoreArticle(job(item('/story.html', site.origin)), deps(), { finalAttempt: false });
    expect(first).toMatchObject({ status: 'extracted', write: 'created', revision: 1 });
    const again = await extractAndStoreArticle(job(item('/story.html', site.origin)), deps(), { finalAttempt: false });
    expect(again).toMatchObject({ articleId: first.articleId, write: 'unchanged', revision: 1 });
  });

  it('stores a changed page as revision 2 of the same article', async () => {
    await writeFile(join(root, 'story.html'), body('Second version'));
    now = new Date('2024-05-03T00:00:00Z');
    const changed = await extractAndStoreArticle(job(item('/story.html', site.origin, { title: 'Edited title' })), deps(), { finalAttempt: false });
    expect(changed).toMatchObject({ write: 'updated', revision: 2 });
    const stored = await stores.articles.get(changed.articleId);
    expect(stored?.contentText).toContain('Second version');
    expect(stored?.feedId).toBe('f1');
  });

  it('asks for a retry on 503 with the Retry-After delay, then keeps a feed-only article on the final attempt', async () => {
    const busy = job(item('/busy.html', site.origin));
    const error = await extractAndStoreArticle(busy, deps(), { finalAttempt: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).delayMs).toBe(120_000);
    const final = await extractAndStoreArticle(busy, deps(), { finalAttempt: true });
    expect(final).toMatchObject({ status: 'feed-only', write: 'created' });
    const stored = await stores.articles.get(final.articleId);
    expect(stored?.extraction).toMatchObject({ httpStatus: 503, error: { code: 'HTTP_STATUS' }, method: 'feed' });
    expect(stored?.contentText).toBe('The feed summary of this story, kept when the page cannot be used.');
  });

  it('keeps a page that is gone (410) at once, without retrying', async () => {
    const gone = await extractAndStoreArticle(job(item('/gone.html', site.origin)), deps(), { finalAttempt: false });
    expect(gone).toMatchObject({ status: 'feed-only' });
    expect((await stores.articles.get(gone.articleId))?.extraction.httpStatus).toBe(410);
  });

  it('keeps an entry whose link is refused by the URL policy, with the reason', async () => {
    const blocked = await extractAndStoreArticle(
      job(item('/x', site.origin, { url: 'http://169.254.169.254/latest/meta-data/' })),
      { ...deps(), http: createGuardedHttpClient({ userAgent: 'test' }) },
      { finalAttempt: false },
    );
    const stored = await stores.articles.get(blocked.articleId);
    expect(stored).toMatchObject({ status: 'feed-only', extraction: { httpStatus: null, error: { code: 'SSRF_BLOCKED' } } });
  });

  it('keeps an entry without a link as a feed-only article', async () => {
    const noLink = await extractAndStoreArticle(job(item('/none', site.origin, { url: null, itemId: 'no-link' })), deps(), { finalAttempt: false });
    expect(noLink).toMatchObject({ status: 'feed-only', write: 'created' });
    expect((await stores.articles.get(noLink.articleId))?.extraction.error?.code).toBe('NO_URL');
  });

  // A full-content feed carries the page's own text, so the feed-only fallback and the later
  // extraction can have the same contentHash: the extraction must still replace the fallback
  // (found by hand: a page retried after a 503 kept its feed-only record and the stale error for good).
  it('replaces a feed-only fallback with the extraction when the feed carried the same text', async () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) => `<p>Full text paragraph ${i}, carried whole by the feed and by the page alike, long enough to keep.</p>`,
    ).join('');
    const fullFeedItem = item('/full-feed.html', site.origin, { contentHtml: paragraphs });
    const fallback = await extractAndStoreArticle(job(fullFeedItem), deps(), { finalAttempt: true });
    expect(fallback).toMatchObject({ status: 'feed-only', write: 'created', revision: 1 });
    const feedOnly = await stores.articles.get(fallback.articleId);

    await writeFile(
      join(root, 'full-feed.html'),
      `<html><head><title>Story</title></head><body><article><h1>A story</h1>${paragraphs}</article></body></html>`,
    );
    const extracted = await extractAndStoreArticle(job(fullFeedItem), deps(), { finalAttempt: false });
    const stored = await stores.articles.get(extracted.articleId);
    expect(extracted.articleId).toBe(fallback.articleId);
    expect(stored?.contentHash).toBe(feedOnly?.contentHash); // the premise: same text both ways
    expect(extracted).toMatchObject({ status: 'extracted', write: 'updated', revision: 2 });
    expect(stored).toMatchObject({ status: 'extracted', revision: 2, extraction: { error: null, httpStatus: 200 } });

    const again = await extractAndStoreArticle(job(fullFeedItem), deps(), { finalAttempt: false });
    expect(again).toMatchObject({ write: 'unchanged', revision: 2 });
  });

  it('never replaces a good extraction with a failed re-fetch', async () => {
    await rm(join(root, 'story.html'));
    const failed = await extractAndStoreArticle(job(item('/story.html', site.origin, { title: 'Edited again' })), deps(), { finalAttempt: true });
    expect(failed).toMatchObject({ status: 'feed-only', write: 'unchanged', revision: 2 });
    expect((await stores.articles.get(failed.articleId))?.status).toBe('extracted');
  });
});
