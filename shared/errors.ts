/**
 * Base class of every error Feedloom throws on purpose. `code` is stable and machine-readable
 * (it is stored in `extraction.error`, logged, and matched on by callers); the message is for people.
 */
export class FeedloomError extends Error {
  readonly code: string;
  /** Whether retrying the same work later could succeed (network blips, throttling, 5xx). */
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** Input that can never succeed: a malformed URL, an unsupported document, a broken config. */
export class InvalidInputError extends FeedloomError {}

/** Returns the stable code of any thrown value, for logs and records. */
export function errorCode(error: unknown): string {
  if (error instanceof FeedloomError) return error.code;
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (typeof code === 'string') return code;
  return 'INTERNAL_ERROR';
}

/** One line describing any thrown value, never a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
