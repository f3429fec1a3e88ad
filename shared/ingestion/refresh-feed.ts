import { sha256Hex } from '../article/article-id';
import { cleanUrl } from '../article/clean-url';
import { errorCode, errorMessage, FeedloomError } from '../errors';
import type { FeedItem, ParsedFeed } from '../feed/feed';
import { nextFetchAt } from '../feed/next-fetch-at';
import { parseFeed } from '../feed/parse-feed';
import type { FeedItemState, FeedSubscription, FeedUpdate } from './feed-subscription';
import { FetchError } from './fetch-error';
import type { ExtractArticleJob, FetchFeedJob } from './jobs';
import type { ArticleJobQueue, ArticleRetryLedger, Clock, FeedStore, HttpClient, HttpResponse, Logger } from './ports';
import { RetryLaterError } from './retry-later-error';
import type { IngestionSettings } from './settings';
import { SHORT_WAIT_MS, transientAnswer } from './transient-answer';

/** Collaborators of {@link refreshFeed}. */
export interface RefreshFeedDeps {
  feeds: FeedStore;
  http: HttpClient;
  articleJobs: ArticleJobQueue;
  clock: Clock;
  settings: IngestionSettings;
  logger?: Logger;
  /** Source of jitter for the schedule; fixed in tests. */
  random?: () => number;
  /** Pages waiting for a later cycle: the due ones are queued again on every refresh, whatever its outcome. */
  retries?: ArticleRetryLedger;
  /** Take retries due by this time instead of now (`run --all` passes the far future). */
  retriesDueBy?: Date;
}

