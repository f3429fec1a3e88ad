import { errorCode, FeedloomError } from '../errors';
import { retryAfterMs } from '../feed/next-fetch-at';
import { matchRobots } from '../robots/match-robots';
import { parseRobotsTxt, ROBOTS_MAX_BYTES } from '../robots/parse-robots-txt';
import { productTokenOf } from '../robots/product-token';
import { robotsCacheLifetimeMs } from '../robots/robots-cache-lifetime';
import { ALLOW_ALL, type RobotsPolicy } from '../robots/robots-policy';
import { FetchError } from './fetch-error';
import type { Clock, HttpClient, Logger } from './ports';
import { RetryLaterError } from './retry-later-error';

/**
 * One origin's robots.txt as last fetched. `rules`: it was read (2xx); `unavailable`: there is none
 * (4xx, RFC 9309 section 2.3.1.3: everything allowed); `unreachable`: the server failed (5xx, 429,
 * network; section 2.3.1.4: everything disallowed until it answers).
 */
export interface RobotsRecord {
  /** `scheme://host[:port]`: a robots.txt covers one origin. */
  origin: string;
  /** The crawler the policy was chosen for (the policy keeps only that crawler's group). */
  productToken: string;
  outcome: 'rules' | 'unavailable' | 'unreachable';
  policy: RobotsPolicy;
  httpStatus: number | null;
  fetchedAt: string;
  /** Until when the record is used without fetching again. */
  freshUntil: string;
}

/** Where robots.txt records are kept between fetches (the Hosts table; shared by every worker). */
export interface RobotsCache {
  get(origin: string): Promise<RobotsRecord | null>;
  put(record: RobotsRecord): Promise<void>;
}

/** Collaborators of {@link checkRobots}. */
export interface RobotsDeps {
  http: HttpClient;
  cache: RobotsCache;
  /** The User-Agent the HTTP client sends; its product token selects the robots.txt group. */
  userAgent: string;
  clock: Clock;
  logger?: Logger | undefined;
}

/** May the page be fetched, and how far apart (Crawl-delay). */
export type RobotsDecision = { allowed: true; crawlDelayMs: number | null } | { allowed: false; reason: string };

/** Longest Crawl-delay honoured: a larger one would park a host's articles for hours. */
export const MAX_CRAWL_DELAY_MS = 60_000;
/** How long an unreachable robots.txt holds a host back before it is fetched again. */
export const ROBOTS_UNREACHABLE_RETRY_MS = 60_000;
/** How long a robots.txt that was read may stand in while the server cannot be reached (RFC 9309 section 2.3.1.4). */
export const ROBOTS_STALE_LIMIT_MS = 30 * 24 * 3600_000;
const ROBOTS_TIMEOUT_MS = 10_000;
const MAX_FETCHED_URL_LENGTH = 8192;

// One fetch per origin at a time in this process, whatever the number of pages waiting on it.
const inFlight = new WeakMap<RobotsCache, Map<string, Promise<RobotsRecord>>>();

/**
 * Decides whether an article page may be fetched under its site's robots.txt (RFC 9309), fetching
 * the robots.txt once per origin and keeping it in the shared cache as long as its HTTP caching
 * allows (at most 24 h). A robots.txt that cannot be reached right now disallows everything for a
 * while: the page is not fetched and the job is retried later (RetryLaterError ROBOTS_UNREACHABLE).
 */
export async function checkRobots(pageUrl: string, deps: RobotsDeps): Promise<RobotsDecision> {
  // A URL longer than the HTTP client will request (8 KiB, adapters/http) is refused by the page fetch
  // itself (BAD_URL) without touching the network: asking its site for robots.txt first gains nothing.
  if (pageUrl.length > MAX_FETCHED_URL_LENGTH) return { allowed: true, crawlDelayMs: null };
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return { allowed: true, crawlDelayMs: null }; // the page fetch refuses it with its own error
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { allowed: true, crawlDelayMs: null };
  const token = productTokenOf(deps.userAgent);
  const now = deps.clock.now();
  let record = await deps.cache.get(url.origin);
  if (!record || record.productToken !== token || Date.parse(record.freshUntil) <= now.getTime()) {
    record = await fetchOnce(url.origin, token, record, deps);
  }
  if (record.outcome === 'unreachable') {
    const delayMs = Math.max(1_000, Date.parse(record.freshUntil) - deps.clock.now().getTime());
    throw new RetryLaterError('ROBOTS_UNREACHABLE', `${url.origin}/robots.txt cannot be read now (${record.httpStatus ?? 'no answer'}): pages wait`, {
      delayMs,
    });
  }
  const verdict = matchRobots(record.policy, url);
  if (!verdict.allowed) {
    return {
      allowed: false,
      reason: `${url.origin}/robots.txt disallows it for ${token} (${verdict.rule?.allow ? 'Allow' : 'Disallow'}: ${verdict.rule?.pattern})`,
    };
  }
  const delay = record.policy.crawlDelaySeconds;
  return { allowed: true, crawlDelayMs: delay === null ? null : Math.min(MAX_CRAWL_DELAY_MS, Math.round(delay * 1000)) };
}

