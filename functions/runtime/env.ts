import { z } from 'zod';
import { FeedloomError } from '../../shared/errors';

/** An environment variable is missing or malformed: the function cannot start. */
export class EnvError extends FeedloomError {
  constructor(message: string) {
    super('BAD_ENV', message);
  }
}

const name = z.string().min(1);
const url = z.url();
const positiveInt = z.coerce.number().int().positive();

/**
 * Every variable the functions read, with its rule. The stack sets these (infra/ingestion-stack.ts;
 * test/infra/wiring.test.ts checks the two agree). The FEEDLOOM_TEST_* variables exist for the
 * bundle smoke test only and are never set by the stack.
 */
export const ENV_FIELDS = {
  FEEDS_TABLE_NAME: name,
  ARTICLES_TABLE_NAME: name,
  /** Bodies too big for an Articles item, in chunks (shared/adapters/dynamodb/table-design.ts BODIES). */
  BODIES_TABLE_NAME: name,
  /** Per-host politeness and cached robots.txt, shared by every environment (table-design.ts HOSTS). */
  HOSTS_TABLE_NAME: name,
  /** Per-site extraction counters (shared/adapters/dynamodb/table-design.ts SITE_HEALTH). */
  SITE_HEALTH_TABLE_NAME: name,
  FEED_QUEUE_URL: url,
  FEED_DLQ_URL: url,
  ARTICLE_QUEUE_URL: url,
  ARTICLE_DLQ_URL: url,
  USER_AGENT: name,
  /** The queue's maxReceiveCount: the delivery with this count is the last one. */
  MAX_RECEIVE_COUNT: positiveInt,
  /** Remaining time under which a handler starts no new record. */
  DEADLINE_MARGIN_MS: positiveInt,
  /** The queue's message retention: a waiting job is set aside a day before it (default SQS's 4 days). */
  QUEUE_RETENTION_SECONDS: positiveInt.optional(),
  /** Days an article is kept (sets the TTL attribute); unset keeps articles forever. */
  ARTICLE_RETENTION_DAYS: positiveInt.optional(),
  /** `false` stops reading robots.txt before article pages (settings.ts respectRobotsTxt); default `true`. */
  RESPECT_ROBOTS_TXT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  FEEDLOOM_TEST_DYNAMODB_ENDPOINT: url.optional(),
  FEEDLOOM_TEST_SQS_ENDPOINT: url.optional(),
  /** The one private address a test may fetch from: only 127.0.0.1 is accepted. */
  FEEDLOOM_TEST_TRUSTED_ADDRESS: z.literal('127.0.0.1').optional(),
} as const;

const testOnly = {
  FEEDLOOM_TEST_DYNAMODB_ENDPOINT: ENV_FIELDS.FEEDLOOM_TEST_DYNAMODB_ENDPOINT,
  FEEDLOOM_TEST_SQS_ENDPOINT: ENV_FIELDS.FEEDLOOM_TEST_SQS_ENDPOINT,
  FEEDLOOM_TEST_TRUSTED_ADDRESS: ENV_FIELDS.FEEDLOOM_TEST_TRUSTED_ADDRESS,
};

export const DispatchEnvSchema = z.object({ FEEDS_TABLE_NAME: name, FEED_QUEUE_URL: url, ...testOnly });
export type DispatchEnv = z.infer<typeof DispatchEnvSchema>;

export const FetchFeedEnvSchema = z.object({
  FEEDS_TABLE_NAME: name,
  FEED_QUEUE_URL: url,
  FEED_DLQ_URL: url,
  ARTICLE_QUEUE_URL: url,
  HOSTS_TABLE_NAME: name,
  USER_AGENT: name,
  MAX_RECEIVE_COUNT: positiveInt,
  DEADLINE_MARGIN_MS: positiveInt,
  QUEUE_RETENTION_SECONDS: ENV_FIELDS.QUEUE_RETENTION_SECONDS,
  ...testOnly,
});
export type FetchFeedEnv = z.infer<typeof FetchFeedEnvSchema>;

export const ExtractArticleEnvSchema = z.object({
  ARTICLES_TABLE_NAME: name,
  /** The Feeds table, for the retry ledger of pages that failed for a passing reason; unset: no later cycles. */
  FEEDS_TABLE_NAME: name.optional(),
  BODIES_TABLE_NAME: name,
  HOSTS_TABLE_NAME: name,
  ARTICLE_QUEUE_URL: url,
  ARTICLE_DLQ_URL: url,
  USER_AGENT: name,
  MAX_RECEIVE_COUNT: positiveInt,
  DEADLINE_MARGIN_MS: positiveInt,
  QUEUE_RETENTION_SECONDS: ENV_FIELDS.QUEUE_RETENTION_SECONDS,
  ARTICLE_RETENTION_DAYS: ENV_FIELDS.ARTICLE_RETENTION_DAYS,
  RESPECT_ROBOTS_TXT: ENV_FIELDS.RESPECT_ROBOTS_TXT,
  // Optional so a stack deployed before the site-health table keeps extracting; the stack sets it.
  SITE_HEALTH_TABLE_NAME: name.optional(),
  ...testOnly,
});
export type ExtractArticleEnv = z.infer<typeof ExtractArticleEnvSchema>;

export const CheckSiteHealthEnvSchema = z.object({ SITE_HEALTH_TABLE_NAME: name, ...testOnly });
export type CheckSiteHealthEnv = z.infer<typeof CheckSiteHealthEnvSchema>;

export const SyncFeedsEnvSchema = z.object({ FEEDS_TABLE_NAME: name, ...testOnly });
export type SyncFeedsEnv = z.infer<typeof SyncFeedsEnvSchema>;

/**
 * Parses the environment with a schema; fails fast naming every bad variable (the values are not
 * echoed: some may be sensitive).
 */
export function parseEnv<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.input === undefined ? 'missing' : issue.message}`);
  throw new EnvError(`bad environment: ${problems.join('; ')}`);
}
