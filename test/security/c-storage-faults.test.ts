import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { virtualClock } from '../../bench/support/queue-simulator';
import { createHandler as createExtractHandler } from '../../functions/extract-article/handler';
import { DynamoArticleStore } from '../../shared/adapters/dynamodb/article-store';
import { createDynamoClients } from '../../shared/adapters/dynamodb/create-dynamo-clients';
import { type DynamoDbLocalServer, startDynamoDbLocal } from '../../shared/adapters/dynamodb/dynamodb-local-server';
import { ARTICLES, BODY_STORAGE } from '../../shared/adapters/dynamodb/table-design';
import { articleId } from '../../shared/article/article-id';
import { cleanUrl } from '../../shared/article/clean-url';
import type { ArticleStore } from '../../shared/ingestion/ports';
import { feedIdOf } from '../../shared/ingestion/subscribe-feeds';
import { lambdaContext } from '../integration/functions/support/lambda-context';
import { sqsEvent, sqsRecord } from '../integration/functions/support/sqs-event';
import { anArticle, proseParagraphs } from '../integration/storage/article-builder';
import { type DynamoFaultProxy, startDynamoFaultProxy } from './support/dynamo-fault-proxy';
import { type DynamoProcess, startDynamoProcess } from './support/dynamo-process';
import { ALIAS, guardedTestClient } from './support/guarded-test-client';
import { type HostileServer, startHostileServer } from './support/hostile-server';
import { articleJob, articleRoute, rssFeed } from './support/news-site';
import { fixedClock, type Pipeline, startPipeline } from './support/pipeline';
import { articleQueue, feedQueue } from './support/work-queues';

let D: DynamoProcess;
let proxy: DynamoFaultProxy;
let H: HostileServer;

beforeAll(async () => {
  D = await startDynamoProcess();
  proxy = await startDynamoFaultProxy(D.endpoint);
  H = await startHostileServer({});
});
afterAll(async () => {
  await H?.close();
  await proxy?.close();
  await D?.stop();
});
beforeEach(() => {
  H.reset();
  proxy.heal();
});

const pageUrl = (slug: string) => `${H.origin(ALIAS)}/a/${slug}`;
const serve = (...slugs: string[]) => {
  for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
};
const extractJob = (slug: string) => articleJob(H.origin(ALIAS), slug, { feedId: 'feed-storage', feedUrl: `${H.origin(ALIAS)}/feed.xml` });

const extractQueue = (pipeline: Pipeline, runtime: ReturnType<Pipeline['extractRuntime']>) => articleQueue(pipeline, () => runtime);

