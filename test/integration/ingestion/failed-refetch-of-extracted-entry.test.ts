import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRetryLedger } from '../../../shared/adapters/dynamodb/retry-ledger';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { LocalQueue } from '../../../shared/adapters/queue/local-queue';
import { articleId } from '../../../shared/article/article-id';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { extractAndStoreArticle, storeSetAsideArticle } from '../../../shared/ingestion/extract-and-store-article';
import type { ExtractArticleJob } from '../../../shared/ingestion/jobs';
import { refreshFeed } from '../../../shared/ingestion/refresh-feed';
import { DEFAULT_INGESTION_SETTINGS } from '../../../shared/ingestion/settings';
import { newSubscription } from '../../../shared/ingestion/subscribe-feeds';
import { startTestStores } from '../../support/local-stores';

const page = (words: string, head = ''): string =>
  `<html><head><title>${words}</title>${head}</head><body><article><h1>${words}</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>${words} paragraph ${i} with enough words to make a real article body for the extractor to keep.</p>`,
  ).join('')}</article></body></html>`;

/**
 * The reverse of superseded-records.test.ts: an entry already extracted under another id than its
 * link's (a redirect, a canonical link) is edited in the feed, and the refetch of the edit fails.
 */
describe('an extracted entry whose refetch after a feed edit fails', () => {
  let stores: Awaited<ReturnType<typeof startTestStores>>;
  let server: Server;
  let origin = '';
  let edition = 1;
  let answer: 'page' | 'busy' | 'gone' = 'page';
  beforeAll(async () => {
    stores = await startTestStores();
    server = createServer((req, res) => {
      // Each case has its own pages under /<case>/, so its articles are its own.
      const [, set = '', ...rest] = (req.url ?? '/').split('/');
      const path = `/${rest.join('/')}`;
      if (path === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<rss version="2.0"><channel><title>F</title>${['moved', 'canonical']
            .map(
              (name) =>
                `<item><title>${name}</title><link>${origin}/${set}/${name}.html?utm_source=rss</link><guid>${name}</guid><description>Summary of ${name}, edition ${edition}.</description></item>`,
            )
            .join('')}</channel></rss>`,
        );
        return;
      }
      if (answer !== 'page') {
        res.writeHead(answer === 'busy' ? 503 : 404, { 'content-type': 'text/html' });
        res.end(answer);
        return;
      }
      if (path.startsWith('/moved.html')) {
        res.writeHead(301, { location: `/${set}/new-home.html` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      if (path.startsWith('/canonical.html')) res.end(page('Canonical story', `<link rel="canonical" href="${origin}/${set}/stories/canonical-story.html">`));
      else res.end(page(`Story at ${path}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await stores.close();
  });

  it.each([
    ['busy' as const, 'the page answers 503 on the last delivery'],
    ['gone' as const, 'the page answers 404'],
  ])('%s: %s -> still one record per entry, the extracted one', async (failure, _why) => {
    edition = 1;
    answer = 'page';
    let now = new Date('2026-03-01T10:00:00Z');
    const ledger = new DynamoRetryLedger({ client: stores.documents, tableName: stores.names.feeds });
    const http = createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true });
    const clock = { now: () => now };
    const feed = newSubscription({ url: `${origin}/${failure}/feed.xml`, title: null, categories: [] }, now);
    await stores.feeds.put(feed);
    const queue = new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: 'articles' });
    const refreshDeps = { feeds: stores.feeds, http, articleJobs: queue, clock, settings: DEFAULT_INGESTION_SETTINGS, retries: ledger, random: () => 0.5 };
    const extractDeps = {
      http,
      articles: stores.articles,
      clock,
      settings: DEFAULT_INGESTION_SETTINGS,
      extract: extractArticle,
      retries: ledger,
      entries: stores.feeds,
    };
    const drain = async (finalAttempt: boolean) => {
      const results = [];
      for (const message of await queue.receive(10)) {
        await queue.ack(message.messageId);
        results.push(await extractAndStoreArticle(JSON.parse(message.body) as ExtractArticleJob, extractDeps, { finalAttempt }));
      }
      return results;
    };
    const records = async () =>
      ((await stores.documents.send(new ScanCommand({ TableName: stores.names.articles }))).Items ?? [])
        .filter((item) => item.feedId === feed.feedId)
        .map((item) => [item.title, item.status, item.id])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const extracted = [
      ['Canonical story', 'extracted', articleId(`${origin}/${failure}/stories/canonical-story.html`)],
      ['moved', 'extracted', articleId(`${origin}/${failure}/new-home.html`)],
    ];

    await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w1' }, refreshDeps);
    expect((await drain(false)).map((result) => result.status)).toEqual(['extracted', 'extracted']);
    expect(await records()).toEqual(extracted);

    // The feed edits both entries (new fingerprints: queued again) while their pages fail.
    edition = 2;
    answer = failure;
    now = new Date('2026-03-01T11:00:00Z');
    expect(await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w2' }, refreshDeps)).toMatchObject({
      changedItems: 2,
    });
    expect((await drain(true)).map((result) => [result.status, result.write, result.error?.code])).toEqual(
      Array.from({ length: 2 }, () => ['extracted', 'unchanged', 'HTTP_STATUS']),
    );

    expect(await records()).toEqual(extracted);
    expect(await stores.articles.get(articleId(`${origin}/${failure}/moved.html`))).toBeNull();
    expect(await stores.articles.get(articleId(`${origin}/${failure}/canonical.html`))).toBeNull();
    // A passing failure still waits in the retry ledger; a 404 does not.
    const waiting = (await ledger.due(feed.feedId, new Date('2026-03-09T00:00:00Z'), 10)).retries;
    expect(waiting.map((retry) => retry.job.item.title).sort()).toEqual(failure === 'busy' ? ['canonical', 'moved'] : []);
    if (failure !== 'busy') return;

    // The site is back: the ledger queues both again, the edit is extracted into the same records.
    answer = 'page';
    now = new Date('2026-03-01T12:00:00Z');
    expect(await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w3' }, refreshDeps)).toMatchObject({
      retriedItems: 2,
    });
    expect((await drain(false)).map((result) => result.status)).toEqual(['extracted', 'extracted']);
    expect(await records()).toEqual(extracted);
  });

  it('an edit whose job is set aside unfinished (ATTEMPTS_EXHAUSTED) leaves the extraction the one record too', async () => {
    edition = 1;
    answer = 'page';
    let now = new Date('2026-03-02T10:00:00Z');
    const ledger = new DynamoRetryLedger({ client: stores.documents, tableName: stores.names.feeds });
    const http = createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true });
    const clock = { now: () => now };
    const feed = newSubscription({ url: `${origin}/set-aside/feed.xml`, title: null, categories: [] }, now);
    await stores.feeds.put(feed);
    const queue = new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: 'articles' });
    const refreshDeps = { feeds: stores.feeds, http, articleJobs: queue, clock, settings: DEFAULT_INGESTION_SETTINGS, retries: ledger, random: () => 0.5 };
    const extractDeps = {
      http,
      articles: stores.articles,
      clock,
      settings: DEFAULT_INGESTION_SETTINGS,
      extract: extractArticle,
      retries: ledger,
      entries: stores.feeds,
    };
    const jobs = async () => {
      const taken = [];
      for (const message of await queue.receive(10)) {
        await queue.ack(message.messageId);
        taken.push(JSON.parse(message.body) as ExtractArticleJob);
      }
      return taken;
    };

    await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w1' }, refreshDeps);
    for (const job of await jobs()) await extractAndStoreArticle(job, extractDeps, { finalAttempt: false });
    edition = 2;
    now = new Date('2026-03-02T11:00:00Z');
    await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w2' }, refreshDeps);
    const reason = { code: 'ATTEMPTS_EXHAUSTED', message: 'every attempt ended the invocation' };
    for (const job of await jobs()) expect(await storeSetAsideArticle(job, reason, extractDeps)).toMatchObject({ outcome: 'unchanged' });

    expect(await stores.articles.get(articleId(`${origin}/set-aside/moved.html`))).toBeNull();
    expect(await stores.articles.get(articleId(`${origin}/set-aside/canonical.html`))).toBeNull();
    expect((await stores.articles.get(articleId(`${origin}/set-aside/new-home.html`)))?.status).toBe('extracted');
    expect((await stores.articles.get(articleId(`${origin}/set-aside/stories/canonical-story.html`)))?.status).toBe('extracted');
  });
});
