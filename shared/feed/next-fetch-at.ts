/** Bounds and knobs of the fetch schedule. */
export interface ScheduleSettings {
  minIntervalMs: number;
  maxIntervalMs: number;
  /** Width of the random spread around the interval (0.1: +-5%), so feeds on one host drift apart. */
  jitter: number;
}

export const DEFAULT_SCHEDULE: ScheduleSettings = { minIntervalMs: 5 * 60_000, maxIntervalMs: 24 * 60 * 60_000, jitter: 0.1 };

/** What a fetch told us about when to come back. */
export interface ScheduleSignals {
  now: Date;
  /** RSS `<ttl>` in minutes. */
  ttlMinutes?: number | null;
  /** HTTP response headers (lower-case names). */
  headers?: Record<string, string>;
  /** Publication times of the entries currently in the feed. */
  entryDates?: readonly (string | null)[];
  /** Consecutive failed fetches before this one (0 after a success). */
  errorCount?: number;
  /** A number in [0, 1) for the jitter (0.5 means none); pass a fixed value in tests. */
  random?: number;
}

function cacheMaxAgeMs(headers: Record<string, string> | undefined, now: Date): number | null {
  const cacheControl = headers?.['cache-control'];
  const maxAge = cacheControl ? /(?:^|,)\s*(?:s-maxage|max-age)\s*=\s*"?(\d+)/i.exec(cacheControl) : null;
  if (maxAge?.[1]) return Number(maxAge[1]) * 1000;
  const expires = headers?.expires ? Date.parse(headers.expires) : Number.NaN;
  if (Number.isFinite(expires)) return Math.max(0, expires - now.getTime());
  return null;
}

/** Retry-After as a delay in milliseconds (RFC 9110 section 10.2.3: seconds or an HTTP date). */
export function retryAfterMs(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now.getTime()) : null;
}

// Half the median gap between recent entries: a feed posting hourly is looked at every half hour.
function entryFrequencyMs(dates: readonly (string | null)[] | undefined): number | null {
  const times = (dates ?? [])
    .flatMap((d) => (d ? [Date.parse(d)] : []))
    .filter(Number.isFinite)
    .sort((a, b) => b - a)
    .slice(0, 20);
  if (times.length < 3) return null;
  const gaps = times
    .slice(1)
    .map((t, i) => (times[i] as number) - t)
    .sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
  return median > 0 ? median / 2 : null;
}

/**
 * When to fetch a feed next. After a success: the longest of what the publisher asked for (`<ttl>`,
 * Cache-Control max-age / Expires, RFC 9111 section 4.2.1) and half the recent entry interval. After
 * failures: exponential backoff from the minimum, doubling per consecutive failure. A jitter of
 * +-jitter/2 spreads feeds of one host apart; the result stays within [min, max]. Retry-After
 * (RFC 9110 section 10.2.3) is a floor: the next fetch is never earlier than the server asked
 * (up to the maximum interval).
 */
export function nextFetchAt(signals: ScheduleSignals, settings: ScheduleSettings = DEFAULT_SCHEDULE): Date {
  const { now } = signals;
  const errorCount = signals.errorCount ?? 0;
  let interval: number;
  if (errorCount > 0) {
    interval = settings.minIntervalMs * 2 ** Math.min(errorCount - 1, 20);
  } else {
    const asked = Math.max((signals.ttlMinutes ?? 0) * 60_000, cacheMaxAgeMs(signals.headers, now) ?? 0);
    const frequency = entryFrequencyMs(signals.entryDates) ?? 60 * 60_000;
    interval = Math.max(asked, frequency);
  }
  const factor = 1 + settings.jitter * ((signals.random ?? 0.5) - 0.5);
  interval = Math.min(settings.maxIntervalMs, Math.max(settings.minIntervalMs, interval * factor));
  const retryAfter = retryAfterMs(signals.headers?.['retry-after'], now);
  if (retryAfter !== null) interval = Math.max(interval, Math.min(retryAfter, settings.maxIntervalMs));
  return new Date(now.getTime() + Math.round(interval));
}