function fetchOnce(origin: string, token: string, previous: RobotsRecord | null, deps: RobotsDeps): Promise<RobotsRecord> {
  let flights = inFlight.get(deps.cache);
  if (!flights) {
    flights = new Map();
    inFlight.set(deps.cache, flights);
  }
  const running = flights.get(origin);
  if (running) return running;
  const flight = fetchRobots(origin, token, previous, deps).finally(() => flights.delete(origin));
  flights.set(origin, flight);
  return flight;
}

async function fetchRobots(origin: string, token: string, previous: RobotsRecord | null, deps: RobotsDeps): Promise<RobotsRecord> {
  const now = deps.clock.now();
  const record = (outcome: RobotsRecord['outcome'], policy: RobotsPolicy, httpStatus: number | null, lifetimeMs: number): RobotsRecord => ({
    origin,
    productToken: token,
    outcome,
    policy,
    httpStatus,
    fetchedAt: now.toISOString(),
    freshUntil: new Date(now.getTime() + lifetimeMs).toISOString(),
  });
  let fresh: RobotsRecord;
  try {
    const response = await deps.http.get({
      url: `${origin}/robots.txt`,
      headers: { accept: 'text/plain, */*;q=0.1' },
      maxBytes: ROBOTS_MAX_BYTES,
      truncateAtMaxBytes: true,
      timeoutMs: ROBOTS_TIMEOUT_MS,
    });
    const { status, headers } = response;
    if (status >= 200 && status < 300) {
      fresh = record('rules', parseRobotsTxt(new TextDecoder('utf-8').decode(response.body), token), status, robotsCacheLifetimeMs(headers, now));
    } else if (status >= 400 && status < 500 && status !== 429) {
      fresh = record('unavailable', ALLOW_ALL, status, robotsCacheLifetimeMs(headers, now));
    } else {
      // 5xx and 429 (a server asking to slow down is not saying "no robots.txt").
      const asked = retryAfterMs(headers['retry-after'], now) ?? ROBOTS_UNREACHABLE_RETRY_MS;
      fresh = record('unreachable', ALLOW_ALL, status, Math.min(3600_000, Math.max(ROBOTS_UNREACHABLE_RETRY_MS, asked)));
    }
  } catch (error) {
    if (!(error instanceof FeedloomError)) throw error;
    // A host cooling down (its Retry-After, from any request to it) says nothing about its robots.txt:
    // nothing is cached, the page waits for the cooldown like any request to that host would.
    if (error.code === 'HOST_COOLDOWN') {
      throw new RetryLaterError('HOST_COOLDOWN', error.message, { cause: error, delayMs: error instanceof FetchError ? error.retryAfterMs : null });
    }
    // Network failures, timeouts and a host cooling down may pass: unreachable. Refusals no retry
    // changes (a redirect loop, a blocked address) leave the site without a usable robots.txt.
    fresh = error.retryable
      ? record('unreachable', ALLOW_ALL, null, ROBOTS_UNREACHABLE_RETRY_MS)
      : record('unavailable', ALLOW_ALL, null, robotsCacheLifetimeMs({}, now));
    deps.logger?.warn('robots.txt fetch failed', { origin, code: errorCode(error), outcome: fresh.outcome });
  }
  // While the server cannot be reached, a copy read in the last 30 days stands in for it.
  if (fresh.outcome === 'unreachable' && previous && previous.outcome !== 'unreachable' && previous.productToken === token) {
    if (now.getTime() - Date.parse(previous.fetchedAt) < ROBOTS_STALE_LIMIT_MS) fresh = { ...previous, freshUntil: fresh.freshUntil };
  }
  await deps.cache.put(fresh);
  deps.logger?.info('robots.txt read', {
    origin,
    outcome: fresh.outcome,
    httpStatus: fresh.httpStatus,
    rules: fresh.policy.rules.length,
    freshUntil: fresh.freshUntil,
  });
  return fresh;
}

/** The robots.txt step of an extract job: what to store instead of fetching, or the page's Crawl-delay. */
export type RobotsGate = { blocked: { code: string; message: string } } | { blocked: null; crawlDelayMs: number | null };

/**
 * {@link checkRobots} for one extract job: a disallowed page is stored feed-only with
 * ROBOTS_DISALLOWED and never requested; an unreachable robots.txt sends the job back to its queue
 * (RetryLaterError), and on the last delivery the page is stored feed-only with that reason.
 */
export async function robotsGate(pageUrl: string, deps: RobotsDeps, finalAttempt: boolean): Promise<RobotsGate> {
  let decision: RobotsDecision;
  try {
    decision = await checkRobots(pageUrl, deps);
  } catch (error) {
    if (error instanceof RetryLaterError && finalAttempt) return { blocked: { code: error.code, message: error.message } };
    throw error;
  }
  if (!decision.allowed) return { blocked: { code: 'ROBOTS_DISALLOWED', message: decision.reason } };
  return { blocked: null, crawlDelayMs: decision.crawlDelayMs };
}
