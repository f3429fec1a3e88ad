import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueueSimulator, realClock, virtualClock } from '../../bench/support/queue-simulator';
import { createHandler as createDispatchHandler } from '../../functions/dispatch/handler';
import { createHandler as createExtractHandler } from '../../functions/extract-article/handler';
import { createHandler as createFetchFeedHandler } from '../../functions/fetch-feed/handler';
import { InMemoryHostPoliteness } from '../../shared/adapters/http/in-memory-host-politeness';
import { articleId } from '../../shared/article/article-id';
import type { ArticleStore } from '../../shared/ingestion/ports';
import { feedIdOf } from '../../shared/ingestion/subscribe-feeds';
import { lambdaContext } from '../integration/functions/support/lambda-context';
import { sqsEvent, sqsRecord } from '../integration/functions/support/sqs-event';
import { type DynamoFaultProxy, startDynamoFaultProxy } from './support/dynamo-fault-proxy';
import { type DynamoProcess, startDynamoProcess } from './support/dynamo-process';
import { ALIAS, guardedTestClient } from './support/guarded-test-client';
import { type HostileServer, startHostileServer } from './support/hostile-server';
import { articleJob, articleRoute, rssFeed } from './support/news-site';
import { fixedClock, type Pipeline, startPipeline } from './support/pipeline';
import { STACK_QUEUE } from './support/stack-queue';
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

// H serves every /a/<slug> path with an article page.
const pageUrl = (slug: string) => `${H.origin(ALIAS)}/a/${slug}`;

const extractJob = (slug: string, feedUrl = `${H.origin(ALIAS)}/feed.xml`) => articleJob(H.origin(ALIAS), slug, { feedId: feedIdOf(feedUrl), feedUrl });

/** Every item of a table, keyed by id, without the fields that measure time spent. */
async function tableState(pipeline: Pipeline): Promise<Record<string, unknown>> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await pipeline.clients.documents.send(
      new ScanCommand({ TableName: pipeline.tables.articles, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return Object.fromEntries(
    items.map((item) => {
      const { extraction, ...rest } = item as { extraction: { durationMs: number } };
      return [String(item.id), { ...rest, extraction: { ...extraction, durationMs: 0 } }];
    }),
  );
}

/** The failed attempts the attempts ledger holds, one entry per message with a failure counted (Hosts table, DELIVERY#). */
async function failureCounts(pipeline: Pipeline): Promise<unknown[]> {
  const { Items = [] } = await pipeline.clients.documents.send(new ScanCommand({ TableName: pipeline.tables.hosts, ConsistentRead: true }));
  return Items.filter((item) => String(item.pk).startsWith('DELIVERY#') && Number(item.failures) > 0).map((item) => item.failures);
}

describe('#35 the same message delivered twice, concurrently', () => {
  it('#35 two parallel extract invocations of one job: one article, revision 1; the loser sees ConditionalCheckFailed and succeeds', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slugs = ['dup-1', 'dup-2', 'dup-3'];
      for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
      const runtimes = [pipeline.extractRuntime({ http: guardedTestClient() }), pipeline.extractRuntime({ http: guardedTestClient() })];
      const event = sqsEvent(slugs.map((slug) => sqsRecord(extractJob(slug), { messageId: `m-${slug}` })));
      const results = await Promise.all(runtimes.map((runtime) => createExtractHandler(() => runtime)(event, lambdaContext())));
      expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
      for (const slug of slugs) expect(await pipeline.reader.getByUrl(pageUrl(slug))).toMatchObject({ revision: 1, status: 'extracted' });
      expect(Object.keys(await tableState(pipeline))).toHaveLength(slugs.length);
      const writes = runtimes.flatMap((runtime) => runtime.logs.filter((line) => line.message === 'article stored').map((line) => line.fields.write));
      expect(writes.filter((write) => write === 'created')).toHaveLength(slugs.length);
      expect(writes.filter((write) => write === 'unchanged')).toHaveLength(slugs.length);
    } finally {
      await pipeline.close();
    }
  });

  it('#35 two parallel fetch-feed invocations of one feed job: every entry becomes one article once the fan-out is processed', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slugs = Array.from({ length: 5 }, (_, n) => `fan-${n}`);
      for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
      H.routes['/feed-35.xml'] = {
        headers: { 'content-type': 'application/rss+xml' },
        body: rssFeed(
          'Fan-out',
          slugs.map((slug) => ({ link: pageUrl(slug), guid: slug })),
        ),
      };
      const feedUrl = `${H.origin(ALIAS)}/feed-35.xml`;
      await pipeline.subscribe(feedUrl);
      const event = sqsEvent([
        sqsRecord(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(feedUrl), url: feedUrl, window: '2026-01-15T10:00' }), {
          messageId: 'feed-dup',
        }),
      ]);
      const runtimes = [pipeline.fetchFeedRuntime({ http: guardedTestClient() }), pipeline.fetchFeedRuntime({ http: guardedTestClient() })];
      const results = await Promise.all(runtimes.map((runtime) => createFetchFeedHandler(() => runtime)(event, lambdaContext())));
      expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
      const extractRuntime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => extractRuntime);
      await q.drain();
      const { articles } = await pipeline.reader.listByFeed(feedIdOf(feedUrl), { limit: 50 });
      expect(articles.map((a) => a.url).sort()).toEqual(slugs.map(pageUrl).sort());
      expect(articles.every((a) => a.revision === 1)).toBe(true);
      expect(
        (
          await pipeline.feeds.getItems(
            feedIdOf(feedUrl),
            articles.map((a) => a.itemId),
          )
        ).states,
      ).toHaveProperty('size', slugs.length);
    } finally {
      await pipeline.close();
    }
  });
});

