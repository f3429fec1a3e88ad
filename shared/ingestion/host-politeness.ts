/**
 * Politeness towards one host, shared by every worker that talks to it: a limited number of request
 * slots (leases that lapse on their own, so a worker that dies holding one cannot block the host),
 * a minimum gap between two request starts, and a cooldown a host imposes with Retry-After. The
 * guarded HTTP client is its consumer; the DynamoDB adapter shares it across processes and Lambda
 * environments, the in-memory one serves a single process (the library, an embedded database).
 */
export interface HostPoliteness {
  /**
   * Takes one of the host's `limit` slots for `leaseMs` when one is free, the gap since the last
   * start on the host is at least `minGapMs` and no cooldown holds it. Never waits: the caller
   * decides how long to try again (adapters/http/wait-for-host-slot.ts).
   */
  tryAcquire(host: string, request: HostSlotRequest): Promise<HostSlotAttempt>;
  /** Holds every request to `host` back until `untilMs` (epoch ms); never shortens a longer cooldown. */
  coolDown(host: string, untilMs: number): Promise<void>;
}

/** What {@link HostPoliteness.tryAcquire} asks for. */
export interface HostSlotRequest {
  /** Requests in flight allowed on the host, summed over every worker. */
  limit: number;
  /** Least time between two request starts on the host (robots.txt Crawl-delay, or the default). */
  minGapMs: number;
  /** How long the slot is held at most: it lapses after this even if never released. */
  leaseMs: number;
}

/** A slot held on a host. */
export interface HostLease {
  /** Gives the slot back. A lease that is never released lapses at its expiry. */
  release(): Promise<void>;
}

/** The answer of one try: a lease, or why not and (when known) how long until it may succeed. */
export type HostSlotAttempt =
  | { granted: true; lease: HostLease }
  | {
      granted: false;
      /** busy: every slot is held; pace: the minimum gap has not passed; cooldown: the host asked for a pause. */
      reason: 'busy' | 'pace' | 'cooldown';
      /** Milliseconds until the obstacle ends, when it is known (pace, cooldown); null for busy. */
      retryInMs: number | null;
    };
