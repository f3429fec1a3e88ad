import { DEFAULT_SCHEDULE, type ScheduleSettings } from '../feed/next-fetch-at';

/** Knobs of the ingestion use cases. Chosen by the composition root, never read from the environment here. */
export interface IngestionSettings {
  schedule: ScheduleSettings;
  /**
   * New or edited entries one feed fetch queues, newest first. When more are waiting, the fetch keeps
   * no validators, so the next fetches (on the feed's schedule) queue the rest (refresh-feed.ts).
   */
  maxItemsPerFetch: number;
  /** Newest entries of one feed document looked at; older ones are ignored (a bound on a hostile document, security #26). */
  maxEntriesPerFeed: number;
  feedMaxBytes: number;
  pageMaxBytes: number;
  feedTimeoutMs: number;
  pageTimeoutMs: number;
  /** A feed failing for this many days in a row is marked dead and no longer fetched. */
  deadAfterDays: number;
  /** A feed refused for a reason no retry fixes (a blocked address, 410 Gone) is marked dead after this many days of it. */
  deadAfterTerminalDays: number;
  /** Failed fetches in a row a feed needs, whatever the days, before it can be marked dead. */
  deadMinFailures: number;
  /** Consecutive fetches that must see the same permanent redirect before the stored URL follows it. */
  redirectAdoptAfter: number;
  /** How long a dispatched feed is held back from the next dispatch while its job is in flight. */
  dispatchLeaseMs: number;
  maxFeedsPerDispatch: number;
  /**
   * Obey robots.txt (RFC 9309) before fetching an article page: a disallowed page is stored
   * feed-only with ROBOTS_DISALLOWED, Crawl-delay sets the least gap between requests to the host.
   * Feeds themselves are fetched as feed readers do: a subscription is consent.
   */
  respectRobotsTxt: boolean;
}

export const DEFAULT_INGESTION_SETTINGS: IngestionSettings = {
  schedule: DEFAULT_SCHEDULE,
  maxItemsPerFetch: 500,
  maxEntriesPerFeed: 5_000,
  feedMaxBytes: 10 * 1024 * 1024,
  pageMaxBytes: 5 * 1024 * 1024,
  feedTimeoutMs: 20_000,
  pageTimeoutMs: 20_000,
  deadAfterDays: 14,
  deadAfterTerminalDays: 3,
  deadMinFailures: 3,
  redirectAdoptAfter: 3,
  dispatchLeaseMs: 15 * 60_000,
  maxFeedsPerDispatch: 10_000,
  respectRobotsTxt: true,
};
