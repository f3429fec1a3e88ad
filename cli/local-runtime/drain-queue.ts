import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { z } from 'zod';
import type { LocalQueue, ReceivedMessage } from '../../shared/adapters/queue/local-queue';
import { classifyMessage } from '../../shared/ingestion/classify-message';
import { decideOnFailure } from '../../shared/ingestion/delivery-policy';
import type { StoreGate } from './store-gate';

/** How a queue is drained. */
export interface DrainOptions {
  batchSize: number;
  concurrency: number;
  /**
   * Longest wait this run sits out for a message (a Retry-After, a host cooldown, a backoff). A
   * message that must wait longer stays queued, in the database, for a later run or cycle; the
   * drain ends without it.
   */
  maxWaitMs: number;
  onRetry?: () => void;
  /** Asked before each receive: once true, no new message is taken and the drain ends when the ones in flight have. */
  shouldStop?: () => boolean;
  /** Holds the drain while the database is unreachable (and turns its errors into STORE_UNAVAILABLE). */
  storeGate?: StoreGate;
  /** Keeps draining while this is true, even when nothing is visible yet (more messages may arrive). */
  keepWaiting?: () => boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drains a queue like an SQS event-source mapping: batches of `batchSize`, up to `concurrency`
 * records in flight, each body parsed with its schema. What happens to a message is decided by the
 * one delivery policy of both runtimes (shared/ingestion/delivery-policy.ts, as in
 * functions/runtime/create-sqs-batch-handler.ts): poison and errors marked not retryable are
 * dead-lettered at once with their reason; a wait (host cooldown) or a store outage is retried
 * without being charged; other failures come back after a delay until `maxReceiveCount`. A take is
 * counted (and kept in the database) before the job runs, so a job that ends the process every time
 * is dead-lettered after `maxReceiveCount` takes (LocalQueue.receive).
 */
export async function drainQueue<T>(
  queue: LocalQueue<T>,
  schema: z.ZodType<T>,
  options: DrainOptions,
  process: (job: T, message: ReceivedMessage) => Promise<void>,
): Promise<void> {
  const { concurrency, storeGate } = options;
  const active = new Set<Promise<void>>();

  const handle = async (message: ReceivedMessage): Promise<void> => {
    const classified = classifyMessage(schema, message.body);
    if (!classified.ok) {
      await queue.reject(message.messageId, { code: classified.code, message: classified.message }).catch(async (error) => {
        storeGate?.classify(error);
      });
      return;
    }
    try {
      await process(classified.job, message);
      await queue.ack(message.messageId);
    } catch (raw) {
      const error = storeGate ? storeGate.classify(raw) : raw;
      const decision = decideOnFailure(error, { receiveCount: message.receiveCount });
      try {
        if (decision.action === 'dead-letter') await queue.reject(message.messageId, decision);
        else {
          if (decision.countsAsAttempt) options.onRetry?.();
          await queue.fail(message.messageId, decision, decision.delayMs, { countsAsAttempt: decision.countsAsAttempt });
        }
      } catch (recordError) {
        // The dead letter could not be written: the message stays queued, uncharged.
        storeGate?.classify(recordError);
      }
    }
    // jsdom frees a window only after the event loop turns (DESIGN traps).
    await yieldToEventLoop();
  };

  try {
    for (;;) {
      if (options.shouldStop?.()) break;
      if (storeGate) await storeGate.ready();
      const room = concurrency - active.size;
      let batch: ReceivedMessage[] = [];
      try {
        if (room > 0) batch = await queue.receive(Math.min(room, options.batchSize));
      } catch (error) {
        // The count of a take could not be kept: an outage closes the gate (the loop waits at
        // `ready`), anything else ends the drain; the messages stay queued, uncharged.
        if (!storeGate || storeGate.classify(error) === error) throw error;
        continue;
      }
      for (const message of batch) {
        const task = handle(message);
        active.add(task);
        void task.finally(() => active.delete(task));
      }
      if (active.size) {
        await Promise.race(active);
        continue;
      }
      const wait = queue.nextVisibleInMs();
      if (options.keepWaiting?.()) {
        await sleep(Math.max(5, Math.min(wait ?? 20, 20)));
        continue;
      }
      if (wait === null || wait > options.maxWaitMs) break;
      await sleep(Math.max(5, wait));
    }
  } finally {
    await Promise.allSettled(active);
  }
}