describe('#35 a feed whose state write fails after its entries were queued', () => {
  it('#35 the redelivery records the feed, queues no entry twice over, and every entry becomes one article', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slugs = Array.from({ length: 4 }, (_, n) => `state-${n}`);
      for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
      H.routes['/feed-state.xml'] = {
        headers: { 'content-type': 'application/rss+xml', etag: '"state-1"' },
        body: rssFeed(
          'State',
          slugs.map((slug) => ({ link: pageUrl(slug), guid: slug })),
        ),
      };
      const feedUrl = `${H.origin(ALIAS)}/feed-state.xml`;
      await pipeline.subscribe(feedUrl);
      const runtime = pipeline.fetchFeedRuntime({ http: guardedTestClient() });
      const feedQ = feedQueue(pipeline, () => runtime);
      feedQ.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(feedUrl), url: feedUrl, window: '2026-01-15T10:00' }));
      // The feed's own UpdateItem (its validators and schedule) fails on the first delivery, every one of the
      // SDK's 5 attempts (the composition root's client).
      proxy.inject({ kind: 'error', operation: 'UpdateItem', table: pipeline.tables.feeds, type: 'ProvisionedThroughputExceededException', times: 5 });
      await feedQ.drain();
      // Throttling past the SDK's attempts is the store being unavailable: a wait, so the record was
      // hidden for the wait schedule (5 min) and its redelivery recorded the feed; nothing was sent
      // to the feed queue (#49).
      expect(feedQ.invocations.map((invocation) => [invocation.receiveCounts, invocation.failures.length])).toEqual([
        [[1], 1],
        [[2], 0],
      ]);
      expect((feedQ.invocations[1]?.at ?? 0) - (feedQ.invocations[0]?.at ?? 0)).toBe(300_000);
      expect(pipeline.sqs.calls.filter((call) => call.action === 'SendMessage' && call.input.QueueUrl === pipeline.env.FEED_QUEUE_URL)).toEqual([]);
      expect(feedQ.deadLetters).toEqual([]);
      // The entries were queued by the first delivery and recorded; the redelivery queued none again.
      expect(pipeline.sqs.messages('articles')).toHaveLength(slugs.length);
      expect(await pipeline.feeds.get(feedIdOf(feedUrl))).toMatchObject({ errorCount: 0, etag: '"state-1"', lastHttpStatus: 200 });

      const articleQ = articleQueue(pipeline, () => pipeline.extractRuntime({ http: guardedTestClient() }));
      await articleQ.drain();
      const { articles } = await pipeline.reader.listByFeed(feedIdOf(feedUrl), { limit: 50 });
      expect(articles.map((article) => article.url).sort()).toEqual(slugs.map(pageUrl).sort());
      expect(articles.every((article) => article.revision === 1 && article.status === 'extracted')).toBe(true);
    } finally {
      await pipeline.close();
    }
  });
});

describe('#36 partial batch: 10 records, 3 fail', () => {
  it('#36 batchItemFailures lists exactly the 3, never an empty identifier; only they are redelivered', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slugs = Array.from({ length: 10 }, (_, n) => `batch-${n}`);
      const failing = new Set(['batch-2', 'batch-5', 'batch-9']);
      const served = new Map<string, number>();
      for (const slug of slugs) {
        H.routes[`/a/${slug}`] = (request) => {
          const times = (served.get(slug) ?? 0) + 1;
          served.set(slug, times);
          return failing.has(slug) && times === 1 ? { status: 503, body: 'busy' } : articleRoute(request);
        };
      }
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => runtime);
      const ids = new Map(slugs.map((slug) => [q.send(extractJob(slug)), slug]));
      await q.drain();
      const [first, second, ...rest] = q.invocations;
      expect(rest).toEqual([]);
      expect(first?.failures.every((id) => id.length > 0)).toBe(true);
      expect(new Set(first?.failures.map((id) => ids.get(id)))).toEqual(failing);
      expect(new Set(second?.messageIds.map((id) => ids.get(id)))).toEqual(failing);
      expect(second?.receiveCounts).toEqual([2, 2, 2]);
      expect(second?.failures).toEqual([]);
      for (const slug of slugs) expect(served.get(slug)).toBe(failing.has(slug) ? 2 : 1);
      expect(Object.keys(await tableState(pipeline))).toHaveLength(10);
    } finally {
      await pipeline.close();
    }
  });
});

describe('#37 the handler dies mid-batch', () => {
  it('#37 the invocation fails after record 4, the whole batch is redelivered, and the table ends as after a clean run', async () => {
    const slugs = Array.from({ length: 10 }, (_, n) => `crash-${n}`);
    for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
    const clock = fixedClock('2026-01-15T10:00:00Z');
    const clean = await startPipeline({ endpoint: proxy.endpoint });
    const crashed = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const cleanRuntime = clean.extractRuntime({ http: guardedTestClient(), clock });
      const cleanQ = new QueueSimulator({
        sqs: clean.sqs,
        queue: 'articles',
        deadLetterQueue: 'articles-dlq',
        handler: createExtractHandler(() => cleanRuntime),
        maxReceiveCount: 5,
        batchSize: 10,
      });
      for (const slug of slugs) cleanQ.send(extractJob(slug));
      await cleanQ.drain();

      // First execution environment: its process dies while writing record 5 (nothing after runs).
      const doomed = crashed.extractRuntime({ http: guardedTestClient(), clock });
      let died: () => void = () => undefined;
      const death = new Promise<never>((_, reject) => {
        died = () => reject(new Error('Runtime exited with error: signal: killed'));
      });
      const store: ArticleStore = doomed.extract.articles;
      let puts = 0;
      doomed.extract.articles = {
        get: (id) => store.get(id),
        removeSuperseded: (id, expected) => store.removeSuperseded(id, expected),
        put: (article) => {
          if (++puts <= 4) return store.put(article);
          died();
          return new Promise(() => undefined);
        },
      };
      const doomedHandler = createExtractHandler(() => doomed);
      const fresh = crashed.extractRuntime({ http: guardedTestClient(), clock });
      let invocations = 0;
      const q = new QueueSimulator({
        sqs: crashed.sqs,
        queue: 'articles',
        deadLetterQueue: 'articles-dlq',
        handler: (event, context) =>
          ++invocations === 1 ? Promise.race([doomedHandler(event, context), death]) : createExtractHandler(() => fresh)(event, context),
        maxReceiveCount: 5,
        batchSize: 10,
      });
      for (const slug of slugs) q.send(extractJob(slug));
      await q.drain();
      expect(q.invocations.map((i) => i.outcome)).toEqual(['threw', 'returned']);
      expect(q.invocations[1]?.messageIds).toHaveLength(10);
      expect(q.invocations[1]?.receiveCounts).toEqual(Array(10).fill(2));
      expect(await tableState(crashed)).toEqual(await tableState(clean));
      expect(fresh.logs.filter((line) => line.message === 'article stored').map((line) => line.fields.write)).toEqual([
        ...Array(4).fill('unchanged'),
        ...Array(6).fill('created'),
      ]);
    } finally {
      await clean.close();
      await crashed.close();
    }
  });
});

