import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoArticleStore } from '../../shared/adapters/dynamodb/article-store';
import { DynamoAttemptsLedger } from '../../shared/adapters/dynamodb/attempts-ledger';
import { createDynamoClients } from '../../shared/adapters/dynamodb/create-dynamo-clients';
import { DynamoHostPoliteness } from '../../shared/adapters/dynamodb/dynamo-host-politeness';
import { DynamoFeedStore } from '../../shared/adapters/dynamodb/feed-store';
import { DynamoRetryLedger } from '../../shared/adapters/dynamodb/retry-ledger';
import { DynamoRobotsCache } from '../../shared/adapters/dynamodb/robots-cache';
import { DynamoSiteHealthStore } from '../../shared/adapters/dynamodb/site-health-store';
import { isStoreUnavailable } from '../../shared/adapters/dynamodb/store-availability';
import { createGuardedHttpClient } from '../../shared/adapters/http/guarded-http-client';
import { createSqsClient } from '../../shared/adapters/sqs/create-sqs-client';
import { SqsDeadLetterSink } from '../../shared/adapters/sqs/sqs-dead-letter-sink';
import { SqsJobQueue } from '../../shared/adapters/sqs/sqs-job-queue';
import { SqsMessageVisibility } from '../../shared/adapters/sqs/sqs-message-visibility';
import type { CheckSiteHealthDeps } from '../../shared/ingestion/check-site-health';
import type { DispatchDueFeedsDeps } from '../../shared/ingestion/dispatch-due-feeds';
import type { ExtractAndStoreDeps, ExtractPage } from '../../shared/ingestion/extract-and-store-article';
import type { ExtractArticleJob, FetchFeedJob } from '../../shared/ingestion/jobs';
import type { Clock, FeedStore, HttpClient, JobQueue } from '../../shared/ingestion/ports';
import type { RefreshFeedDeps } from '../../shared/ingestion/refresh-feed';
import { DEFAULT_INGESTION_SETTINGS } from '../../shared/ingestion/settings';
import type { DeadLetterSink, MessageVisibility, SqsConsumerRuntime } from './create-sqs-batch-handler';
import {
  type CheckSiteHealthEnv,
  CheckSiteHealthEnvSchema,
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
  // 256 MB of heap: every one of the 181 Zyte benchmark pages extracts within it (scripts/measure-
  // extraction-memory.ts), and with the main thread it stays inside the function's 512 MB.
  return createExtractionPool({ size: 1, timeoutMs: 20_000, maxHeapMb: 256 });
});
const extractPage: ExtractPage = async (input, options) => (await extractionPool()).extract(input, options);

/** The extract-article use case, loaded on the first record for the reason above. */
export const loadExtractAndStoreArticle = /* @__PURE__ */ memoise(async () => {
  const { extractAndStoreArticle } = await import('../../shared/ingestion/extract-and-store-article');
  return extractAndStoreArticle;
});

/** Where an extract job the deadline never let start is kept, loaded with the use case's module for the same reason. */
export const loadKeepUnstartedJob = /* @__PURE__ */ memoise(async () => {
  const { keepUnstartedJob } = await import('../../shared/ingestion/extract-and-store-article');
  return keepUnstartedJob;
});

