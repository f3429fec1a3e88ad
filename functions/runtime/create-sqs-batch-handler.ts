import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { errorMessage, FeedloomError } from '../../shared/errors';
import { classifyMessage } from '../../shared/ingestion/classify-message';
import type { DeadLetterReason, RetryBackoff } from '../../shared/ingestion/delivery-policy';
import { decideOnFailure, isFinalAttempt, QUEUE_RETRY_BACKOFF, QUEUE_WAIT_BACKOFF, queueDeliveryLimits } from '../../shared/ingestion/delivery-policy';
import { StoreUnavailableError } from '../../shared/ingestion/store-unavailable-error';
import { limitConcurrency } from './limit-concurrency';
import type { Observability } from './observability';

/** Hides a received message for a while, so it comes back no sooner than asked. */
export interface MessageVisibility {
  hide(queueUrl: string, receiptHandle: string, delayMs: number): Promise<number>;
}

/** Where poison messages are kept, with their reason (the queue's dead-letter queue). */
export interface DeadLetterSink {
  send(body: string, reason: DeadLetterReason): Promise<void>;
}

/**
 * The failed attempts of each message, kept where SQS's receive count (which counts waits) is not. A
 * redelivery is counted before it runs and uncounted if it ends in a wait, so an attempt whose
 * invocation crashed or timed out (no outcome at all) still counts.
 */
export interface AttemptsLedger {
  /** Counts one failed attempt of a message; returns its count, this one included. */
  countFailure(messageId: string, nowMs: number): Promise<number>;
  /** Takes one count back: the attempt counted ahead ended in a wait, not a failure. */
  uncountFailure(messageId: string, nowMs: number): Promise<void>;
}

/** SQS's default message retention (4 days): the bound of a runtime that is not told its queue's. */
const DEFAULT_RETENTION_MS = 4 * 86_400_000;

/** What every SQS consumer needs from the composition root. */
export interface SqsConsumerRuntime extends Observability {
  queueUrl: string;
  visibility: MessageVisibility;
  deadLetters: DeadLetterSink;
  /** Whether an error means the database is unavailable: a wait for the store, not a failure of the job. */
  isStoreUnavailable?: (error: unknown) => boolean;
  /** The queue's maxReceiveCount. */
  maxReceiveCount: number;
  /** How long the queue keeps a message (its MessageRetentionPeriod); default SQS's 4 days. */
  retentionMs?: number;
  /** Failed attempts before a job is dead-lettered (default MAX_FAILED_ATTEMPTS, 5). */
  maxFailedAttempts?: number;
  /**
   * Where failed attempts are counted apart from receives. Without it every receive counts as one
   * (a wait included), as SQS's own maxReceiveCount does.
   */
  attempts?: AttemptsLedger;
  /** The schedule of a wait that named no delay (default QUEUE_WAIT_BACKOFF). */
  waitBackoff?: RetryBackoff;
  /** Remaining time under which no new record is started. */
  deadlineMarginMs: number;
}

/** Which delivery of a message this is. */
export interface RecordDelivery {
  receiveCount: number;
  /**
   * True when a failure now would end the job (its fifth failed attempt, the queue's last receive, or
   * too old to wait again: delivery-policy.ts isFinalAttempt), so it should store what it can.
   */
  finalAttempt: boolean;
}

/** Which delivery of its message a record is (SQS ApproximateReceiveCount). */
const receiveCountOf = (record: SQSRecord): number => Number(record.attributes.ApproximateReceiveCount) || 1;

/** How long ago the message was sent (SQS SentTimestamp, epoch ms); 0 when unknown or ahead of this clock. */
function ageOf(record: SQSRecord, nowMs: number): number {
  const sent = Number(record.attributes.SentTimestamp);
  return Number.isFinite(sent) && sent > 0 ? Math.max(0, nowMs - sent) : 0;
}

/** An error the runtime says means the database is unavailable, as the StoreUnavailableError the delivery policy knows. */
function asStoreOutage(error: unknown, runtime: SqsConsumerRuntime): unknown {
  if (error instanceof StoreUnavailableError || !runtime.isStoreUnavailable) return error;
  if (error instanceof FeedloomError && !error.retryable) return error;
  return runtime.isStoreUnavailable(error) ? new StoreUnavailableError(`the database is unavailable: ${errorMessage(error)}`, { cause: error }) : error;
}

