import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LAST_MODIFIED, type RouteOverride, type SiteServer, serveSite } from '../../../demo/serve-site';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../../../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../../../shared/adapters/dynamodb/ensure-tables';
import { DynamoFeedStore } from '../../../shared/adapters/dynamodb/feed-store';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import type { ExtractArticleJob } from '../../../shared/ingestion/jobs';
import type { ArticleJobQueue } from '../../../shared/ingestion/ports';
import { type RefreshFeedDeps, refreshFeed } from '../../../shared/ingestion/refresh-feed';
import { DEFAULT_INGESTION_SETTINGS, type IngestionSettings } from '../../../shared/ingestion/settings';
import { feedIdOf, newSubscription } from '../../../shared/ingestion/subscribe-feeds';

const FIXTURE_SITE = resolve(__dirname, '../../fixtures/feeds/refresh/site');
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** A copy of the fixture site served on loopback; `restart` swaps its routes, keeping the port. */
class Site {
  server!: SiteServer;
  private constructor(readonly root: string) {}

  static async start(routes: Record<string, RouteOverride> = {}): Promise<Site> {
    const site = new Site(await mkdtemp(join(tmpdir(), 'refresh-feed-')));
    await cp(FIXTURE_SITE, site.root, { recursive: true });
    await writeFile(join(site.root, '_routes.json'), JSON.stringify(routes));
    site.server = await serveSite({ root: site.root });
    return site;
  }

  get origin(): string {
    return this.server.origin;
  }

  async restart(routes: Record<string, RouteOverride>): Promise<void> {
    const port = Number(new URL(this.origin).port);
    await this.server.close();
    await writeFile(join(this.root, '_routes.json'), JSON.stringify(routes));
    this.server = await serveSite({ root: this.root, port });
  }

  async editFeed(edit: (xml: string) => string): Promise<void> {
    const path = join(this.root, 'feed.xml');
    await writeFile(path, edit(await readFile(path, 'utf8')));
  }

  async close(): Promise<void> {
    await this.server.close();
    await rm(this.root, { recursive: true, force: true });
  }
}

class RecordingQueue implements ArticleJobQueue {
  jobs: ExtractArticleJob[] = [];
  async send(jobs: readonly ExtractArticleJob[]): Promise<void> {
    this.jobs.push(...jobs);
  }
}

