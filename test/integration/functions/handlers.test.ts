import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandler as createDispatchHandler } from '../../../functions/dispatch/handler';
import { createHandler as createExtractHandler } from '../../../functions/extract-article/handler';
import { createHandler as createFetchFeedHandler } from '../../../functions/fetch-feed/handler';
import {
  buildDispatchRuntime,
  buildExtractArticleRuntime,
  buildFetchFeedRuntime,
  buildSyncFeedsRuntime,
  type ExtractArticleRuntime,
} from '../../../functions/runtime/dependencies';
import { DispatchEnvSchema, EnvError, ExtractArticleEnvSchema, FetchFeedEnvSchema, parseEnv, SyncFeedsEnvSchema } from '../../../functions/runtime/env';
import { createHandler as createSyncFeedsHandler } from '../../../functions/sync-feeds/handler';
import { ArticleReader } from '../../../shared/adapters/dynamodb/article-reader';
import { DynamoFeedStore } from '../../../shared/adapters/dynamodb/feed-store';
import { feedIdOf } from '../../../shared/ingestion/subscribe-feeds';
import { EVENTS, type Harness, loadEvent, startHarness } from './support/harness';
import { lambdaContext } from './support/lambda-context';
import { sqsEvent, sqsRecord } from './support/sqs-event';

let h: Harness;
let extractRuntime: ExtractArticleRuntime;

beforeAll(async () => {
  // Keep test output readable; the metrics and log calls are still observed through spies.
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  h = await startHarness();
  extractRuntime = buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, h.env));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await h?.close();
});

const extractHandler = () => createExtractHandler(() => extractRuntime);

describe('the pipeline through its handlers, on SQS-shaped events', () => {
  it('syncs the feed list, dispatches due feeds, fetches them and stores their articles', async () => {
    const sync = createSyncFeedsHandler(() => buildSyncFeedsRuntime(parseEnv(SyncFeedsEnvSchema, h.env)));
    const created = await sync(JSON.parse(await loadEvent('sync-feeds/create.json', h.demo.origin)), lambdaContext());
    expect(created.Data).toEqual({ added: 2, existing: 0, removed: 0 });

    const dispatch = createDispatchHandler(() => buildDispatchRuntime(parseEnv(DispatchEnvSchema, h.env)));
    const dispatched = await dispatch(JSON.parse(await loadEvent('scheduled/event.json', h.demo.origin)), lambdaContext());
    expect(dispatched).toEqual({ dispatched: 2 });
    const feedJobs = h.sqs.drain('feeds');
    expect(feedJobs.map((m) => JSON.parse(m.body).url).sort()).toEqual([`${h.demo.origin}/feeds/tech.atom`, `${h.demo.origin}/feeds/world.rss`]);

    const fetchFeed = createFetchFeedHandler(() => buildFetchFeedRuntime(parseEnv(FetchFeedEnvSchema, h.env)));
    const fetched = await fetchFeed(sqsEvent(feedJobs.map((m) => sqsRecord(m.body))), lambdaContext());
    expect(fetched.batchItemFailures).toEqual([]);
    const articleJobs = h.sqs.drain('articles');
    expect(articleJobs.length).toBeGreaterThan(10);
    // SendMessageBatch carries at most 10 entries; the stand-in refuses more, so every batch fit.
    const batches = h.sqs.calls.filter((c) => c.action === 'SendMessageBatch' && String(c.input.QueueUrl).endsWith('/articles'));
    expect(batches.every((c) => (c.input.Entries as unknown[]).length <= 10)).toBe(true);
    expect(batches.reduce((n, c) => n + (c.input.Entries as unknown[]).length, 0)).toBe(articleJobs.length);

    const first = articleJobs.slice(0, 3);
    const extracted = await extractHandler()(sqsEvent(first.map((m) => sqsRecord(m.body))), lambdaContext());
    expect(extracted.batchItemFailures).toEqual([]);
    for (const message of first) {
      const job = JSON.parse(message.body);
      const reader = new ArticleReader({ client: h.clients.documents, tableName: h.tables.articles, bodiesTableName: h.env.BODIES_TABLE_NAME });
      const stored = await reader.listByFeed(job.feedId, { limit: 100 });
      expect(stored.articles.some((article) => article.itemId === job.item.itemId)).toBe(true);
    }
  });

  it('stores the reference article from a fixture job', async () => {
    const body = await loadEvent('extract-article/job.json', h.demo.origin);
    const expected = JSON.parse(await readFile(join(EVENTS, 'extract-article/expected.json'), 'utf8'));
    const response = await extractHandler()(sqsEvent([sqsRecord(body)]), lambdaContext());
    expect(response.batchItemFailures).toEqual([]);
    const job = JSON.parse(body);
    const reader = new ArticleReader({ client: h.clients.documents, tableName: h.tables.articles });
    const article = await reader.getByUrl(job.item.url);
    expect(article).toMatchObject(expected);
  });
});

