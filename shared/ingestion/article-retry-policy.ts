import type { ExtractionRetry } from '../article/article';
import { RETRYABLE_FETCH_CODES } from './fetch-error';

/**
 * How long a page that could not be used for a passing reason keeps being tried on later cycles:
 * cycle 1 is the first fetch (with its queue deliveries), then one more cycle after 15 min, 1 h,
 * 4 h and 16 h, then once a day; after cycle 11 (about 6.9 days) the feed-only record stays as it
 * is, marked not retryable. A site down for days still has its pages extracted when it is back (the
 * limit was cycle 6, about 45 hours, so a site back on its third day kept them feed-only for good);
 * each cycle costs one request per page. docs/consumers.md documents the limit.
 */
export const ARTICLE_RETRY_LIMITS = { maxCycles: 11, firstDelayMs: 15 * 60_000, growth: 4, maxDelayMs: 24 * 3_600_000 } as const;

/** 5xx that say what the server will never do, however often asked (RFC 9110 sections 15.6.2 and 15.6.6). */
const FINAL_SERVER_ERRORS: ReadonlySet<number> = new Set([501, 505]);

/**
 * Statuses worth another try later: 408, 425 and 429 (transient by definition) and the server errors
 * (RFC 9110 section 15.6) but the two above, the non-standard ones included: a CDN answers 520-524 or
 * 530 while the origin behind it is down or slow (those pages were stored feed-only for good, with no
 * retry at all, through a fronted site's outage).
 */
export function isRetryableHttpStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return true;
  return status >= 500 && status <= 599 && !FINAL_SERVER_ERRORS.has(status);
}

/**
 * Failure codes of a page that may pass: the retryable fetch failures, the database being away, and
 * the site's robots.txt not answering (5xx, 429, a network failure: check-robots.ts), which kept the
 * page from being fetched at all (it was final: every page of a site whose robots.txt was down
 * through a job's deliveries stayed feed-only for good).
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([...RETRYABLE_FETCH_CODES, 'STORE_UNAVAILABLE', 'ROBOTS_UNREACHABLE']);

/** Whether a page's failure may pass, so the page is worth another cycle. */
export function isPassingFailure(code: string, httpStatus: number | null): boolean {
  if (code === 'HTTP_STATUS') return httpStatus !== null && isRetryableHttpStatus(httpStatus);
  return RETRYABLE_CODES.has(code);
}

/** Delay before cycle `cycle + 1`. */
export function retryDelayMs(cycle: number): number {
  const { firstDelayMs, growth, maxDelayMs } = ARTICLE_RETRY_LIMITS;
  return Math.min(maxDelayMs, firstDelayMs * growth ** Math.max(0, cycle - 1));
}

/** What the record says about a page stored without an extraction in retry cycle `cycle`. */
export function retryPlan(failure: { code: string; httpStatus: number | null }, cycle: number, now: Date): ExtractionRetry {
  if (!isPassingFailure(failure.code, failure.httpStatus) || cycle >= ARTICLE_RETRY_LIMITS.maxCycles) {
    return { retryable: false, cycle, nextAttemptAt: null };
  }
  return { retryable: true, cycle, nextAttemptAt: new Date(now.getTime() + retryDelayMs(cycle)).toISOString() };
}