describe('refreshFeed against dynalite and a loopback site', () => {
  let dynamo: EmbeddedDynamo;
  let feeds: DynamoFeedStore;
  let site: Site | undefined;
  let now: Date;
  let queue: RecordingQueue;
  // The client's Retry-After cooldown follows the test's clock, as refreshFeed's schedule does.
  const http = createGuardedHttpClient({
    userAgent: 'Feedloom-test/1 (+https://example.invalid/contact)',
    allowPrivateNetwork: true,
    now: () => now.getTime(),
  });

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo(null);
    const { client, documents } = createDynamoClients({ endpoint: dynamo.endpoint, maxAttempts: 1 });
    const names = { articles: 'refresh-articles', feeds: 'refresh-feeds' };
    await ensureTables(client, names);
    feeds = new DynamoFeedStore({ client: documents, tableName: names.feeds });
  });

  afterAll(async () => {
    await dynamo.close();
  });

  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  const deps = (settings: Partial<IngestionSettings> = {}): RefreshFeedDeps => ({
    feeds,
    http,
    articleJobs: queue,
    clock: { now: () => now },
    settings: { ...DEFAULT_INGESTION_SETTINGS, ...settings },
    random: () => 0.5,
  });

  async function subscribe(url: string): Promise<string> {
    now = new Date('2024-05-01T10:00:00Z');
    queue = new RecordingQueue();
    const feed = newSubscription({ url, title: null, categories: [] }, now);
    await feeds.remove(feed.feedId);
    await feeds.put(feed);
    return feed.feedId;
  }

  const job = (feedId: string) => ({ kind: 'fetch-feed' as const, version: 1 as const, feedId, url: '', window: 'test' });

  it('queues every entry once, then a 304 queues nothing and keeps the validators fresh (RFC 9111 section 4.3.4)', async () => {
    site = await Site.start();
    const feedId = await subscribe(`${site.origin}/feed.xml`);

    const first = await refreshFeed(job(feedId), deps());
    expect(first).toMatchObject({ outcome: 'updated', newItems: 2, changedItems: 0 });
    // The job carries the entry's link as the feed wrote it; the Article's url is cleaned later.
    expect(queue.jobs.map((j) => j.item.url)).toEqual([`${site.origin}/news/iran-china.html?utm_source=rss`, `${site.origin}/news/second.html`]);
    const stored = await feeds.get(feedId);
    expect(stored?.etag).toMatch(/^".+"$/);
    expect(stored?.lastModified).toBe(DEFAULT_LAST_MODIFIED);
    // <ttl>60</ttl> asks for an hour between fetches; the jitter source is pinned to its midpoint (no spread).
    expect(stored?.nextFetchAt).toBe(new Date(now.getTime() + HOUR).toISOString());

    // The server now reports a later Last-Modified for the same representation (same ETag).
    const laterModified = 'Thu, 28 Apr 2022 12:00:00 GMT';
    await site.restart({ '/feed.xml': { headers: { 'last-modified': laterModified } } });
    now = new Date(now.getTime() + 2 * HOUR);
    const second = await refreshFeed(job(feedId), deps());
    expect(second).toMatchObject({ outcome: 'not-modified', newItems: 0 });
    expect(site.server.requests.at(-1)).toMatchObject({ status: 304 });
    expect(site.server.requests.at(-1)?.headers['if-none-match']).toBe(stored?.etag);
    expect(site.server.requests.at(-1)?.headers['if-modified-since']).toBe(DEFAULT_LAST_MODIFIED);
    expect(site.server.requests.at(-1)?.headers['user-agent']).toContain('Feedloom');
    const afterNotModified = await feeds.get(feedId);
    expect(afterNotModified?.lastModified).toBe(laterModified);
    expect(afterNotModified?.etag).toBe(stored?.etag);
    expect(queue.jobs).toHaveLength(2);
  });

  it('re-queues an entry whose title the publisher edited, and only that one', async () => {
    site = await Site.start();
    const feedId = await subscribe(`${site.origin}/feed.xml`);
    await refreshFeed(job(feedId), deps());
    await site.editFeed((xml) => xml.replace('<title>Second story</title>', '<title>Second story (updated)</title>'));
    now = new Date(now.getTime() + 2 * HOUR);

    const result = await refreshFeed(job(feedId), deps());

    expect(result).toMatchObject({ outcome: 'updated', newItems: 0, changedItems: 1 });
    expect(queue.jobs).toHaveLength(3);
    expect(queue.jobs.at(-1)?.item).toMatchObject({ title: 'Second story (updated)', guid: 'loopback-2' });
    expect(queue.jobs.at(-1)?.item.itemId).toBe(queue.jobs[1]?.item.itemId);
  });

  it('a document with more new entries than one fetch queues: the rest come with the next fetches (no 304 before), each once, newest first', async () => {
    site = await Site.start();
    // Seven entries, an hour apart, newest first: more than the three one fetch may queue.
    const items = Array.from(
      { length: 7 },
      (_, n) =>
        `<item><title>Story ${n}</title><link>{{origin}}/news/story-${n}.html</link><guid isPermaLink="false">backlog-${n}</guid>` +
        `<pubDate>${new Date(Date.UTC(2022, 3, 27, 9 - n)).toUTCString()}</pubDate></item>`,
    );
    await site.editFeed((xml) => xml.replace(/<item>[\s\S]*<\/item>/, items.join('\n')));
    const feedId = await subscribe(`${site.origin}/feed.xml`);
    const settings = { maxItemsPerFetch: 3 };

    const counts: number[] = [];
    for (let fetch = 0; fetch < 5; fetch++) {
      const result = await refreshFeed(job(feedId), deps(settings));
      counts.push(result.newItems);
      const stored = await feeds.get(feedId);
      // Entries left over: no validators, so the next fetch reads the document whole; the schedule is the feed's own (<ttl>60</ttl>).
      if (fetch < 2) expect(stored).toMatchObject({ etag: null, lastModified: null, nextFetchAt: new Date(now.getTime() + HOUR).toISOString() });
      now = new Date(stored?.nextFetchAt ?? '');
    }
    // 3 + 3 + 1, then 304s: the validators are kept once nothing is left for a later fetch.
    expect(counts).toEqual([3, 3, 1, 0, 0]);
    expect(queue.jobs.map((j) => j.item.guid)).toEqual(Array.from({ length: 7 }, (_, n) => `backlog-${n}`));
    expect(site.server.requests.at(-1)).toMatchObject({ status: 304 });
  });

  it('honours Retry-After on 429 and 503 in the schedule', async () => {
    site = await Site.start({ '/feed.xml': { status: 429, headers: { 'retry-after': '7200' } } });
    const feedId = await subscribe(`${site.origin}/feed.xml`);

    const throttled = await refreshFeed(job(feedId), deps());
    expect(throttled).toMatchObject({ outcome: 'failed', error: { code: 'HTTP_STATUS' } });
    let stored = await feeds.get(feedId);
    expect(stored).toMatchObject({ status: 'active', errorCount: 1, lastHttpStatus: 429 });
    expect(stored?.nextFetchAt).toBe(new Date(now.getTime() + 2 * HOUR).toISOString());

    // The next fetch happens when the schedule says (before it, the client itself holds requests back).
    now = new Date(stored?.nextFetchAt ?? '');
    const when = new Date(now.getTime() + 3 * HOUR);
    await site.restart({ '/feed.xml': { status: 503, headers: { 'retry-after': when.toUTCString() } } });
    const unavailable = await refreshFeed(job(feedId), deps());
    expect(unavailable.outcome).toBe('failed');
    stored = await feeds.get(feedId);
    expect(stored).toMatchObject({ errorCount: 2, lastHttpStatus: 503 });
    expect(stored?.nextFetchAt).toBe(when.toISOString());
  });

  it('waits out a short Retry-After on the queue (RetryLaterError with its delay), and records it on the last delivery', async () => {
    site = await Site.start({ '/feed.xml': { status: 429, headers: { 'retry-after': '3' } } });
    const feedId = await subscribe(`${site.origin}/feed.xml`);
    const before = await feeds.get(feedId);
    const waited = await refreshFeed(job(feedId), deps()).catch((error: unknown) => error);
    expect(waited).toMatchObject({ code: 'HTTP_STATUS', retryable: true, delayMs: 3_000 });
    // Nothing recorded: the feed keeps its state and schedule, the queue brings the job back in 3 s.
    expect(await feeds.get(feedId)).toEqual(before);

    now = new Date(now.getTime() + 3_000);
    const recorded = await refreshFeed(job(feedId), deps(), { finalAttempt: true });
    expect(recorded).toMatchObject({ outcome: 'failed', error: { code: 'HTTP_STATUS' } });
    const stored = await feeds.get(feedId);
    expect(stored).toMatchObject({ errorCount: 1, lastHttpStatus: 429 });
    // Recorded, the failure backoff applies (Retry-After is a floor, never a way to fetch sooner).
    expect(stored?.nextFetchAt).toBe(new Date(now.getTime() + 5 * 60_000).toISOString());
  });

  it('backs off exponentially while failing and marks the feed dead after deadAfterDays', async () => {
    site = await Site.start({ '/feed.xml': { status: 500 } });
    const feedId = await subscribe(`${site.origin}/feed.xml`);
    const settings = { deadAfterDays: 3 };
    const start = now.getTime();
    const intervals: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      await refreshFeed(job(feedId), deps(settings));
      const stored = await feeds.get(feedId);
      intervals.push(Date.parse(stored?.nextFetchAt ?? '') - now.getTime());
      now = new Date(stored?.nextFetchAt ?? '');
    }
    // 5 min, then doubling per consecutive failure (no spread).
    expect(intervals).toEqual([5, 10, 20, 40].map((minutes) => minutes * 60_000));
    expect((await feeds.get(feedId))?.status).toBe('active');

    now = new Date(start + 3 * DAY);
    const last = await refreshFeed(job(feedId), deps(settings));
    expect(last.outcome).toBe('failed');
    const dead = await feeds.get(feedId);
    expect(dead).toMatchObject({ status: 'dead', failingSince: new Date(start).toISOString() });
    expect((await feeds.listDue(new Date(start + 365 * DAY), 100)).feeds.map((f) => f.feedId)).not.toContain(feedId);
    const skipped = await refreshFeed(job(feedId), deps(settings));
    expect(skipped.outcome).toBe('skipped');
  });

  it('adopts a permanent redirect only once it has been seen on consecutive fetches; a temporary one never', async () => {
    site = await Site.start({
      '/old.xml': { status: 301, headers: { location: '{{origin}}/feed.xml' } },
      '/temporary.xml': { status: 302, headers: { location: '{{origin}}/feed.xml' } },
    });
    const oldUrl = `${site.origin}/old.xml`;
    const feedId = await subscribe(oldUrl);
    const urls: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await refreshFeed(job(feedId), deps({ redirectAdoptAfter: 3 }));
      urls.push((await feeds.get(feedId))?.url ?? '');
      now = new Date(now.getTime() + 2 * HOUR);
    }
    expect(urls).toEqual([oldUrl, oldUrl, `${site.origin}/feed.xml`]);
    // The identity of the subscription does not move with its URL.
    expect(feedIdOf(oldUrl)).toBe(feedId);

    const temporaryId = await subscribe(`${site.origin}/temporary.xml`);
    for (let attempt = 0; attempt < 4; attempt++) await refreshFeed(job(temporaryId), deps({ redirectAdoptAfter: 3 }));
    expect((await feeds.get(temporaryId))?.url).toBe(`${site.origin}/temporary.xml`);
  });

  it('marks a feed dead on 410 Gone only after repeated refusals over deadAfterTerminalDays, never at once', async () => {
    site = await Site.start({ '/feed.xml': { status: 410 } });
    const feedId = await subscribe(`${site.origin}/feed.xml`);
    const start = now.getTime();
    const statuses: string[] = [];
    for (const day of [0, 1, 2, 3]) {
      now = new Date(start + day * DAY);
      const result = await refreshFeed(job(feedId), deps());
      expect(result).toMatchObject({ outcome: 'failed', error: { code: 'HTTP_STATUS' } });
      statuses.push((await feeds.get(feedId))?.status ?? '');
    }
    expect(statuses).toEqual(['active', 'active', 'active', 'dead']);
    expect(await feeds.get(feedId)).toMatchObject({ status: 'dead', lastHttpStatus: 410, errorCount: 4 });
  });

  it('waits out a short host cooldown (a retry that is not a failure) and reschedules the feed behind a long one', async () => {
    site = await Site.start({ '/busy-page.html': { status: 503, headers: { 'retry-after': '30' } } });
    const feedId = await subscribe(`${site.origin}/feed.xml`);
    // Another request to the host was told to wait 30 s: the feed's request is held back, not sent.
    await http.get({ url: `${site.origin}/busy-page.html` });
    const waited = await refreshFeed(job(feedId), deps()).catch((error: unknown) => error);
    expect(waited).toMatchObject({ code: 'HOST_COOLDOWN', retryable: true, delayMs: 30_000 });
    expect(await feeds.get(feedId)).toMatchObject({ errorCount: 0, lastError: null });

    await site.restart({ '/busy-page.html': { status: 429, headers: { 'retry-after': '7200' } } });
    now = new Date(now.getTime() + 60_000);
    await http.get({ url: `${site.origin}/busy-page.html` });
    const rescheduled = await refreshFeed(job(feedId), deps());
    expect(rescheduled).toMatchObject({ outcome: 'failed', error: { code: 'HOST_COOLDOWN' }, dead: false });
    // The client caps a cooldown at an hour (GUARDED_HTTP_DEFAULTS.maxCooldownMs): the feed is due when it ends.
    expect((await feeds.get(feedId))?.nextFetchAt).toBe(new Date(now.getTime() + HOUR).toISOString());
  });

  it('never marks a feed dead on one refusal of its address (a run without --allow-private-network)', async () => {
    site = await Site.start({ '/feed.xml': { status: 200 } });
    const feedId = await subscribe(`${site.origin}/feed.xml`);
    const refusing = createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: false });
    const result = await refreshFeed(job(feedId), { ...deps(), http: refusing });
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'SSRF_BLOCKED' }, dead: false });
    expect(await feeds.get(feedId)).toMatchObject({ status: 'active', lastError: { code: 'SSRF_BLOCKED' } });
  });

  it('records a body that is not a feed as a typed parse failure and backs off', async () => {
    site = await Site.start({ '/feed.xml': { body: '<!doctype html><html><body>Not here</body></html>', headers: { 'content-type': 'text/html' } } });
    const feedId = await subscribe(`${site.origin}/feed.xml`);
    const result = await refreshFeed(job(feedId), deps());
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'UNSUPPORTED_CONTENT' } });
    expect(await feeds.get(feedId)).toMatchObject({ status: 'active', errorCount: 1, lastError: { code: 'UNSUPPORTED_CONTENT' } });
  });
});
