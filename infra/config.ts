import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Node } from 'constructs';

/** The knobs of one deployment. Defaults below; each can be set with `cdk deploy -c name=value`. */
export interface PipelineConfig {
  /** Minutes between dispatcher runs (EventBridge Scheduler rate). */
  scheduleRateMinutes: number;
  /** Most concurrent fetch-feed invocations (the event-source mapping's maximum concurrency, 2..1000). */
  feedConcurrency: number;
  /** Most concurrent extract-article invocations. */
  articleConcurrency: number;
  /** Records per fetch-feed invocation. */
  feedBatchSize: number;
  /** Records per extract-article invocation. */
  articleBatchSize: number;
  /**
   * Receives before SQS moves a message to the dead-letter queue itself. Waits (a store outage, a
   * host cooldown) spend receives too, so it is SQS's most: the handlers end a job themselves, after
   * five failed attempts or before the queue's retention (shared/ingestion/delivery-policy.ts).
   */
  maxReceiveCount: number;
  userAgent: string;
  /** Days the functions' logs are kept. */
  logRetentionDays: number;
  /** Days an article is kept (TTL); 0 keeps them forever. */
  articleRetentionDays: number;
  /** A feed list (OPML, JSON or text) synced into the Feeds table on every deploy; null for none. */
  feedsFile: string | null;
  /** Create an SNS topic the alarms notify. */
  alarmTopic: boolean;
  /** Subscribe this address to the alarm topic. */
  alarmEmail: string | null;
  /** Keep the tables from being deleted by a stack update or `cdk destroy`. */
  tableDeletionProtection: boolean;
  /** Obey robots.txt before fetching article pages (docs/security.md, "robots.txt"). */
  respectRobotsTxt: boolean;
}

export const DEFAULT_CONFIG: PipelineConfig = {
  scheduleRateMinutes: 5,
  feedConcurrency: 5,
  articleConcurrency: 10,
  feedBatchSize: 5,
  articleBatchSize: 10,
  maxReceiveCount: 1000,
  userAgent: 'Feedloom/0.1 (+https://github.com/feedloom/feedloom; news ingestion)',
  logRetentionDays: 30,
  articleRetentionDays: 0,
  feedsFile: null,
  alarmTopic: true,
  alarmEmail: null,
  tableDeletionProtection: true,
  respectRobotsTxt: true,
};

/** A context value is not a valid setting. */
export class ConfigError extends Error {
  readonly code = 'BAD_CONFIG';
}

function integer(name: string, value: unknown, min: number, max: number): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < min || number > max)
    throw new ConfigError(`context ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  return number;
}

function boolean(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ConfigError(`context ${name} must be true or false, got ${String(value)}`);
}

/** Reads the configuration from CDK context (cdk.json "context" or `-c name=value`), over the defaults. */
export function configFromContext(node: Node, base: PipelineConfig = DEFAULT_CONFIG): PipelineConfig {
  const get = (name: keyof PipelineConfig): unknown => node.tryGetContext(name);
  const pick = <K extends keyof PipelineConfig>(name: K, parse: (value: unknown) => PipelineConfig[K]): PipelineConfig[K] => {
    const value = get(name);
    return value === undefined ? base[name] : parse(value);
  };
  return {
    scheduleRateMinutes: pick('scheduleRateMinutes', (v) => integer('scheduleRateMinutes', v, 1, 1440)),
    feedConcurrency: pick('feedConcurrency', (v) => integer('feedConcurrency', v, 2, 1000)),
    articleConcurrency: pick('articleConcurrency', (v) => integer('articleConcurrency', v, 2, 1000)),
    feedBatchSize: pick('feedBatchSize', (v) => integer('feedBatchSize', v, 1, 10)),
    articleBatchSize: pick('articleBatchSize', (v) => integer('articleBatchSize', v, 1, 10)),
    maxReceiveCount: pick('maxReceiveCount', (v) => integer('maxReceiveCount', v, 5, 1000)),
    userAgent: pick('userAgent', (v) => String(v)),
    logRetentionDays: pick('logRetentionDays', (v) => integer('logRetentionDays', v, 1, 3653)),
    articleRetentionDays: pick('articleRetentionDays', (v) => integer('articleRetentionDays', v, 0, 36500)),
    feedsFile: pick('feedsFile', (v) => (v === '' || v === null ? null : String(v))),
    alarmTopic: pick('alarmTopic', (v) => boolean('alarmTopic', v)),
    alarmEmail: pick('alarmEmail', (v) => (v === '' || v === null ? null : String(v))),
    tableDeletionProtection: pick('tableDeletionProtection', (v) => boolean('tableDeletionProtection', v)),
    respectRobotsTxt: pick('respectRobotsTxt', (v) => boolean('respectRobotsTxt', v)),
  };
}

/** The feed list's text, read at synthesis time (relative paths from the project root). */
export function readFeedList(file: string, root: string): string {
  try {
    return readFileSync(resolve(root, file), 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read feedsFile ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
