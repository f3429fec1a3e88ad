import { errorCode, errorMessage, FeedloomError } from '../errors';
import { FetchError } from './fetch-error';
import { RetryLaterError } from './retry-later-error';

/** Which delivery of a queue message this is. */
export interface DeliveryAttempt {
  /** Deliveries so far, this one included (SQS ApproximateReceiveCount). */
  receiveCount: number;
  /**
   * Failed attempts before this delivery, where the runtime counts them apart from its receives (the
   * SQS handler's attempts ledger, since SQS counts waits too). Default: every earlier receive, as the
   * local queue (which charges no wait) and SQS without a ledger count them.
   */
  failedBefore?: number;
  /** The message's age at this delivery (since it was sent; SQS SentTimestamp), 0 when unknown. */
  ageMs?: number;
  /** Where the policy rather than the queue ends a message's deliveries (the SQS runtime). */
  limits?: DeliveryLimits;
  /** The backoff schedule of a failure (default: the local one). */
  backoff?: RetryBackoff;
  /** The schedule of a wait that named no delay (default: `backoff`). */
  waitBackoff?: RetryBackoff;
}

/** When a queue message has had all the deliveries it gets. */
export interface DeliveryLimits {
  /** Failed attempts (waits excluded) after which a job is dead-lettered with its reason. */
  maxFailedAttempts: number;
  /** The queue's maxReceiveCount: SQS moves the message itself (without a reason) past it. */
  maxReceiveCount: number;
  /** Age past which a message is not hidden for another wait: set aside with its reason instead. */
  maxWaitAgeMs: number;
}

/**
 * Failed attempts of a job before it is dead-lettered: the five deliveries a queue message had
 * before waits stopped counting, so a job that keeps failing still gets its 2 + 4 + 8 + 15 min
 * of retries (QUEUE_RETRY_BACKOFF) and the final attempt that stores what it can.
 */
export const MAX_FAILED_ATTEMPTS = 5;

/**
 * Longest hide a handler can set (ChangeMessageVisibility): no wait is longer. SQS keeps a message
 * hidden at most 43 200 s from its receive and refuses a change past what is left, and a handler's
 * change comes up to the batching window (300 s) and the function's run (900 s) after the receive:
 * a hide of the full 43 200 s was refused, and the job came back after the queue's visibility
 * timeout (12 min) instead of 12 h, hitting a host that had asked for the pause each time.
 */
export const LONGEST_WAIT_MS = 42_000_000;

/**
 * Kept between a waiting message's last wait and the queue's retention: SQS deletes a message older
 * than the retention without a trace, so a wait that would end within a day of it is set aside in
 * the dead-letter queue instead (a new message there, with 14 days of its own), leaving a day for
 * the set-aside to be retried if the dead-letter queue itself refuses it.
 */
export const RETENTION_MARGIN_MS = 86_400_000;

/** The SQS runtime's limits for a queue with this maxReceiveCount and message retention. */
export function queueDeliveryLimits(queue: { maxReceiveCount: number; retentionMs: number; maxFailedAttempts?: number }): DeliveryLimits {
  return {
    maxFailedAttempts: queue.maxFailedAttempts ?? MAX_FAILED_ATTEMPTS,
    maxReceiveCount: queue.maxReceiveCount,
    maxWaitAgeMs: Math.max(0, queue.retentionMs - RETENTION_MARGIN_MS),
  };
}

const failedBeforeOf = (attempt: Pick<DeliveryAttempt, 'receiveCount' | 'failedBefore'>): number =>
  attempt.failedBefore ?? Math.max(0, attempt.receiveCount - 1);

/**
 * Whether this delivery may be a job's last, so its use case should store what it can rather than
 * ask for another retry: its failure budget is spent if it fails once more, the queue's receive limit
 * is reached, or the message is too old for the longest wait to end before the age bound. Without
 * limits (the local queue) only the receive count tells, against `maxReceiveCount` of the caller.
 */
export function isFinalAttempt(attempt: Pick<DeliveryAttempt, 'receiveCount' | 'failedBefore' | 'ageMs' | 'limits'>): boolean {
  const { limits } = attempt;
  if (!limits) return false;
  return (
    failedBeforeOf(attempt) + 1 >= limits.maxFailedAttempts ||
    attempt.receiveCount >= limits.maxReceiveCount ||
    (attempt.ageMs ?? 0) + LONGEST_WAIT_MS >= limits.maxWaitAgeMs
  );
}

/** A backoff that starts at `firstMs` and grows by `factor` (default 2) per delivery, capped at `maxMs`. */
export interface RetryBackoff {
  firstMs: number;
  maxMs: number;
  factor?: number;
}

/**
 * The local runtime's backoff: 250 ms doubling to 30 s. Its jobs wait in-process, and a run sits
 * out at most 10 s for one (cli/local-runtime), so a short schedule keeps a run moving.
 */
export const LOCAL_RETRY_BACKOFF: RetryBackoff = { firstMs: 250, maxMs: 30_000 };

/**
 * The SQS runtime's backoff: 2 min doubling to 15 min (SendMessage's largest DelaySeconds, 900 s).
 * Five deliveries then span 2 + 4 + 8 + 15 = 29 min, long enough to outlast a site's or a
 * dependency's short bad patch, and each retry is an invocation billed and a request to the site,
 * so it is no tighter. Without it a failed record waited the queue's whole visibility timeout (30 min
 * for extract, 12 min for fetch) per delivery.
 */
export const QUEUE_RETRY_BACKOFF: RetryBackoff = { firstMs: 120_000, maxMs: 900_000 };