/** The handler stopped before this record because the invocation's deadline was near. */
export class DeadlineReachedError extends FeedloomError {
  constructor(remainingMs: number) {
    super('DEADLINE_REACHED', `not started: ${remainingMs} ms left in the invocation`, { retryable: true });
  }
}

/** A redelivered job whose earlier attempts all ended without success: set aside before it runs again. */
export class AttemptsExhaustedError extends FeedloomError {
  constructor(attempts: number) {
    super(
      'ATTEMPTS_EXHAUSTED',
      `${attempts} attempts ended without success, some without any outcome (the function crashed or timed out, or the dead-letter queue refused the job)`,
    );
  }
}

/**
 * Counts this redelivery as a failed attempt before it runs (a first delivery is counted only if it
 * fails: no write on the happy path) and returns the failed attempts before it. Counting ahead is what
 * ends a job whose every attempt kills its invocation (out of memory, the function's timeout): no
 * failure is ever decided for it, and with maxReceiveCount 1000 only the queue's retention would end
 * it, deleting it unseen. A store that is down is thrown, so the record waits without running; any
 * other failure to count is logged and counted as none, leaving the receive limit and the age bound
 * to end the job.
 */
async function countAhead(record: SQSRecord, runtime: SqsConsumerRuntime & { attempts: AttemptsLedger }): Promise<{ failedBefore: number; counted: boolean }> {
  try {
    return { failedBefore: (await runtime.attempts.countFailure(record.messageId, Date.now())) - 1, counted: true };
  } catch (error) {
    const outage = asStoreOutage(error, runtime);
    if (outage instanceof StoreUnavailableError) throw outage;
    runtime.metrics.addMetric('AttemptsUncounted', MetricUnit.Count, 1);
    runtime.powertools.warn('could not count the attempt: counted as none', { messageId: record.messageId, error: errorMessage(error) });
    return { failedBefore: 0, counted: false };
  }
}

/**
 * An SQS handler over one job schema, with the semantics of cli/local-runtime/drain-queue.ts (both
 * apply shared/ingestion/delivery-policy.ts): up to `concurrency` records of a batch run at once
 * (default 1: one at a time; the event-source mapping's concurrency multiplies it), so their
 * downloads overlap instead of each being billed in turn; each record keeps its own outcome below,
 * and the batch response still names exactly the records that failed. A body
 * that can never be processed is poison and goes straight to the dead-letter queue with its reason,
 * logged and counted, and is acknowledged, and so is a record whose processing failed with an error
 * marked not retryable; any other failed record is reported in `batchItemFailures` so
 * only it is redelivered, after the delay a RetryLaterError asked for or the backoff of
 * QUEUE_RETRY_BACKOFF (ChangeMessageVisibility), and its failure is counted in the attempts ledger.
 * A record that did not fail but was told to wait (a store outage, a host cooldown: delivery-policy.ts,
 * countsAsAttempt false) is hidden the same way, for the asked delay or QUEUE_WAIT_BACKOFF (5 min
 * doubling to 30 min), never sent again to its own queue (security catalogue #49), and counts no
 * failure. SQS cannot uncount a receive, so the queue's maxReceiveCount is high (1000) and the policy
 * ends a job itself: after its fifth failed attempt, or when it is too old to wait again before the
 * queue's retention, it goes to the dead-letter queue with its reason (its code, STORE_UNAVAILABLE...)
 * and is acknowledged, or, if that send fails, is reported failed and comes back to try again.
 * Near the deadline no new record is started and the rest are reported as failures (on its last
 * delivery such a record is given to `keepUnstarted`, when there is one, rather than dead-lettered unrun).
 */