/** What one refresh did. */
export interface RefreshFeedResult {
  feedId: string;
  outcome: 'skipped' | 'not-modified' | 'updated' | 'failed';
  newItems: number;
  changedItems: number;
  /** The URL fetched. */
  url?: string;
  /** Pages queued again from the retry ledger. */
  retriedItems?: number;
  error?: { code: string; message: string };
  /** Whether the feed is now marked dead. */
  dead?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Largest extract job, in UTF-8 bytes of its JSON: under SQS's 256 KiB message limit with room
 * for attributes. One oversized entry must not make the whole feed fail on every fetch.
 */
export const MAX_JOB_BYTES = 200 * 1024;
// Fetch errors that no retry of the same request can fix (catalogue 1, 9, 11-14). A feed is still
// marked dead only after they repeat over days (settings.deadAfterTerminalDays): one refusal may be a
// configuration slip (a run without --allow-private-network) or a DNS answer that changes.
const TERMINAL_CODES = new Set(['SSRF_BLOCKED', 'SSRF_BLOCKED_REDIRECT', 'BAD_SCHEME', 'BAD_URL', 'PORT_NOT_ALLOWED']);

/** Most ledger entries of one feed queued again per refresh. */
const MAX_RETRIES_PER_REFRESH = 500;

/**
 * Queues the feed's retries that are due, then removes them from the ledger (a crash in between
 * sends them again: harmless, writes are idempotent). Runs on every refresh, whatever the feed
 * answered, so a feed that fails or is unchanged still brings its waiting pages back.
 */
async function requeueDueRetries(feedId: string, deps: RefreshFeedDeps, now: Date): Promise<number> {
  if (!deps.retries) return 0;
  const { retries: due, unreadable } = await deps.retries.due(feedId, deps.retriesDueBy ?? now, MAX_RETRIES_PER_REFRESH);
  // A waiting page whose entry no longer reads has no job to send: it is left and said, not allowed
  // to stop the feed's other retries and its refresh.
  for (const error of unreadable) deps.logger?.error('stored retry does not read: not queued again', error.toLog());
  if (!due.length) return 0;
  await deps.articleJobs.send(due.map((retry) => retry.job));
  for (const retry of due) await deps.retries.remove(retry);
  deps.logger?.info('pages queued again', { feedId, count: due.length });
  return due.length;
}

const jobBytes = (job: ExtractArticleJob): number => Buffer.byteLength(JSON.stringify(job), 'utf8');

/**
 * An extract job that fits {@link MAX_JOB_BYTES}. An entry whose feed data is too large keeps its
 * identity, link and title and loses, step by step until it fits: the feed's HTML content, then as
 * much of its summary as needed, then all but the first few enclosures, categories and authors, and
 * finally everything else. The page fetch is where the article comes from; the feed's copy is
 * only the fallback, so cutting it loses less than failing the whole feed on every fetch would.
 */
export function fitJob(job: ExtractArticleJob, logger?: Logger): ExtractArticleJob {
  const size = jobBytes(job);
  if (size <= MAX_JOB_BYTES) return job;
  const withItem = (current: ExtractArticleJob, item: Partial<ExtractArticleJob['item']>): ExtractArticleJob => ({
    ...current,
    item: { ...current.item, ...item },
  });
  const cutSummary = (current: ExtractArticleJob): ExtractArticleJob => {
    const summary = current.item.summary;
    if (!summary) return current;
    // A character takes up to 6 bytes once JSON-escaped: cut by the excess, then re-check.
    let keep = Math.max(0, summary.length - (jobBytes(current) - MAX_JOB_BYTES));
    let cut = current;
    do {
      keep = Math.floor(keep * 0.9);
      cut = withItem(current, { summary: keep ? `${summary.slice(0, keep)}\u2026` : null });
    } while (keep > 0 && jobBytes(cut) > MAX_JOB_BYTES);
    return cut;
  };
  const steps: ((current: ExtractArticleJob) => ExtractArticleJob)[] = [
    (current) => withItem(current, { contentHtml: null }),
    cutSummary,
    (current) =>
      withItem(current, {
        enclosures: current.item.enclosures.slice(0, 10),
        categories: current.item.categories.slice(0, 20),
        authors: current.item.authors.slice(0, 20),
      }),
    (current) => withItem(current, { summary: null, titleHtml: null, image: null, enclosures: [], categories: [], authors: [] }),
  ];
  let fitted = job;
  for (const step of steps) {
    if (jobBytes(fitted) <= MAX_JOB_BYTES) break;
    fitted = step(fitted);
  }
  logger?.warn('feed entry too large for a job: feed content cut', { feedId: job.feedId, itemId: job.item.itemId, bytes: size, cutTo: jobBytes(fitted) });
  return fitted;
}

/**
 * Fingerprint of the parts of an entry whose change means the publisher edited it. The link is
 * compared cleaned: a feed that rotates its tracking parameters has not edited the entry.
 */
export function itemFingerprint(item: FeedItem): string {
  return sha256Hex(JSON.stringify([cleanLink(item.url), item.title, item.summary, item.modifiedAt]));
}

function cleanLink(url: string | null): string | null {
  if (!url) return null;
  try {
    return cleanUrl(url);
  } catch {
    return url;
  }
}

// A request the client held back because the host asked for a pause carries that pause forward.
function cooldownHeaders(error: unknown): Record<string, string> {
  return error instanceof FetchError && error.retryAfterMs !== null ? { 'retry-after': String(Math.ceil(error.retryAfterMs / 1000)) } : {};
}

function conditionalHeaders(feed: FeedSubscription): Record<string, string> {
  // RFC 9110 section 13.1: send both validators; servers prefer If-None-Match.
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
  };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
  return headers;
}

/** An entry of the document to queue, with what decided it. */
interface PickedEntry {
  item: FeedItem;
  fingerprint: string;
  previous: FeedItemState | undefined;
}

/**
 * The entries of a document to queue: those new or edited since they were last queued, newest first,
 * at most `maxItemsPerFetch`. Their stored states are read newest first, a chunk of that size at a
 * time, until enough are found, so a long document of known entries has every state read (up to
 * `maxEntriesPerFeed` entries) while a backlog reads little more than it queues. `more` is true when
 * the fetch stopped with entries unread: the caller then keeps no validators, so the next fetch (on
 * the feed's own schedule) reads the document whole and, with the newest entries recorded, picks the
 * older ones (taking only the newest, and a 304 on the next fetch, left a long document's older
 * entries unqueued forever). The schedule is not hurried: a document that always holds more new
 * entries than a fetch takes (identities that change on every fetch) costs no more than before.
 */
