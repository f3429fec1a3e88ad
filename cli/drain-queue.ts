import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { z } from 'zod';
import type { LocalQueue, ReceivedMessage } from '../shared/adapters/queue/local-queue';
import { errorCode, errorMessage, FeedloomError } from '../shared/errors';
import { RetryLaterError } from '../shared/ingestion/retry-later-error';

/** How a queue is drained. */
export interface DrainOptions {
  batchSize: number;
  concurrency: number;
  /** Longest wait before a retry, whatever Retry-After asked (a local run should finish). */
  maxRetryDelayMs: number;
  onRetry?: () => void;
  /** Asked before each receive: once true, no new message is taken and the drain ends when the ones in flight have. */
  shouldStop?: () => boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drains a queue like an SQS event-source mapping: batches of `batchSize`, up to `concurrency`
 * records in flight, each body parsed with its schema (a malformed body is poison: dead-lettered
 * at once, and so is a job that failed with an error marked not retryable), other failures returned
 * to the queue with a delay until `maxReceiveCount`.
 */
export async function drainQueue<T>(
  queue: LocalQueue<T>,
  schema: z.ZodType<T>,
  options: DrainOptions,
  process: (job: T, message: ReceivedMessage) => Promise<void>,
): Promise<void> {
  const { concurrency } = options;
  const active = new Set<Promise<void>>();
  for (;;) {
    if (options.shouldStop?.()) {
      await Promise.all(active);
      return;
    }
    const room = concurrency - active.size;
    const batch = room > 0 ? queue.receive(Math.min(room, options.batchSize)) : [];
    for (const message of batch) {
      const task = (async () => {
        let job: T;
        try {
          job = schema.parse(JSON.parse(message.body));
        } catch (error) {
          queue.reject(message.messageId, `POISON_MESSAGE: ${errorMessage(error).slice(0, 200)}`);
          return;
        }
        try {
          await process(job, message);
          queue.ack(message.messageId);
        } catch (error) {
          // No retry can fix an error marked so: dead-lettered at once, as the Lambda handlers do.
          if (error instanceof FeedloomError && !error.retryable) {
            queue.reject(message.messageId, `${error.code}: ${errorMessage(error)}`);
            return;
          }
          options.onRetry?.();
          const delay = error instanceof RetryLaterError && error.delayMs !== null ? error.delayMs : 250 * 2 ** (message.receiveCount - 1);
          queue.fail(message.messageId, `${errorCode(error)}: ${errorMessage(error)}`, Math.min(delay, options.maxRetryDelayMs));
        }
        // jsdom frees a window only after the event loop turns (DESIGN traps).
        await yieldToEventLoop();
      })();
      active.add(task);
      void task.finally(() => active.delete(task));
    }
    if (active.size) {
      await Promise.race(active);
      continue;
    }
    const wait = queue.nextVisibleInMs();
    if (wait === null) return;
    await sleep(Math.max(5, wait));
  }
}
