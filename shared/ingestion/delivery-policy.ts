import { errorCode, errorMessage, FeedloomError } from '../errors';
import { FetchError } from './fetch-error';
import { RetryLaterError } from './retry-later-error';

/** Which delivery of a queue message this is. */
export interface DeliveryAttempt {
  /** Deliveries charged so far, this one included (SQS ApproximateReceiveCount, plus those of the job's earlier messages). */
  receiveCount: number;
  /** Waits the job already sat out as new messages (the SQS runtime's hops); the backoff of a wait grows with them. */
  waits?: number;
  /** The backoff schedule of the runtime (default: the local one). */
  backoff?: RetryBackoff;
}

/** A backoff that starts at `firstMs` and doubles per delivery, capped at `maxMs`. */
export interface RetryBackoff {
  firstMs: number;
  maxMs: number;
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
 * for extract, 12 min for fetch) per delivery. The same numbers pace the waits that are sent again.
 */
export const QUEUE_RETRY_BACKOFF: RetryBackoff = { firstMs: 120_000, maxMs: 900_000 };

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
       * the delivery; SQS cannot uncount a receive, so the SQS handler sends the body again as a new
       * message with the delay and acknowledges the old one (create-sqs-batch-handler.ts).
       */
      countsAsAttempt: boolean;
    }
  | { action: 'dead-letter'; code: string; message: string };

/** Backoff of a failure that named no delay: `firstMs` after the first delivery, doubling per delivery, capped at `maxMs`. */
export function retryBackoffMs(receiveCount: number, backoff: RetryBackoff = LOCAL_RETRY_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, receiveCount - 1));
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
  // A wait's backoff grows with the waits sat out as new messages, whose receive count starts over.
  const nth = countsAsAttempt || attempt.waits === undefined ? attempt.receiveCount : attempt.waits + 1;
  const delayMs = Math.max(0, asked ?? retryBackoffMs(nth, attempt.backoff));
  return { action: 'retry', code, message, delayMs, delayAsked: asked !== null, countsAsAttempt };
}

/** The reason kept with a dead letter, the same in both runtimes. */
export interface DeadLetterReason {
  code: string;
  message: string;
  sourceMessageId: string;
}
