import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, nextFetchAt, retryAfterMs } from '../../../shared/feed/next-fetch-at';

const now = new Date('2024-05-01T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const delayOf = (date: Date): number => date.getTime() - now.getTime();

describe('nextFetchAt', () => {
  it('waits as long as <ttl> asks', () => {
    expect(delayOf(nextFetchAt({ now, ttlMinutes: 180 }))).toBe(3 * HOUR);
  });

  it('honours Cache-Control max-age, and Expires when there is no max-age', () => {
    expect(delayOf(nextFetchAt({ now, headers: { 'cache-control': 'public, max-age=7200' } }))).toBe(2 * HOUR);
    expect(delayOf(nextFetchAt({ now, headers: { expires: new Date(now.getTime() + 5 * HOUR).toUTCString() } }))).toBe(5 * HOUR);
  });

  it('looks twice as often as recent entries appear', () => {
    const entryDates = [0, 1, 2, 3, 4].map((i) => new Date(now.getTime() - i * 2 * HOUR).toISOString());
    expect(delayOf(nextFetchAt({ now, entryDates }))).toBe(HOUR);
  });

  it('stays within 5 minutes and 24 hours by default', () => {
    const frequent = [0, 1, 2, 3].map((i) => new Date(now.getTime() - i * MIN).toISOString());
    expect(delayOf(nextFetchAt({ now, entryDates: frequent }))).toBe(DEFAULT_SCHEDULE.minIntervalMs);
    expect(delayOf(nextFetchAt({ now, ttlMinutes: 10_000 }))).toBe(DEFAULT_SCHEDULE.maxIntervalMs);
  });

  it('spreads fetches by the jitter, still within the bounds', () => {
    const low = delayOf(nextFetchAt({ now, ttlMinutes: 120, random: 0 }));
    const high = delayOf(nextFetchAt({ now, ttlMinutes: 120, random: 0.999 }));
    expect(low).toBe(2 * HOUR * 0.95);
    expect(high).toBeGreaterThan(2 * HOUR * 1.04);
    expect(delayOf(nextFetchAt({ now, ttlMinutes: 10_000, random: 0.999 }))).toBe(DEFAULT_SCHEDULE.maxIntervalMs);
  });

  it('backs off exponentially on consecutive failures, capped at the maximum', () => {
    const intervals = [1, 2, 3, 4, 12].map((errorCount) => delayOf(nextFetchAt({ now, errorCount })));
    expect(intervals).toEqual([5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN, 24 * HOUR]);
  });

  it('never comes back before Retry-After, in seconds or as an HTTP date', () => {
    expect(delayOf(nextFetchAt({ now, errorCount: 1, headers: { 'retry-after': '3600' } }))).toBe(HOUR);
    const date = new Date(now.getTime() + 90 * MIN).toUTCString();
    expect(delayOf(nextFetchAt({ now, errorCount: 1, headers: { 'retry-after': date } }))).toBe(90 * MIN);
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});