describe('#39 the local DynamoDB process dies mid-batch', () => {
  it('#39 SIGKILL after 4 writes: the rest meet the outage within the SDK budget and are hidden for the wait schedule (no send to their queue), and complete after a restart, one item per article', async () => {
    const pipeline = await startPipeline({ endpoint: D.endpoint });
    try {
      const slugs = Array.from({ length: 10 }, (_, n) => `killed-${n}`);
      serve(...slugs);
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const store: ArticleStore = runtime.extract.articles;
      let puts = 0;
      runtime.extract.articles = {
        get: (id) => store.get(id),
        removeSuperseded: (id, expected) => store.removeSuperseded(id, expected),
        put: async (article) => {
          const result = await store.put(article);
          if (++puts === 4) await D.kill();
          return result;
        },
      };
      const q = extractQueue(pipeline, runtime);
      const ids = slugs.map((slug) => q.send(extractJob(slug)));
      const killedPid = D.pid();
      // Deliver once, then bring the server back before the queue's visibility brings the rest back.
      await q.drain({ maxInvocations: 1 });
      await D.restart();
      expect(D.pid()).not.toBe(killedPid);
      expect(q.invocations[0]?.outcome).toBe('returned');
      // An outage is a wait: the 6 are reported failed and hidden for the first step of the wait
      // schedule (5 min), never sent again to their own queue (#49).
      expect(q.invocations[0]?.failures).toEqual(ids.slice(4));
      const waiting = runtime.logs.filter((line) => line.message === 'record will be retried later');
      expect(waiting.map((line) => line.fields.messageId).sort()).toEqual(ids.slice(4).sort());
      for (const line of waiting) expect(line.fields).toMatchObject({ code: 'STORE_UNAVAILABLE', wait: true, retryInSeconds: 300 });
      for (const line of waiting) expect(String(line.fields.error)).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up|timed? ?out/i);
      expect(pipeline.sqs.calls.filter((call) => call.action === 'SendMessage' && call.input.QueueUrl === pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);

      await q.drain();
      expect(q.invocations.slice(1).flatMap((i) => i.messageIds)).toEqual(ids.slice(4));
      expect(q.deadLetters).toEqual([]);
      for (const slug of slugs) {
        const article = await pipeline.reader.getByUrl(pageUrl(slug));
        expect(article, slug).toMatchObject({ revision: 1, status: 'extracted' });
        expect(article?.contentText?.length).toBeGreaterThan(100);
      }
    } finally {
      await pipeline.close();
    }
  }, 120_000);

  it('#39 the process stays dead for 20 h of queue time (past the 17 h a job used to wait): every job waits by visibility, none is dead-lettered, and all are extracted within 30 min of the restart', async () => {
    const pipeline = await startPipeline({ endpoint: D.endpoint });
    try {
      const slugs = Array.from({ length: 4 }, (_, n) => `dead-20h-${n}`);
      serve(...slugs);
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const clock = virtualClock(Date.now());
      const q = articleQueue(pipeline, () => runtime, { clock });
      const ids = slugs.map((slug) => q.send(extractJob(slug)));
      await D.kill();
      const back = clock.now() + 20 * 3_600_000;
      await q.drain({ until: back });
      expect(q.deadLetters).toEqual([]);
      expect(q.size).toBe(slugs.length);
      // 5, 10, 20 min, then every 30 min: about two receives per hour, far under the queue's 1000.
      expect(Math.max(...ids.map((id) => q.deliveries(id)))).toBeLessThan(45);
      await D.restart();
      await q.drain();
      const last = Math.max(...q.invocations.map((invocation) => invocation.at));
      expect(last - back).toBeLessThanOrEqual(30 * 60_000);
      for (const slug of slugs) expect(await pipeline.reader.getByUrl(pageUrl(slug)), slug).toMatchObject({ revision: 1, status: 'extracted' });
      expect(q.deadLetters).toEqual([]);
      expect(q.expired).toEqual([]);
      expect(pipeline.sqs.calls.filter((call) => call.action === 'SendMessage' && call.input.QueueUrl === pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
    } finally {
      await pipeline.close();
    }
  }, 120_000);

  it('#39 a server that stops answering (SIGSTOP) fails a write at the request deadline instead of holding it', async () => {
    const pipeline = await startPipeline({ endpoint: D.endpoint });
    const { documents, client } = createDynamoClients({ endpoint: D.endpoint, maxAttempts: 2, connectionTimeoutMs: 500, requestTimeoutMs: 500 });
    try {
      const store = new DynamoArticleStore({ client: documents, tableName: pipeline.tables.articles, bodiesTableName: pipeline.tables.bodies });
      D.freeze();
      const outcome = await store.put(anArticle({ url: 'https://news.example/frozen' })).then(
        () => 'written',
        (error: Error) => error.name,
      );
      expect(outcome).toBe('TimeoutError');
    } finally {
      D.thaw();
      client.destroy();
      await pipeline.close();
    }
  });
});

describe('#40 DynamoDB throttling', () => {
  it('#40 three ProvisionedThroughputExceeded answers: the SDK retries with backoff and the record succeeds on its first delivery', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      serve('throttled-once');
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      proxy.inject({ kind: 'error', operation: 'PutItem', table: pipeline.tables.articles, times: 3, type: 'ProvisionedThroughputExceededException' });
      const before = proxy.calls.length;
      const response = await createExtractHandler(() => runtime)(sqsEvent([sqsRecord(extractJob('throttled-once'))]), lambdaContext());
      expect(response.batchItemFailures).toEqual([]);
      const puts = proxy.calls.slice(before).filter((call) => call.operation === 'PutItem' && call.table === pipeline.tables.articles);
      expect(puts.map((call) => call.error ?? 'ok')).toEqual([...Array(3).fill('ProvisionedThroughputExceededException'), 'ok']);
      expect(await pipeline.reader.getByUrl(pageUrl('throttled-once'))).toMatchObject({ revision: 1 });
    } finally {
      await pipeline.close();
    }
  });

  it('#40 throttling that outlasts maxAttempts: bounded attempts with jittered backoff inside the deadline, then the record waits (a store outage: hidden 5 min), then done on redelivery', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      // The store as deployed (SDK defaults of createDynamoClients): how many attempts, how long it waited.
      const { documents, client } = createDynamoClients({ endpoint: proxy.endpoint });
      const store = new DynamoArticleStore({ client: documents, tableName: pipeline.tables.articles, bodiesTableName: pipeline.tables.bodies });
      proxy.inject({ kind: 'error', operation: 'PutItem', table: pipeline.tables.articles, times: 100, type: 'ThrottlingException' });
      const error = (await store.put(anArticle({ url: 'https://news.example/throttled' })).catch((e: unknown) => e)) as Error & {
        $metadata: { attempts: number; totalRetryDelay: number };
      };
      client.destroy();
      expect(error.name).toBe('ThrottlingException');
      expect(error.$metadata.attempts).toBe(5);
      expect(error.$metadata.totalRetryDelay).toBeGreaterThan(0);
      expect(error.$metadata.totalRetryDelay).toBeLessThan(Number(pipeline.env.DEADLINE_MARGIN_MS));

      serve('throttled-long');
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = extractQueue(pipeline, runtime);
      const id = q.send(extractJob('throttled-long'));
      const before = proxy.calls.length;
      await q.drain({ maxInvocations: 1 });
      expect(q.invocations[0]?.failures).toEqual([id]);
      expect(runtime.logs).toContainEqual(
        expect.objectContaining({
          message: 'record will be retried later',
          fields: expect.objectContaining({ messageId: id, code: 'STORE_UNAVAILABLE', wait: true, retryInSeconds: 300 }),
        }),
      );
      expect(proxy.calls.slice(before).filter((call) => call.operation === 'PutItem' && call.table === pipeline.tables.articles)).toHaveLength(5);
      proxy.heal();
      await q.drain();
      expect(await pipeline.reader.getByUrl(pageUrl('throttled-long'))).toMatchObject({ revision: 1 });
    } finally {
      await pipeline.close();
    }
  }, 120_000);
});

