import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/cli-io';
import { deadLettersCommand } from '../../../cli/commands/dead-letters-command';
import { DEFAULT_PIPELINE_OPTIONS, runPipelineCycle } from '../../../cli/local-runtime/local-pipeline';
import { DynamoDeadLetters, DynamoQueueJournal } from '../../../shared/adapters/dynamodb/queue-journal';
import { DynamoRetryLedger } from '../../../shared/adapters/dynamodb/retry-ledger';
import { DynamoRobotsCache } from '../../../shared/adapters/dynamodb/robots-cache';
import { hostsTableName } from '../../../shared/adapters/dynamodb/table-design';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { LocalQueue } from '../../../shared/adapters/queue/local-queue';
import { articleId } from '../../../shared/article/article-id';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { EXTRACTOR_VERSION } from '../../../shared/extraction/extractor-version';
import { extractAndStoreArticle } from '../../../shared/ingestion/extract-and-store-article';
import { changeFeedState } from '../../../shared/ingestion/feed-lifecycle';
import type { ExtractArticleJob, FetchFeedJob } from '../../../shared/ingestion/jobs';
import { refreshFeed } from '../../../shared/ingestion/refresh-feed';
import { DEFAULT_INGESTION_SETTINGS } from '../../../shared/ingestion/settings';
import { newSubscription, subscribeFeeds } from '../../../shared/ingestion/subscribe-feeds';
import { startTestStores } from '../../support/local-stores';

type Job = { n: number };