async function pickEntries(feedId: string, items: readonly FeedItem[], deps: RefreshFeedDeps): Promise<{ picked: PickedEntry[]; more: boolean }> {
  const { maxItemsPerFetch: limit, maxEntriesPerFeed } = deps.settings;
  const seen = new Set<string>();
  // The same entry twice in one document is one entry.
  const unique = items.filter((item) => !seen.has(item.itemId) && seen.add(item.itemId));
  const entries =
    unique.length <= limit
      ? unique
      : unique.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '')).slice(0, Math.max(limit, maxEntriesPerFeed));
  const picked: PickedEntry[] = [];
  let next = 0;
  while (next < entries.length && picked.length < limit) {
    const chunk = entries.slice(next, next + limit);
    const known = await deps.feeds.getItems(
      feedId,
      chunk.map((item) => item.itemId),
    );
    // An entry whose stored state no longer reads is taken as unknown: queued again (an extraction
    // too many costs less than an article lost) and its state written anew, which mends it.
    for (const error of known.unreadable) deps.logger?.warn('stored entry state does not read: entry queued as new', error.toLog());
    for (const item of chunk) {
      if (picked.length >= limit) break;
      next++;
      const fingerprint = itemFingerprint(item);
      const previous = known.states.get(item.itemId);
      if (previous?.fingerprint !== fingerprint) picked.push({ item, fingerprint, previous });
    }
  }
  return { picked, more: next < entries.length };
}

function followPermanentRedirect(feed: FeedSubscription, response: HttpResponse, adoptAfter: number): Pick<FeedSubscription, 'url' | 'pendingRedirect'> {
  const permanent = response.redirects.length > 0 && response.redirects.every((hop) => hop.status === 301 || hop.status === 308);
  if (!permanent || response.url === feed.url) return { url: feed.url, pendingRedirect: null };
  const count = feed.pendingRedirect?.url === response.url ? feed.pendingRedirect.count + 1 : 1;
  if (count >= adoptAfter) return { url: response.url, pendingRedirect: null };
  return { url: feed.url, pendingRedirect: { url: response.url, count } };
}

/**
 * What a failed fetch writes on the feed: one more error, the failure backoff as its next fetch
 * (or the pause the host asked for), and dead only after repeated failures over days, never by one
 * refusal, whatever its code.
 */
function failureFields(
  feed: FeedSubscription,
  failure: { code: string; message: string; response: HttpResponse | null; headers: Record<string, string> },
  now: Date,
  random: number,
  settings: IngestionSettings,
): { fields: FeedUpdate; dead: boolean } {
  const failingSince = feed.failingSince ?? now.toISOString();
  const terminal = TERMINAL_CODES.has(failure.code) || failure.response?.status === 410;
  const failingMs = now.getTime() - Date.parse(failingSince);
  const errorCount = feed.errorCount + 1;
  const dead = errorCount >= settings.deadMinFailures && failingMs >= (terminal ? settings.deadAfterTerminalDays : settings.deadAfterDays) * DAY_MS;
  return {
    dead,
    fields: {
      ...(dead ? { status: 'dead' as const } : {}),
      lastFetchedAt: now.toISOString(),
      lastHttpStatus: failure.response?.status ?? null,
      errorCount,
      failingSince,
      lastError: { code: failure.code, message: failure.message.slice(0, 500), at: now.toISOString() },
      nextFetchAt: nextFetchAt({ now, errorCount, headers: failure.headers, random }, settings.schedule).toISOString(),
    },
  };
}

/**
 * Records on the feed a fetch job set aside unfinished (its every attempt ended the process or the
 * invocation: ATTEMPTS_EXHAUSTED, TAKEN_WITHOUT_FINISHING) as a failed fetch: the feed then backs off
 * (5 min, doubling) and is marked dead after days like any failing feed, and `feeds list` shows the
 * code. Without it the dispatcher sent the feed again every time its lease lapsed (15 min), each job
 * crashing its way to the dead letters, for good. Only while the feed is still active.
 */
