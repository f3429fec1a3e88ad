import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { InvalidInputError } from '../../errors';
import { retryAfterMs } from '../../feed/next-fetch-at';
import { FetchError } from '../../ingestion/fetch-error';
import type { HostPoliteness } from '../../ingestion/host-politeness';
import type { HttpClient, HttpRequest, HttpResponse } from '../../ingestion/ports';
import { isBlockedAddress, isLoopbackAddress } from './address-policy';
import { HostLimiter } from './host-limiter';
import { InMemoryHostPoliteness } from './in-memory-host-politeness';
import { waitForHostSlot } from './wait-for-host-slot';

/** Resolves a host name to all its addresses (injectable so tests can simulate DNS answers). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

/** Settings of the guarded client. */
export interface GuardedHttpOptions {
  userAgent: string;
  /** Loopback and private addresses allowed (local demo and tests only; never in Lambda). */
  allowPrivateNetwork?: boolean;
  /**
   * Loopback addresses treated as public (tests only: lets a test reach its loopback server as if it
   * were a public site while every other private address stays refused). A URL whose host is one of
   * them may also use any port; a name that resolves to one still needs an allowed port. Only
   * loopback addresses are accepted, so this can never open the metadata service or a private
   * network. Empty by default; no deployed configuration sets it.
   */
  trustedAddresses?: readonly string[];
  /** Ports allowed on public hosts (any port when private networks are allowed). */
  allowedPorts?: readonly number[];
  maxRedirects?: number;
  maxBytes?: number;
  connectTimeoutMs?: number;
  /** Longest silence on an open connection before the request fails. */
  idleTimeoutMs?: number;
  headersTimeoutMs?: number;
  timeoutMs?: number;
  /** Requests in flight per host, summed over every worker sharing `politeness`. */
  maxConcurrentPerHost?: number;
  /** Least time between two request starts on one host (a request may ask for more: Crawl-delay). */
  minGapMs?: number;
  /** Longest wait for a host slot before the request fails with HOST_COOLDOWN (the job is retried later). */
  maxSlotWaitMs?: number;
  /**
   * Where the per-host slots, gaps and cooldowns live: shared by every worker when it is the
   * DynamoDB adapter; this client's own memory by default.
   */
  politeness?: HostPoliteness;
  /** Longest wait a Retry-After can impose on later requests to the same host. */
  maxCooldownMs?: number;
  /** Milliseconds clock of the per-host slots and cooldowns (injectable so tests can move time). */
  now?: () => number;
  resolveHost?: ResolveHost;
}

/** The limits every client gets unless told otherwise. */
export const GUARDED_HTTP_DEFAULTS = {
  allowedPorts: [80, 443, 8080, 8443] as readonly number[],
  trustedAddresses: [] as readonly string[],
  maxRedirects: 5,
  maxBytes: 5 * 1024 * 1024,
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  timeoutMs: 20_000,
  maxConcurrentPerHost: 2,
  minGapMs: 0,
  maxSlotWaitMs: 10_000,
  maxCooldownMs: 60 * 60_000,
} as const;

/** How long a host slot outlives its request's deadline before it lapses (a worker that died holding it). */
const LEASE_MARGIN_MS = 5_000;

const defaultResolve: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

