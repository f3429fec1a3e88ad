import { FeedloomError } from '../errors';

/**
 * The database could not be reached (connection refused or reset, timeouts, throttling, 5xx). A
 * transient fault of the whole run, not of the job that met it: the job is kept, not charged an
 * attempt, and the runtime waits for the store to come back (see delivery-policy.ts).
 */
export class StoreUnavailableError extends FeedloomError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('STORE_UNAVAILABLE', message, { retryable: true, cause: options.cause });
  }
}
