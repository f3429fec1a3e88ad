import { FeedloomError } from '../errors';

/**
 * A record in the store that no longer reads as its schema (written by an older or newer version,
 * or damaged). Not retryable: reading it again gives the same answer. The store adapters report it
 * instead of failing the read of the records beside it, so one bad record never stops the others;
 * the use case that met it logs it with this code and carries on (docs/deploy.md says what to do).
 */
export class StoredRecordError extends FeedloomError {
  constructor(
    /** What the record is: `feed`, `feed-item`, `retry`, `queue-message`. */
    readonly kind: string,
    /** Its key, for an operator to find it (`pk` and `sk`). */
    readonly key: { pk: string; sk: string },
    /** The feed it belongs to, when its key names one. */
    readonly feedId: string | null,
    problems: string,
  ) {
    super('STORED_RECORD_UNREADABLE', `stored ${kind} ${key.pk} ${key.sk} does not read: ${problems}`.slice(0, 1000));
  }

  /** The fields a log line carries. */
  toLog(): Record<string, unknown> {
    return { code: this.code, kind: this.kind, pk: this.key.pk, sk: this.key.sk, feedId: this.feedId, message: this.message };
  }
}
