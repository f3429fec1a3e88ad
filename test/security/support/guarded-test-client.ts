import { createGuardedHttpClient, type GuardedHttpOptions } from '../../../shared/adapters/http/guarded-http-client';
import type { HttpClient } from '../../../shared/ingestion/ports';

/** The allow-alias: the one loopback address tests treat as a public site. */
export const ALIAS = '127.0.0.2';
export const USER_AGENT = 'Feedloom-security-test/1';

/**
 * The guarded client as deployed (private networks refused, default ports, caps and deadlines),
 * except that the allow-alias counts as public and DNS may be the injected lookup L.
 */
export function guardedTestClient(options: Partial<GuardedHttpOptions> = {}): HttpClient {
  return createGuardedHttpClient({ userAgent: USER_AGENT, allowPrivateNetwork: false, trustedAddresses: [ALIAS], ...options });
}
