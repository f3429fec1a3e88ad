import { DynamoArticleStore } from '../../shared/adapters/dynamodb/article-store';
import { createDynamoClients } from '../../shared/adapters/dynamodb/create-dynamo-clients';
import { DynamoFeedStore } from '../../shared/adapters/dynamodb/feed-store';
import { DynamoRetryLedger } from '../../shared/adapters/dynamodb/retry-ledger';
import { createGuardedHttpClient } from '../../shared/adapters/http/guarded-http-client';
import { createSqsClient } from '../../shared/adapters/sqs/create-sqs-client';
import { SqsDeadLetterSink } from '../../shared/adapters/sqs/sqs-dead-letter-sink';
import { SqsJobQueue } from '../../shared/adapters/sqs/sqs-job-queue';
import { SqsMessageVisibility } from '../../shared/adapters/sqs/sqs-message-visibility';
import type { DispatchDueFeedsDeps } from '../../shared/ingestion/dispatch-due-feeds';
import type { ExtractAndStoreDeps, ExtractPage } from '../../shared/ingestion/extract-and-store-article';
import type { ExtractArticleJob, FetchFeedJob } from '../../shared/ingestion/jobs';
import type { Clock, FeedStore, HttpClient } from '../../shared/ingestion/ports';
import type { RefreshFeedDeps } from '../../shared/ingestion/refresh-feed';
import { DEFAULT_INGESTION_SETTINGS } from '../../shared/ingestion/settings';
import type { SqsConsumerRuntime } from './create-sqs-batch-handler';
import {
  type DispatchEnv,
  DispatchEnvSchema,
  type ExtractArticleEnv,
  ExtractArticleEnvSchema,
  type FetchFeedEnv,
  FetchFeedEnvSchema,
  parseEnv,
  type SyncFeedsEnv,
  SyncFeedsEnvSchema,
} from './env';
import { createObservability, type Observability } from './observability';

/**
 * The composition root of the Lambda functions: the one place that picks adapters. Each function's
 * runtime is built on its first invocation (env parsed, clients created once per execution
 * environment and reused), so importing a handler touches neither the environment nor AWS.
 */

/**
 * Page extraction runs in a worker thread that is terminated when a page passes its deadline or
 * exhausts the worker's heap (catalogue 28-29), so a hostile page can never make the function time
 * out. One worker per execution environment, started on the first page and kept warm after it.
 *
 * The pool and the use case are imported on the first record, not at init: both reach
 * shared/extraction (jsdom, Readability), which the worker thread loads for itself and the main
 * thread needs only for a feed-only fallback. Loading them at init tripled the extract-article
 * bundle's import time (docs/performance.md, "Cold start"); the bundle splits them into a chunk.
 */
const extractionPool = /* @__PURE__ */ memoise(async () => {
  const { createExtractionPool } = await import('../../shared/adapters/extraction-worker/extraction-pool');
  return createExtractionPool({ size: 1, timeoutMs: 20_000, maxHeapMb: 512 });
});
const extractPage: ExtractPage = async (input, options) => (await extractionPool()).extract(input, options);

/** The extract-article use case, loaded on the first record for the reason above. */
export const loadExtractAndStoreArticle = /* @__PURE__ */ memoise(async () => {
  const { extractAndStoreArticle } = await import('../../shared/ingestion/extract-and-store-article');
  return extractAndStoreArticle;
});

const systemClock: Clock = { now: () => new Date() };

export interface DispatchRuntime extends Observability {
  dispatch: DispatchDueFeedsDeps;
}

export interface FetchFeedRuntime extends SqsConsumerRuntime {
  refresh: RefreshFeedDeps;
}

export interface ExtractArticleRuntime extends SqsConsumerRuntime {
  extract: ExtractAndStoreDeps;
}

export interface SyncFeedsRuntime extends Observability {
  feeds: FeedStore;
  clock: Clock;
}

type TestOverrides = { FEEDLOOM_TEST_DYNAMODB_ENDPOINT?: string | undefined; FEEDLOOM_TEST_SQS_ENDPOINT?: string | undefined };

function dynamo(env: TestOverrides) {
  return createDynamoClients(env.FEEDLOOM_TEST_DYNAMODB_ENDPOINT ? { endpoint: env.FEEDLOOM_TEST_DYNAMODB_ENDPOINT } : {}).documents;
}

function sqs(env: TestOverrides) {
  return createSqsClient(env.FEEDLOOM_TEST_SQS_ENDPOINT ? { endpoint: env.FEEDLOOM_TEST_SQS_ENDPOINT } : {});
}

