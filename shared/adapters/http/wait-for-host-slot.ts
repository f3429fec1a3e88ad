import { FetchError } from '../../ingestion/fetch-error';
import type { HostLease, HostPoliteness, HostSlotRequest } from '../../ingestion/host-politeness';

/** How long and how a request waits for a slot before it hands the job back. */
export interface SlotWaitOptions extends HostSlotRequest {
  /** Longest wait for a slot; past it the request fails with HOST_COOLDOWN and a retry delay. */
  maxWaitMs: number;
  hop: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** First and longest pause between two tries on a busy host. */
const FIRST_PAUSE_MS = 50;
const LONGEST_PAUSE_MS = 1_000;

/**
 * Waits for a slot on `host`, sleeping between tries (never spinning): until the gap or cooldown ends
 * when the politeness store says when, otherwise with exponential backoff and "equal jitter", so
 * workers of several processes that wait on one host do not retry in step. A cooldown (the host's
 * own Retry-After) is not waited out: the job goes back to its queue with that delay. Neither is a
 * wait longer than `maxWaitMs`: the job goes back with a short jittered delay, which the queue's
 * visibility (SQS) or the local queue turns into a later try.
 */
export async function waitForHostSlot(politeness: HostPoliteness, host: string, options: SlotWaitOptions): Promise<HostLease> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const { hop } = options;
  const giveUpAt = now() + options.maxWaitMs;
  const request = { limit: options.limit, minGapMs: options.minGapMs, leaseMs: options.leaseMs };
  for (let round = 0; ; round++) {
    const attempt = await politeness.tryAcquire(host, request);
    if (attempt.granted) return attempt.lease;
    if (attempt.reason === 'cooldown') {
      const waitMs = attempt.retryInMs ?? 1_000;
      throw new FetchError('HOST_COOLDOWN', `${host} asked for a pause: ${Math.ceil(waitMs / 1000)} s left`, { hop, retryAfterMs: waitMs });
    }
    const ceiling = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** round);
    const backoff = ceiling / 2 + random() * (ceiling / 2);
    // A known end (the gap) is waited out exactly, plus a little jitter so waiters do not collide.
    const pause = attempt.retryInMs !== null ? attempt.retryInMs + random() * FIRST_PAUSE_MS : backoff;
    if (now() + pause > giveUpAt) {
      const retryAfterMs = Math.round(attempt.retryInMs ?? 1_000 + random() * 2_000);
      const why = attempt.reason === 'pace' ? `its minimum gap between requests leaves ${retryAfterMs} ms` : `${options.limit} requests are in flight`;
      throw new FetchError('HOST_COOLDOWN', `${host} is busy: ${why} (waited ${options.maxWaitMs} ms for a slot)`, { hop, retryAfterMs });
    }
    await sleep(pause);
  }
}
