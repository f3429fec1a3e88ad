import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { ResolveHost } from '../../../shared/adapters/http/guarded-http-client';

/** The answers of one name: fixed, or one answer per lookup in turn (the last one repeats). */
export type DnsAnswer = string | string[] | { sequence: string[][] };

/** L of the catalogue: an injected lookup with chosen answers, recording every name it was asked. */
export interface FakeDns {
  resolveHost: ResolveHost;
  calls: string[];
}

export function fakeDns(table: Record<string, DnsAnswer>): FakeDns {
  const calls: string[] = [];
  const served = new Map<string, number>();
  const resolveHost: ResolveHost = async (hostname) => {
    calls.push(hostname);
    const answer = table[hostname.toLowerCase()];
    if (answer === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    let addresses: string[];
    if (typeof answer === 'string') addresses = [answer];
    else if (Array.isArray(answer)) addresses = answer;
    else {
      const index = served.get(hostname) ?? 0;
      served.set(hostname, index + 1);
      addresses = answer.sequence[Math.min(index, answer.sequence.length - 1)] ?? [];
    }
    return addresses.map((address): LookupAddress => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  };
  return { resolveHost, calls };
}