describe('#37 a job whose every attempt kills its invocation', () => {
  it('#37 the function dies on every delivery (no failure is ever decided): counted ahead, set aside with ATTEMPTS_EXHAUSTED after five counted attempts, not left to loop until the retention deletes it; its entry is stored from the feed with that reason', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/kills-its-invocation'] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      // Whatever this job does with the page ends its process (out of memory while storing it, say):
      // the write never returns and the invocation dies, as in #37, on every delivery.
      let die: (error: Error) => void = () => undefined;
      const store: ArticleStore = runtime.extract.articles;
      runtime.extract.articles = {
        get: (id) => store.get(id),
        removeSuperseded: (id, expected) => store.removeSuperseded(id, expected),
        put: (article) => {
          if (article.status !== 'extracted') return store.put(article);
          die(new Error('Runtime exited with error: signal: killed'));
          return new Promise(() => undefined);
        },
      };
      const handler = createExtractHandler(() => runtime);
      const clock = virtualClock(Date.now());
      const q = new QueueSimulator({
        sqs: pipeline.sqs,
        queue: 'articles',
        deadLetterQueue: 'articles-dlq',
        ...STACK_QUEUE,
        batchSize: 10,
        clock,
        handler: (event, context) =>
          Promise.race([
            handler(event, context),
            new Promise<never>((_, reject) => {
              die = reject;
            }),
          ]),
      });
      const id = q.send(extractJob('kills-its-invocation'));
      await q.drain({ maxInvocations: 50 });
      // The first delivery is not counted (no write on the happy path); the next five are, before
      // they run; the seventh finds five counted and is set aside unrun.
      expect(q.invocations.map((i) => i.outcome)).toEqual([...Array(6).fill('threw'), 'returned']);
      expect(q.deliveries(id)).toBe(7);
      expect(q.deadLetters).toEqual([expect.objectContaining({ messageId: id, reason: 'ATTEMPTS_EXHAUSTED' })]);
      expect(q.expired).toEqual([]);
      expect(q.size).toBe(0);
      // Visible to consumers at once, as any final failure, not only after someone redrives the job.
      expect(await store.get(articleId(`${H.origin(ALIAS)}/a/kills-its-invocation`))).toMatchObject({
        status: 'feed-only',
        extraction: { error: { code: 'ATTEMPTS_EXHAUSTED' }, retry: { retryable: false } },
      });
    } finally {
      await pipeline.close();
    }
  });

  it('#37 a feed job that kills its invocation on every delivery is recorded on its feed as a failed fetch (ATTEMPTS_EXHAUSTED): the feed backs off like any failing feed instead of being sent again on every lease', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const feedUrl = `${H.origin(ALIAS)}/feeds/kills-its-invocation.xml`;
      await pipeline.subscribe(feedUrl, new Date(Date.now() - 60_000));
      const runtime = pipeline.fetchFeedRuntime({ http: guardedTestClient() });
      let die: (error: Error) => void = () => undefined;
      runtime.refresh.http = {
        get: () => {
          die(new Error('Runtime exited with error: signal: killed'));
          return new Promise(() => undefined);
        },
      };
      const handler = createFetchFeedHandler(() => runtime);
      const q = new QueueSimulator({
        sqs: pipeline.sqs,
        queue: 'feeds',
        deadLetterQueue: 'feeds-dlq',
        ...STACK_QUEUE,
        batchSize: 5,
        clock: virtualClock(Date.now()),
        handler: (event, context) =>
          Promise.race([
            handler(event, context),
            new Promise<never>((_, reject) => {
              die = reject;
            }),
          ]),
      });
      const feedId = feedIdOf(feedUrl);
      const id = q.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId, url: feedUrl, window: '2026-01-15T10:00' }));
      await q.drain({ maxInvocations: 50 });
      expect(q.deadLetters).toEqual([expect.objectContaining({ messageId: id, reason: 'ATTEMPTS_EXHAUSTED' })]);
      const feed = await runtime.refresh.feeds.get(feedId);
      expect(feed).toMatchObject({ status: 'active', errorCount: 1, lastError: { code: 'ATTEMPTS_EXHAUSTED' } });
      expect(feed?.failingSince).not.toBeNull();
    } finally {
      await pipeline.close();
    }
  });
});

describe('#38 the Lambda deadline is reached mid-batch', () => {
  it('#38 no record starts under the margin; the unstarted ones are reported, returned in time, and done on redelivery', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slugs = Array.from({ length: 10 }, (_, n) => `deadline-${n}`);
      for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const margin = Number(pipeline.env.DEADLINE_MARGIN_MS);
      const q = articleQueue(pipeline, () => runtime, {
        // The first invocation's remaining time drops under the margin after 3 records have started.
        context: (invocation) => {
          let asked = 0;
          return lambdaContext(() => (invocation === 1 && ++asked > 3 ? margin - 1 : 100_000));
        },
      });
      const ids = slugs.map((slug) => q.send(extractJob(slug)));
      await q.drain();
      const [first, second] = q.invocations;
      expect(first?.outcome).toBe('returned');
      expect(first?.failures).toEqual(ids.slice(3));
      expect(second?.messageIds).toEqual(ids.slice(3));
      expect(second?.failures).toEqual([]);
      expect(runtime.logs.filter((line) => line.message === 'deadline near: starting no new record')).toHaveLength(1);
      expect(Object.keys(await tableState(pipeline))).toHaveLength(10);
    } finally {
      await pipeline.close();
    }
  });
  it('#38 a record the deadline keeps from starting on every delivery is not dead-lettered unrun: its last delivery keeps it in the retry ledger, and its feed brings it back', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slug = 'never-started';
      H.routes[`/a/${slug}`] = articleRoute;
      H.routes['/feed-38.xml'] = { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed('Deadline', [{ link: pageUrl(slug), guid: slug }]) };
      const feedUrl = `${H.origin(ALIAS)}/feed-38.xml`;
      await pipeline.subscribe(feedUrl);
      // A queue deployed with a small receive limit (maxReceiveCount 5), so its last receive comes soon.
      const runtime = Object.assign(pipeline.extractRuntime({ http: guardedTestClient() }), { maxReceiveCount: 5 });
      const margin = Number(pipeline.env.DEADLINE_MARGIN_MS);
      const q = articleQueue(pipeline, () => runtime, {
        maxReceiveCount: 5,
        // Every invocation starts with less time left than the margin: the record never starts.
        context: () => lambdaContext(() => margin - 1),
      });
      const id = q.send(extractJob(slug, feedUrl));
      await q.drain({ maxInvocations: 10 });
      expect(q.deliveries(id)).toBe(5);
      expect(q.deadLetters).toEqual([]);
      expect(q.size).toBe(0);
      // Kept in the ledger, never sent again to its own queue (#49).
      expect(pipeline.sqs.calls.filter((call) => call.action === 'SendMessage' && call.input.QueueUrl === pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);

      // The feed's next refresh queues the page again, as a new message that runs to the end.
      const fetch = createFetchFeedHandler(() => pipeline.fetchFeedRuntime({ http: guardedTestClient() }));
      const feedJob = JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(feedUrl), url: feedUrl, window: '2026-01-15T10:05' });
      expect(await fetch(sqsEvent([sqsRecord(feedJob)]), lambdaContext())).toEqual({ batchItemFailures: [] });
      const again = articleQueue(pipeline, () => pipeline.extractRuntime({ http: guardedTestClient() }));
      await again.drain();
      const { articles } = await pipeline.reader.listByFeed(feedIdOf(feedUrl), { limit: 10 });
      expect(articles.map((article) => [article.url, article.status])).toEqual([[pageUrl(slug), 'extracted']]);
      expect(again.deadLetters).toEqual([]);
    } finally {
      await pipeline.close();
    }
  });
  it('#38 a feed job the deadline keeps from starting on every delivery is acknowledged, not dead-lettered: the feed is dispatched again when its lease lapses', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const clock = fixedClock('2026-01-15T10:00:00Z');
      const feedUrl = `${H.origin(ALIAS)}/feeds/unstarted.xml`;
      await pipeline.subscribe(feedUrl, new Date('2026-01-15T09:00:00Z'));
      const dispatch = createDispatchHandler(() => pipeline.dispatchRuntime({ clock }));
      expect(await dispatch({ scheduledTime: clock.now().toISOString() }, lambdaContext())).toEqual({ dispatched: 1 });
      const runtime = Object.assign(pipeline.fetchFeedRuntime({ http: guardedTestClient(), clock }), { maxReceiveCount: 5 });
      const margin = Number(pipeline.env.DEADLINE_MARGIN_MS);
      const q = feedQueue(pipeline, () => runtime, { maxReceiveCount: 5, context: () => lambdaContext(() => margin - 1) });
      await q.drain({ maxInvocations: 10 });
      expect(q.invocations).toHaveLength(5);
      expect(q.deadLetters).toEqual([]);
      expect(q.size).toBe(0);
      clock.advance(16 * 60_000);
      expect(await dispatch({ scheduledTime: clock.now().toISOString() }, lambdaContext())).toEqual({ dispatched: 1 });
    } finally {
      await pipeline.close();
    }
  });
});

