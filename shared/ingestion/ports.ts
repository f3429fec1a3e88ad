import type { Article } from '../article/article';
import type { FeedItemState, FeedStatus, FeedSubscription, FeedUpdate } from './feed-subscription';
import type { ExtractArticleJob, FetchFeedJob } from './jobs';
import type { SiteDay, SiteObservation } from './site-health';
import type { StoredRecordError } from './stored-record-error';

/** The current time. Injected everywhere so schedules and tests are deterministic. */
export interface Clock {
  now(): Date;
}

/** One HTTP response, body fully read (and capped) by the adapter. */
export interface HttpResponse {
  status: number;
  /** Final URL after redirects. */
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** URLs of the redirect hops, with the status each answered, in order. */
  redirects: { url: string; status: number }[];
}

/** Request options for {@link HttpClient.get}. */
export interface HttpRequest {
  url: string;
  headers?: Record<string, string>;
  /** Cap on decoded body bytes; exceeding it fails with BODY_TOO_LARGE. */
  maxBytes?: number;
  /** Total deadline in milliseconds. */
  timeoutMs?: number;
  /** Keep the first `maxBytes` bytes and stop reading instead of failing with BODY_TOO_LARGE. */
  truncateAtMaxBytes?: boolean;
  /** Least time since the previous request to the host (robots.txt Crawl-delay); the client's default when larger. */
  minGapMs?: number;
}

/** Outbound HTTP, always through the safety guard (SSRF, caps, deadlines). Throws FetchError. */
export interface HttpClient {
  get(request: HttpRequest): Promise<HttpResponse>;
}

/** Result of a conditional article write. */
export type PutArticleResult = { outcome: 'created'; revision: 1 } | { outcome: 'updated'; revision: number } | { outcome: 'unchanged'; revision: number };

/** Where Articles live. Writes are idempotent on `id` and `contentHash`. */
export interface ArticleStore {
  /** Writes an article: creates it, bumps its revision when the content changed, or does nothing. */
  put(article: Article): Promise<PutArticleResult>;
  get(id: string): Promise<Article | null>;
  /**
   * Deletes a record stored without an extraction (status not `extracted`) that an extraction of
   * the same entry under another id has superseded; only while its revision is still `revision`
   * and it is still not extracted, so a record written meanwhile stays. False when nothing was deleted.
   */
  removeSuperseded(id: string, expected: { revision: number }): Promise<boolean>;
}

/** Stored feeds read together: those that read, and those that no longer read as the schema (skipped, not thrown). */
export interface FeedListing {
  feeds: FeedSubscription[];
  unreadable: StoredRecordError[];
}

/** Stored entry states by item id; a state that no longer reads is in `unreadable`, not in `states`. */
export interface FeedItemStates {
  states: Map<string, FeedItemState>;
  unreadable: StoredRecordError[];
}

/**
 * Where feed subscriptions, their fetch state and their entries' state live. A stored record that no
 * longer reads as its schema is a StoredRecordError: thrown by `get`, reported beside the others by
 * the reads of many, so one bad record never hides the rest.
 */
export interface FeedStore {
  get(feedId: string): Promise<FeedSubscription | null>;
  put(feed: FeedSubscription): Promise<void>;
  /**
   * Writes only `fields` of a stored feed, and only while its status is still `expected.status`: a
   * pause, a removal or any other status change made since the caller read the feed wins. False
   * (nothing written) when the feed is gone or its status changed.
   */
  update(feedId: string, fields: FeedUpdate, expected: { status: FeedStatus }): Promise<boolean>;
  remove(feedId: string): Promise<void>;
  list(): Promise<FeedListing>;
  /** Feeds whose `nextFetchAt` is at or before `now` and that are not dead or paused. */
  listDue(now: Date, limit: number): Promise<FeedListing>;
  /** Moves only the feed's next fetch time (leaves every other attribute as stored). */
  setNextFetchAt(feedId: string, at: Date): Promise<void>;
  getItems(feedId: string, itemIds: readonly string[]): Promise<FeedItemStates>;
  putItems(items: readonly FeedItemState[]): Promise<void>;
}

/**
 * Where an entry's extraction was stored when not under its link's id (a redirect, a canonical link):
 * `articleId` of its FeedItemState. It lets a failed refetch of the entry find the extraction it
 * must not duplicate with a feed-only record under the link's id.
 */
export interface EntryArticleIds {
  /** The id recorded for the entry, or null (no entry state, or none recorded). */
  articleIdOf(feedId: string, itemId: string): Promise<string | null>;
  /** Records `articleId` on the entry's state; nothing when the entry has no state. */
  recordArticleId(feedId: string, itemId: string, articleId: string): Promise<void>;
}

/**
 * Per-site, per-day extraction counters (shared/ingestion/site-health.ts). Recording is an atomic
 * increment, so concurrent workers and redeliveries never need a read first.
 */
export interface SiteHealthStore {
  record(observation: SiteObservation): Promise<void>;
  /** Every site's counters on the given days (`YYYY-MM-DD`). */
  listDays(days: readonly string[]): Promise<SiteDay[]>;
}

/** Queues between the stages: SQS in AWS, an in-process queue locally. */
export interface JobQueue<T> {
  send(jobs: readonly T[]): Promise<void>;
}

/** Structured log sink. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type FeedJobQueue = JobQueue<FetchFeedJob>;
export type ArticleJobQueue = JobQueue<ExtractArticleJob>;

/** A page to try again on a later cycle: the job to send, and from when. */
export interface ScheduledRetry {
  feedId: string;
  itemId: string;
  /** ISO 8601 instant from which the retry is due. */
  dueAt: string;
  job: ExtractArticleJob;
}

/**
 * Pages stored without an extraction for a passing reason (429, 5xx, timeouts, cooldowns), waiting
 * for a later cycle. Written by extract-and-store before the fallback Article; each feed's refresh
 * takes its due entries and queues them again. One entry per feed entry (a newer one replaces it).
 */
export interface ArticleRetryLedger {
  schedule(retry: ScheduledRetry): Promise<void>;
  /** The feed's entries due by `dueBy`, oldest first, at most `limit`; entries that no longer read are in `unreadable`. */
  due(feedId: string, dueBy: Date, limit: number): Promise<{ retries: ScheduledRetry[]; unreadable: StoredRecordError[] }>;
  /** Removes an entry, unless it was replaced since it was read. */
  remove(retry: ScheduledRetry): Promise<void>;
}
