import { retryAfterMs } from '../feed/next-fetch-at';
import { isRetryableHttpStatus } from './article-retry-policy';

/** Shortest wait before the same request again: a Retry-After of 0 is not a licence to hammer. */
export const MIN_ASKED_DELAY_MS = 1_000;
/** Longest wait a job is held for on its queue: SQS's longest visibility timeout (12 h). */
export const MAX_ASKED_DELAY_MS = 12 * 60 * 60_000;
/**
 * Longest pause a feed job waits out on its queue (a short Retry-After, a host cooldown) rather than
 * recording a failed fetch, whose backoff starts at the schedule's 5-minute minimum.
 */
export const SHORT_WAIT_MS = 60_000;

/** What an answer that says "try again later" asked for. */
export interface TransientAnswer {
  /** The Retry-After delay within [MIN_ASKED_DELAY_MS, MAX_ASKED_DELAY_MS]; null when none (or none readable) was given. */
  delayMs: number | null;
}

/**
 * Whether an HTTP answer is a passing refusal (408, 425, 429 and the 5xx but 501 and 505: isRetryableHttpStatus),
 * and how long it asked us to wait with Retry-After (RFC 9110 section 10.2.3: seconds or an HTTP
 * date), held within sane bounds. The one reading of it for feeds (refresh-feed.ts) and pages
 * (extract-and-store-article.ts); null for any other status.
 */
export function transientAnswer(response: { status: number; headers: Record<string, string> }, now: Date): TransientAnswer | null {
  if (!isRetryableHttpStatus(response.status)) return null;
  const asked = retryAfterMs(response.headers['retry-after'], now);
  return { delayMs: asked === null ? null : Math.min(MAX_ASKED_DELAY_MS, Math.max(MIN_ASKED_DELAY_MS, asked)) };
}
