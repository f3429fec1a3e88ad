import { FeedloomError } from '../errors';

/** Why a page could not be turned into an article. Recorded in `extraction.error`, never lost. */
export class ExtractionError extends FeedloomError {
  constructor(
    code:
      | 'HTML_TOO_DEEP'
      | 'HTML_TOO_LARGE'
      | 'HTML_TOO_MANY_ELEMENTS'
      | 'NOT_AN_ARTICLE'
      | 'NOT_HTML'
      | 'INVALID_URL'
      | 'INVALID_INPUT'
      | 'EXTRACTION_TIMEOUT'
      | 'EXTRACTION_OUT_OF_MEMORY'
      | 'EXTRACTION_FAILED',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(code, message, { retryable: false, ...options });
  }
}
