import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FeedloomError, InvalidInputError } from '../../../shared/errors';
import { classifyMessage } from '../../../shared/ingestion/classify-message';
import {
  type DeliveryLimits,
  decideOnFailure,
  isFinalAttempt,
  LOCAL_RETRY_BACKOFF,
  MAX_FAILED_ATTEMPTS,
  QUEUE_RETRY_BACKOFF,
  QUEUE_WAIT_BACKOFF,
  queueDeliveryLimits,
  retryBackoffMs,
} from '../../../shared/ingestion/delivery-policy';
import { FetchError } from '../../../shared/ingestion/fetch-error';
import { RetryLaterError } from '../../../shared/ingestion/retry-later-error';
import { StoreUnavailableError } from '../../../shared/ingestion/store-unavailable-error';

describe('decideOnFailure: the one delivery policy of both runtimes', () => {
  it('dead-letters an error marked not retryable at once, with its code', () => {
    expect(decideOnFailure(new InvalidInputError('ARTICLE_TOO_LARGE', 'refused'), { receiveCount: 1 })).toEqual({
      action: 'dead-letter',
      code: 'ARTICLE_TOO_LARGE',
      message: 'refused',
      why: 'not-retryable',
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

  it('paces the SQS runtime with its own schedules: failures 2, 4, 8, 15 min by failed attempt; waits 5, 10, 20 min, then every 30 min', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryBackoffMs(n, QUEUE_RETRY_BACKOFF))).toEqual([120_000, 240_000, 480_000, 900_000, 900_000]);
    expect([1, 2, 3, 4, 5, 50, 900].map((n) => retryBackoffMs(n, QUEUE_WAIT_BACKOFF))).toEqual([
      300_000, 600_000, 1_200_000, 1_800_000, 1_800_000, 1_800_000, 1_800_000,
    ]);
    const sqs = { backoff: QUEUE_RETRY_BACKOFF, waitBackoff: QUEUE_WAIT_BACKOFF };
    // A failure's backoff follows the failed attempts, not the receives (waits in between do not push it out).
    expect(decideOnFailure(new Error('boom'), { receiveCount: 30, failedBefore: 2, ...sqs })).toMatchObject({ delayMs: 480_000, countsAsAttempt: true });
    expect(decideOnFailure(new Error('boom'), { receiveCount: 3, ...sqs })).toMatchObject({ delayMs: 480_000, countsAsAttempt: true });
    expect(decideOnFailure(new StoreUnavailableError('down'), { receiveCount: 3, ...sqs })).toMatchObject({ delayMs: 1_200_000, countsAsAttempt: false });
    // A wait that names its delay (a host cooldown) keeps it.
    const cooldown = new FetchError('HOST_COOLDOWN', 'cooling down', { retryAfterMs: 30_000 });
    expect(decideOnFailure(cooldown, { receiveCount: 2, ...sqs })).toMatchObject({ delayMs: 30_000, delayAsked: true, countsAsAttempt: false });
    // Without a wait schedule a wait follows the failure one (the local runtime).
    expect(decideOnFailure(new StoreUnavailableError('down'), { receiveCount: 2 })).toMatchObject({ delayMs: 500 });
    expect([1, 2, 3, 4, 5].map((n) => retryBackoffMs(n, LOCAL_RETRY_BACKOFF))).toEqual([250, 500, 1_000, 2_000, 4_000]);
  });

  it('ends a queue message after its failure budget, however many waits it spent receives on', () => {
    const limits: DeliveryLimits = queueDeliveryLimits({ maxReceiveCount: 1000, retentionMs: 10 * 86_400_000 });
    const sqs = { backoff: QUEUE_RETRY_BACKOFF, waitBackoff: QUEUE_WAIT_BACKOFF, limits };
    expect(MAX_FAILED_ATTEMPTS).toBe(5);
    // The fifth failed attempt, on the 200th receive: dead-lettered with its own code.
    expect(
      decideOnFailure(new FeedloomError('TIMEOUT', 'slow', { retryable: true }), { receiveCount: 200, failedBefore: 4, ageMs: 86_400_000, ...sqs }),
    ).toEqual({
      action: 'dead-letter',
      code: 'TIMEOUT',
      message: 'slow',
      why: 'failures-exhausted',
    });
    // The fourth is retried, and reports how many failures the message has now.
    expect(decideOnFailure(new Error('boom'), { receiveCount: 200, failedBefore: 3, ageMs: 86_400_000, ...sqs })).toMatchObject({
      action: 'retry',
      failedAttempts: 4,
      delayMs: 900_000,
    });
    expect(isFinalAttempt({ receiveCount: 200, failedBefore: 4, ageMs: 0, limits })).toBe(true);
    expect(isFinalAttempt({ receiveCount: 200, failedBefore: 3, ageMs: 0, limits })).toBe(false);
  });

  it('lets a store outage wait for days: no receive budget spent on it until the message nears the queue retention', () => {
    const limits = queueDeliveryLimits({ maxReceiveCount: 1000, retentionMs: 10 * 86_400_000 });
    const sqs = { backoff: QUEUE_RETRY_BACKOFF, waitBackoff: QUEUE_WAIT_BACKOFF, limits };
    const down = new StoreUnavailableError('down');
    // Three days and 150 receives in: still waiting, 30 min at a time.
    expect(decideOnFailure(down, { receiveCount: 150, failedBefore: 0, ageMs: 3 * 86_400_000, ...sqs })).toMatchObject({
      action: 'retry',
      delayMs: 1_800_000,
      countsAsAttempt: false,
      failedAttempts: 0,
    });
    expect(isFinalAttempt({ receiveCount: 150, failedBefore: 4, ageMs: 3 * 86_400_000, limits: { ...limits, maxFailedAttempts: 6 } })).toBe(false);
    // A day before SQS would delete it: set aside with its reason instead of being lost.
    expect(decideOnFailure(down, { receiveCount: 400, failedBefore: 0, ageMs: 9 * 86_400_000, ...sqs })).toMatchObject({
      action: 'dead-letter',
      code: 'STORE_UNAVAILABLE',
      why: 'age-exhausted',
    });
    // Half a day before that, a delivery is the final attempt: the longest wait (12 h) could outlast the bound.
    expect(isFinalAttempt({ receiveCount: 300, failedBefore: 0, ageMs: 8.6 * 86_400_000, limits })).toBe(true);
    expect(isFinalAttempt({ receiveCount: 300, failedBefore: 0, ageMs: 8 * 86_400_000, limits })).toBe(false);
    // The queue's own receive limit still ends it, with its reason, before SQS moves it without one.
    expect(decideOnFailure(down, { receiveCount: 1000, failedBefore: 0, ageMs: 0, ...sqs })).toMatchObject({
      action: 'dead-letter',
      why: 'receives-exhausted',
    });
    expect(isFinalAttempt({ receiveCount: 1000, failedBefore: 0, ageMs: 0, limits })).toBe(true);
  });

  it('without a failure count (no ledger, or the local queue) every receive is a failed attempt, as SQS counts them', () => {
    const limits = queueDeliveryLimits({ maxReceiveCount: 5, retentionMs: 4 * 86_400_000 });
    expect(isFinalAttempt({ receiveCount: 5, limits })).toBe(true);
    expect(decideOnFailure(new Error('boom'), { receiveCount: 5, limits })).toMatchObject({ action: 'dead-letter', why: 'failures-exhausted' });
    expect(decideOnFailure(new Error('boom'), { receiveCount: 4 })).toMatchObject({ action: 'retry', failedAttempts: 4 });
  });

  it('classifies poison bodies with the same codes everywhere', () => {
    const schema = z.object({ kind: z.literal('x'), version: z.literal(1) });
    expect(classifyMessage(schema, '{oops')).toMatchObject({ ok: false, code: 'POISON_MALFORMED_JSON' });
    expect(classifyMessage(schema, '{"kind":"x","version":2}')).toMatchObject({ ok: false, code: 'POISON_UNKNOWN_VERSION' });
    expect(classifyMessage(schema, '{"kind":"y","version":1}')).toMatchObject({ ok: false, code: 'POISON_INVALID_JOB' });
    expect(classifyMessage(schema, '{"kind":"x","version":1}')).toEqual({ ok: true, job: { kind: 'x', version: 1 } });
  });
});
