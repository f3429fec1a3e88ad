/** Socket errors that mean the database is not reachable right now. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'EAI_AGAIN', 'ENOTFOUND']);
/** SDK and service error names of a database that is down, overloaded or throttling. */
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'InternalServerError',
  'InternalFailure',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

/**
 * Whether an error thrown by a DynamoDB call means the database is unavailable (a transient fault of
 * the whole store) rather than a problem of the request: the SDK has already retried it
 * (`maxAttempts`), so the caller should wait for the store, not charge the job.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, $metadata } = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: number } };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  if (TRANSIENT_NAMES.has(error.name)) return true;
  const status = $metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  // A batch write still unprocessed after its rounds (batch-write-all.ts) is throttling by another name.
  if ((error as { code?: unknown }).code === 'BATCH_UNPROCESSED') return true;
  return error.cause !== undefined && error.cause !== error && isStoreUnavailable(error.cause);
}