describe('partial batch failure', () => {
  it('reports only the failing record and delays its retry by Retry-After', async () => {
    const good = sqsRecord(await loadEvent('extract-article/job.json', h.demo.origin), { messageId: 'good' });
    const busy = sqsRecord(await loadEvent('retry-later/job.json', h.busy.origin), { messageId: 'busy', receiveCount: 1 });
    const expected = JSON.parse(await readFile(join(EVENTS, 'retry-later/expected.json'), 'utf8'));
    const before = h.sqs.calls.length;

    const response = await extractHandler()(sqsEvent([busy, good]), lambdaContext());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'busy' }]);
    const visibility = h.sqs.calls.slice(before).filter((c) => c.action === 'ChangeMessageVisibility');
    expect(visibility).toEqual([
      {
        action: 'ChangeMessageVisibility',
        input: { QueueUrl: h.env.ARTICLE_QUEUE_URL, ReceiptHandle: 'receipt-busy', VisibilityTimeout: expected.visibilityTimeoutSeconds },
      },
    ]);
  });

  it('stores what it can on the final delivery instead of asking for another retry', async () => {
    const body = await loadEvent('retry-later/job.json', h.busy.origin);
    const expected = JSON.parse(await readFile(join(EVENTS, 'retry-later/expected.json'), 'utf8')).finalAttempt;
    // A fresh execution environment honours the host's Retry-After from the test above too (the
    // cooldown is shared through the Hosts table): on the last delivery it stores the entry without
    // asking the host again.
    const fresh = createExtractHandler(() => buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, h.env)));
    const response = await fresh(sqsEvent([sqsRecord(body, { messageId: 'last', receiveCount: 5 })]), lambdaContext());
    expect(response.batchItemFailures).toEqual([]);
    const article = await new ArticleReader({ client: h.clients.documents, tableName: h.tables.articles }).getByUrl(JSON.parse(body).item.url);
    expect(article).toMatchObject({ status: expected.status, extraction: { httpStatus: expected.httpStatus, error: { code: expected.errorCode } } });
  });

  it('stops starting records near the deadline and reports the rest as failures', async () => {
    const bodies = [await loadEvent('extract-article/job.json', h.demo.origin), await loadEvent('retry-later/job.json', h.busy.origin)];
    const records = [
      sqsRecord(bodies[0] as string, { messageId: 'r1' }),
      sqsRecord(bodies[1] as string, { messageId: 'r2' }),
      sqsRecord('{}', { messageId: 'r3' }),
    ];
    let calls = 0;
    // Plenty of time for the first record, then less than the 30 s margin.
    const context = lambdaContext(() => (calls++ === 0 ? 100_000 : 10_000));
    const visibility = vi.spyOn(extractRuntime.visibility, 'hide');
    const deadLetters = vi.spyOn(extractRuntime.deadLetters, 'send');

    const response = await extractHandler()(sqsEvent(records), context);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'r2' }, { itemIdentifier: 'r3' }]);
    // r2 (a busy page) and r3 (poison) were never started: no retry delay asked, nothing dead-lettered.
    expect(visibility).not.toHaveBeenCalled();
    expect(deadLetters).not.toHaveBeenCalled();
    visibility.mockRestore();
    deadLetters.mockRestore();
  });
});