/** What stores the entry of an extract job set aside unfinished, loaded with the use case's module for the same reason. */
export const loadStoreSetAsideArticle = /* @__PURE__ */ memoise(async () => {
  const { storeSetAsideArticle } = await import('../../shared/ingestion/extract-and-store-article');
  return storeSetAsideArticle;
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

export interface CheckSiteHealthRuntime extends Observability {
  check: CheckSiteHealthDeps;
}

export interface SyncFeedsRuntime extends Observability {
  feeds: FeedStore;
  clock: Clock;
}

/**
 * Adapters a caller puts in place of the deployed ones. The Lambda entry points (the memoised
 * runtimes at the end of this file) pass none. `feedloom invoke` runs the same handlers on the
 * local database, with queues that record what is sent and logs on stderr. Reaching private
 * networks is a choice made here, in code, and never an environment variable, so no deployed
 * function can be configured into it.
 */
export interface RuntimeAdapters {
  /** DynamoDB, instead of a client for the function's region. */
  dynamo?: DynamoDBDocumentClient;
  /** The queue behind a queue URL, instead of SQS. */
  jobQueue?: <T>(queueUrl: string) => JobQueue<T>;
  /** Where poison messages go, instead of the SQS dead-letter queue at that URL. */
  deadLetters?: (queueUrl: string) => DeadLetterSink;
  visibility?: MessageVisibility;
  observability?: (serviceName: string) => Observability;
  /** Lets pages and feeds on private and loopback addresses be fetched (local use only). */
  allowPrivateNetwork?: boolean;
}

type TestOverrides = { FEEDLOOM_TEST_DYNAMODB_ENDPOINT?: string | undefined; FEEDLOOM_TEST_SQS_ENDPOINT?: string | undefined };

function dynamo(env: TestOverrides, adapters: RuntimeAdapters) {
  if (adapters.dynamo) return adapters.dynamo;
  return createDynamoClients(env.FEEDLOOM_TEST_DYNAMODB_ENDPOINT ? { endpoint: env.FEEDLOOM_TEST_DYNAMODB_ENDPOINT } : {}).documents;
}

/** The SQS-facing adapters of a consumer, each replaced when the caller gives its own. */
function queues(env: TestOverrides, adapters: RuntimeAdapters) {
  const client = memoise(() => createSqsClient(env.FEEDLOOM_TEST_SQS_ENDPOINT ? { endpoint: env.FEEDLOOM_TEST_SQS_ENDPOINT } : {}));
  return {
    jobQueue: <T>(queueUrl: string): JobQueue<T> => adapters.jobQueue?.<T>(queueUrl) ?? new SqsJobQueue<T>({ client: client(), queueUrl }),
    deadLetters: (queueUrl: string): DeadLetterSink => adapters.deadLetters?.(queueUrl) ?? new SqsDeadLetterSink({ client: client(), queueUrl }),
    visibility: (): MessageVisibility => adapters.visibility ?? new SqsMessageVisibility({ client: client() }),
  };
}

/**
 * Longest wait for a host slot in a Lambda environment: waiting is billed, so past it the record
 * goes back to its queue with a delay (HOST_COOLDOWN -> message visibility) instead.
 */
const LAMBDA_SLOT_WAIT_MS = 5_000;

function pageClient(
  env: { USER_AGENT: string; HOSTS_TABLE_NAME: string; FEEDLOOM_TEST_TRUSTED_ADDRESS?: string | undefined },
  documents: ReturnType<typeof dynamo>,
  adapters: RuntimeAdapters,
): HttpClient {
  // Deployed functions never allow private networks; the smoke test may trust exactly 127.0.0.1.
  // The per-host limit, gap and Retry-After cooldown are shared by every environment (Hosts table).
  return createGuardedHttpClient({
    userAgent: env.USER_AGENT,
    allowPrivateNetwork: adapters.allowPrivateNetwork === true,
    trustedAddresses: env.FEEDLOOM_TEST_TRUSTED_ADDRESS ? [env.FEEDLOOM_TEST_TRUSTED_ADDRESS] : [],
    politeness: new DynamoHostPoliteness({ client: documents, tableName: env.HOSTS_TABLE_NAME }),
    maxSlotWaitMs: LAMBDA_SLOT_WAIT_MS,
  });
}

/**
 * How a consumer counts a job's failed attempts apart from SQS's receives (in the Hosts table,
 * table-design.ts DELIVERY_ATTEMPTS) and how long its queue keeps a message, so a store outage is
 * waited out for days and a failing job still ends after five failures (delivery-policy.ts).
 */
function deliveryBudget(
  env: { HOSTS_TABLE_NAME: string; QUEUE_RETENTION_SECONDS?: number | undefined },
  documents: ReturnType<typeof dynamo>,
): { attempts: DynamoAttemptsLedger; retentionMs?: number } {
  const retentionSeconds = env.QUEUE_RETENTION_SECONDS ?? 4 * 86_400;
  return {
    // Kept a day longer than the queue keeps the message, so a count never expires under a live job.
    attempts: new DynamoAttemptsLedger({ client: documents, tableName: env.HOSTS_TABLE_NAME, keepSeconds: retentionSeconds + 86_400 }),
    ...(env.QUEUE_RETENTION_SECONDS ? { retentionMs: env.QUEUE_RETENTION_SECONDS * 1000 } : {}),
  };
}

function observe(serviceName: string, adapters: RuntimeAdapters): Observability {
  return (adapters.observability ?? createObservability)(serviceName);
}

/** Builds the dispatcher's collaborators from its environment. */
export function buildDispatchRuntime(env: DispatchEnv, adapters: RuntimeAdapters = {}): DispatchRuntime {
  const observability = observe('dispatch', adapters);
  return {
    ...observability,
    dispatch: {
      feeds: new DynamoFeedStore({ client: dynamo(env, adapters), tableName: env.FEEDS_TABLE_NAME }),
      feedJobs: queues(env, adapters).jobQueue<FetchFeedJob>(env.FEED_QUEUE_URL),
      clock: systemClock,
      settings: DEFAULT_INGESTION_SETTINGS,
      logger: observability.logger,
    },
  };
}

/** Builds the feed fetcher's collaborators from its environment. */
export function buildFetchFeedRuntime(env: FetchFeedEnv, adapters: RuntimeAdapters = {}): FetchFeedRuntime {
  const observability = observe('fetch-feed', adapters);
  const sqs = queues(env, adapters);
  const documents = dynamo(env, adapters);
  return {
    ...observability,
    queueUrl: env.FEED_QUEUE_URL,
    visibility: sqs.visibility(),
    deadLetters: sqs.deadLetters(env.FEED_DLQ_URL),
    isStoreUnavailable,
    maxReceiveCount: env.MAX_RECEIVE_COUNT,
    deadlineMarginMs: env.DEADLINE_MARGIN_MS,
    ...deliveryBudget(env, documents),
    refresh: {
      feeds: new DynamoFeedStore({ client: documents, tableName: env.FEEDS_TABLE_NAME }),
      http: pageClient(env, documents, adapters),
      articleJobs: sqs.jobQueue<ExtractArticleJob>(env.ARTICLE_QUEUE_URL),
      // Pages that failed for a passing reason come back on their feed's next refresh.
      retries: new DynamoRetryLedger({ client: documents, tableName: env.FEEDS_TABLE_NAME }),
      clock: systemClock,
      settings: DEFAULT_INGESTION_SETTINGS,
      logger: observability.logger,
    },
  };
}

/** Builds the article extractor's collaborators from its environment. */
export function buildExtractArticleRuntime(env: ExtractArticleEnv, adapters: RuntimeAdapters = {}): ExtractArticleRuntime {
  const observability = observe('extract-article', adapters);
  const sqs = queues(env, adapters);
  const documents = dynamo(env, adapters);
  return {
    ...observability,
    queueUrl: env.ARTICLE_QUEUE_URL,
    visibility: sqs.visibility(),
    deadLetters: sqs.deadLetters(env.ARTICLE_DLQ_URL),
    isStoreUnavailable,
    maxReceiveCount: env.MAX_RECEIVE_COUNT,
    deadlineMarginMs: env.DEADLINE_MARGIN_MS,
    ...deliveryBudget(env, documents),
    extract: {
      http: pageClient(env, documents, adapters),
      articles: new DynamoArticleStore({
        client: documents,
        tableName: env.ARTICLES_TABLE_NAME,
        bodiesTableName: env.BODIES_TABLE_NAME,
        ...(env.ARTICLE_RETENTION_DAYS ? { retentionSeconds: env.ARTICLE_RETENTION_DAYS * 86_400 } : {}),
      }),
      clock: systemClock,
      settings: { ...DEFAULT_INGESTION_SETTINGS, respectRobotsTxt: env.RESPECT_ROBOTS_TXT },
      extract: extractPage,
      logger: observability.logger,
      robots: { cache: new DynamoRobotsCache({ client: documents, tableName: env.HOSTS_TABLE_NAME }), userAgent: env.USER_AGENT },
      ...(env.SITE_HEALTH_TABLE_NAME ? { siteHealth: new DynamoSiteHealthStore({ client: documents, tableName: env.SITE_HEALTH_TABLE_NAME }) } : {}),
      ...(env.FEEDS_TABLE_NAME ? { retries: new DynamoRetryLedger({ client: documents, tableName: env.FEEDS_TABLE_NAME }) } : {}),
      ...(env.FEEDS_TABLE_NAME ? { entries: new DynamoFeedStore({ client: documents, tableName: env.FEEDS_TABLE_NAME }) } : {}),
    },
  };
}

/** Builds the site-health check's collaborators from its environment. */
export function buildCheckSiteHealthRuntime(env: CheckSiteHealthEnv, adapters: RuntimeAdapters = {}): CheckSiteHealthRuntime {
  const observability = observe('check-site-health', adapters);
  return {
    ...observability,
    check: {
      sites: new DynamoSiteHealthStore({ client: dynamo(env, adapters), tableName: env.SITE_HEALTH_TABLE_NAME }),
      clock: systemClock,
      logger: observability.logger,
    },
  };
}

/** Builds the feed-list sync's collaborators from its environment. */
export function buildSyncFeedsRuntime(env: SyncFeedsEnv, adapters: RuntimeAdapters = {}): SyncFeedsRuntime {
  return {
    ...observe('sync-feeds', adapters),
    feeds: new DynamoFeedStore({ client: dynamo(env, adapters), tableName: env.FEEDS_TABLE_NAME }),
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
export const checkSiteHealthRuntime = /* @__PURE__ */ memoise(() => buildCheckSiteHealthRuntime(parseEnv(CheckSiteHealthEnvSchema, process.env)));
export const syncFeedsRuntime = /* @__PURE__ */ memoise(() => buildSyncFeedsRuntime(parseEnv(SyncFeedsEnvSchema, process.env)));