const page = (words: string): string =>
  `<html><head><title>Story</title></head><body><article><h1>A story</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>${words} paragraph ${i} with enough words to make a real article body for the extractor to keep.</p>`,
  ).join('')}</article></body></html>`;

describe('durable work on a real dynalite', () => {
  let stores: Awaited<ReturnType<typeof startTestStores>>;
  let server: Server;
  let origin = '';
  // What the loopback site answers: the page's status now, and the feed.
  let pageStatus = 503;
  // How many more times the throttled feed answers 429 with a short Retry-After before it serves its entry.
  let feedThrottles = 0;
  beforeAll(async () => {
    stores = await startTestStores();
    server = createServer((req, res) => {
      if (req.url === '/throttled-feed.xml') {
        if (feedThrottles > 0) {
          feedThrottles--;
          res.writeHead(429, { 'retry-after': '1' });
          res.end('slow down');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<rss version="2.0"><channel><title>T</title><item><title>Throttled story</title><link>${origin}/throttled-story.html</link><guid>t1</guid></item></channel></rss>`,
        );
        return;
      }
      if (req.url === '/throttled-story.html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page('Throttled'));
        return;
      }
      if (req.url?.split('?')[0] === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<rss version="2.0"><channel><title>F</title><item><title>Story</title><link>${origin}/story.html</link><guid>s1</guid><description>The feed summary of this story, kept while the page cannot be used.</description></item></channel></rss>`,
        );
        return;
      }
      res.writeHead(pageStatus, { 'content-type': 'text/html' });
      res.end(pageStatus === 200 ? page('Recovered') : 'busy');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await stores.close();
  });

  const journal = (queue: string) => new DynamoQueueJournal({ client: stores.documents, tableName: stores.names.feeds, queue });

  it('keeps every message in the database until it is acknowledged; a new run takes them back', async () => {
    const first = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'q1', journal: journal('q1') });
    await first.send([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 1 }]);
    expect(first.size).toBe(3);
    const [received] = await first.receive(1);
    await first.ack(received?.messageId ?? '');
    const [failing] = await first.receive(1);
    await first.fail(failing?.messageId ?? '', { code: 'TIMEOUT', message: 'slow' }, 60_000);
    // The process dies here: only the database remembers.
    const second = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'q1', journal: journal('q1') });
    expect(await second.load()).toBe(2);
    expect(second.nextVisibleInMs()).toBe(0);
    const third = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'q1', journal: journal('q1') });
    await third.load({ visibleNow: true });
    expect((await third.receive(10)).map((message) => JSON.parse(message.body).n).sort()).toEqual([2, 3]);
  });

  it('keeps dead letters in the database with their reason, where they can be listed and removed', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 1, name: 'q2', journal: journal('q2') });
    await queue.send([{ n: 7 }]);
    const [message] = await queue.receive(1);
    await queue.fail(message?.messageId ?? '', { code: 'HTTP_STATUS', message: 'page answered HTTP 500' });
    const letters = new DynamoDeadLetters({ client: stores.documents, tableName: stores.names.feeds });
    const listed = await letters.list(['q2']);
    expect(listed).toEqual([expect.objectContaining({ queue: 'q2', code: 'HTTP_STATUS', receiveCount: 1, body: '{"n":7}' })]);
    expect(await journal('q2').load()).toEqual([]);
    await letters.remove(listed[0] as (typeof listed)[number]);
    expect(await letters.list(['q2'])).toEqual([]);
  });

  it('a job that ends the process every time it runs is charged when taken, and dead-lettered after maxReceiveCount takes; replay queues it again', async () => {
    const body = '{"n":42}';
    for (let take = 1; take <= 3; take++) {
      // A fresh process: it loads what the database holds, takes the job, and dies running it.
      const run = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'articles', journal: journal('articles') });
      await run.load({ visibleNow: true });
      if (take === 1) await run.send([{ n: 42 }]);
      const taken = await run.receive(10);
      expect(taken.map((message) => [message.body, message.receiveCount])).toEqual([[body, take]]);
      expect((await journal('articles').load()).map((message) => message.receiveCount)).toEqual([take]);
    }
    const fourth = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'articles', journal: journal('articles') });
    await fourth.load({ visibleNow: true });
    expect(await fourth.receive(10)).toEqual([]);
    expect(await journal('articles').load()).toEqual([]);
    expect(fourth.deadLetters).toEqual([
      expect.objectContaining({
        queue: 'articles',
        code: 'TAKEN_WITHOUT_FINISHING',
        receiveCount: 3,
        body,
        message: expect.stringContaining('taken 3 times without finishing'),
      }),
    ]);

    // What the operator sees and does: `feedloom dead-letters list`, then `replay`.
    let stdout = '';
    const io: CliIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      cwd: process.cwd(),
      env: { FEEDLOOM_ARTICLES_TABLE: stores.names.articles, FEEDLOOM_FEEDS_TABLE: stores.names.feeds },
    };
    const cliStore = { endpoint: stores.endpoint, json: false };
    expect(await deadLettersCommand('list', cliStore, io)).toBe(0);
    expect(stdout).toContain('articles  TAKEN_WITHOUT_FINISHING: taken 3 times without finishing');
    expect(stdout).toContain('1 dead letter\n');
    stdout = '';
    expect(await deadLettersCommand('replay', cliStore, io)).toBe(0);
    expect(stdout).toMatch(/^1 dead letter queued again/);
    const replayed = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'articles', journal: journal('articles') });
    await replayed.load();
    const [again] = await replayed.receive(10);
    expect(again).toMatchObject({ body, receiveCount: 1 });
    await replayed.ack(again?.messageId ?? '');
    stdout = '';
    await deadLettersCommand('list', cliStore, io);
    expect(stdout).toBe('0 dead letters\n');
  });

  it('a failing job is charged once per delivery, not once when taken and again when it fails', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'q3', journal: journal('q3') });
    await queue.send([{ n: 3 }]);
    for (let delivery = 1; delivery <= 2; delivery++) {
      const [message] = await queue.receive(1);
      expect(message?.receiveCount).toBe(delivery);
      await queue.fail(message?.messageId ?? '', { code: 'TIMEOUT', message: 'slow' });
      expect((await journal('q3').load()).map((stored) => stored.receiveCount)).toEqual([delivery]);
    }
    // A wait is not charged at all.
    const [waited] = await queue.receive(1);
    await queue.fail(waited?.messageId ?? '', { code: 'HOST_COOLDOWN', message: 'wait' }, 0, { countsAsAttempt: false });
    expect((await journal('q3').load()).map((stored) => stored.receiveCount)).toEqual([2]);
    const [last] = await queue.receive(1);
    expect(last?.receiveCount).toBe(3);
    await queue.fail(last?.messageId ?? '', { code: 'TIMEOUT', message: 'slow' });
    expect(queue.deadLetters).toEqual([expect.objectContaining({ code: 'TIMEOUT', receiveCount: 3 })]);
    expect(await journal('q3').load()).toEqual([]);
  });

  it('a job sent again (a refresh repeated after a crash) keeps the deliveries it was charged', async () => {
    const first = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'q4', journal: journal('q4') });
    await first.send([{ n: 4 }]);
    await first.receive(1);
    // The process dies running it; the next run loads the queue, then the refresh sends the job again.
    const second = new LocalQueue<Job>({ maxReceiveCount: 3, name: 'q4', journal: journal('q4') });
    await second.load();
    await second.send([{ n: 4 }]);
    expect((await journal('q4').load()).map((stored) => stored.receiveCount)).toEqual([1]);
    const [message] = await second.receive(1);
    expect(message?.receiveCount).toBe(2);
  });

  it('a page that keeps answering 503 is stored feed-only, says when it is tried again, and a later refresh brings it back until extracted', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const ledger = new DynamoRetryLedger({ client: stores.documents, tableName: stores.names.feeds });
    const http = createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true });
    const clock = { now: () => now };
    const feed = newSubscription({ url: `${origin}/feed.xml`, title: null, categories: [] }, now);
    await stores.feeds.put(feed);
    const queue = new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: 'articles' });
    const refreshDeps = { feeds: stores.feeds, http, articleJobs: queue, clock, settings: DEFAULT_INGESTION_SETTINGS, retries: ledger, random: () => 0.5 };
    const extractDeps = { http, articles: stores.articles, clock, settings: DEFAULT_INGESTION_SETTINGS, extract: extractArticle, retries: ledger };
    const take = async (): Promise<ExtractArticleJob> => {
      const [message] = await queue.receive(1);
      await queue.ack(message?.messageId ?? '');
      return JSON.parse(message?.body ?? '{}') as ExtractArticleJob;
    };

    await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w' }, refreshDeps);
    const job = await take();
    const first = await extractAndStoreArticle(job, extractDeps, { finalAttempt: true });
    expect(first).toMatchObject({ status: 'feed-only', write: 'created', error: { code: 'HTTP_STATUS' } });
    const stored = await stores.articles.get(first.articleId);
    expect(stored?.extraction).toMatchObject({
      httpStatus: 503,
      extractorVersion: EXTRACTOR_VERSION,
      retry: { retryable: true, cycle: 1, nextAttemptAt: '2026-03-01T10:15:00.000Z' },
    });

    // Before it is due, a refresh queues nothing again; after, it queues the page for cycle 2.
    now = new Date('2026-03-01T10:10:00Z');
    expect(await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w2' }, refreshDeps)).toMatchObject({
      retriedItems: 0,
    });
    now = new Date('2026-03-01T10:20:00Z');
    expect(await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w3' }, refreshDeps)).toMatchObject({
      retriedItems: 1,
    });
    const second = await take();
    expect(second.cycle).toBe(2);

    // Still 503: same content, so the revision stays, but the record says when the next cycle is.
    const again = await extractAndStoreArticle(second, extractDeps, { finalAttempt: true });
    expect(again).toMatchObject({ status: 'feed-only', write: 'unchanged', revision: 1 });
    expect((await stores.articles.get(first.articleId))?.extraction.retry).toEqual({ retryable: true, cycle: 2, nextAttemptAt: '2026-03-01T11:20:00.000Z' });

    // The site recovers: the next due cycle extracts it, as a new revision of the same article.
    pageStatus = 200;
    now = new Date('2026-03-01T11:30:00Z');
    expect(await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w4' }, refreshDeps)).toMatchObject({
      retriedItems: 1,
    });
    const recovered = await extractAndStoreArticle(await take(), extractDeps, { finalAttempt: false });
    expect(recovered).toMatchObject({ articleId: first.articleId, status: 'extracted', write: 'updated', revision: 2 });
    expect((await stores.articles.get(first.articleId))?.extraction.retry).toBeNull();
    expect((await ledger.due(feed.feedId, new Date('2030-01-01T00:00:00Z'), 10)).retries).toEqual([]);
  });

  it('a page kept back by a robots.txt that cannot be read (503) is stored feed-only as retryable, and arrives once robots.txt answers again', async () => {
    // A site of its own: its robots.txt answers 503 until it recovers.
    let robotsStatus = 503;
    const site = createServer((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(robotsStatus, { 'content-type': 'text/plain' });
        res.end(robotsStatus === 200 ? 'User-agent: *\nAllow: /\n' : 'busy');
        return;
      }
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<rss version="2.0"><channel><title>R</title><item><title>Story</title><link>${siteOrigin}/story.html</link><guid>r1</guid></item></channel></rss>`,
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page('Behind robots'));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
    const siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    try {
      const feed = newSubscription({ url: `${siteOrigin}/feed.xml`, title: null, categories: [] }, new Date('2026-06-01T10:00:00Z'));
      await stores.feeds.put(feed);
      const robots = { cache: new DynamoRobotsCache({ client: stores.documents, tableName: hostsTableName(stores.names) }), userAgent: 'test' };
      const retries = new DynamoRetryLedger({ client: stores.documents, tableName: stores.names.feeds });
      const run = (at: string, maxReceiveCount: number) =>
        runPipelineCycle(
          {
            feeds: stores.feeds,
            http: createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true }),
            articles: stores.articles,
            clock: { now: () => new Date(at) },
            settings: DEFAULT_INGESTION_SETTINGS,
            extract: extractArticle,
            robots,
            retries,
            feedQueue: new LocalQueue<FetchFeedJob>({ maxReceiveCount, name: 'robots-feeds' }),
            articleQueue: new LocalQueue<ExtractArticleJob>({ maxReceiveCount, name: 'robots-articles' }),
          },
          { ...DEFAULT_PIPELINE_OPTIONS, maxReceiveCount, fetchAll: true },
        );
      // The job's last delivery meets the unreadable robots.txt: the page is not fetched, the entry kept.
      await run('2026-06-01T10:00:00Z', 1);
      const id = articleId(`${siteOrigin}/story.html`);
      expect(await stores.articles.get(id)).toMatchObject({
        status: 'failed',
        extraction: { error: { code: 'ROBOTS_UNREACHABLE' }, retry: { retryable: true, cycle: 1, nextAttemptAt: '2026-06-01T10:15:00.000Z' } },
      });
      // robots.txt answers again: the feed's next refresh brings the page back, and it is extracted.
      robotsStatus = 200;
      await run('2026-06-02T10:00:00Z', 5);
      expect(await stores.articles.get(id)).toMatchObject({ status: 'extracted', revision: 2 });
      expect((await retries.due(feed.feedId, new Date('2030-01-01T00:00:00Z'), 10)).retries).toEqual([]);
      // The other tests' runs fetch every feed of the table: this one's site closes with the test.
      await stores.feeds.remove(feed.feedId);
    } finally {
      site.close();
    }
  });

  it('a feed answering 429 with a short Retry-After is fetched again after it in the same run, not rescheduled behind the 5-minute backoff', async () => {
    feedThrottles = 2;
    const http = createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true });
    const feed = newSubscription({ url: `${origin}/throttled-feed.xml`, title: null, categories: [] }, new Date());
    await stores.feeds.put(feed);
    const summary = await runPipelineCycle(
      {
        feeds: stores.feeds,
        http,
        articles: stores.articles,
        clock: { now: () => new Date() },
        settings: { ...DEFAULT_INGESTION_SETTINGS, respectRobotsTxt: false },
        extract: extractArticle,
        feedQueue: new LocalQueue<FetchFeedJob>({ maxReceiveCount: 5, name: 'feeds', journal: journal('feeds') }),
        articleQueue: new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: 'articles', journal: journal('articles') }),
      },
      { ...DEFAULT_PIPELINE_OPTIONS, fetchAll: true },
    );
    expect(feedThrottles).toBe(0);
    expect(summary.failures.feeds).toEqual([]);
    expect(summary.feeds.failed).toBe(0);
    expect(summary.deadLetters).toEqual([]);
    expect(await stores.articles.get(articleId(`${origin}/throttled-story.html`))).toMatchObject({ status: 'extracted', feedId: feed.feedId });
    expect(await stores.feeds.get(feed.feedId)).toMatchObject({ errorCount: 0, lastError: null, lastHttpStatus: 200 });
  });

  it('pauses, resumes and revives a feed', async () => {
    const clock = { now: () => new Date('2026-04-01T00:00:00Z') };
    const feed = {
      ...newSubscription({ url: 'https://lifecycle.example/feed', title: null, categories: [] }, new Date('2026-01-01T00:00:00Z')),
      status: 'dead' as const,
      errorCount: 9,
      failingSince: '2026-01-01T00:00:00Z',
      lastError: { code: 'SSRF_BLOCKED', message: 'refused', at: '2026-01-04T00:00:00Z' },
    };
    await stores.feeds.put(feed);
    await expect(changeFeedState(feed, 'resume', { feeds: stores.feeds, clock })).rejects.toMatchObject({ code: 'FEED_DEAD' });
    const revived = await changeFeedState(feed, 'revive', { feeds: stores.feeds, clock });
    expect(await stores.feeds.get(feed.feedId)).toMatchObject({ status: 'active', errorCount: 0, failingSince: null, nextFetchAt: '2026-04-01T00:00:00.000Z' });
    expect((await stores.feeds.listDue(clock.now(), 100)).feeds.map((due) => due.feedId)).toContain(feed.feedId);
    const paused = await changeFeedState(revived, 'pause', { feeds: stores.feeds, clock });
    expect((await stores.feeds.listDue(new Date('2030-01-01T00:00:00Z'), 100)).feeds.map((due) => due.feedId)).not.toContain(feed.feedId);
    await changeFeedState(paused, 'resume', { feeds: stores.feeds, clock });
    expect(await stores.feeds.get(feed.feedId)).toMatchObject({ status: 'active' });
  });

  it('a pause or a removal made while a refresh runs wins: the refresh writes its fetch fields only to a feed still active', async () => {
    const http = createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true });
    const clock = { now: () => new Date('2026-05-01T10:00:00Z') };
    // The operator acts between the refresh's read of the feed and its write: while the feed is downloaded.
    const during = (act: () => Promise<unknown>) => ({
      get: async (request: Parameters<typeof http.get>[0]) => {
        await act();
        return http.get(request);
      },
    });
    const refreshWith = (feedId: string, url: string, act: () => Promise<unknown>) =>
      refreshFeed(
        { kind: 'fetch-feed', version: 1, feedId, url, window: 'w' },
        {
          feeds: stores.feeds,
          http: during(act),
          articleJobs: new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: 'a' }),
          clock,
          settings: DEFAULT_INGESTION_SETTINGS,
          random: () => 0.5,
        },
      );

    const paused = newSubscription({ url: `${origin}/feed.xml?paused`, title: null, categories: [] }, new Date('2026-05-01T09:00:00Z'));
    await stores.feeds.put(paused);
    const pausedResult = await refreshWith(paused.feedId, paused.url, () => changeFeedState(paused, 'pause', { feeds: stores.feeds, clock }));
    expect(pausedResult.outcome).toBe('updated');
    expect(await stores.feeds.get(paused.feedId)).toMatchObject({ status: 'paused' });
    expect((await stores.feeds.listDue(new Date('2030-01-01T00:00:00Z'), 100)).feeds.map((due) => due.feedId)).not.toContain(paused.feedId);

    const removed = newSubscription({ url: `${origin}/feed.xml?removed`, title: null, categories: [] }, new Date('2026-05-01T09:00:00Z'));
    await stores.feeds.put(removed);
    await refreshWith(removed.feedId, removed.url, () => stores.feeds.remove(removed.feedId));
    expect(await stores.feeds.get(removed.feedId)).toBeNull();

    // Without an operator in between, the refresh records its fetch as before.
    const plain = newSubscription({ url: `${origin}/feed.xml?plain`, title: null, categories: ['news'] }, new Date('2026-05-01T09:00:00Z'));
    await stores.feeds.put(plain);
    await refreshWith(plain.feedId, plain.url, async () => undefined);
    expect(await stores.feeds.get(plain.feedId)).toMatchObject({
      status: 'active',
      title: 'F',
      categories: ['news'],
      lastHttpStatus: 200,
      lastSuccessAt: '2026-05-01T10:00:00.000Z',
    });
  });

  it('a feed-list sync that adds categories to a feed paused meanwhile keeps the pause (and the fetch state)', async () => {
    const clock = { now: () => new Date('2026-05-02T10:00:00Z') };
    const feed = newSubscription({ url: `${origin}/feed.xml?synced`, title: null, categories: ['a'] }, new Date('2026-05-01T09:00:00Z'));
    await stores.feeds.put({ ...feed, etag: '"v1"', lastHttpStatus: 200 });
    // The operator pauses the feed right after the sync has read it (the real store, with a hook on its read).
    let paused = false;
    const racing: typeof stores.feeds = Object.assign(Object.create(stores.feeds), {
      get: async (feedId: string) => {
        const read = await stores.feeds.get(feedId);
        if (read && !paused) {
          paused = true;
          await changeFeedState(read, 'pause', { feeds: stores.feeds, clock });
        }
        return read;
      },
    });
    expect(await subscribeFeeds([{ url: feed.url, title: 'Synced', categories: ['b'] }], { feeds: racing, clock })).toEqual({ added: 0, existing: 1 });
    expect(await stores.feeds.get(feed.feedId)).toMatchObject({ status: 'paused', categories: ['a', 'b'], title: 'Synced', etag: '"v1"', lastHttpStatus: 200 });
  });
});