/**
 * The SQS runtime's schedule for a wait that named no delay (a store outage): 5 min doubling to a
 * 30-min cap, indexed by the receive count. SQS counts every receive and a consumer may not re-send
 * to its own queue (security catalogue #49: no self-send, Lambda's loop detection stays on), so a
 * wait is a hidden message that spends a receive; waits no longer count against the job's failure
 * budget (MAX_FAILED_ATTEMPTS, counted in the attempts ledger), and the queue's maxReceiveCount is
 * 1000 (SQS's most), so what bounds a wait is the message's age (DeliveryLimits.maxWaitAgeMs, a
 * day under the queue's retention, 10 days): an outage of about 9 days is waited out. The cap bounds
 * how long a job still waits once the store is back (30 min) and the price of waiting: about 2
 * receives, and 2 / batch-size invocations, per job and hour of outage (docs/scaling.md). Each
 * costs one short invocation (the store answers at once or the SDK gives up within seconds).
 */
export const QUEUE_WAIT_BACKOFF: RetryBackoff = { firstMs: 300_000, maxMs: 1_800_000 };

/** What to do with a message whose processing threw. */
export type FailureDecision =
  | {
      action: 'retry';
      code: string;
      message: string;
      /** Earliest redelivery, in milliseconds from now. */
      delayMs: number;
      /** Whether the delay was asked for (Retry-After, a host cooldown) rather than a backoff of ours. */
      delayAsked: boolean;
      /**
       * False for a wait that sent no request (a host cooldown the client enforced) and for a store
       * outage: the job did not fail, the runtime was told to wait. The local queue does not charge
       * the delivery; SQS cannot uncount a receive, so the SQS handler hides the message for the
       * asked delay or QUEUE_WAIT_BACKOFF and counts no failure in its attempts ledger
       * (create-sqs-batch-handler.ts).
       */
      countsAsAttempt: boolean;
      /** Failed attempts of the message once this one is counted (the SQS handler records it). */
      failedAttempts: number;
    }
  | {
      action: 'dead-letter';
      code: string;
      message: string;
      /**
       * not-retryable: no retry can fix it; failures-exhausted: its failure budget is spent;
       * receives-exhausted: the queue's maxReceiveCount is reached; age-exhausted: another wait could
       * outlast the queue's retention.
       */
      why: 'not-retryable' | 'failures-exhausted' | 'receives-exhausted' | 'age-exhausted';
    };

/** Backoff of a failure that named no delay: `firstMs` after the first delivery, times `factor` per delivery, capped at `maxMs`. */
export function retryBackoffMs(receiveCount: number, backoff: RetryBackoff = LOCAL_RETRY_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.firstMs * (backoff.factor ?? 2) ** Math.max(0, receiveCount - 1));
}

/** Codes that mean "wait", not "failed": the client held the request back, nothing was sent. */
export const WAIT_CODES: ReadonlySet<string> = new Set(['HOST_COOLDOWN']);

function isWait(error: unknown): boolean {
  if (WAIT_CODES.has(errorCode(error))) return true;
  return error instanceof RetryLaterError && error.cause instanceof FetchError && WAIT_CODES.has(error.cause.code);
}

/**
 * The one delivery policy of both runtimes (functions/runtime/create-sqs-batch-handler.ts and
 * cli/local-runtime/drain-queue.ts), for a message whose processing threw:
 * - an error marked not retryable can never succeed: dead-letter it now with its code, rather than
 *   after every remaining delivery (poison bodies are set aside before processing, classify-message.ts);
 * - a wait (host cooldown) or a store outage is retried after the asked delay or the wait schedule
 *   without counting as an attempt;
 * - anything else counts as a failed attempt and is retried after the delay the remote asked for
 *   (Retry-After) or a backoff by failed attempt.
 * With `limits` (SQS) the policy also ends the deliveries, dead-lettering with the error's own code
 * once the failure budget is spent, the receive limit reached, or the message too old to wait again;
 * without them the local queue dead-letters after its maxReceiveCount (which charges no wait).
 * A message whose processing returned is acknowledged.
 */
export function decideOnFailure(error: unknown, attempt: DeliveryAttempt): FailureDecision {
  const code = errorCode(error);
  const message = errorMessage(error).slice(0, 500);
  if (error instanceof FeedloomError && !error.retryable) return { action: 'dead-letter', code, message, why: 'not-retryable' };
  const asked = error instanceof RetryLaterError ? error.delayMs : error instanceof FetchError ? error.retryAfterMs : null;
  const countsAsAttempt = !isWait(error) && code !== 'STORE_UNAVAILABLE';
  const failedAttempts = failedBeforeOf(attempt) + (countsAsAttempt ? 1 : 0);
  const delayMs = Math.max(
    0,
    asked ?? (countsAsAttempt ? retryBackoffMs(failedAttempts, attempt.backoff) : retryBackoffMs(attempt.receiveCount, attempt.waitBackoff ?? attempt.backoff)),
  );
  const { limits } = attempt;
  if (limits) {
    if (countsAsAttempt && failedAttempts >= limits.maxFailedAttempts) return { action: 'dead-letter', code, message, why: 'failures-exhausted' };
    if (attempt.receiveCount >= limits.maxReceiveCount) return { action: 'dead-letter', code, message, why: 'receives-exhausted' };
    if (!countsAsAttempt && (attempt.ageMs ?? 0) + Math.min(delayMs, LONGEST_WAIT_MS) > limits.maxWaitAgeMs)
      return { action: 'dead-letter', code, message, why: 'age-exhausted' };
  }
  return { action: 'retry', code, message, delayMs, delayAsked: asked !== null, countsAsAttempt, failedAttempts };
}

/** The reason kept with a dead letter, the same in both runtimes. */
export interface DeadLetterReason {
  code: string;
  message: string;
  sourceMessageId: string;
}
