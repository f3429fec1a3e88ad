import { FeedloomError } from '../errors';

/** Work that failed for a reason that may pass (5xx, 429, timeouts): the queue should retry it later. */
export class RetryLaterError extends FeedloomError {
  /** The least delay the remote asked for (Retry-After), if any. */
  readonly delayMs: number | null;

  constructor(code: string, message: string, options: { delayMs?: number | null; cause?: unknown } = {}) {
    super(code, message, { retryable: true, cause: options.cause });
    this.delayMs = options.delayMs ?? null;
  }
}