function pageClient(env: { USER_AGENT: string; FEEDLOOM_TEST_TRUSTED_ADDRESS?: string | undefined }): HttpClient {
  // Deployed functions never allow private networks; the smoke test may trust exactly 127.0.0.1.
  return createGuardedHttpClient({
    userAgent: env.USER_AGENT,
    allowPrivateNetwork: false,
    trustedAddresses: env.FEEDLOOM_TEST_TRUSTED_ADDRESS ? [env.FEEDLOOM_TEST_TRUSTED_ADDRESS] : [],
  });
}

/** Builds the dispatcher's collaborators from its environment. */
export function buildDispatchRuntime(env: DispatchEnv): DispatchRuntime {
  const observability = createObservability('dispatch');
  return {
    ...observability,
    dispatch: {
      feeds: new DynamoFeedStore({ client: dynamo(env), tableName: env.FEEDS_TABLE_NAME }),
      feedJobs: new SqsJobQueue<FetchFeedJob>({ client: sqs(env), queueUrl: env.FEED_QUEUE_URL }),
      clock: systemClock,
      settings: DEFAULT_INGESTION_SETTINGS,
      logger: observability.logger,
    },
  };
}

/** Builds the feed fetcher's collaborators from its environment. */
export function buildFetchFeedRuntime(env: FetchFeedEnv): FetchFeedRuntime {
  const observability = createObservability('fetch-feed');
  const client = sqs(env);
  return {
    ...observability,
    queueUrl: env.FEED_QUEUE_URL,
    visibility: new SqsMessageVisibility({ client }),
    deadLetters: new SqsDeadLetterSink({ client, queueUrl: env.FEED_DLQ_URL }),
    maxReceiveCount: env.MAX_RECEIVE_COUNT,
    deadlineMarginMs: env.DEADLINE_MARGIN_MS,
    refresh: {
      feeds: new DynamoFeedStore({ client: dynamo(env), tableName: env.FEEDS_TABLE_NAME }),
      // Pages that failed for a passing reason come back on their feed's next refresh.
      retries: new DynamoRetryLedger({ client: dynamo(env), tableName: env.FEEDS_TABLE_NAME }),
      http: pageClient(env),
      articleJobs: new SqsJobQueue<ExtractArticleJob>({ client, queueUrl: env.ARTICLE_QUEUE_URL }),
      clock: systemClock,
      settings: DEFAULT_INGESTION_SETTINGS,
      logger: observability.logger,
    },
  };
}

/** Builds the article extractor's collaborators from its environment. */
export function buildExtractArticleRuntime(env: ExtractArticleEnv): ExtractArticleRuntime {
  const observability = createObservability('extract-article');
  const client = sqs(env);
  return {
    ...observability,
    queueUrl: env.ARTICLE_QUEUE_URL,
    visibility: new SqsMessageVisibility({ client }),
    deadLetters: new SqsDeadLetterSink({ client, queueUrl: env.ARTICLE_DLQ_URL }),
    maxReceiveCount: env.MAX_RECEIVE_COUNT,
    deadlineMarginMs: env.DEADLINE_MARGIN_MS,
    extract: {
      http: pageClient(env),
      articles: new DynamoArticleStore({
        client: dynamo(env),
        tableName: env.ARTICLES_TABLE_NAME,
        bodiesTableName: env.BODIES_TABLE_NAME,
        ...(env.ARTICLE_RETENTION_DAYS ? { retentionSeconds: env.ARTICLE_RETENTION_DAYS * 86_400 } : {}),
      }),
      clock: systemClock,
      settings: DEFAULT_INGESTION_SETTINGS,
      extract: extractPage,
      logger: observability.logger,
      ...(env.FEEDS_TABLE_NAME ? { retries: new DynamoRetryLedger({ client: dynamo(env), tableName: env.FEEDS_TABLE_NAME }) } : {}),
    },
  };
}

/** Builds the feed-list sync's collaborators from its environment. */
export function buildSyncFeedsRuntime(env: SyncFeedsEnv): SyncFeedsRuntime {
  return {
    ...createObservability('sync-feeds'),
    feeds: new DynamoFeedStore({ client: dynamo(env), tableName: env.FEEDS_TABLE_NAME }),
    clock: systemClock,
  };
}

/** Runs `build` once, on the first call, and returns its result ever after. */
export function memoise<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

export const dispatchRuntime = /* @__PURE__ */ memoise(() => buildDispatchRuntime(parseEnv(DispatchEnvSchema, process.env)));
export const fetchFeedRuntime = /* @__PURE__ */ memoise(() => buildFetchFeedRuntime(parseEnv(FetchFeedEnvSchema, process.env)));
export const extractArticleRuntime = /* @__PURE__ */ memoise(() => buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, process.env)));
export const syncFeedsRuntime = /* @__PURE__ */ memoise(() => buildSyncFeedsRuntime(parseEnv(SyncFeedsEnvSchema, process.env)));