describe('#39 #40 #49 a DynamoDB outage longer than a delivery: waits by visibility, never by a send to the own queue', () => {
  const sendsTo = (pipeline: Pipeline, url: unknown) => pipeline.sqs.calls.filter((call) => call.action === 'SendMessage' && call.input.QueueUrl === url);
  const gapsOf = (q: { invocations: { at: number }[] }) => q.invocations.slice(1).map((invocation, n) => invocation.at - (q.invocations[n]?.at ?? 0));

  const OUTAGE = { kind: 'error', operation: '*', times: 1_000_000, type: 'InternalServerError', status: 500 } as const;

  it('#39 #40 #49 a 3-hour outage: hidden 5, 10, 20, then 30 min at a time, nothing sent to its own queue, no failure counted, nothing dead-lettered; every job extracted within 30 min of the store coming back', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slugs = ['outage-3h-a', 'outage-3h-b', 'outage-3h-c'];
      for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const clock = virtualClock(Date.now());
      const q = articleQueue(pipeline, () => runtime, { clock });
      proxy.inject(OUTAGE);
      for (const slug of slugs) q.send(extractJob(slug));
      const back = clock.now() + 3 * 3_600_000;
      await q.drain({ until: back });
      expect(q.deadLetters).toEqual([]);
      expect(q.size).toBe(slugs.length);
      // 5 + 10 + 20 + 4 x 30 = 155 min of the outage's 180; the next receive is 5 min after it ends.
      expect(gapsOf(q)).toEqual([300_000, 600_000, 1_200_000, 1_800_000, 1_800_000, 1_800_000, 1_800_000]);
      proxy.heal();
      await q.drain();
      const last = Math.max(...q.invocations.map((invocation) => invocation.at));
      expect(last - back).toBeGreaterThanOrEqual(0);
      expect(last - back).toBeLessThanOrEqual(30 * 60_000);
      for (const slug of slugs) expect(await pipeline.reader.getByUrl(pageUrl(slug))).toMatchObject({ revision: 1, status: 'extracted' });
      expect(q.deadLetters).toEqual([]);
      expect(q.expired).toEqual([]);
      expect(q.size).toBe(0);
      expect(sendsTo(pipeline, pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
      // Waits are no failed attempts: the ledger holds nothing.
      expect(await failureCounts(pipeline)).toEqual([]);
    } finally {
      await pipeline.close();
    }
  });

  it('#39 #40 #49 a 3-day outage: waited out 30 min at a time (well under the 1000 receives and the 10-day retention), nothing dead-lettered or expired, extracted within 30 min of the store coming back', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slugs = ['outage-3d-a', 'outage-3d-b'];
      for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const clock = virtualClock(Date.now());
      const q = articleQueue(pipeline, () => runtime, { clock });
      proxy.inject(OUTAGE);
      for (const slug of slugs) q.send(extractJob(slug));
      const back = clock.now() + 3 * 86_400_000;
      await q.drain({ until: back, maxInvocations: 1_000 });
      expect(q.deadLetters).toEqual([]);
      expect(q.size).toBe(slugs.length);
      proxy.heal();
      await q.drain({ maxInvocations: 1_000 });
      for (const slug of slugs) expect(await pipeline.reader.getByUrl(pageUrl(slug))).toMatchObject({ revision: 1, status: 'extracted' });
      const last = Math.max(...q.invocations.map((invocation) => invocation.at));
      expect(last - back).toBeLessThanOrEqual(30 * 60_000);
      // About two receives per hour of outage, each of them a hidden message, never a send.
      const receives = Math.max(...q.invocations.flatMap((invocation) => invocation.receiveCounts));
      expect(receives).toBeGreaterThan(140);
      expect(receives).toBeLessThan(160);
      expect(q.deadLetters).toEqual([]);
      expect(q.expired).toEqual([]);
      expect(sendsTo(pipeline, pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
      expect(await failureCounts(pipeline)).toEqual([]);
    } finally {
      await pipeline.close();
    }
  });

  it('#39 #43 a job that fails every time is dead-lettered with its code after 5 failed attempts, however many outage waits come between them', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/poison-waits'] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const clock = virtualClock(Date.now());
      const q = articleQueue(pipeline, () => runtime, { clock });
      // A deployment bug refuses every article write (a client error the SDK does not retry)...
      const poison = {
        kind: 'error',
        operation: 'PutItem',
        table: pipeline.tables.articles,
        times: 1_000,
        type: 'ValidationException',
        message: 'One or more parameter values were invalid: injected',
      } as const;
      const id = q.send(extractJob('poison-waits'));
      // ...and the store goes down between the failures: failure, 3 waits, 2 failures, 4 waits, failures.
      const phases: [typeof poison | typeof OUTAGE, number][] = [
        [poison, 1],
        [OUTAGE, 3],
        [poison, 2],
        [OUTAGE, 4],
        [poison, 10],
      ];
      for (const [fault, deliveries] of phases) {
        proxy.heal();
        proxy.inject(fault);
        await q.drain({ maxInvocations: q.invocations.length + deliveries });
      }
      expect(q.deliveries(id)).toBe(12);
      expect(q.deadLetters).toEqual([expect.objectContaining({ messageId: id, reason: 'INTERNAL_ERROR' })]);
      expect(q.size).toBe(0);
      // Every failed attempt counted, the fifth ahead of its run (a redelivery is counted before it runs).
      expect(await failureCounts(pipeline)).toEqual([5]);
      expect(runtime.logs).toContainEqual(
        expect.objectContaining({ message: 'record failed on its last attempt: set aside', fields: expect.objectContaining({ why: 'failures-exhausted' }) }),
      );
      expect(sendsTo(pipeline, pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
    } finally {
      proxy.heal();
      await pipeline.close();
    }
  });

  it('#39 #34 a job that waited out an outage and then fails twice for a passing reason still succeeds: its waits spent none of its budget', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      // The page fails twice once the store is back (whatever was asked of it during the outage).
      let failuresLeft = 0;
      H.routes['/a/after-outage'] = (request) => (failuresLeft-- > 0 ? { status: 500, body: 'error' } : articleRoute(request));
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const clock = virtualClock(Date.now());
      const q = articleQueue(pipeline, () => runtime, { clock });
      proxy.inject(OUTAGE);
      const id = q.send(extractJob('after-outage'));
      await q.drain({ until: clock.now() + 6 * 3_600_000 });
      const waits = q.deliveries(id);
      expect(waits).toBeGreaterThan(5);
      proxy.heal();
      failuresLeft = 2;
      await q.drain();
      // Two failures (2 and 4 min of backoff), then extracted: nothing stored as feed-only, nothing dead-lettered.
      expect(q.deliveries(id)).toBe(waits + 3);
      expect(await pipeline.reader.getByUrl(pageUrl('after-outage'))).toMatchObject({ revision: 1, status: 'extracted' });
      expect(q.deadLetters).toEqual([]);
      expect(await failureCounts(pipeline)).toEqual([2]);
    } finally {
      await pipeline.close();
    }
  });

  it('#39 #40 #49 an outage that ends within the span (four deliveries, about 5 h): extracted once on the next delivery, nothing dead-lettered, nothing sent to its own queue', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/outage-ends'] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => runtime);
      proxy.inject({ kind: 'error', operation: '*', times: 1_000_000, type: 'InternalServerError', status: 500 });
      q.send(extractJob('outage-ends'));
      await q.drain({ maxInvocations: 4 });
      proxy.heal();
      await q.drain();
      expect(q.invocations.map((invocation) => invocation.failures.length)).toEqual([1, 1, 1, 1, 0]);
      expect(q.deadLetters).toEqual([]);
      expect(q.size).toBe(0);
      expect(await pipeline.reader.getByUrl(pageUrl('outage-ends'))).toMatchObject({ revision: 1, status: 'extracted' });
      expect(sendsTo(pipeline, pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
    } finally {
      await pipeline.close();
    }
  });

  it('#39 #40 when the dead-letter queue cannot take a still-waiting record on the queue’s last receive, it is reported failed and SQS moves it there itself: nothing lost', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/outage-dlq'] = articleRoute;
      // A queue deployed with a small receive limit (maxReceiveCount 5, the least the stack allows).
      const runtime = Object.assign(pipeline.extractRuntime({ http: guardedTestClient() }), { maxReceiveCount: 5 });
      const q = articleQueue(pipeline, () => runtime, { maxReceiveCount: 5 });
      proxy.inject(OUTAGE);
      pipeline.sqs.failSends(1_000, 'articles-dlq');
      const id = q.send(extractJob('outage-dlq'));
      await q.drain();
      pipeline.sqs.failSends(0);
      expect(q.invocations.map((invocation) => invocation.failures)).toEqual([[id], [id], [id], [id], [id]]);
      expect(runtime.logs.some((line) => line.message === 'could not set the waiting record aside: the queue moves it')).toBe(true);
      expect(q.deadLetters).toEqual([expect.objectContaining({ messageId: id, reason: 'maxReceiveCount' })]);
      expect(sendsTo(pipeline, pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
    } finally {
      proxy.heal();
      await pipeline.close();
    }
  });

  it('#39 an outage longer than the queue keeps a message: set aside with STORE_UNAVAILABLE a day before the 10-day retention, never deleted unseen; a redrive once the store is back extracts it', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/outage-10d'] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const clock = virtualClock(Date.now());
      const q = articleQueue(pipeline, () => runtime, { clock });
      proxy.inject(OUTAGE);
      const body = extractJob('outage-10d');
      const sentAt = clock.now();
      q.send(body);
      await q.drain({ maxInvocations: 1_000 });
      expect(q.expired).toEqual([]);
      expect(q.deadLetters).toEqual([expect.objectContaining({ body, reason: 'STORE_UNAVAILABLE' })]);
      const last = Math.max(...q.invocations.map((invocation) => invocation.at));
      expect(last - sentAt).toBeGreaterThan(8.9 * 86_400_000);
      expect(last - sentAt).toBeLessThanOrEqual(9 * 86_400_000);
      expect(runtime.logs).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ why: 'age-exhausted' }) }));
      proxy.heal();
      expect(q.redrive()).toHaveLength(1);
      await q.drain();
      expect(await pipeline.reader.getByUrl(pageUrl('outage-10d'))).toMatchObject({ revision: 1, status: 'extracted' });
      expect(sendsTo(pipeline, pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
    } finally {
      proxy.heal();
      await pipeline.close();
    }
  });

  it('#34 a failure without an asked delay comes back after a backoff (2, 4, 8, 15 min), not after the whole visibility timeout', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/flaky'] = { status: 500, body: 'error' };
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => runtime, { visibilityTimeoutMs: 30 * 60_000 });
      q.send(extractJob('flaky'));
      await q.drain();
      expect(q.invocations).toHaveLength(5);
      const gaps = q.invocations.slice(1).map((invocation, n) => invocation.at - (q.invocations[n]?.at ?? 0));
      expect(gaps).toEqual([120_000, 240_000, 480_000, 900_000]);
      // The last delivery stores what it can: nothing dead-lettered, the page kept for a later cycle.
      expect(q.deadLetters).toEqual([]);
      expect(await pipeline.reader.getByUrl(pageUrl('flaky'))).toMatchObject({ status: 'feed-only' });
    } finally {
      await pipeline.close();
    }
  });
});

