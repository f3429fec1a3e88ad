import { FeedloomError } from '../errors';

/** A document that could not be read as a feed. `code` names the cause. */
export class FeedParseError extends FeedloomError {
  constructor(
    code: 'FEED_EMPTY' | 'FEED_MALFORMED' | 'UNSUPPORTED_CONTENT' | 'XML_ENTITY_REJECTED' | 'FEED_TOO_DEEP' | 'PARSE_TIMEOUT',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(code, message, { retryable: false, ...options });
  }
}