interface Target {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Checks one URL against the policy and resolves it to the address the connection will use.
 * Every answer of the DNS lookup must be allowed (a mixed answer is refused whole), and the
 * connection is then pinned to the checked address, so a second lookup cannot rebind it.
 */
async function resolveTarget(raw: string, options: Required<Omit<GuardedHttpOptions, 'userAgent' | 'politeness'>>, hop: number): Promise<Target> {
  const trusted = (address: string): boolean => options.trustedAddresses.includes(address);
  const blockedCode = hop === 0 ? 'SSRF_BLOCKED' : 'SSRF_BLOCKED_REDIRECT';
  if (raw.length > 8192) throw new FetchError('BAD_URL', `URL is ${raw.length} characters long`, { hop });
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new FetchError('BAD_URL', `not a valid URL: ${raw.slice(0, 200)}`, { hop, cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('BAD_SCHEME', `scheme ${url.protocol} is not allowed`, { hop });
  }
  if (url.username || url.password) throw new FetchError('BAD_URL', 'URLs with credentials are not fetched', { hop });
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  // A private literal is refused as such whatever its port, so the log names the real reason.
  if (literal && !options.allowPrivateNetwork && !trusted(host) && isBlockedAddress(host)) {
    throw new FetchError(blockedCode, `address ${host} is not public`, { hop });
  }
  if (!options.allowPrivateNetwork && !(literal && trusted(host)) && !options.allowedPorts.includes(port)) {
    throw new FetchError('PORT_NOT_ALLOWED', `port ${port} is not allowed`, { hop });
  }
  if (literal) return { url, address: host, family: literal as 4 | 6 };
  let addresses: LookupAddress[];
  try {
    addresses = await options.resolveHost(host);
  } catch (error) {
    throw new FetchError('DNS_FAILED', `could not resolve ${host}`, { hop, cause: error });
  }
  if (!addresses.length) throw new FetchError('DNS_FAILED', `no address for ${host}`, { hop });
  if (!options.allowPrivateNetwork) {
    const bad = addresses.find((entry) => !trusted(entry.address) && isBlockedAddress(entry.address));
    if (bad) throw new FetchError(blockedCode, `${host} resolves to non-public address ${bad.address}`, { hop });
  }
  const chosen = addresses[0] as LookupAddress;
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}

function decoderFor(encoding: string | undefined, hop: number): Transform[] {
  const codings = (encoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  if (codings.length > 2) throw new FetchError('UNSUPPORTED_ENCODING', `too many content codings: ${encoding}`, { hop });
  // Content codings are listed in the order they were applied (RFC 9110 section 8.4), so undo them backwards.
  return codings.reverse().map((coding) => {
    if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip();
    if (coding === 'deflate') return zlib.createInflate();
    if (coding === 'br') return zlib.createBrotliDecompress();
    throw new FetchError('UNSUPPORTED_ENCODING', `content coding ${coding} is not supported`, { hop });
  });
}

function headerRecord(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * The one way Feedloom talks to the web: every request and every redirect hop passes the URL gate
 * and the address policy; the socket is pinned to the checked address; environment proxies are
 * ignored (no agent reads them); connect, header and total deadlines apply; the decoded body is
 * capped whatever Content-Length claims; at most N requests run per host at once, at least the
 * minimum gap apart, and none while the host's Retry-After holds: per process by default, across
 * every worker when `politeness` is shared (the DynamoDB adapter).
 */
export function createGuardedHttpClient(settings: GuardedHttpOptions): HttpClient {
  const options = {
    ...GUARDED_HTTP_DEFAULTS,
    allowPrivateNetwork: false,
    resolveHost: defaultResolve,
    now: Date.now,
    ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
  } as Required<GuardedHttpOptions>;
  const notLoopback = options.trustedAddresses.find((address) => !isLoopbackAddress(address));
  if (notLoopback !== undefined) throw new InvalidInputError('BAD_CONFIG', `trusted address ${notLoopback} is not a loopback address`);
  // This process's requests queue in memory first (in arrival order), so only as many of them as
  // the host allows ask the shared store for a slot, and the store is not polled by every waiter.
  const limiter = new HostLimiter(options.maxConcurrentPerHost);
  const politeness = settings.politeness ?? new InMemoryHostPoliteness(options.now);

  const requestOnce = (target: Target, request: HttpRequest, hop: number, deadline: number): Promise<HttpResponse & { location?: string }> =>
    new Promise((resolve, reject) => {
      const { url } = target;
      const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
        if ((lookupOptions as { all?: boolean }).all) callback(null, [{ address: target.address, family: target.family }] as never);
        else callback(null, target.address, target.family);
      };
      const transport = url.protocol === 'https:' ? https : http;
      const maxBytes = request.maxBytes ?? options.maxBytes;
      let settled = false;
      const fail = (error: FetchError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        req.destroy();
        reject(error);
      };
      const req = transport.request(
        {
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          lookup: pinned,
          agent: false,
          headers: {
            'user-agent': options.userAgent,
            accept: '*/*',
            'accept-encoding': 'gzip, deflate, br',
            ...request.headers,
          },
          timeout: options.idleTimeoutMs,
        },
        (response) => {
          clearTimeout(headersTimer);
          const status = response.statusCode ?? 0;
          const headers = headerRecord(response);
          if (status >= 300 && status < 400 && status !== 304) {
            response.resume();
            settled = true;
            clearTimeout(totalTimer);
            req.destroy();
            resolve({ status, url: url.href, headers, body: new Uint8Array(), redirects: [], location: headers.location ?? '' });
            return;
          }
          let stream: Readable = response;
          try {
            for (const decoder of decoderFor(headers['content-encoding'], hop)) {
              decoder.on('error', (error) => fail(new FetchError('DECODE_FAILED', `could not decode body: ${error.message}`, { hop, cause: error })));
              stream = stream.pipe(decoder);
            }
          } catch (error) {
            fail(error as FetchError);
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              if (request.truncateAtMaxBytes) {
                // The caller reads only a prefix (robots.txt, RFC 9309 section 2.5): keep it and stop.
                chunks.push(chunk.subarray(0, chunk.length - (size - maxBytes)));
                if (settled) return;
                settled = true;
                clearTimeout(totalTimer);
                resolve({ status, url: url.href, headers, body: new Uint8Array(Buffer.concat(chunks)), redirects: [] });
                req.destroy();
                return;
              }
              fail(new FetchError('BODY_TOO_LARGE', `body exceeds ${maxBytes} bytes`, { hop }));
              stream.destroy();
              return;
            }
            chunks.push(chunk);
          });
          stream.on('end', () => {
            if (settled) return;
            settled = true;
            clearTimeout(totalTimer);
            resolve({ status, url: url.href, headers, body: new Uint8Array(Buffer.concat(chunks)), redirects: [] });
          });
          stream.on('error', (error) => fail(new FetchError('CONNECTION_RESET', `connection failed while reading: ${error.message}`, { hop, cause: error })));
          response.on('aborted', () => fail(new FetchError('CONNECTION_RESET', 'connection closed before the body ended', { hop })));
        },
      );
      const remaining = Math.max(1, deadline - Date.now());
      const totalTimer = setTimeout(
        () => fail(new FetchError('TIMEOUT', `no complete response within ${request.timeoutMs ?? options.timeoutMs} ms`, { hop })),
        remaining,
      );
      const headersTimer = setTimeout(
        () => fail(new FetchError('HEADERS_TIMEOUT', `no response headers within ${options.headersTimeoutMs} ms`, { hop })),
        Math.min(remaining, options.headersTimeoutMs),
      );
      // Connect deadline: from the socket's creation to the TCP connection (the idle timeout below
      // covers a server that goes silent later).
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connectTimer = setTimeout(
          () => fail(new FetchError('CONNECT_TIMEOUT', `no connection to ${url.host} within ${options.connectTimeoutMs} ms`, { hop })),
          Math.min(remaining, options.connectTimeoutMs),
        );
        socket.once('connect', () => clearTimeout(connectTimer));
        socket.once('close', () => clearTimeout(connectTimer));
      });
      req.on('timeout', () => fail(new FetchError('TIMEOUT', `connection idle for ${options.idleTimeoutMs} ms`, { hop })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(headersTimer);
        // HPE_* is Node's HTTP parser refusing what the server sent (bytes past Content-Length, a
        // malformed status line or chunk, RFC 9112): the server's fault, and a retry sees it again.
        const code = error.code?.startsWith('HPE_') ? 'BAD_RESPONSE' : error.code === 'ECONNRESET' ? 'CONNECTION_RESET' : 'CONNECT_FAILED';
        fail(new FetchError(code, `${url.host}: ${error.code ?? error.message}`, { hop, cause: error }));
      });
      req.on('close', () => clearTimeout(headersTimer));
      req.end();
    });

  /** One hop under a host slot: the shared limit, gap and cooldown hold for every worker. */
  const requestPolitely = async (target: Target, request: HttpRequest, hop: number, deadline: () => number): Promise<HttpResponse & { location?: string }> => {
    const host = target.url.host;
    return limiter.run(host, async () => {
      const lease = await waitForHostSlot(politeness, host, {
        limit: options.maxConcurrentPerHost,
        minGapMs: Math.max(options.minGapMs, request.minGapMs ?? 0),
        leaseMs: (request.timeoutMs ?? options.timeoutMs) + LEASE_MARGIN_MS,
        maxWaitMs: options.maxSlotWaitMs,
        hop,
        now: options.now,
      });
      try {
        return await requestOnce(target, request, hop, deadline());
      } finally {
        // A release that fails (the store is unreachable) is not the request's failure: the lease
        // lapses at its expiry.
        await lease.release().catch(() => undefined);
      }
    });
  };

  return {
    async get(request: HttpRequest): Promise<HttpResponse> {
      // The total deadline runs from the first hop's start, not from the wait for a host slot.
      let deadline: number | null = null;
      const startedDeadline = (): number => {
        deadline ??= Date.now() + (request.timeoutMs ?? options.timeoutMs);
        return deadline;
      };
      const redirects: { url: string; status: number }[] = [];
      let current = request.url;
      for (let hop = 0; ; hop++) {
        const target = await resolveTarget(current, options, hop);
        const host = target.url.host;
        const response = await requestPolitely(target, request, hop, startedDeadline);
        // Hosts that answered 429 or 503 with Retry-After (RFC 9110 section 10.2.3, RFC 6585 section 4):
        // no request goes to them before that time, so one slow-down answer holds back every later
        // record, in every worker that shares the politeness store.
        if (response.status === 429 || response.status === 503) {
          const now = options.now();
          const asked = retryAfterMs(response.headers['retry-after'], new Date(now));
          if (asked) await politeness.coolDown(host, now + Math.min(asked, options.maxCooldownMs));
        }
        if (response.location === undefined) return { ...response, redirects };
        if (!response.location) throw new FetchError('BAD_REDIRECT', `redirect ${response.status} without Location`, { hop });
        if (hop >= options.maxRedirects) throw new FetchError('TOO_MANY_REDIRECTS', `more than ${options.maxRedirects} redirects`, { hop });
        redirects.push({ url: current, status: response.status });
        try {
          current = new URL(response.location, current).href;
        } catch (error) {
          throw new FetchError('BAD_REDIRECT', `invalid Location: ${response.location.slice(0, 200)}`, { hop, cause: error });
        }
      }
    },
  };
}
