import { errorCode, errorMessage, FeedloomError } from '../errors';
import { FetchError } from './fetch-error';
import { RetryLaterError } from './retry-later-error';

/** Which delivery of a queue message this is. */
export interface DeliveryAttempt {
  /** Deliveries so far, this one included (SQS ApproximateReceiveCount). */
  receiveCount: number;
  /** The backoff schedule of a failure (default: the local one). */
  backoff?: RetryBackoff;
  /** The schedule of a wait that named no delay (default: `backoff`). */
  waitBackoff?: RetryBackoff;
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
 * The SQS runtime's schedule for a wait that named no delay (a store outage): 15 min, then x4 per
 * delivery, capped at SQS's largest visibility timeout (12 h, 43 200 s): 15 min, 1 h, 4 h, 12 h.
 * SQS counts every receive and a consumer may not re-send to its own queue (security catalogue
 * #49: no self-send, Lambda's loop detection stays on), so a wait is a hidden message that still
 * spends a delivery; the growing schedule makes the five deliveries span about 17 h of outage
 * instead of 29 min. Each delivery costs one short invocation (the store answers at once or the
 * SDK gives up within seconds). An outage longer than that is a regional incident: the final
 * delivery dead-letters the job with its reason (STORE_UNAVAILABLE), the DLQ alarm fires, and
 * a redrive of the DLQ brings it back (docs/deploy.md). Shorter first steps would spend deliveries on the
 * minutes when a store usually recovers from a blip; those are the ones the SDK's retries cover.
 */
export const QUEUE_WAIT_BACKOFF: RetryBackoff = { firstMs: 900_000, maxMs: 43_200_000, factor: 4 };

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
       * asked delay or QUEUE_WAIT_BACKOFF, and on its final delivery dead-letters it with this
       * reason (create-sqs-batch-handler.ts).
       */
      countsAsAttempt: boolean;
    }
  | { action: 'dead-letter'; code: string; message: string };

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
 * - a wait (host cooldown) or a store outage is retried after the asked delay without counting as
 *   an attempt;
 * - anything else is retried after the delay the remote asked for (Retry-After) or a backoff, and
 *   counts: after maxReceiveCount deliveries the queue moves it to the dead letters.
 * A message whose processing returned is acknowledged.
 */
export function decideOnFailure(error: unknown, attempt: DeliveryAttempt): FailureDecision {
  const code = errorCode(error);
  const message = errorMessage(error).slice(0, 500);
  if (error instanceof FeedloomError && !error.retryable) return { action: 'dead-letter', code, message };
  const asked = error instanceof RetryLaterError ? error.delayMs : error instanceof FetchError ? error.retryAfterMs : null;
  const countsAsAttempt = !isWait(error) && code !== 'STORE_UNAVAILABLE';
  const schedule = countsAsAttempt ? attempt.backoff : (attempt.waitBackoff ?? attempt.backoff);
  const delayMs = Math.max(0, asked ?? retryBackoffMs(attempt.receiveCount, schedule));
  return { action: 'retry', code, message, delayMs, delayAsked: asked !== null, countsAsAttempt };
}

/** The reason kept with a dead letter, the same in both runtimes. */
export interface DeadLetterReason {
  code: string;
  message: string;
  sourceMessageId: string;
}