describe('poison messages', () => {
  it('classifies each one, counts it, sets it aside on the dead-letter queue with its reason and acknowledges it', async () => {
    const bodies: string[] = JSON.parse(await readFile(join(EVENTS, 'poison/bodies.json'), 'utf8'));
    const expected: string[] = JSON.parse(await readFile(join(EVENTS, 'poison/expected.json'), 'utf8'));
    const records = bodies.map((body, i) => sqsRecord(body, { messageId: `poison-${i}` }));
    const good = sqsRecord(await loadEvent('extract-article/job.json', h.demo.origin), { messageId: 'good' });
    const metric = vi.spyOn(extractRuntime.metrics, 'addMetric');
    h.sqs.drain('articles-dlq');

    const response = await extractHandler()(sqsEvent([...records, good]), lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    const letters = h.sqs.drain('articles-dlq');
    expect(letters.map((l) => l.attributes.reason)).toEqual(expected);
    expect(letters.map((l) => l.attributes.sourceMessageId)).toEqual(records.map((r) => r.messageId));
    expect(letters.slice(0, 3).map((l) => l.body)).toEqual(bodies.slice(0, 3));
    expect(metric.mock.calls.filter(([name]) => name === 'PoisonMessages')).toHaveLength(bodies.length);
    metric.mockRestore();
  });

  it('keeps a poison message for redelivery when the dead-letter queue cannot take it', async () => {
    const send = vi.spyOn(extractRuntime.deadLetters, 'send').mockRejectedValueOnce(new Error('SQS unavailable'));
    const response = await extractHandler()(sqsEvent([sqsRecord('not json', { messageId: 'p' })]), lambdaContext());
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'p' }]);
    send.mockRestore();
  });
});

describe('the composition root', () => {
  it('reads no environment until the first invocation, then fails fast naming what is missing', async () => {
    for (const name of Object.keys(h.env)) vi.stubEnv(name, undefined);
    vi.resetModules();
    const module = await import('../../../functions/fetch-feed/handler');
    const error = await module.handler(sqsEvent([sqsRecord('{}')]), lambdaContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error & { code: string }).code).toBe('BAD_ENV');
    expect((error as Error).message).toMatch(/FEEDS_TABLE_NAME: missing/);
    vi.unstubAllEnvs();
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  });
});

describe('feed-list sync', () => {
  it('adds new feeds and removes only those that left the deployed list', async () => {
    const sync = createSyncFeedsHandler(() => buildSyncFeedsRuntime(parseEnv(SyncFeedsEnvSchema, h.env)));
    const feeds = new DynamoFeedStore({ client: h.clients.documents, tableName: h.tables.feeds });
    await feeds.remove(feedIdOf(`${h.demo.origin}/feeds/culture.json`));
    const result = await sync(JSON.parse(await loadEvent('sync-feeds/update.json', h.demo.origin)), lambdaContext());
    expect(result.Data).toEqual({ added: 1, existing: 1, removed: 1 });
    expect(await feeds.get(feedIdOf(`${h.demo.origin}/feeds/tech.atom`))).toBeNull();
    expect(await feeds.get(feedIdOf(`${h.demo.origin}/feeds/culture.json`))).not.toBeNull();
  });
});

describe('the environment', () => {
  it('fails fast naming every missing or malformed variable', () => {
    const attempt = () => parseEnv(FetchFeedEnvSchema, { ...h.env, FEED_QUEUE_URL: undefined, MAX_RECEIVE_COUNT: 'five' });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/FEED_QUEUE_URL: missing.*MAX_RECEIVE_COUNT/);
  });

  it('accepts no trusted address but 127.0.0.1', () => {
    expect(() => parseEnv(ExtractArticleEnvSchema, { ...h.env, FEEDLOOM_TEST_TRUSTED_ADDRESS: '10.0.0.5' })).toThrow(/FEEDLOOM_TEST_TRUSTED_ADDRESS/);
  });

  it('refuses the loopback page when no trusted address is set, as deployed', async () => {
    const { FEEDLOOM_TEST_TRUSTED_ADDRESS: _, ...deployed } = h.env;
    const runtime = buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, deployed));
    const body = (await loadEvent('extract-article/job.json', h.demo.origin))
      .replace('"iran-china"', '"iran-china-guarded"')
      .replaceAll('.html', '.html?guarded=1');
    const response = await createExtractHandler(() => runtime)(sqsEvent([sqsRecord(body)]), lambdaContext());
    expect(response.batchItemFailures).toEqual([]);
    const article = await new ArticleReader({ client: h.clients.documents, tableName: h.tables.articles }).getByUrl(JSON.parse(body).item.url);
    // Refused before connecting (the random port fails the port policy before the address policy).
    expect(['PORT_NOT_ALLOWED', 'SSRF_BLOCKED']).toContain(article?.extraction.error?.code);
    expect(h.demo.requests.some((request) => request.path.includes('guarded=1'))).toBe(false);
  });
});
