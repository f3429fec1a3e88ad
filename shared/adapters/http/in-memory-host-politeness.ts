import type { HostLease, HostPoliteness, HostSlotAttempt, HostSlotRequest } from '../../ingestion/host-politeness';

interface HostState {
  /** Expiry (epoch ms) of each held slot, keyed by a token of its holder. */
  leases: Map<number, number>;
  nextStartAt: number;
  coolUntil: number;
}

/**
 * HostPoliteness in this process's memory: the library and a run on the embedded database (which no
 * other process can open) need nothing more. Same rules as the DynamoDB adapter, including leases
 * that lapse, so the two behave alike under the same tests.
 */
export class InMemoryHostPoliteness implements HostPoliteness {
  private readonly hosts = new Map<string, HostState>();
  private nextToken = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async tryAcquire(host: string, request: HostSlotRequest): Promise<HostSlotAttempt> {
    const now = this.now();
    const state = this.stateOf(host);
    for (const [token, until] of state.leases) if (until <= now) state.leases.delete(token);
    if (state.coolUntil > now) return { granted: false, reason: 'cooldown', retryInMs: state.coolUntil - now };
    if (state.nextStartAt > now) return { granted: false, reason: 'pace', retryInMs: state.nextStartAt - now };
    if (state.leases.size >= request.limit) return { granted: false, reason: 'busy', retryInMs: null };
    const token = this.nextToken++;
    state.leases.set(token, now + request.leaseMs);
    state.nextStartAt = now + request.minGapMs;
    const lease: HostLease = {
      release: async () => {
        state.leases.delete(token);
        this.forgetIfIdle(host, state);
      },
    };
    return { granted: true, lease };
  }

  async coolDown(host: string, untilMs: number): Promise<void> {
    const state = this.stateOf(host);
    state.coolUntil = Math.max(state.coolUntil, untilMs);
  }

  private stateOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      // Bounded memory: hosts with nothing pending are dropped once the map grows.
      if (this.hosts.size > 1000) for (const [key, old] of this.hosts) this.forgetIfIdle(key, old);
      state = { leases: new Map(), nextStartAt: 0, coolUntil: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }

  private forgetIfIdle(host: string, state: HostState): void {
    const now = this.now();
    if (state.leases.size === 0 && state.nextStartAt <= now && state.coolUntil <= now && this.hosts.size > 1000) this.hosts.delete(host);
  }
}