export function createSqsBatchHandler<T, R extends SqsConsumerRuntime>(options: {
  schema: z.ZodType<T>;
  runtime: () => R;
  process: (job: T, delivery: RecordDelivery, runtime: R) => Promise<void>;
  /** Records of one batch processed at once (default 1). */
  concurrency?: number;
  /** Records whose jobs share a key run one after another (e.g. one site's pages); null: no key. */
  concurrencyKey?: (job: T) => string | null;
  /**
   * Keeps a job that the deadline kept from starting on its last delivery where it will run again
   * (true when kept: the record is then acknowledged). The receives SQS counted were no attempts,
   * and the dead-letter queue is for jobs that failed. Without it, or on false, the record is
   * reported failed like the others near the deadline.
   */
  keepUnstarted?: (job: T, runtime: R) => Promise<boolean>;
  /**
   * Work to do with a job set aside because its attempts ran out (ATTEMPTS_EXHAUSTED: they crashed
   * or timed out; or its last attempt failed) before its dead letter is sent, such as storing the
   * entry from the feed. Best effort: a failure of it is logged and the job is set aside all the same.
   */
  onSetAside?: (job: T, reason: { code: string; message: string }, runtime: R) => Promise<void>;
}): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    const runtime = options.runtime();
    const { powertools, metrics } = runtime;
    powertools.addContext(context);
    let stopped = false;
    const concurrency = options.concurrency ?? 1;
    const keyOf = (record: SQSRecord): string | null => {
      if (!options.concurrencyKey) return null;
      const classified = classifyMessage(options.schema, record.body);
      return classified.ok ? options.concurrencyKey(classified.job) : null;
    };

    const processRecord = async (record: SQSRecord): Promise<void> => {
      const receiveCount = receiveCountOf(record);
      const ageMs = ageOf(record, Date.now());
      const limits = queueDeliveryLimits({
        maxReceiveCount: runtime.maxReceiveCount,
        retentionMs: runtime.retentionMs ?? DEFAULT_RETENTION_MS,
        ...(runtime.maxFailedAttempts ? { maxFailedAttempts: runtime.maxFailedAttempts } : {}),
      });
      const remainingMs = context.getRemainingTimeInMillis();
      if (stopped || remainingMs < runtime.deadlineMarginMs) {
        if (!stopped) {
          metrics.addMetric('DeadlineStops', MetricUnit.Count, 1);
          powertools.warn('deadline near: starting no new record', { remainingMs, messageId: record.messageId });
        }
        stopped = true;
        const unstarted = classifyMessage(options.schema, record.body);
        // Its last receive, or too old to wait again: the receives it spent were no failed attempts.
        if (options.keepUnstarted && unstarted.ok && isFinalAttempt({ receiveCount, failedBefore: 0, ageMs, limits })) {
          if (await options.keepUnstarted(unstarted.job, runtime)) {
            metrics.addMetric('UnstartedKept', MetricUnit.Count, 1);
            return;
          }
        }
        throw new DeadlineReachedError(remainingMs);
      }
      const classified = classifyMessage(options.schema, record.body);
      if (!classified.ok) {
        metrics.addMetric('PoisonMessages', MetricUnit.Count, 1);
        powertools.error('poison message set aside', {
          code: classified.code,
          reason: classified.message,
          messageId: record.messageId,
          bodyBytes: record.body.length,
        });
        // If the dead-letter queue cannot take it now, the throw keeps the message for a redelivery.
        await runtime.deadLetters.send(record.body, { code: classified.code, message: classified.message, sourceMessageId: record.messageId });
        return;
      }
      let failedBefore: number | undefined = runtime.attempts ? 0 : undefined;
      let counted = false;
      try {
        const { attempts } = runtime;
        if (attempts && receiveCount > 1) {
          ({ failedBefore, counted } = await countAhead(record, { ...runtime, attempts }));
          // Five attempts counted and none decided the job's end: they crashed (or the set-aside failed).
          if (failedBefore >= limits.maxFailedAttempts) throw new AttemptsExhaustedError(failedBefore);
        }
        const finalAttempt = isFinalAttempt({ receiveCount, failedBefore, ageMs, limits });
        await options.process(classified.job, { receiveCount, finalAttempt }, runtime);
        metrics.addMetric('RecordsProcessed', MetricUnit.Count, 1);
        // The attempt counted ahead succeeded: taken back, so the ledger holds failures only (best effort:
        // the message is deleted now, and its count expires with the item).
        if (counted)
          await runtime.attempts?.uncountFailure(record.messageId, Date.now()).catch(() => metrics.addMetric('AttemptsUncounted', MetricUnit.Count, 1));
      } catch (raw) {
        const error = asStoreOutage(raw, runtime);
        const decision = decideOnFailure(error, {
          receiveCount,
          ...(failedBefore === undefined ? {} : { failedBefore }),
          ageMs,
          limits,
          backoff: QUEUE_RETRY_BACKOFF,
          waitBackoff: runtime.waitBackoff ?? QUEUE_WAIT_BACKOFF,
        });
        const fields = { messageId: record.messageId, receiveCount, ageMs, code: decision.code, error: decision.message };
        const beforeSetAside = async (): Promise<void> => {
          if (!options.onSetAside) return;
          try {
            await options.onSetAside(classified.job, { code: decision.code, message: decision.message }, runtime);
          } catch (hookError) {
            powertools.warn('set-aside work failed: the job is set aside all the same', { ...fields, hookError: errorMessage(hookError) });
          }
        };
        if (decision.action === 'dead-letter' && decision.why === 'not-retryable') {
          // A failure no retry can fix (an article DynamoDB refuses, a job SQS rejects): set aside
          // with its reason now rather than after every remaining delivery, like a poison message.
          metrics.addMetric('TerminalFailures', MetricUnit.Count, 1);
          powertools.error('record failed for good: set aside', fields);
          if (error instanceof AttemptsExhaustedError) await beforeSetAside();
          await runtime.deadLetters.send(record.body, { code: decision.code, message: decision.message, sourceMessageId: record.messageId });
          return;
        }
        if (decision.action === 'dead-letter') {
          // Its failure budget is spent, or it waited as long as the queue keeps it: set aside with
          // its reason (the letter's message attributes say why), and a redrive brings it back
          // (docs/deploy.md). If the dead-letter queue cannot take it now, the throw reports it
          // failed: it comes back after the visibility timeout to be set aside again (a day before
          // the retention, RETENTION_MARGIN_MS), or SQS moves it itself at maxReceiveCount: nothing is lost.
          const waiting = decision.why !== 'failures-exhausted';
          metrics.addMetric(waiting ? 'WaitsExhausted' : 'FailuresExhausted', MetricUnit.Count, 1);
          powertools.error(waiting ? 'record still waiting on its last delivery: set aside' : 'record failed on its last attempt: set aside', {
            ...fields,
            why: decision.why,
          });
          if (!waiting) await beforeSetAside();
          try {
            await runtime.deadLetters.send(record.body, { code: decision.code, message: decision.message, sourceMessageId: record.messageId });
            return;
          } catch (sendError) {
            powertools.warn('could not set the waiting record aside: the queue moves it', { ...fields, sendError: errorMessage(sendError) });
            throw raw;
          }
        }
        if (runtime.attempts && decision.countsAsAttempt !== counted) {
          try {
            // A failure not counted ahead (a first delivery) is counted now; a wait counted ahead is taken back.
            if (counted) await runtime.attempts.uncountFailure(record.messageId, Date.now());
            else await runtime.attempts.countFailure(record.messageId, Date.now());
          } catch (ledgerError) {
            // The record is retried all the same; only the count is off by one, so the receive limit
            // and the age bound still end a job that keeps failing.
            metrics.addMetric('AttemptsUncounted', MetricUnit.Count, 1);
            powertools.warn('could not count the attempt', { ...fields, ledgerError: errorMessage(ledgerError) });
          }
        }
        metrics.addMetric('RecordsFailed', MetricUnit.Count, 1);
        try {
          // Every retry waits: the delay asked for, or the backoff (a wait's is longer), never the
          // queue's whole visibility timeout.
          const seconds = await runtime.visibility.hide(runtime.queueUrl, record.receiptHandle, decision.delayMs);
          powertools.warn('record will be retried later', {
            ...fields,
            retryInSeconds: seconds,
            delayAsked: decision.delayAsked,
            wait: !decision.countsAsAttempt,
          });
        } catch (visibilityError) {
          // The queue's own visibility timeout still brings the message back; only the delay is lost.
          powertools.warn('could not delay the retry', { ...fields, visibilityError: errorMessage(visibilityError) });
        }
        throw raw;
      } finally {
        // jsdom frees a window only after the event loop turns (DESIGN traps).
        await yieldToEventLoop();
      }
    };

    try {
      // A batch whose every record failed is reported like any other (not thrown): the queue semantics
      // are the same, and the function's Errors alarm is kept for invocations that really crashed.
      // In parallel, Powertools starts every record at once: the limit holds them to `concurrency`
      // (and one at a time per key), and a waiting record checks the deadline only when its turn comes.
      const handle = concurrency > 1 ? limitConcurrency(concurrency, processRecord, keyOf) : processRecord;
      return await processPartialResponse(event, handle, new BatchProcessor(EventType.SQS), {
        context,
        processInParallel: concurrency > 1,
        throwOnFullBatchFailure: false,
      });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
