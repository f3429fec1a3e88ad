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

/**
 * Queues a fetch job for every feed that is due. Each feed is first held back for a lease, so the
 * next tick does not queue it again while its job is in flight; leasing before sending means a
 * refresh never races the lease write, and a failed send only delays the feed by the lease. The
 * job names the schedule window (the minute of the tick), so a retried tick sends identical jobs.
 */
export async function dispatchDueFeeds(deps: DispatchDueFeedsDeps): Promise<{ dispatched: number }> {
  const now = deps.clock.now();
  const due = await deps.feeds.listDue(deps.dueBy ?? now, deps.settings.maxFeedsPerDispatch);
  if (!due.length) return { dispatched: 0 };
  const window = now.toISOString().slice(0, 16);
  const jobs: FetchFeedJob[] = due.map((feed) => ({ kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window }));
  const leaseUntil = new Date(now.getTime() + deps.settings.dispatchLeaseMs);
  for (const feed of due) await deps.feeds.setNextFetchAt(feed.feedId, leaseUntil);
  await deps.feedJobs.send(jobs);
  deps.logger?.info('feeds dispatched', { count: jobs.length, window });
  return { dispatched: jobs.length };
}
