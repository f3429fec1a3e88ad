import { FeedloomError } from '../../errors';

/** A job could not be put on a queue: nothing was dropped, the caller must fail (and be retried). */
export class QueueSendError extends FeedloomError {
  constructor(code: 'QUEUE_SEND_FAILED' | 'QUEUE_SEND_REJECTED' | 'JOB_TOO_LARGE', message: string, options: { cause?: unknown } = {}) {
    super(code, message, { retryable: code === 'QUEUE_SEND_FAILED', cause: options.cause });
  }
}
