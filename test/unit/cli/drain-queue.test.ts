import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { drainQueue } from '../../../cli/drain-queue';
import { LocalQueue } from '../../../shared/adapters/queue/local-queue';
import { RetryLaterError } from '../../../shared/ingestion/retry-later-error';

const JobSchema = z.object({ n: z.number() });
type Job = z.infer<typeof JobSchema>;
const options = { batchSize: 10, concurrency: 3, maxRetryDelayMs: 1 };

describe('drainQueue with SQS semantics', () => {
  it('processes every job once when all succeed, never more than `concurrency` at a time', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 5 });
    await queue.send(Array.from({ length: 25 }, (_, n) => ({ n })));
    const seen: number[] = [];
    let running = 0;
    let peak = 0;
    await drainQueue(queue, JobSchema, options, async (job) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(job.n);
      running--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, n) => n));
    expect(peak).toBeLessThanOrEqual(3);
    expect(queue.size).toBe(0);
  });

  it('on a stop request takes no new message, finishes the ones in flight and leaves the rest queued', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 5 });
    await queue.send(Array.from({ length: 20 }, (_, n) => ({ n })));
    const done: number[] = [];
    let stop = false;
    await drainQueue(queue, JobSchema, { batchSize: 1, concurrency: 2, maxRetryDelayMs: 1, shouldStop: () => stop }, async (job) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      done.push(job.n);
      if (done.length === 5) stop = true;
    });
    // Stopped after the fifth finished: at most one more was in flight then.
    expect(done.length).toBeGreaterThanOrEqual(5);
    expect(done.length).toBeLessThanOrEqual(6);
    expect(queue.size).toBe(20 - done.length);
  });

  it('dead-letters a malformed message at once, without calling the handler', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 5 });
    queue.sendRaw('{not json');
    queue.sendRaw(JSON.stringify({ n: 'one' }));
    let calls = 0;
    await drainQueue(queue, JobSchema, options, async () => {
      calls++;
    });
    expect(calls).toBe(0);
    expect(queue.deadLetters.map((letter) => [letter.receiveCount, letter.reason.split(':')[0]])).toEqual([
      [1, 'POISON_MESSAGE'],
      [1, 'POISON_MESSAGE'],
    ]);
  });

  it('retries a failing job and dead-letters it after maxReceiveCount deliveries', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 3 });
    await queue.send([{ n: 1 }, { n: 2 }]);
    const attempts = new Map<number, number>();
    let retries = 0;
    await drainQueue(queue, JobSchema, { ...options, onRetry: () => retries++ }, async (job, message) => {
      attempts.set(job.n, message.receiveCount);
      if (job.n === 1) throw new RetryLaterError('HTTP_STATUS', 'page answered HTTP 503', { delayMs: 60_000 });
      if (message.receiveCount < 2) throw new Error('transient');
    });
    expect(attempts.get(1)).toBe(3);
    expect(attempts.get(2)).toBe(2);
    expect(retries).toBe(4);
    expect(queue.deadLetters).toHaveLength(1);
    expect(queue.deadLetters[0]).toMatchObject({ receiveCount: 3, reason: 'HTTP_STATUS: page answered HTTP 503' });
    expect(JSON.parse(queue.deadLetters[0]?.body ?? '')).toEqual({ n: 1 });
  });
});