describe('#43 poison messages', () => {
  it('#43 malformed JSON, missing fields, unknown version: set aside with their reason on the first delivery, logged, acknowledged', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => runtime);
      const bodies = {
        'not json': 'POISON_MALFORMED_JSON',
        '': 'POISON_MALFORMED_JSON',
        '{"kind":"extract-article","version":1}': 'POISON_INVALID_JOB',
        '[1,2,3]': 'POISON_INVALID_JOB',
        [extractJob('poison-v2').replace('"version":1', '"version":2')]: 'POISON_UNKNOWN_VERSION',
      };
      const ids = Object.keys(bodies).map((body) => q.send(body));
      await q.drain();
      expect(q.invocations).toHaveLength(1);
      expect(q.invocations[0]?.failures).toEqual([]);
      expect(q.deadLetters.map((letter) => letter.reason).sort()).toEqual(Object.values(bodies).sort());
      expect(q.deadLetters.map((letter) => letter.messageId).sort()).toEqual([...ids].sort());
      const logged = runtime.logs.filter((line) => line.level === 'error' && line.message === 'poison message set aside');
      expect(logged.map((line) => line.fields.code).sort()).toEqual(Object.values(bodies).sort());
    } finally {
      await pipeline.close();
    }
  });

  it('#43 a job that fails for good (DynamoDB refuses its item) is set aside at once, not retried five times', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/too-large'] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => runtime);
      proxy.inject({
        kind: 'error',
        operation: 'PutItem',
        table: pipeline.tables.articles,
        times: 1,
        type: 'ValidationException',
        message: 'Item size has exceeded the maximum allowed size',
      });
      q.send(extractJob('too-large'));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      expect(q.deadLetters.map((letter) => letter.reason)).toEqual(['ARTICLE_TOO_LARGE']);
      expect(runtime.logs).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: 'record failed for good: set aside',
          fields: expect.objectContaining({ code: 'ARTICLE_TOO_LARGE' }),
        }),
      );
    } finally {
      await pipeline.close();
    }
  });
});

