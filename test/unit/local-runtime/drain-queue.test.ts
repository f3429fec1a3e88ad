import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { drainQueue } from '../../../cli/local-runtime/drain-queue';
import { StoreGate } from '../../../cli/local-runtime/store-gate';
import { isStoreUnavailable } from '../../../shared/adapters/dynamodb/store-availability';
import { LocalQueue, type QueueJournal, type StoredMessage } from '../../../shared/adapters/queue/local-queue';
import { FetchError } from '../../../shared/ingestion/fetch-error';
import { RetryLaterError } from '../../../shared/ingestion/retry-later-error';
import { StoreUnavailableError } from '../../../shared/ingestion/store-unavailable-error';

const JobSchema = z.object({ n: z.number() });
type Job = z.infer<typeof JobSchema>;
const options = { batchSize: 10, concurrency: 3, maxWaitMs: 1_000 };

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
    await drainQueue(queue, JobSchema, { batchSize: 1, concurrency: 2, maxWaitMs: 1_000, shouldStop: () => stop }, async (job) => {
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
    // The same poison codes as the Lambda handlers (shared/ingestion/classify-message.ts).
    expect(queue.deadLetters.map((letter) => [letter.receiveCount, letter.code])).toEqual([
      [1, 'POISON_MALFORMED_JSON'],
      [1, 'POISON_INVALID_JOB'],
    ]);
  });

  it('retries a failing job and dead-letters it after maxReceiveCount deliveries', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 3 });
    await queue.send([{ n: 1 }, { n: 2 }]);
    const attempts = new Map<number, number>();
    let retries = 0;
    await drainQueue(queue, JobSchema, { ...options, onRetry: () => retries++ }, async (job, message) => {
      attempts.set(job.n, message.receiveCount);
      if (job.n === 1) throw new RetryLaterError('HTTP_STATUS', 'page answered HTTP 503', { delayMs: 5 });
      if (message.receiveCount < 2) throw new Error('transient');
    });
    expect(attempts.get(1)).toBe(3);
    expect(attempts.get(2)).toBe(2);
    expect(retries).toBe(4);
    expect(queue.deadLetters).toHaveLength(1);
    expect(queue.deadLetters[0]).toMatchObject({ receiveCount: 3, code: 'HTTP_STATUS', message: 'page answered HTTP 503', queue: 'queue' });
    expect(JSON.parse(queue.deadLetters[0]?.body ?? '')).toEqual({ n: 1 });
  });

  it('does not charge a host cooldown as an attempt: a job waiting out cooldowns still succeeds', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 3 });
    await queue.send([{ n: 1 }]);
    let calls = 0;
    let retries = 0;
    await drainQueue(queue, JobSchema, { ...options, onRetry: () => retries++ }, async () => {
      calls++;
      if (calls <= 7) throw new RetryLaterError('HOST_COOLDOWN', 'wait', { delayMs: 2, cause: new FetchError('HOST_COOLDOWN', 'wait', { retryAfterMs: 2 }) });
    });
    expect(calls).toBe(8);
    expect(retries).toBe(0);
    expect(queue.deadLetters).toEqual([]);
    expect(queue.size).toBe(0);
  });

  it('leaves a job that must wait longer than maxWaitMs queued, and ends', async () => {
    const queue = new LocalQueue<Job>({ maxReceiveCount: 5 });
    await queue.send([{ n: 1 }, { n: 2 }]);
    const started = Date.now();
    await drainQueue(queue, JobSchema, { ...options, maxWaitMs: 50 }, async (job) => {
      if (job.n === 1) throw new FetchError('HOST_COOLDOWN', 'host asked for an hour', { retryAfterMs: 3_600_000 });
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(queue.size).toBe(1);
    expect(queue.deadLetters).toEqual([]);
    expect(queue.nextVisibleInMs()).toBeGreaterThan(3_000_000);
  });

  it('waits out a store outage without charging any job, then finishes every one', async () => {
    let down = false;
    const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const outages: number[] = [];
    let probes = 0;
    const gate = new StoreGate({
      probe: async () => {
        // The store comes back at the third probe.
        if (++probes >= 3) down = false;
        if (down) throw refused();
      },
      isOutage: isStoreUnavailable,
      giveUpAfterMs: 10_000,
      describe: 'test',
      onOutage: () => outages.push(Date.now()),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
    });
    const queue = new LocalQueue<Job>({ maxReceiveCount: 2 });
    await queue.send(Array.from({ length: 10 }, (_, n) => ({ n })));
    const done = new Set<number>();
    let failures = 0;
    await drainQueue(queue, JobSchema, { ...options, storeGate: gate }, async (job) => {
      if (job.n === 3 && !outages.length) down = true;
      if (down) {
        failures++;
        throw refused();
      }
      done.add(job.n);
    });
    expect(outages.length).toBeGreaterThanOrEqual(1);
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(probes).toBe(3);
    expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, n) => n));
    expect(queue.deadLetters).toEqual([]);
  });

  it('hands out no job whose take it cannot count in the database: the gate waits out the outage, then each runs once, charged once', async () => {
    const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    let down = false;
    let probes = 0;
    const kept = new Map<string, StoredMessage>();
    // The journal port in memory, unreachable once the jobs are sent: a take cannot be counted then.
    const journal: QueueJournal = {
      load: async () => [...kept.values()],
      put: async (messages) => {
        if (down) throw refused();
        for (const message of messages) kept.set(message.messageId, { ...message });
      },
      update: async (message) => {
        if (down) throw refused();
        kept.set(message.messageId, { ...message });
      },
      remove: async (messageId) => {
        kept.delete(messageId);
      },
      deadLetter: async (messageId) => {
        kept.delete(messageId);
      },
    };
    const gate = new StoreGate({
      probe: async () => {
        if (++probes >= 2) down = false;
        if (down) throw refused();
      },
      isOutage: isStoreUnavailable,
      giveUpAfterMs: 10_000,
      describe: 'test',
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
    });
    const queue = new LocalQueue<Job>({ maxReceiveCount: 2, journal });
    await queue.send(Array.from({ length: 4 }, (_, n) => ({ n })));
    down = true;
    const runs: [number, number][] = [];
    await drainQueue(queue, JobSchema, { ...options, storeGate: gate }, async (job, message) => {
      runs.push([job.n, message.receiveCount]);
    });
    expect(probes).toBe(2);
    expect(runs.sort((a, b) => a[0] - b[0])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(kept.size).toBe(0);
    expect(queue.deadLetters).toEqual([]);
  });

  it('gives up on a store that stays down with one StoreUnavailableError, keeping the jobs queued', async () => {
    const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const gate = new StoreGate({
      probe: async () => {
        throw refused();
      },
      isOutage: isStoreUnavailable,
      giveUpAfterMs: 30,
      describe: 'http://127.0.0.1:9',
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))),
    });
    const queue = new LocalQueue<Job>({ maxReceiveCount: 2 });
    await queue.send(Array.from({ length: 4 }, (_, n) => ({ n })));
    const error = await drainQueue(queue, JobSchema, { ...options, storeGate: gate }, async () => {
      throw refused();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/http:\/\/127\.0\.0\.1:9 was unreachable .* gave up/);
    expect(queue.size).toBe(4);
    expect(queue.deadLetters).toEqual([]);
  });
});