export async function recordFeedSetAside(
  job: FetchFeedJob,
  reason: { code: string; message: string },
  deps: Pick<RefreshFeedDeps, 'feeds' | 'clock' | 'settings' | 'logger' | 'random'>,
): Promise<void> {
  const feed = await deps.feeds.get(job.feedId);
  if (feed?.status !== 'active') return;
  const { fields, dead } = failureFields(feed, { ...reason, response: null, headers: {} }, deps.clock.now(), deps.random?.() ?? Math.random(), deps.settings);
  await deps.feeds.update(feed.feedId, fields, { status: 'active' });
  deps.logger?.warn('feed job set aside unfinished: recorded as a failed fetch', { feedId: feed.feedId, url: feed.url, code: reason.code, dead });
}

/** Delivery context: whether the queue will deliver this feed job again if it asks for a retry now. */
export interface FeedDelivery {
  finalAttempt: boolean;
}

/**
 * Fetches one feed with a conditional GET, parses it, and queues an extract job for every entry
 * that is new or edited since the last fetch; then records the feed's validators and schedule.
 * Jobs are sent before entries are recorded, so a crash in between repeats work (harmless: article
 * writes are idempotent) and never loses it. Fetch and parse failures are recorded on the feed
 * (backoff, dead after N days) and reported, not thrown; storage failures are thrown for a retry.
 * A short pause the host asked for (a Retry-After or a host cooldown up to SHORT_WAIT_MS) is waited
 * out on the queue instead (a RetryLaterError with that delay), except on the job's last delivery,
 * where it is recorded like any failure.
 */
