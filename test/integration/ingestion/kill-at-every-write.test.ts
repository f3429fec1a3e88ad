import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_OPTIONS, runPipelineCycle } from '../../../cli/local-runtime/local-pipeline';
import { DynamoArticleStore } from '../../../shared/adapters/dynamodb/article-store';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../../../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../../../shared/adapters/dynamodb/ensure-tables';
import { DynamoFeedStore } from '../../../shared/adapters/dynamodb/feed-store';
import { DynamoDeadLetters, DynamoQueueJournal } from '../../../shared/adapters/dynamodb/queue-journal';
import { DynamoRetryLedger } from '../../../shared/adapters/dynamodb/retry-ledger';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { LocalQueue } from '../../../shared/adapters/queue/local-queue';
import { articleId } from '../../../shared/article/article-id';
import { extractArticle } from '../../../shared/extraction/extract-article';
import type { ExtractArticleJob, FetchFeedJob } from '../../../shared/ingestion/jobs';
import { DEFAULT_INGESTION_SETTINGS } from '../../../shared/ingestion/settings';
import { newSubscription } from '../../../shared/ingestion/subscribe-feeds';

const STORIES = 2;
const DAY = 86_400_000;

const page = (n: number): string =>
  `<html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>Story ${n}, paragraph ${i}: enough words about the harbour, the council and the weather to make a real article body.</p>`,
  ).join('')}</article></body></html>`;

/**
 * A document client that dies after `calls` requests: that request and every later one never
 * answer, as if the process had been killed with SIGKILL right before it (nothing after it is written).
 */
function dyingAfter(client: DynamoDBDocumentClient, calls: number): { client: DynamoDBDocumentClient; dead: Promise<void>; made: () => number } {
  let made = 0;
  let die: () => void = () => undefined;
  const dead = new Promise<void>((resolve) => (die = resolve));
  const dying = {
    send: (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
      made++;
      if (made >= calls) {
        die();
        return new Promise(() => undefined);
      }
      return client.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client: dying, dead, made: () => made };
}

describe('the local runner killed before each of its database writes and reads, then run again a day later', () => {
  let dynamo: EmbeddedDynamo;
  let server: Server;
  let origin = '';
  let tables = 0;
  // What the story pages answer now.
  let pageStatus = 200;
  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo(null);
    server = createServer((req, res) => {
      const path = req.url?.split('?')[0] ?? '';
      if (path === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
        const items = Array.from(
          { length: STORIES },
          (_, n) =>
            `<item><title>Story ${n}</title><link>${origin}/story-${n}.html</link><guid>s${n}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1, 12 - n)).toUTCString()}</pubDate></item>`,
        );
        res.end(`<rss version="2.0"><channel><title>K</title>${items.join('')}</channel></rss>`);
        return;
      }
      const story = /^\/story-(\d+)\.html$/.exec(path);
      const status = story ? pageStatus : 404;
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(status === 200 ? page(Number(story?.[1])) : 'not now');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await dynamo.close();
  });

  /** Fresh tables, a subscribed feed, and a function that runs one `feedloom run --once` process on them at `at`. */
  async function freshDatabase() {
    const { client, documents } = createDynamoClients({ endpoint: dynamo.endpoint, maxAttempts: 1 });
    tables++;
    const names = { articles: `kill-articles-${tables}`, feeds: `kill-feeds-${tables}` };
    await ensureTables(client, names);
    const start = new Date('2026-01-01T12:00:00Z');
    const feed = newSubscription({ url: `${origin}/feed.xml`, title: null, categories: [] }, start);
    await new DynamoFeedStore({ client: documents, tableName: names.feeds }).put(feed);
    const run = (db: DynamoDBDocumentClient, at: Date, maxReceiveCount = 5) => {
      const now = () => at.getTime();
      const journal = (queue: string) => new DynamoQueueJournal({ client: db, tableName: names.feeds, queue });
      const feedQueue = new LocalQueue<FetchFeedJob>({ maxReceiveCount, name: 'feeds', journal: journal('feeds'), now });
      const articleQueue = new LocalQueue<ExtractArticleJob>({ maxReceiveCount, name: 'articles', journal: journal('articles'), now });
      return (async () => {
        await feedQueue.load();
        await articleQueue.load();
        return runPipelineCycle(
          {
            feeds: new DynamoFeedStore({ client: db, tableName: names.feeds }),
            articles: new DynamoArticleStore({ client: db, tableName: names.articles }),
            retries: new DynamoRetryLedger({ client: db, tableName: names.feeds }),
            http: createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true }),
            clock: { now: () => at },
            settings: { ...DEFAULT_INGESTION_SETTINGS, respectRobotsTxt: false },
            extract: extractArticle,
            feedQueue,
            articleQueue,
          },
          { ...DEFAULT_PIPELINE_OPTIONS, maxReceiveCount },
        );
      })();
    };
    const check = async () => {
      const articles = new DynamoArticleStore({ client: documents, tableName: names.articles });
      const stored = await Promise.all(Array.from({ length: STORIES }, (_, n) => articles.get(articleId(`${origin}/story-${n}.html`))));
      const count = (await client.send(new ScanCommand({ TableName: names.articles, Select: 'COUNT' }))).Count;
      const journals = [
        ...(await new DynamoQueueJournal({ client: documents, tableName: names.feeds, queue: 'feeds' }).load()),
        ...(await new DynamoQueueJournal({ client: documents, tableName: names.feeds, queue: 'articles' }).load()),
      ];
      const letters = await new DynamoDeadLetters({ client: documents, tableName: names.feeds }).list(['feeds', 'articles']);
      const retries = await new DynamoRetryLedger({ client: documents, tableName: names.feeds })
        .due(feed.feedId, new Date('2100-01-01T00:00:00Z'), 100)
        .then((due) => due.retries);
      return { stored: stored.map((article) => [article?.status, article?.revision]), count, journals: journals.length, letters: letters.length, retries };
    };
    return { documents, run, check, start, close: () => client.destroy() };
  }

  const everyStoryOnce = { stored: Array.from({ length: STORIES }, () => ['extracted', 1]), count: STORIES, journals: 0, letters: 0, retries: [] };

  it('every story is stored once and extracted, whichever request the kill came before', { timeout: 120_000 }, async () => {
    // How many requests an uninterrupted run makes: the kill points.
    const clean = await freshDatabase();
    const counted = dyingAfter(clean.documents, Number.POSITIVE_INFINITY);
    await clean.run(counted.client, clean.start);
    expect(await clean.check()).toEqual(everyStoryOnce);
    clean.close();
    const requests = counted.made();
    expect(requests).toBeGreaterThan(10);

    const lost: { killedBefore: number; after: unknown }[] = [];
    let unfinishedByKill = 0;
    for (let killedBefore = 1; killedBefore <= requests; killedBefore++) {
      const db = await freshDatabase();
      const dying = dyingAfter(db.documents, killedBefore);
      await Promise.race([db.run(dying.client, db.start), dying.dead]);
      if (JSON.stringify(await db.check()) !== JSON.stringify(everyStoryOnce)) unfinishedByKill++;
      // The next run a day later: leases have lapsed, the feed is due, waiting jobs are visible.
      await db.run(db.documents, new Date(db.start.getTime() + DAY));
      const after = await db.check();
      if (JSON.stringify(after) !== JSON.stringify(everyStoryOnce)) lost.push({ killedBefore, after });
      db.close();
    }
    expect(lost).toEqual([]);
    // The kills did cut runs short: all but the last few left work for the next run.
    expect(unfinishedByKill).toBeGreaterThan(requests / 2);
  });

  it('pages stored without an extraction for a passing reason still arrive when the run that retries them is killed at any request', {
    timeout: 120_000,
  }, async () => {
    // Every page answers 503 on its one delivery: stored without an extraction (the entries carry no text), each waiting in the retry ledger.
    const failingFirst = async () => {
      const db = await freshDatabase();
      pageStatus = 503;
      await db.run(db.documents, db.start, 1);
      pageStatus = 200;
      const waiting = await db.check();
      expect(waiting.stored).toEqual(Array.from({ length: STORIES }, () => ['failed', 1]));
      expect(waiting.retries).toHaveLength(STORIES);
      return db;
    };
    const clean = await failingFirst();
    const counted = dyingAfter(clean.documents, Number.POSITIVE_INFINITY);
    await clean.run(counted.client, new Date(clean.start.getTime() + DAY));
    const recovered = { ...everyStoryOnce, stored: Array.from({ length: STORIES }, () => ['extracted', 2]) };
    expect(await clean.check()).toEqual(recovered);
    clean.close();
    const requests = counted.made();

    const lost: { killedBefore: number; after: unknown }[] = [];
    for (let killedBefore = 1; killedBefore <= requests; killedBefore++) {
      const db = await failingFirst();
      const dying = dyingAfter(db.documents, killedBefore);
      await Promise.race([db.run(dying.client, new Date(db.start.getTime() + DAY)), dying.dead]);
      await db.run(db.documents, new Date(db.start.getTime() + 2 * DAY));
      const after = await db.check();
      if (JSON.stringify(after) !== JSON.stringify(recovered)) lost.push({ killedBefore, after });
      db.close();
    }
    expect(lost).toEqual([]);
  });
});