describe('#44 dead-letter redrive hours later', () => {
  it('#44 a job dead-lettered by a storage bug is redriven 2 h after the fix: processed once; a second redrive writes nothing', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/redrive'] = articleRoute;
      const clock = fixedClock('2026-01-15T10:00:00Z');
      const qClock = virtualClock(clock.now().getTime());
      const runtime = pipeline.extractRuntime({ http: guardedTestClient(), clock });
      const q = articleQueue(pipeline, () => runtime, { clock: qClock });
      // A deployment bug: every PutItem is refused (a client error the SDK does not retry).
      proxy.inject({
        kind: 'error',
        operation: 'PutItem',
        table: pipeline.tables.articles,
        times: 1_000,
        type: 'ValidationException',
        message: 'One or more parameter values were invalid: injected',
      });
      q.send(extractJob('redrive'));
      await q.drain();
      // Five failed attempts, then set aside by the handler with the failure's code.
      expect(q.invocations).toHaveLength(5);
      expect(q.deadLetters.map((letter) => letter.reason)).toEqual(['INTERNAL_ERROR']);
      expect(await pipeline.reader.getByUrl(pageUrl('redrive'))).toBeNull();

      proxy.heal();
      clock.advance(2 * 3_600_000);
      qClock.advance(2 * 3_600_000);
      q.redrive();
      await q.drain();
      const stored = await pipeline.reader.getByUrl(pageUrl('redrive'));
      expect(stored).toMatchObject({ revision: 1, status: 'extracted', fetchedAt: '2026-01-15T12:00:00.000Z' });

      // The operator redrives the same letter again (or SQS delivers it twice): nothing changes.
      const before = await tableState(pipeline);
      q.send(extractJob('redrive'));
      clock.advance(3_600_000);
      await q.drain();
      expect(await tableState(pipeline)).toEqual(before);
      expect(runtime.logs.filter((line) => line.message === 'article stored').map((line) => line.fields.write)).toEqual(['created', 'unchanged']);
    } finally {
      await pipeline.close();
    }
  });

  it('#44 a write that succeeded but whose answer was lost is retried by the SDK and counted once', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/lost'] = articleRoute;
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      proxy.inject({ kind: 'lost-response', operation: 'PutItem', table: pipeline.tables.articles, times: 1 });
      const before = proxy.calls.length;
      const response = await createExtractHandler(() => runtime)(sqsEvent([sqsRecord(extractJob('lost'))]), lambdaContext());
      expect(response.batchItemFailures).toEqual([]);
      expect(
        proxy.calls
          .slice(before)
          .filter((call) => call.operation === 'PutItem' && call.table === pipeline.tables.articles)
          .map((call) => call.error ?? call.outcome),
      ).toEqual(['lost-response', 'ConditionalCheckFailedException']);
      expect(await pipeline.reader.getByUrl(pageUrl('lost'))).toMatchObject({ revision: 1 });
    } finally {
      await pipeline.close();
    }
  });
});

