import { StoreUnavailableError } from '../../shared/ingestion/store-unavailable-error';

/** Options of {@link StoreGate}. */
export interface StoreGateOptions {
  /** One cheap request to the database; throws while it is unreachable. */
  probe: () => Promise<void>;
  /** Whether an error means the database is unreachable (not a problem of one request). */
  isOutage: (error: unknown) => boolean;
  /** How long an outage is waited out before the run gives up. */
  giveUpAfterMs: number;
  /** What the one-line error names (the endpoint). */
  describe: string;
  onOutage?: () => void;
  onRecovered?: (downMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds the local runtime while its database is unreachable. A job that meets an outage is not
 * charged (delivery-policy.ts); the gate stops every drain from taking new jobs and probes the
 * store with backoff until it answers, or gives up after `giveUpAfterMs` with one
 * StoreUnavailableError. Jobs are in the database all along, so the next run resumes them.
 */
export class StoreGate {
  private recovering: Promise<void> | null = null;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: StoreGateOptions) {
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
  }

  /** The error to decide on: an outage becomes a StoreUnavailableError and closes the gate. */
  classify(error: unknown): unknown {
    if (error instanceof StoreUnavailableError) {
      this.report();
      return error;
    }
    if (!this.options.isOutage(error)) return error;
    this.report();
    return new StoreUnavailableError(`the database at ${this.options.describe} is unreachable`, { cause: error });
  }

  /** Closes the gate until a probe succeeds. */
  report(): void {
    if (this.recovering) return;
    this.options.onOutage?.();
    const recovering = this.waitForStore();
    this.recovering = recovering;
    // The gate reopens when the store answers; a give-up stays, so every later `ready` rejects.
    recovering.then(
      () => {
        if (this.recovering === recovering) this.recovering = null;
      },
      () => undefined,
    );
  }

  /** Resolves at once while the store is up; otherwise when it is back (or rejects when given up). */
  async ready(): Promise<void> {
    if (this.recovering) await this.recovering;
  }

  private async waitForStore(): Promise<void> {
    const started = this.now();
    for (let round = 0; ; round++) {
      await this.sleep(Math.min(5_000, 250 * 2 ** round));
      try {
        await this.options.probe();
        this.options.onRecovered?.(this.now() - started);
        return;
      } catch (error) {
        if (!this.options.isOutage(error) && !(error instanceof StoreUnavailableError)) {
          // The store answers, only not the probe as expected: not an outage any more.
          this.options.onRecovered?.(this.now() - started);
          return;
        }
        const downMs = this.now() - started;
        if (downMs >= this.options.giveUpAfterMs) {
          throw new StoreUnavailableError(
            `the database at ${this.options.describe} was unreachable for ${Math.round(downMs / 1000)} s: gave up; every queued job is kept in it, run again once it is back`,
            { cause: error },
          );
        }
      }
    }
  }
}
