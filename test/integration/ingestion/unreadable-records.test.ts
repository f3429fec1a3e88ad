import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_OPTIONS, runPipelineCycle } from '../../../cli/local-runtime/local-pipeline';
import { DynamoDeadLetters, DynamoQueueJournal } from '../../../shared/adapters/dynamodb/queue-journal';
import { DynamoRetryLedger } from '../../../shared/adapters/dynamodb/retry-ledger';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { LocalQueue } from '../../../shared/adapters/queue/local-queue';
import { articleId } from '../../../shared/article/article-id';
import { extractArticle } from '../../../shared/extraction/extract-article';
import type { ExtractArticleJob, FetchFeedJob } from '../../../shared/ingestion/jobs';
import type { Logger } from '../../../shared/ingestion/ports';
import { DEFAULT_INGESTION_SETTINGS } from '../../../shared/ingestion/settings';
import { feedIdOf, subscribeFeeds } from '../../../shared/ingestion/subscribe-feeds';
import { startTestStores } from '../../support/local-stores';

const page = (words: string): string =>
  `<html><head><title>${words}</title></head><body><article><h1>${words}</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>${words} paragraph ${i} with enough words to make a real article body for the extractor to keep.</p>`,
  ).join('')}</article></body></html>`;

describe('a stored record that no longer reads stops nothing else (local runner on the embedded store)', () => {
  let stores: Awaited<ReturnType<typeof startTestStores>>;
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    stores = await startTestStores();
    server = createServer((req, res) => {
      const feed = /^\/(\w+)\.xml$/.exec(req.url ?? '');
      if (feed) {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<rss version="2.0"><channel><title>${feed[1]}</title><item><title>Story ${feed[1]}</title><link>${origin}/${feed[1]}.html</link><guid>${feed[1]}-1</guid></item></channel></rss>`,
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page(`Story ${req.url?.slice(1, -5)}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await stores.close();
  });

  const logged: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: () => undefined,
    warn: (message, fields) => logged.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    error: (message, fields) => logged.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
  };
  const cycle = (name: string) =>
    runPipelineCycle(
      {
        feeds: stores.feeds,
        http: createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true }),
        articles: stores.articles,
        clock: { now: () => new Date() },
        settings: { ...DEFAULT_INGESTION_SETTINGS, respectRobotsTxt: false },
        extract: extractArticle,
        retries: new DynamoRetryLedger({ client: stores.documents, tableName: stores.names.feeds }),
        logger,
        feedQueue: new LocalQueue<FetchFeedJob>({ maxReceiveCount: 5, name: `${name}-feeds` }),
        articleQueue: new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: `${name}-articles` }),
      },
      { ...DEFAULT_PIPELINE_OPTIONS, fetchAll: true },
    );

  it('a feed whose subscription does not read is skipped and said; the others are fetched; feed and retry lists report it', async () => {
    await subscribeFeeds(
      ['good', 'bad'].map((name) => ({ url: `${origin}/${name}.xml`, title: null, categories: [] })),
      { feeds: stores.feeds, clock: { now: () => new Date() } },
    );
    const good = feedIdOf(`${origin}/good.xml`);
    const bad = feedIdOf(`${origin}/bad.xml`);
    // A field of another type (a schema change, a hand edit), and a waiting retry with no job.
    await stores.documents.send(
      new UpdateCommand({
        TableName: stores.names.feeds,
        Key: { pk: `FEED#${bad}`, sk: 'FEED' },
        UpdateExpression: 'SET errorCount = :s',
        ExpressionAttributeValues: { ':s': 'many' },
      }),
    );
    await stores.documents.send(
      new PutCommand({
        TableName: stores.names.feeds,
        Item: { pk: `FEED#${good}`, sk: 'RETRY#x', feedId: good, itemId: 'x', dueAt: '2000-01-01T00:00:00.000Z' },
      }),
    );

    const summary = await cycle('one');
    expect(summary.feeds).toMatchObject({ dispatched: 1, updated: 1 });
    expect(await stores.articles.get(articleId(`${origin}/good.html`))).toMatchObject({ status: 'extracted' });
    const codes = logged.filter((line) => line.level === 'error').map((line) => [line.fields?.code, line.fields?.kind, line.fields?.feedId]);
    expect(codes).toContainEqual(['STORED_RECORD_UNREADABLE', 'feed', bad]);
    expect(codes).toContainEqual(['STORED_RECORD_UNREADABLE', 'retry', good]);
    const listing = await stores.feeds.list();
    expect(listing.feeds.map((feed) => feed.feedId)).toEqual([good]);
    expect(listing.unreadable.map((error) => [error.code, error.feedId])).toEqual([['STORED_RECORD_UNREADABLE', bad]]);
    // Its fetch job, should one be queued, is refused at once with the code, not retried.
    await expect(stores.feeds.get(bad)).rejects.toMatchObject({ code: 'STORED_RECORD_UNREADABLE', retryable: false });

    // Subscribing the feed again writes it anew: mended, it is fetched.
    await subscribeFeeds([{ url: `${origin}/bad.xml`, title: null, categories: [] }], { feeds: stores.feeds, clock: { now: () => new Date() } });
    expect(await stores.feeds.get(bad)).toMatchObject({ status: 'active', errorCount: 0 });
  });

  it('an entry whose stored state does not read is queued again, and its state written anew: the article comes back', async () => {
    const good = feedIdOf(`${origin}/good.xml`);
    const items = await stores.documents.send(
      new QueryCommand({
        TableName: stores.names.feeds,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :item)',
        ExpressionAttributeValues: { ':pk': `FEED#${good}`, ':item': 'ITEM#' },
      }),
    );
    expect(items.Items).toHaveLength(1);
    const key = { pk: String(items.Items?.[0]?.pk), sk: String(items.Items?.[0]?.sk) };
    await stores.documents.send(new UpdateCommand({ TableName: stores.names.feeds, Key: key, UpdateExpression: 'REMOVE fingerprint' }));
    // The article lost as well (the case the entry state must not hide: nothing else brings it back).
    const id = articleId(`${origin}/good.html`);
    await stores.documents.send(new DeleteCommand({ TableName: stores.names.articles, Key: { id } }));
    logged.length = 0;

    const summary = await cycle('two');
    expect(summary.feeds).toMatchObject({ updated: 2, failed: 0 });
    expect(summary.deadLetters).toEqual([]);
    expect(await stores.articles.get(id)).toMatchObject({ status: 'extracted' });
    expect(logged.map((line) => [line.level, line.fields?.code, line.fields?.kind])).toContainEqual(['warn', 'STORED_RECORD_UNREADABLE', 'feed-item']);
    expect((await stores.feeds.getItems(good, [key.sk.slice('ITEM#'.length)])).unreadable).toEqual([]);
  });

  it('a kept queue message that does not read is set aside as a dead letter with the code; the jobs beside it run', async () => {
    const journal = new DynamoQueueJournal({ client: stores.documents, tableName: stores.names.feeds, queue: 'kept' });
    await journal.put([{ messageId: 'good', body: '{"n":1}', receiveCount: 0, visibleAt: 0 }]);
    await stores.documents.send(
      new PutCommand({ TableName: stores.names.feeds, Item: { pk: 'QUEUE#kept', sk: 'MSG#bad', messageId: 'bad', body: '{"n":2}', receiveCount: 'two' } }),
    );
    const queue = new LocalQueue<{ n: number }>({ maxReceiveCount: 5, name: 'kept', journal });
    expect(await queue.load({ visibleNow: true })).toBe(1);
    const letters = await new DynamoDeadLetters({ client: stores.documents, tableName: stores.names.feeds }).list(['kept']);
    expect(letters.map((letter) => [letter.code, letter.sourceMessageId, letter.body])).toEqual([['STORED_RECORD_UNREADABLE', 'bad', '{"n":2}']]);
    expect(await journal.load()).toHaveLength(1);
  });
});
