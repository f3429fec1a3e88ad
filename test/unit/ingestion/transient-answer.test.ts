import { describe, expect, it } from 'vitest';
import { MAX_ASKED_DELAY_MS, MIN_ASKED_DELAY_MS, transientAnswer } from '../../../shared/ingestion/transient-answer';

const now = new Date('2026-03-01T10:00:00Z');

describe('transientAnswer (RFC 9110 section 10.2.3 Retry-After, within bounds)', () => {
  it('reads seconds and HTTP dates on passing refusals', () => {
    expect(transientAnswer({ status: 429, headers: { 'retry-after': '3' } }, now)).toEqual({ delayMs: 3_000 });
    expect(transientAnswer({ status: 503, headers: { 'retry-after': 'Sun, 01 Mar 2026 10:00:30 GMT' } }, now)).toEqual({ delayMs: 30_000 });
    expect(transientAnswer({ status: 502, headers: {} }, now)).toEqual({ delayMs: null });
    expect(transientAnswer({ status: 522, headers: {} }, now)).toEqual({ delayMs: null });
    expect(transientAnswer({ status: 521, headers: { 'retry-after': '60' } }, now)).toEqual({ delayMs: 60_000 });
    expect(transientAnswer({ status: 503, headers: { 'retry-after': 'soon' } }, now)).toEqual({ delayMs: null });
  });

  it('holds the delay between a second and twelve hours', () => {
    expect(transientAnswer({ status: 429, headers: { 'retry-after': '0' } }, now)).toEqual({ delayMs: MIN_ASKED_DELAY_MS });
    expect(transientAnswer({ status: 503, headers: { 'retry-after': 'Sat, 28 Feb 2026 10:00:00 GMT' } }, now)).toEqual({ delayMs: MIN_ASKED_DELAY_MS });
    expect(transientAnswer({ status: 429, headers: { 'retry-after': String(365 * 86_400) } }, now)).toEqual({ delayMs: MAX_ASKED_DELAY_MS });
  });

  it('is null for answers that are no passing refusal', () => {
    for (const status of [200, 304, 400, 403, 404, 410, 501, 505]) expect(transientAnswer({ status, headers: { 'retry-after': '3' } }, now)).toBeNull();
  });
});