describe('#41 BatchWriteItem leaves UnprocessedItems', () => {
  const feedWith = (name: string, count: number) => {
    const slugs = Array.from({ length: count }, (_, n) => `${name}-${n}`);
    H.routes[`/${name}.xml`] = {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed(
        name,
        slugs.map((slug) => ({ link: pageUrl(slug), guid: slug })),
      ),
    };
    return { url: `${H.origin(ALIAS)}/${name}.xml`, slugs };
  };
  const fetchQueue = (pipeline: Pipeline) => {
    const runtime = pipeline.fetchFeedRuntime({ http: guardedTestClient() });
    return {
      runtime,
      q: feedQueue(pipeline, () => runtime),
    };
  };
  const feedJob = (url: string) => JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(url), url, window: '2026-01-15T10:00' });

  it('#41 unprocessed entries are sent again with backoff until none is left: every entry recorded, nothing dropped', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const feed = feedWith('unprocessed', 30);
      await pipeline.subscribe(feed.url);
      const { q } = fetchQueue(pipeline);
      proxy.inject({ kind: 'unprocessed', times: 3, keep: 10 });
      const before = proxy.calls.length;
      q.send(feedJob(feed.url));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      const batches = proxy.calls.slice(before).filter((call) => call.operation === 'BatchWriteItem');
      expect(batches.filter((call) => call.outcome.startsWith('unprocessed'))).toHaveLength(3);
      expect(batches.length).toBeGreaterThan(3);
      const jobs = pipeline.sqs.drain('articles').map((m) => JSON.parse(m.body).item.itemId as string);
      expect(jobs).toHaveLength(feed.slugs.length);
      expect((await pipeline.feeds.getItems(feedIdOf(feed.url), jobs)).states.size).toBe(feed.slugs.length);
    } finally {
      await pipeline.close();
    }
  });

  it('#41 entries still unprocessed after the last round are a store outage: the record waits (hidden 5 min), and the redelivery records them', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const feed = feedWith('stuck', 12);
      await pipeline.subscribe(feed.url);
      const { q, runtime } = fetchQueue(pipeline);
      proxy.inject({ kind: 'unprocessed', times: 1_000, keep: 0 });
      const id = q.send(feedJob(feed.url));
      await q.drain({ maxInvocations: 1 });
      expect(q.invocations[0]?.failures).toEqual([id]);
      expect(runtime.logs).toContainEqual(
        expect.objectContaining({
          message: 'record will be retried later',
          fields: expect.objectContaining({ messageId: id, code: 'STORE_UNAVAILABLE', error: expect.stringContaining('unprocessed') }),
        }),
      );
      proxy.heal();
      await q.drain();
      const jobs = pipeline.sqs.drain('articles').map((m) => JSON.parse(m.body).item.itemId as string);
      const known = await pipeline.feeds.getItems(feedIdOf(feed.url), jobs);
      expect(known.states.size).toBe(12);
    } finally {
      await pipeline.close();
    }
  }, 120_000);
});