describe('#47 a stampede on one host', () => {
  it('#47 500 entries on one host, 4 concurrent invocations: at most 4 requests at once, a 429 holds each environment back, nothing lost', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const slugs = Array.from({ length: 500 }, (_, n) => `stampede-${n}`);
      // From the 100th request, H says 429 with Retry-After: 1 for one second.
      let count = 0;
      let busyUntil = 0;
      const answers: { agent: string; at: number; status: number }[] = [];
      for (const slug of slugs) {
        H.routes[`/a/${slug}`] = (request) => {
          const now = Date.now();
          if (++count === 100) busyUntil = now + 1_000;
          const status = now < busyUntil ? 429 : 200;
          answers.push({ agent: String(request.headers['user-agent']), at: now, status });
          return status === 429 ? { status, headers: { 'retry-after': '1' }, body: 'slow down' } : articleRoute(request);
        };
      }
      const workers = 4;
      const runtimes = Array.from({ length: workers }, (_, n) => pipeline.extractRuntime({ http: guardedTestClient({ userAgent: `env-${n}` }) }));
      const q = new QueueSimulator({
        sqs: pipeline.sqs,
        queue: 'articles',
        deadLetterQueue: 'articles-dlq',
        handler: createExtractHandler(() => runtimes[0] as (typeof runtimes)[0]),
        handlers: runtimes.map((runtime) => createExtractHandler(() => runtime)),
        maxReceiveCount: 5,
        batchSize: 10,
        visibilityTimeoutMs: 30_000,
        clock: realClock,
      });
      for (const slug of slugs) q.send(extractJob(slug));
      await q.drain({ maxInvocations: 1_000 });

      expect(H.inFlight.max).toBeLessThanOrEqual(workers);
      // After a 429, the environment that received it sends nothing to the host until Retry-After has passed.
      for (const refused of answers.filter((answer) => answer.status === 429)) {
        const tooSoon = answers.filter((answer) => answer.agent === refused.agent && answer.at > refused.at && answer.at < refused.at + 1_000);
        expect(tooSoon).toEqual([]);
      }
      expect(answers.filter((answer) => answer.status === 429).length).toBeLessThanOrEqual(2 * workers);
      expect(q.deadLetters).toEqual([]);
      const state = await tableState(pipeline);
      expect(Object.keys(state)).toHaveLength(500);
      expect(Object.values(state).every((item) => (item as { revision: number }).revision === 1)).toBe(true);
      // Each entry was written once: no delivery overlapped another (the visibility outlasts an invocation).
      const writes = runtimes.flatMap((runtime) => runtime.logs.filter((line) => line.message === 'article stored'));
      expect(writes.filter((line) => line.fields.write === 'created')).toHaveLength(500);
    } finally {
      await pipeline.close();
    }
  }, 240_000);
});

describe('#48 the scheduler delivers one window twice, and fails once', () => {
  it('#48 a retried tick sends no second job per (feed, window); a failed send only delays the feeds, which go out on a later tick', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const clock = fixedClock('2026-01-15T10:00:00Z');
      const urls = Array.from({ length: 3 }, (_, n) => `${H.origin(ALIAS)}/feeds/${n}.xml`);
      for (const url of urls) await pipeline.subscribe(url, new Date('2026-01-15T09:00:00Z'));
      const runtime = pipeline.dispatchRuntime({ clock });
      const dispatch = createDispatchHandler(() => runtime);
      const event = { scheduledTime: clock.now().toISOString() };

      // The first invocation cannot send (SQS fails every entry): it throws, for Lambda's async retry.
      pipeline.sqs.failEntries([3, 3, 3, 3, 3]);
      await expect(dispatch(event, lambdaContext())).rejects.toMatchObject({ code: 'QUEUE_SEND_FAILED' });
      // Lambda retries the same event, and the scheduler delivers it again: the leased feeds are not sent twice.
      expect(await dispatch(event, lambdaContext())).toEqual({ dispatched: 0 });
      expect(await dispatch(event, lambdaContext())).toEqual({ dispatched: 0 });
      expect(pipeline.sqs.messages('feeds')).toEqual([]);

      // A later tick, after the lease: every feed goes out once.
      clock.advance(16 * 60_000);
      const later = { scheduledTime: clock.now().toISOString() };
      expect(await dispatch(later, lambdaContext())).toEqual({ dispatched: 3 });
      expect(await dispatch(later, lambdaContext())).toEqual({ dispatched: 0 });
      const jobs = pipeline.sqs.messages('feeds').map((m) => JSON.parse(m.body) as { feedId: string; window: string });
      expect(jobs.map((job) => job.feedId).sort()).toEqual(urls.map(feedIdOf).sort());
      expect(new Set(jobs.map((job) => `${job.feedId}|${job.window}`)).size).toBe(jobs.length);
    } finally {
      await pipeline.close();
    }
  });

  it('#48 a dispatcher run cut short by DynamoDB mid-way leaves no leased feed without its job; the rest go out on the next tick', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint, maxAttempts: 1 });
    try {
      const clock = fixedClock('2026-01-15T10:00:00Z');
      const urls = Array.from({ length: 25 }, (_, n) => `${H.origin(ALIAS)}/feeds/cut-${n}.xml`);
      for (const url of urls) await pipeline.subscribe(url, new Date('2026-01-15T09:00:00Z'));
      const dispatch = createDispatchHandler(() => pipeline.dispatchRuntime({ clock }));
      // The 13th lease and every one after it is refused (as a run that reaches its timeout stops there).
      proxy.inject({ kind: 'error', operation: 'UpdateItem', type: 'ThrottlingException', times: 1_000, after: 12 });
      await expect(dispatch({ scheduledTime: clock.now().toISOString() }, lambdaContext())).rejects.toThrow();
      proxy.heal();
      const sent = new Set(pipeline.sqs.messages('feeds').map((m) => (JSON.parse(m.body) as { feedId: string }).feedId));
      const leased = (await pipeline.feeds.list()).feeds.filter((feed) => feed.nextFetchAt > clock.now().toISOString()).map((feed) => feed.feedId);
      expect(leased.length).toBeGreaterThan(0);
      expect(leased.filter((feedId) => !sent.has(feedId))).toEqual([]);

      // The next tick, a minute later, sends every other feed: none waits out a lease without a job.
      clock.advance(60_000);
      await dispatch({ scheduledTime: clock.now().toISOString() }, lambdaContext());
      const all = pipeline.sqs.messages('feeds').map((m) => (JSON.parse(m.body) as { feedId: string }).feedId);
      expect(new Set(all)).toEqual(new Set(urls.map(feedIdOf)));
      expect(all).toHaveLength(urls.length);
    } finally {
      await pipeline.close();
    }
  });

  it('#48 the same window delivered twice at the same moment: each feed is fetched once in effect', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      const clock = fixedClock('2026-01-15T10:00:00Z');
      const slugs = ['w-1', 'w-2'];
      for (const slug of slugs) H.routes[`/a/${slug}`] = articleRoute;
      H.routes['/feed-48.xml'] = {
        headers: { 'content-type': 'application/rss+xml', etag: '"f48"' },
        body: rssFeed(
          'Window',
          slugs.map((slug) => ({ link: pageUrl(slug), guid: slug })),
        ),
      };
      const feedUrl = `${H.origin(ALIAS)}/feed-48.xml`;
      await pipeline.subscribe(feedUrl, new Date('2026-01-15T09:00:00Z'));
      const runtimes = [pipeline.dispatchRuntime({ clock }), pipeline.dispatchRuntime({ clock })];
      const event = { scheduledTime: clock.now().toISOString() };
      const results = await Promise.all(runtimes.map((runtime) => createDispatchHandler(() => runtime)(event, lambdaContext())));
      const sent = results.reduce((n, r) => n + r.dispatched, 0);
      expect(sent).toBeGreaterThanOrEqual(1);
      const fetchRuntime = pipeline.fetchFeedRuntime({ http: guardedTestClient(), clock });
      const feedQ = feedQueue(pipeline, () => fetchRuntime, { batchSize: 1 });
      await feedQ.drain();
      const extractRuntime = pipeline.extractRuntime({ http: guardedTestClient(), clock });
      const articleQ = articleQueue(pipeline, () => extractRuntime);
      await articleQ.drain();
      // However many jobs the race produced, each entry was queued once (the second refresh found them known).
      expect(articleQ.invocations.flatMap((i) => i.messageIds)).toHaveLength(slugs.length);
      expect(Object.keys(await tableState(pipeline))).toHaveLength(slugs.length);
    } finally {
      await pipeline.close();
    }
  });
});

