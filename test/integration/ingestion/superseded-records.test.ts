import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRetryLedger } from '../../../shared/adapters/dynamodb/retry-ledger';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { LocalQueue } from '../../../shared/adapters/queue/local-queue';
import { articleId } from '../../../shared/article/article-id';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { extractAndStoreArticle } from '../../../shared/ingestion/extract-and-store-article';
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

describe('an entry stored feed-only, then extracted under another URL, is one record', () => {
  let stores: Awaited<ReturnType<typeof startTestStores>>;
  let server: Server;
  let origin = '';
  let down = true;
  beforeAll(async () => {
    stores = await startTestStores();
    server = createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<rss version="2.0"><channel><title>F</title>${['moved', 'canonical', 'plain']
            .map(
              (name) =>
                `<item><title>${name}</title><link>${origin}/${name}.html?utm_source=rss</link><guid>${name}</guid><description>Summary of ${name}.</description></item>`,
            )
            .join('')}</channel></rss>`,
        );
        return;
      }
      if (down) {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('busy');
        return;
      }
      if (req.url?.startsWith('/moved.html')) {
        res.writeHead(301, { location: '/new-home.html' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      if (req.url?.startsWith('/canonical.html')) res.end(page('Canonical story', `<link rel="canonical" href="${origin}/stories/canonical-story.html">`));
      else res.end(page(`Story at ${req.url}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await stores.close();
  });

  it('the extraction of a later cycle replaces the feed-only record of another id: one record per entry, none left retryable', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const ledger = new DynamoRetryLedger({ client: stores.documents, tableName: stores.names.feeds });
    const http = createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true });
    const clock = { now: () => now };
    const feed = newSubscription({ url: `${origin}/feed.xml`, title: null, categories: [] }, now);
    await stores.feeds.put(feed);
    const queue = new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: 'articles' });
    const refreshDeps = { feeds: stores.feeds, http, articleJobs: queue, clock, settings: DEFAULT_INGESTION_SETTINGS, retries: ledger, random: () => 0.5 };
    const extractDeps = { http, articles: stores.articles, clock, settings: DEFAULT_INGESTION_SETTINGS, extract: extractArticle, retries: ledger };
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
        .map((item) => [item.title, item.status, item.id])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

    await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w1' }, refreshDeps);
    expect((await drain(true)).map((result) => [result.status, result.error?.code])).toEqual(Array.from({ length: 3 }, () => ['feed-only', 'HTTP_STATUS']));

    down = false;
    now = new Date('2026-03-01T10:20:00Z');
    expect(await refreshFeed({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: 'w2' }, refreshDeps)).toMatchObject({
      retriedItems: 3,
    });
    expect((await drain(false)).map((result) => result.status)).toEqual(['extracted', 'extracted', 'extracted']);

    expect(await records()).toEqual([
      ['Canonical story', 'extracted', articleId(`${origin}/stories/canonical-story.html`)],
      ['moved', 'extracted', articleId(`${origin}/new-home.html`)],
      ['plain', 'extracted', articleId(`${origin}/plain.html`)],
    ]);
    expect(await stores.articles.get(articleId(`${origin}/moved.html`))).toBeNull();
  });
});