describe('#42 an article over 400 KB, on Amazon DynamoDB Local', () => {
  let local: DynamoDbLocalServer;
  let localProxy: DynamoFaultProxy;
  beforeAll(async () => {
    local = await startDynamoDbLocal();
    localProxy = await startDynamoFaultProxy(local.endpoint);
  }, 120_000);
  afterAll(async () => {
    await localProxy?.close();
    await local?.stop();
  });

  it('#42 a 2 MB body through the extract function: offloaded in chunks, no ValidationException, read back whole', async () => {
    const pipeline = await startPipeline({ endpoint: localProxy.endpoint });
    try {
      const paragraphs = proseParagraphs(2 * 1024 * 1024, 42);
      H.routes['/a/two-megabytes'] = {
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<!doctype html><html><head><title>The longest report</title></head><body><article><h1>The longest report</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`,
      };
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = extractQueue(pipeline, runtime);
      const before = localProxy.calls.length;
      q.send(extractJob('two-megabytes'));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      expect(localProxy.calls.slice(before).filter((call) => call.error === 'ValidationException')).toEqual([]);
      const article = await pipeline.reader.getByUrl(pageUrl('two-megabytes'));
      expect(article?.status).toBe('extracted');
      expect(Buffer.byteLength(article?.contentText ?? '')).toBeGreaterThan(1.9 * 1024 * 1024);
      const item = await pipeline.clients.documents.send(
        new GetCommand({ TableName: pipeline.tables.articles, Key: { [ARTICLES.partitionKey]: article?.id }, ConsistentRead: true }),
      );
      expect(item.Item?.bodyStorage).toBe(BODY_STORAGE.chunks);
    } finally {
      await pipeline.close();
    }
  }, 120_000);

  it('#42 if DynamoDB still refuses an item as too large, the job is set aside at once (terminal), never retried', async () => {
    const pipeline = await startPipeline({ endpoint: localProxy.endpoint });
    try {
      serve('refused-size');
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = extractQueue(pipeline, runtime);
      localProxy.inject({
        kind: 'error',
        operation: 'PutItem',
        table: pipeline.tables.articles,
        times: 1,
        type: 'ValidationException',
        message: 'Item size has exceeded the maximum allowed size',
      });
      q.send(extractJob('refused-size'));
      await q.drain();
      expect(q.invocations).toHaveLength(1);
      expect(q.deadLetters.map((letter) => letter.reason)).toEqual(['ARTICLE_TOO_LARGE']);
    } finally {
      await pipeline.close();
    }
  });

  it('#17 #42 a 3,000-character page URL is stored (its URL index key is a digest; DynamoDB caps index keys at 2,048 bytes)', async () => {
    const pipeline = await startPipeline({ endpoint: localProxy.endpoint });
    try {
      const slug = `long-${'x'.repeat(3_000)}`;
      serve(slug);
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = extractQueue(pipeline, runtime);
      q.send(extractJob(slug));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      expect(q.deadLetters).toEqual([]);
      expect(await pipeline.reader.getByUrl(pageUrl(slug))).toMatchObject({ status: 'extracted', revision: 1 });
    } finally {
      await pipeline.close();
    }
  });
});

describe('#45 future, absurd and unparseable dates', () => {
  it('#45 a date over a day ahead becomes the fetch time, an unparseable one is no instant (listed at the fetch time), raw strings kept', async () => {
    const pipeline = await startPipeline({ endpoint: D.endpoint });
    try {
      const clock = fixedClock('2026-01-15T10:00:00Z');
      const entries = [
        { slug: 'future', pubDate: 'Thu, 01 Jan 2099 00:00:00 GMT', publishedAt: '2026-01-15T10:00:00.000Z' },
        // Before 1990: a placeholder (an unset Unix time), not a publication date.
        { slug: 'epoch', pubDate: 'Thu, 01 Jan 1970 00:00:00 GMT', publishedAt: null },
        { slug: 'feb-31', pubDate: 'Sat, 31 Feb 2026 10:00:00 GMT', publishedAt: null },
        { slug: 'no-zone', pubDate: '2026-01-14T08:00:00', publishedAt: '2026-01-14T08:00:00.000Z' },
        { slug: 'empty', pubDate: '', publishedAt: null },
        { slug: 'words', pubDate: 'sometime last week', publishedAt: null },
        { slug: 'tomorrow', pubDate: '2026-01-16T09:00:00Z', publishedAt: '2026-01-16T09:00:00.000Z' },
      ];
      // The pages answer 404: each article is built from its feed entry, dates included.
      H.routes['/dates.xml'] = {
        headers: { 'content-type': 'application/rss+xml' },
        body: rssFeed(
          'Dates',
          entries.map((e) => ({ link: pageUrl(`date-${e.slug}`), guid: e.slug, pubDate: e.pubDate })),
        ),
      };
      const feedUrl = `${H.origin(ALIAS)}/dates.xml`;
      await pipeline.subscribe(feedUrl, clock.now());
      const fetchRuntime = pipeline.fetchFeedRuntime({ http: guardedTestClient(), clock });
      const feedQ = feedQueue(pipeline, () => fetchRuntime);
      feedQ.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(feedUrl), url: feedUrl, window: '2026-01-15T10:00' }));
      await feedQ.drain();
      const extractRuntime = pipeline.extractRuntime({ http: guardedTestClient(), clock });
      const articleQ = extractQueue(pipeline, extractRuntime);
      await articleQ.drain();
      expect(articleQ.invocations.every((i) => i.failures.length === 0)).toBe(true);
      for (const entry of entries) {
        const article = await pipeline.reader.getByUrl(pageUrl(`date-${entry.slug}`));
        expect(article?.publishedAt, entry.slug).toBe(entry.publishedAt);
        expect(article?.dates.publishedRaw, entry.slug).toBe(entry.pubDate || null);
        expect(article?.fetchedAt).toBe('2026-01-15T10:00:00.000Z');
        const item = await pipeline.clients.documents.send(
          new GetCommand({ TableName: pipeline.tables.articles, Key: { id: article?.id }, ConsistentRead: true }),
        );
        expect(String(item.Item?.sortKey).startsWith(entry.publishedAt ?? '2026-01-15T10:00:00.000Z'), entry.slug).toBe(true);
      }
    } finally {
      await pipeline.close();
    }
  });
});

describe('#46 duplicates across and within feeds', () => {
  it('#46 one article per canonical URL across feeds and utm_* variants; one entry per item when a feed reuses one GUID; stable keys across runs', async () => {
    const pipeline = await startPipeline({ endpoint: D.endpoint });
    try {
      serve('shared', 'c1', 'c2', 'c3');
      H.routes['/feed-a.xml'] = {
        headers: { 'content-type': 'application/rss+xml' },
        body: rssFeed('A', [{ link: `${pageUrl('shared')}?utm_source=a&utm_medium=rss`, guid: 'a-1' }]),
      };
      H.routes['/feed-b.xml'] = {
        headers: { 'content-type': 'application/rss+xml' },
        body: rssFeed('B', [{ link: `${pageUrl('shared')}?utm_campaign=b#comments`, guid: 'b-1' }]),
      };
      H.routes['/feed-c.xml'] = {
        headers: { 'content-type': 'application/rss+xml' },
        body: rssFeed(
          'C',
          ['c1', 'c2', 'c3'].map((slug) => ({ link: pageUrl(slug), guid: 'same-guid-everywhere' })),
        ),
      };
      const feeds = ['a', 'b', 'c'].map((name) => `${H.origin(ALIAS)}/feed-${name}.xml`);
      for (const url of feeds) await pipeline.subscribe(url);
      const fetchRuntime = pipeline.fetchFeedRuntime({ http: guardedTestClient() });
      const feedQ = feedQueue(pipeline, () => fetchRuntime, { batchSize: 1 });
      const run = async (window: string) => {
        for (const url of feeds) feedQ.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(url), url, window }));
        await feedQ.drain();
        return pipeline.sqs.messages('articles').map((m) => JSON.parse(m.body) as { feedId: string; item: { itemId: string } });
      };
      const firstJobs = await run('2026-01-15T10:00');
      const articleQ = extractQueue(pipeline, pipeline.extractRuntime({ http: guardedTestClient() }));
      await articleQ.drain();

      const shared = await pipeline.reader.getByUrl(pageUrl('shared'));
      expect(shared?.id).toBe(articleId(cleanUrl(pageUrl('shared'))));
      expect(shared?.revision).toBe(1);
      expect(await pipeline.reader.getByUrl(`${pageUrl('shared')}?utm_source=zzz`)).toMatchObject({ id: shared?.id });
      const itemsOfC = firstJobs.filter((job) => job.feedId === feedIdOf(feeds[2] as string)).map((job) => job.item.itemId);
      expect(new Set(itemsOfC).size).toBe(3);
      expect((await pipeline.feeds.getItems(feedIdOf(feeds[2] as string), itemsOfC)).states.size).toBe(3);
      for (const slug of ['c1', 'c2', 'c3']) expect(await pipeline.reader.getByUrl(pageUrl(slug))).toMatchObject({ revision: 1 });

      // A second run over the same feeds: no new job, the same item keys.
      pipeline.sqs.drain('articles');
      const again = await run('2026-01-15T11:00');
      expect(again).toEqual([]);
      expect((await pipeline.feeds.getItems(feedIdOf(feeds[2] as string), itemsOfC)).states.size).toBe(3);
    } finally {
      await pipeline.close();
    }
  });
});