describe('#49 no retry by re-sending to the same queue', () => {
  it('#49 failing, delayed, waiting and poisoned records cause no send to the source queue: retries and waits are visibility changes only', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/busy'] = { status: 503, headers: { 'retry-after': '30' }, body: 'busy' };
      H.routes['/a/error'] = { status: 500, body: 'error' };
      H.routes['/a/fine'] = articleRoute;
      H.routes['/feed-49.xml'] = { status: 503, headers: { 'retry-after': '60' } };
      const feedUrl = `${H.origin(ALIAS)}/feed-49.xml`;
      await pipeline.subscribe(feedUrl);
      // The host's cooldown runs on the queues' clock, as it would on AWS where both are real time.
      const clock = virtualClock(Date.now());
      const http = guardedTestClient({ now: clock.now });
      const extractRuntime = pipeline.extractRuntime({ http });
      const fetchRuntime = pipeline.fetchFeedRuntime({ http });
      const articleQ = articleQueue(pipeline, () => extractRuntime, { clock });
      const feedQ = feedQueue(pipeline, () => fetchRuntime, { batchSize: 10, clock });
      for (const body of [extractJob('busy'), extractJob('error'), extractJob('fine'), 'poison']) articleQ.send(body);
      feedQ.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(feedUrl), url: feedUrl, window: '2026-01-15T10:00' }));
      await articleQ.drain();
      await feedQ.drain();

      const sends = pipeline.sqs.calls.filter((call) => call.action.startsWith('SendMessage'));
      expect(sends.filter((call) => call.input.QueueUrl === pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
      expect(sends.filter((call) => call.input.QueueUrl === pipeline.env.FEED_QUEUE_URL)).toEqual([]);
      expect(sends.map((call) => call.input.QueueUrl)).toEqual([pipeline.env.ARTICLE_DLQ_URL]);
      const hides = pipeline.sqs.calls.filter((call) => call.action === 'ChangeMessageVisibility');
      expect(new Set(hides.map((call) => call.input.QueueUrl))).toEqual(new Set([pipeline.env.ARTICLE_QUEUE_URL, pipeline.env.FEED_QUEUE_URL]));
      // Every message ended, none after more than its 5 failed attempts (waits are not attempts): the
      // hop count is bounded by the failure budget and the queue's retention.
      expect(articleQ.size + feedQ.size).toBe(0);
      for (const failures of await failureCounts(pipeline)) expect(failures).toBeLessThanOrEqual(4);
      // The feed's 503 asked for 60 s: waited out on the queue, and recorded as one failed fetch on the last delivery.
      expect(feedQ.deadLetters).toEqual([]);
      expect(await pipeline.feeds.get(feedIdOf(feedUrl))).toMatchObject({ errorCount: 1 });
      expect(articleQ.deadLetters.map((letter) => letter.reason)).toEqual(['POISON_MALFORMED_JSON']);
      for (const slug of ['busy', 'error', 'fine']) expect(await pipeline.reader.getByUrl(pageUrl(slug)), slug).not.toBeNull();
    } finally {
      await pipeline.close();
    }
  });

  it('#49 a host cooldown that outlasts the queue retention is hidden for the asked pause (clamped to 11 h 40 min: SQS refuses a change past 12 h from the receive), never sent again: its delivery 8.75 days in (too old to wait again) stores what it can, not looping unseen', async () => {
    const pipeline = await startPipeline({ endpoint: proxy.endpoint });
    try {
      H.routes['/a/forever'] = articleRoute;
      // The host asked for a pause that outlasts the test (the in-memory politeness, on a clock that stands still).
      const politeness = new InMemoryHostPoliteness(() => Date.parse('2026-01-15T10:00:00Z'));
      await politeness.coolDown(new URL(pageUrl('forever')).host, Date.parse('2026-02-15T10:00:00Z'));
      const runtime = pipeline.extractRuntime({ http: guardedTestClient({ politeness, now: () => Date.parse('2026-01-15T10:00:00Z') }) });
      const q = articleQueue(pipeline, () => runtime);
      q.send(extractJob('forever'));
      await q.drain({ maxInvocations: 40 });
      // Waits spend no failure: 11 h 40 min at a time until a further one could outlast the age bound (9 days).
      expect(q.invocations).toHaveLength(19);
      expect(pipeline.sqs.calls.filter((call) => call.action === 'SendMessage' && call.input.QueueUrl === pipeline.env.ARTICLE_QUEUE_URL)).toEqual([]);
      const hides = pipeline.sqs.calls.filter((call) => call.action === 'ChangeMessageVisibility');
      // Every hide accepted: the stand-in refuses, as SQS does, one that asks past 12 h from the receive.
      expect(hides.map((call) => [call.input.VisibilityTimeout, call.rejected ?? false])).toEqual(Array(18).fill([42_000, false]));
      // The last delivery is the final attempt: the page is stored feed-only with its reason, kept in the retry ledger.
      expect(q.deadLetters).toEqual([]);
      expect(q.size).toBe(0);
      expect(await pipeline.reader.getByUrl(pageUrl('forever'))).toMatchObject({ status: 'feed-only', extraction: { error: { code: 'HOST_COOLDOWN' } } });
    } finally {
      await pipeline.close();
    }
  });
});