export async function refreshFeed(job: FetchFeedJob, deps: RefreshFeedDeps, delivery: FeedDelivery = { finalAttempt: false }): Promise<RefreshFeedResult> {
  const { feeds, http, clock, settings } = deps;
  const feed = await feeds.get(job.feedId);
  if (feed?.status !== 'active') return { feedId: job.feedId, outcome: 'skipped', newItems: 0, changedItems: 0 };
  const now = clock.now();
  const random = deps.random?.() ?? Math.random();
  const retriedItems = await requeueDueRetries(feed.feedId, deps, now);
  // Only the fields a fetch decides, and only while the feed is still active: a pause or removal
  // made while this refresh ran wins over it (FeedStore.update), instead of being overwritten.
  const record = async (fields: FeedUpdate): Promise<void> => {
    if (!(await feeds.update(feed.feedId, fields, { status: 'active' }))) {
      deps.logger?.info('feed changed while it was refreshed: its fetch is not recorded', { feedId: feed.feedId, url: feed.url });
    }
  };

  const recordFailure = async (error: unknown, response: HttpResponse | null): Promise<RefreshFeedResult> => {
    const code = errorCode(error);
    const { fields, dead } = failureFields(
      feed,
      { code, message: errorMessage(error), response, headers: response?.headers ?? cooldownHeaders(error) },
      now,
      random,
      settings,
    );
    await record(fields);
    deps.logger?.warn('feed fetch failed', { feedId: feed.feedId, url: feed.url, code, httpStatus: response?.status ?? null, dead });
    return {
      feedId: feed.feedId,
      url: feed.url,
      outcome: 'failed',
      newItems: 0,
      changedItems: 0,
      retriedItems,
      error: { code, message: errorMessage(error) },
      dead,
    };
  };

  let response: HttpResponse;
  try {
    response = await http.get({ url: feed.url, headers: conditionalHeaders(feed), maxBytes: settings.feedMaxBytes, timeoutMs: settings.feedTimeoutMs });
  } catch (error) {
    // A host cooldown sent no request, so it is not a failure of the feed: a short one is waited out
    // (the job comes back after it, uncharged: delivery-policy.ts), a long one reschedules the feed.
    if (
      error instanceof FetchError &&
      error.code === 'HOST_COOLDOWN' &&
      error.retryAfterMs !== null &&
      error.retryAfterMs <= SHORT_WAIT_MS &&
      !delivery.finalAttempt
    ) {
      throw new RetryLaterError('HOST_COOLDOWN', error.message, { cause: error, delayMs: error.retryAfterMs });
    }
    if (error instanceof FeedloomError) return recordFailure(error, null);
    throw error;
  }

  if (response.status === 304) {
    await record({
      // A 304 reached through a redirect still proves the redirect (most fetches of a moved feed are 304s).
      ...followPermanentRedirect(feed, response, settings.redirectAdoptAfter),
      // RFC 9111 section 4.3.4: a 304 updates the stored validators it carries.
      etag: response.headers.etag ?? feed.etag,
      lastModified: response.headers['last-modified'] ?? feed.lastModified,
      lastFetchedAt: now.toISOString(),
      lastSuccessAt: now.toISOString(),
      lastHttpStatus: 304,
      errorCount: 0,
      failingSince: null,
      lastError: null,
      nextFetchAt: nextFetchAt({ now, headers: response.headers, random }, settings.schedule).toISOString(),
    });
    return { feedId: feed.feedId, url: feed.url, outcome: 'not-modified', newItems: 0, changedItems: 0, retriedItems };
  }
  if (response.status < 200 || response.status >= 300) {
    const message = `feed answered HTTP ${response.status}`;
    // RFC 9110 section 10.2.3: a 429 or 503 naming a short Retry-After is fetched again once it has
    // passed, not after the failure backoff (5 minutes and more); a long one sets the schedule.
    const transient = transientAnswer(response, now);
    if (transient?.delayMs != null && transient.delayMs <= SHORT_WAIT_MS && !delivery.finalAttempt) {
      throw new RetryLaterError('HTTP_STATUS', message, { delayMs: transient.delayMs });
    }
    return recordFailure(new FeedloomError('HTTP_STATUS', message), response);
  }

  let parsed: ParsedFeed;
  try {
    parsed = await parseFeed(response.body, { url: response.url, contentType: response.headers['content-type'], now });
  } catch (error) {
    return recordFailure(error, response);
  }

  const { picked, more } = await pickEntries(feed.feedId, parsed.items, deps);
  const jobs: ExtractArticleJob[] = [];
  const states: FeedItemState[] = [];
  let newItems = 0;
  let changedItems = 0;
  for (const { item, fingerprint, previous } of picked) {
    if (previous) changedItems++;
    else newItems++;
    jobs.push(fitJob({ kind: 'extract-article', version: 1, feedId: feed.feedId, feedUrl: feed.url, item, discoveredAt: now.toISOString() }, deps.logger));
    states.push({
      feedId: feed.feedId,
      itemId: item.itemId,
      url: item.url,
      fingerprint,
      firstSeenAt: previous?.firstSeenAt ?? now.toISOString(),
      lastSeenAt: now.toISOString(),
      // Where the entry's extraction is stays known across its edits (EntryArticleIds).
      ...(previous?.articleId ? { articleId: previous.articleId } : {}),
    });
  }
  if (jobs.length) await deps.articleJobs.send(jobs);
  if (states.length) await feeds.putItems(states);

  if (more)
    deps.logger?.info('more new entries than one fetch queues: the rest on the next fetch', { feedId: feed.feedId, url: feed.url, queued: jobs.length });
  await record({
    ...followPermanentRedirect(feed, response, settings.redirectAdoptAfter),
    title: parsed.title ?? feed.title,
    homeUrl: parsed.homeUrl ?? feed.homeUrl,
    // Entries left for the next fetch: no validators, or it would be a 304 and never see them.
    etag: more ? null : (response.headers.etag ?? null),
    lastModified: more ? null : (response.headers['last-modified'] ?? null),
    lastFetchedAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastHttpStatus: response.status,
    errorCount: 0,
    failingSince: null,
    lastError: null,
    nextFetchAt: nextFetchAt(
      { now, ttlMinutes: parsed.ttlMinutes, headers: response.headers, entryDates: parsed.items.map((item) => item.publishedAt), random },
      settings.schedule,
    ).toISOString(),
  });
  deps.logger?.info('feed refreshed', { feedId: feed.feedId, url: feed.url, items: parsed.items.length, newItems, changedItems });
  return { feedId: feed.feedId, url: feed.url, outcome: 'updated', newItems, changedItems, retriedItems };
}
