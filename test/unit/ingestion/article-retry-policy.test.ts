import { describe, expect, it } from 'vitest';
import { ARTICLE_RETRY_LIMITS, isPassingFailure, retryDelayMs, retryPlan } from '../../../shared/ingestion/article-retry-policy';

const now = new Date('2026-03-01T10:00:00Z');

describe('retry plan of a page stored without an extraction', () => {
  it('retries passing failures (429, 5xx, timeouts, connection errors, cooldowns, an unreadable robots.txt), not the others', () => {
    for (const [code, status] of [
      ['HTTP_STATUS', 429],
      ['HTTP_STATUS', 503],
      ['HTTP_STATUS', 500],
      // A CDN's answers for an origin that is down or slow (Cloudflare 520-524, 530): server errors that pass.
      ['HTTP_STATUS', 521],
      ['HTTP_STATUS', 522],
      ['HTTP_STATUS', 524],
      ['HTTP_STATUS', 530],
      ['HTTP_STATUS', 507],
      ['TIMEOUT', null],
      ['CONNECT_FAILED', null],
      ['CONNECTION_RESET', null],
      ['HOST_COOLDOWN', null],
      ['ROBOTS_UNREACHABLE', null],
    ] as const) {
      expect(isPassingFailure(code, status), `${code} ${status}`).toBe(true);
    }
    for (const [code, status] of [
      ['HTTP_STATUS', 404],
      ['HTTP_STATUS', 410],
      // 5xx that say what the server will never do, however often asked.
      ['HTTP_STATUS', 501],
      ['HTTP_STATUS', 505],
      ['NOT_AN_ARTICLE', 200],
      ['SSRF_BLOCKED', null],
      ['ROBOTS_DISALLOWED', null],
      ['BODY_TOO_LARGE', null],
      ['NO_URL', null],
    ] as const) {
      expect(isPassingFailure(code, status), `${code} ${status}`).toBe(false);
    }
  });

  it('says when the next cycle is, growing from 15 minutes to a day, and stops after the last cycle', () => {
    expect(retryPlan({ code: 'HTTP_STATUS', httpStatus: 503 }, 1, now)).toEqual({ retryable: true, cycle: 1, nextAttemptAt: '2026-03-01T10:15:00.000Z' });
    expect([1, 2, 3, 4, 5].map(retryDelayMs).map((ms) => ms / 60_000)).toEqual([15, 60, 240, 960, 1440]);
    expect(retryPlan({ code: 'TIMEOUT', httpStatus: null }, ARTICLE_RETRY_LIMITS.maxCycles, now)).toEqual({
      retryable: false,
      cycle: ARTICLE_RETRY_LIMITS.maxCycles,
      nextAttemptAt: null,
    });
    expect(retryPlan({ code: 'HTTP_STATUS', httpStatus: 404 }, 1, now)).toEqual({ retryable: false, cycle: 1, nextAttemptAt: null });
  });

  it('keeps trying a site that is down for days: a page is fetched again once a day until about a week has passed', () => {
    // When each later cycle runs, counted from the entry's first fetch.
    const startsAt: number[] = [];
    let at = 0;
    for (let cycle = 1; ; cycle++) {
      const plan = retryPlan({ code: 'HTTP_STATUS', httpStatus: 503 }, cycle, new Date(now.getTime() + at));
      if (!plan.retryable || !plan.nextAttemptAt) break;
      at = Date.parse(plan.nextAttemptAt) - now.getTime();
      startsAt.push(at);
    }
    const days = (ms: number) => ms / 86_400_000;
    // A site back on its fourth, fifth or sixth day still gets its pages extracted, each day's try at most a day apart.
    expect(days(startsAt.at(-1) ?? 0)).toBeGreaterThan(6.5);
    expect(days(startsAt.at(-1) ?? 0)).toBeLessThan(7.5);
    expect(startsAt.slice(1).every((start, index) => start - (startsAt[index] ?? 0) <= 86_400_000)).toBe(true);
  });
});
