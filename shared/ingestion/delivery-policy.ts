import { errorCode, errorMessage, FeedloomError } from '../errors';
import { FetchError } from './fetch-error';
import { RetryLaterError } from './retry-later-error';

/** Which delivery of a queue message this is. */
export interface DeliveryAttempt {
  /** Deliveries so far, this one included (SQS ApproximateReceiveCount). */
  receiveCount: number;
}

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
       * outage: the job did not fail, the runtime was told to wait. A runtime that can (the local
       * queue) does not charge the delivery; SQS cannot uncount a receive, so there the final
       * delivery stores what it can and the retry ledger takes over (extract-and-store-article.ts).
       */
      countsAsAttempt: boolean;
    }
  | { action: 'dead-letter'; code: string; message: string };

/** Backoff of a failure that named no delay: 250 ms, doubling per delivery, capped at 30 s. */
export function retryBackoffMs(receiveCount: number): number {
  return Math.min(30_000, 250 * 2 ** Math.max(0, receiveCount - 1));
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
  const delay = { delayMs: Math.max(0, asked ?? retryBackoffMs(attempt.receiveCount)), delayAsked: asked !== null };
  if (isWait(error)) return { action: 'retry', code, message, ...delay, countsAsAttempt: false };
  if (code === 'STORE_UNAVAILABLE') return { action: 'retry', code, message, ...delay, countsAsAttempt: false };
  return { action: 'retry', code, message, ...delay, countsAsAttempt: true };
}

/** The reason kept with a dead letter, the same in both runtimes. */
export interface DeadLetterReason {
  code: string;
  message: string;
  sourceMessageId: string;
}
