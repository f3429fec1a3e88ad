import { randomBytes } from 'node:crypto';
import { vi } from 'vitest';
import { type SqsStandIn, startSqsStandIn } from '../../../bench/support/sqs-stand-in';
import {
  buildDispatchRuntime,
  buildExtractArticleRuntime,
  buildFetchFeedRuntime,
  type DispatchRuntime,
  type ExtractArticleRuntime,
  type FetchFeedRuntime,
} from '../../../functions/runtime/dependencies';
import { DispatchEnvSchema, ExtractArticleEnvSchema, FetchFeedEnvSchema, parseEnv } from '../../../functions/runtime/env';
import type { Observability } from '../../../functions/runtime/observability';
import { ArticleReader } from '../../../shared/adapters/dynamodb/article-reader';
import { createDynamoClients, type DynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { startEmbeddedDynamo } from '../../../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../../../shared/adapters/dynamodb/ensure-tables';
import { DynamoFeedStore } from '../../../shared/adapters/dynamodb/feed-store';
import type { TableNames } from '../../../shared/adapters/dynamodb/table-design';
import type { FeedSubscription } from '../../../shared/ingestion/feed-subscription';
import type { Clock, HttpClient } from '../../../shared/ingestion/ports';
import { DEFAULT_INGESTION_SETTINGS, type IngestionSettings } from '../../../shared/ingestion/settings';
import { newSubscription } from '../../../shared/ingestion/subscribe-feeds';
import { STACK_QUEUE } from './stack-queue';

/** One structured log line a function wrote (through Powertools). */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** Records every log line a function's Powertools logger writes (the logger keeps writing as usual). */
export function captureLogs(observability: Observability): LogLine[] {
  const lines: LogLine[] = [];
  for (const level of ['info', 'warn', 'error'] as const) {
    const original = observability.powertools[level].bind(observability.powertools);
    vi.spyOn(observability.powertools, level).mockImplementation((message: unknown, ...extra: unknown[]) => {
      const fields = Object.assign({}, ...extra.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null));
      lines.push({ level, message: String(message), fields });
      original(message as string, ...(extra as []));
    });
  }
  return lines;
}

/** What a test may change in a function's runtime: the page/feed client, the clock, the settings. */
export interface RuntimeOverrides {
  http?: HttpClient;
  clock?: Clock;
  settings?: Partial<IngestionSettings>;
}

/** The deployed composition of the functions, pointed at local parts. */
export interface Pipeline {
  endpoint: string;
  clients: DynamoClients;
  tables: Required<TableNames>;
  sqs: SqsStandIn;
  /** The environment the stack sets (no FEEDLOOM_TEST_TRUSTED_ADDRESS: as deployed), pointed at the local parts. */
  env: Record<string, string>;
  feeds: DynamoFeedStore;
  reader: ArticleReader;
  subscribe(url: string, at?: Date): Promise<FeedSubscription>;
  fetchFeedRuntime(overrides?: RuntimeOverrides): FetchFeedRuntime & { logs: LogLine[] };
  extractRuntime(overrides?: RuntimeOverrides): ExtractArticleRuntime & { logs: LogLine[] };
  dispatchRuntime(overrides?: { clock?: Clock }): DispatchRuntime & { logs: LogLine[] };
  close(): Promise<void>;
}

/**
 * Starts the local parts the Lambda handlers run against (a DynamoDB endpoint with fresh tables, the
 * SQS stand-in) and builds each function's runtime exactly as the composition root does from the
 * stack's environment; a test then swaps only the outbound HTTP client (to reach H through the
 * allow-alias and L), the clock, or a setting.
 */
export async function startPipeline(options: { endpoint?: string; maxAttempts?: number } = {}): Promise<Pipeline> {
  const embedded = options.endpoint ? null : await startEmbeddedDynamo(null);
  const endpoint = options.endpoint ?? (embedded?.endpoint as string);
  const clients = createDynamoClients({ endpoint, maxAttempts: options.maxAttempts ?? 3 });
  const suffix = randomBytes(4).toString('hex');
  const tables = {
    articles: `articles-${suffix}`,
    feeds: `feeds-${suffix}`,
    bodies: `bodies-${suffix}`,
    hosts: `hosts-${suffix}`,
    siteHealth: `site-health-${suffix}`,
  };
  await ensureTables(clients.client, tables);
  const sqs = await startSqsStandIn();
  const env: Record<string, string> = {
    FEEDS_TABLE_NAME: tables.feeds,
    ARTICLES_TABLE_NAME: tables.articles,
    BODIES_TABLE_NAME: tables.bodies,
    HOSTS_TABLE_NAME: tables.hosts,
    FEED_QUEUE_URL: sqs.queueUrl('feeds'),
    FEED_DLQ_URL: sqs.queueUrl('feeds-dlq'),
    ARTICLE_QUEUE_URL: sqs.queueUrl('articles'),
    ARTICLE_DLQ_URL: sqs.queueUrl('articles-dlq'),
    USER_AGENT: 'Feedloom-security-test/1',
    MAX_RECEIVE_COUNT: String(STACK_QUEUE.maxReceiveCount),
    QUEUE_RETENTION_SECONDS: String(STACK_QUEUE.retentionMs / 1000),
    DEADLINE_MARGIN_MS: '30000',
    FEEDLOOM_TEST_DYNAMODB_ENDPOINT: endpoint,
    FEEDLOOM_TEST_SQS_ENDPOINT: sqs.endpoint,
  };
  const settingsOf = (overrides: RuntimeOverrides): IngestionSettings => ({ ...DEFAULT_INGESTION_SETTINGS, ...overrides.settings });
  const feeds = new DynamoFeedStore({ client: clients.documents, tableName: tables.feeds });
  return {
    endpoint,
    clients,
    tables,
    sqs,
    env,
    feeds,
    reader: new ArticleReader({ client: clients.documents, tableName: tables.articles, bodiesTableName: tables.bodies }),
    subscribe: async (url, at = new Date()) => {
      const feed = newSubscription({ url, title: null, categories: [] }, at);
      await feeds.put(feed);
      return feed;
    },
    fetchFeedRuntime: (overrides = {}) => {
      const runtime = buildFetchFeedRuntime(parseEnv(FetchFeedEnvSchema, env));
      const logs = captureLogs(runtime);
      Object.assign(runtime.refresh, { settings: settingsOf(overrides), random: () => 0.5 });
      if (overrides.http) runtime.refresh.http = overrides.http;
      if (overrides.clock) runtime.refresh.clock = overrides.clock;
      return Object.assign(runtime, { logs });
    },
    extractRuntime: (overrides = {}) => {
      const runtime = buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, env));
      const logs = captureLogs(runtime);
      runtime.extract.settings = settingsOf(overrides);
      if (overrides.http) runtime.extract.http = overrides.http;
      if (overrides.clock) runtime.extract.clock = overrides.clock;
      return Object.assign(runtime, { logs });
    },
    dispatchRuntime: (overrides = {}) => {
      const runtime = buildDispatchRuntime(parseEnv(DispatchEnvSchema, env));
      const logs = captureLogs(runtime);
      if (overrides.clock) runtime.dispatch.clock = overrides.clock;
      return Object.assign(runtime, { logs });
    },
    close: async () => {
      clients.client.destroy();
      await sqs.close();
      await embedded?.close();
    },
  };
}

/** A clock fixed at one instant (moved by hand). */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now.getTime()),
    set: (value) => {
      now = new Date(value);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}
