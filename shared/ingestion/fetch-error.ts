import { FeedloomError } from '../errors';

/** Stable codes of outbound-request failures (docs/security.md lists when each occurs). */
export type FetchErrorCode =
  | 'BAD_URL'
  | 'BAD_SCHEME'
  | 'SSRF_BLOCKED'
  | 'SSRF_BLOCKED_REDIRECT'
  | 'PORT_NOT_ALLOWED'
  | 'TOO_MANY_REDIRECTS'
  | 'BAD_REDIRECT'
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_ENCODING'
  | 'DECODE_FAILED'
  | 'DNS_FAILED'
  | 'CONNECT_FAILED'
  | 'CONNECT_TIMEOUT'
  | 'HEADERS_TIMEOUT'
  | 'TIMEOUT'
  | 'CONNECTION_RESET'
  | 'BAD_RESPONSE'
  | 'HOST_COOLDOWN';

/** Failures that may pass: network faults, deadlines, a host's cooldown. */
export const RETRYABLE_FETCH_CODES: ReadonlySet<FetchErrorCode> = new Set([
  'DNS_FAILED',
  'CONNECT_FAILED',
  'CONNECT_TIMEOUT',
  'HEADERS_TIMEOUT',
  'TIMEOUT',
  'CONNECTION_RESET',
  'HOST_COOLDOWN',
]);

/** An outbound request that failed before a usable response was read. Thrown by HttpClient. */
export class FetchError extends FeedloomError {
  declare readonly code: FetchErrorCode;
  /** Index of the redirect hop that failed (0 = the first request). */
  readonly hop: number;
  /** How long the host asked us to wait (Retry-After), when the request was not sent because of it. */
  readonly retryAfterMs: number | null;

  constructor(code: FetchErrorCode, message: string, options: { hop?: number; cause?: unknown; retryAfterMs?: number } = {}) {
    super(code, message, { retryable: RETRYABLE_FETCH_CODES.has(code), cause: options.cause });
    this.hop = options.hop ?? 0;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}
