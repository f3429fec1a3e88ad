import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FeedloomError, InvalidInputError } from '../../../shared/errors';
import { classifyMessage } from '../../../shared/ingestion/classify-message';
import { decideOnFailure, LOCAL_RETRY_BACKOFF, QUEUE_RETRY_BACKOFF, QUEUE_WAIT_BACKOFF, retryBackoffMs } from '../../../shared/ingestion/delivery-policy';
import { FetchError } from '../../../shared/ingestion/fetch-error';
import { RetryLaterError } from '../../../shared/ingestion/retry-later-error';
import { StoreUnavailableError } from '../../../shared/ingestion/store-unavailable-error';

describe('decideOnFailure: the one delivery policy of both runtimes', () => {
  it('dead-letters an error marked not retryable at once, with its code', () => {
    expect(decideOnFailure(new InvalidInputError('ARTICLE_TOO_LARGE', 'refused'), { receiveCount: 1 })).toEqual({
      action: 'dead-letter',
      code: 'ARTICLE_TOO_LARGE',
      message: 'refused',
    });
  });

  it('treats a host cooldown as a wait of the asked length that is not an attempt', () => {
    const cooldown = new FetchError('HOST_COOLDOWN', 'pause', { retryAfterMs: 4_000 });
    expect(decideOnFailure(cooldown, { receiveCount: 3 })).toMatchObject({
      action: 'retry',
      code: 'HOST_COOLDOWN',
      delayMs: 4_000,
      delayAsked: true,
      countsAsAttempt: false,
    });
    // As extract-and-store wraps it.
    const wrapped = new RetryLaterError('HOST_COOLDOWN', 'pause', { delayMs: 4_000, cause: cooldown });
    expect(decideOnFailure(wrapped, { receiveCount: 3 })).toMatchObject({ action: 'retry', delayMs: 4_000, countsAsAttempt: false });
  });

  it('counts a 503 with Retry-After as an attempt (a request was answered), after the asked delay', () => {
    const busy = new RetryLaterError('HTTP_STATUS', 'page answered HTTP 503', { delayMs: 1_000 });
    expect(decideOnFailure(busy, { receiveCount: 1 })).toMatchObject({ action: 'retry', delayMs: 1_000, delayAsked: true, countsAsAttempt: true });
  });

  it('waits out a store outage without charging the job', () => {
    expect(decideOnFailure(new StoreUnavailableError('down'), { receiveCount: 2 })).toMatchObject({
      action: 'retry',
      code: 'STORE_UNAVAILABLE',
      delayAsked: false,
      countsAsAttempt: false,
    });
  });

  it('retries anything else with a growing backoff that counts', () => {
    expect(decideOnFailure(new Error('boom'), { receiveCount: 1 })).toMatchObject({
      action: 'retry',
      code: 'INTERNAL_ERROR',
      delayMs: 250,
      countsAsAttempt: true,
    });
    expect(decideOnFailure(new FeedloomError('TIMEOUT', 'slow', { retryable: true }), { receiveCount: 3 })).toMatchObject({
      delayMs: 1_000,
      delayAsked: false,
    });
    expect(retryBackoffMs(20)).toBe(30_000);
  });

  it('paces the SQS runtime with its own schedules: failures 2, 4, 8, 15 min; waits 15 min, 1 h, 4 h, 12 h (SQS visibility maximum)', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryBackoffMs(n, QUEUE_RETRY_BACKOFF))).toEqual([120_000, 240_000, 480_000, 900_000, 900_000]);
    expect([1, 2, 3, 4, 5].map((n) => retryBackoffMs(n, QUEUE_WAIT_BACKOFF))).toEqual([900_000, 3_600_000, 14_400_000, 43_200_000, 43_200_000]);
    const sqs = { backoff: QUEUE_RETRY_BACKOFF, waitBackoff: QUEUE_WAIT_BACKOFF };
    expect(decideOnFailure(new Error('boom'), { receiveCount: 3, ...sqs })).toMatchObject({ delayMs: 480_000, countsAsAttempt: true });
    expect(decideOnFailure(new StoreUnavailableError('down'), { receiveCount: 3, ...sqs })).toMatchObject({ delayMs: 14_400_000, countsAsAttempt: false });
    // A wait that names its delay (a host cooldown) keeps it.
    const cooldown = new FetchError('HOST_COOLDOWN', 'cooling down', { retryAfterMs: 30_000 });
    expect(decideOnFailure(cooldown, { receiveCount: 2, ...sqs })).toMatchObject({ delayMs: 30_000, delayAsked: true, countsAsAttempt: false });
    // Without a wait schedule a wait follows the failure one (the local runtime).
    expect(decideOnFailure(new StoreUnavailableError('down'), { receiveCount: 2 })).toMatchObject({ delayMs: 500 });
    expect([1, 2, 3, 4, 5].map((n) => retryBackoffMs(n, LOCAL_RETRY_BACKOFF))).toEqual([250, 500, 1_000, 2_000, 4_000]);
  });

  it('classifies poison bodies with the same codes everywhere', () => {
    const schema = z.object({ kind: z.literal('x'), version: z.literal(1) });
    expect(classifyMessage(schema, '{oops')).toMatchObject({ ok: false, code: 'POISON_MALFORMED_JSON' });
    expect(classifyMessage(schema, '{"kind":"x","version":2}')).toMatchObject({ ok: false, code: 'POISON_UNKNOWN_VERSION' });
    expect(classifyMessage(schema, '{"kind":"y","version":1}')).toMatchObject({ ok: false, code: 'POISON_INVALID_JOB' });
    expect(classifyMessage(schema, '{"kind":"x","version":1}')).toEqual({ ok: true, job: { kind: 'x', version: 1 } });
  });
});
