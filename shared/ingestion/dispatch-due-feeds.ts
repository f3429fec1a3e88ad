import type { FetchFeedJob } from './jobs';
import type { Clock, FeedJobQueue, FeedStore, Logger } from './ports';
import type { IngestionSettings } from './settings';

/** Collaborators of {@link dispatchDueFeeds}. */
export interface DispatchDueFeedsDeps {
  feeds: FeedStore;
  feedJobs: FeedJobQueue;
  clock: Clock;
  settings: IngestionSettings;
  logger?: Logger;
  /** Dispatch feeds due by this time instead of now (`run --all` passes the far future). */
  dueBy?: Date;
}

/** Feeds leased (at once) and then sent together: one SQS batch. */
const DISPATCH_CHUNK = 10;

/**
 * Queues a fetch job for every feed that is due. Each feed is first held back for a lease, so the
 * next tick does not queue it again while its job is in flight; leasing before sending means a
 * refresh never races the lease write, and a failed send only delays the feed by the lease. The
 * job names the schedule window (the minute of the tick), so a retried tick sends identical jobs.
 * Feeds go out ten at a time, each group's jobs sent as soon as it is leased: a run cut short (its
 * timeout, a throttled table) has sent the job of every feed it leased but the group in hand, and
 * leaves the others due for the next tick, instead of holding every leased feed back jobless for
 * the lease (and, on a list too long to lease within one run, never sending any). Within a group,
 * a refused lease does not hold back the jobs of the feeds that were leased. A stored feed that no
 * longer reads (STORED_RECORD_UNREADABLE) is logged and skipped, never allowed to stop the rest.
 */
export async function dispatchDueFeeds(deps: DispatchDueFeedsDeps): Promise<{ dispatched: number; unreadable: number }> {
  const now = deps.clock.now();
  const { feeds: due, unreadable } = await deps.feeds.listDue(deps.dueBy ?? now, deps.settings.maxFeedsPerDispatch);
  // A feed whose stored record no longer reads cannot be fetched (its URL is part of what does not
  // read); it is skipped, said on every tick until it is mended or removed, and the others go out.
  for (const error of unreadable) deps.logger?.error('stored feed does not read: not dispatched', error.toLog());
  if (!due.length) return { dispatched: 0, unreadable: unreadable.length };
  const window = now.toISOString().slice(0, 16);
  const leaseUntil = new Date(now.getTime() + deps.settings.dispatchLeaseMs);
  let dispatched = 0;
  for (let start = 0; start < due.length; start += DISPATCH_CHUNK) {
    const group = due.slice(start, start + DISPATCH_CHUNK);
    const leases = await Promise.allSettled(group.map((feed) => deps.feeds.setNextFetchAt(feed.feedId, leaseUntil)));
    const leased = group.filter((_, index) => leases[index]?.status === 'fulfilled');
    if (leased.length) {
      await deps.feedJobs.send(leased.map((feed): FetchFeedJob => ({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window })));
      dispatched += leased.length;
    }
    const refused = leases.find((lease): lease is PromiseRejectedResult => lease.status === 'rejected');
    if (refused) {
      deps.logger?.warn('feeds dispatched before a lease failed', { count: dispatched, window });
      throw refused.reason;
    }
  }
  deps.logger?.info('feeds dispatched', { count: dispatched, window });
  return { dispatched, unreadable: unreadable.length };
}
