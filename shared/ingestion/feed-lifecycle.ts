import { FeedloomError } from '../errors';
import type { FeedSubscription } from './feed-subscription';
import type { Clock, FeedStore } from './ports';

/** What an operator can do to a subscription's state. */
export type FeedLifecycleAction = 'pause' | 'resume' | 'revive';

/**
 * Pauses, resumes or revives a feed. `pause` stops fetching (nothing is forgotten: validators, entries
 * and errors stay); `resume` makes a paused feed active and due now; `revive` gives a dead feed a fresh
 * start (active, due now, error count and failing-since cleared; the last error stays for the record).
 * Returns the feed as stored, or unchanged when it already was in that state.
 */
export async function changeFeedState(
  feed: FeedSubscription,
  action: FeedLifecycleAction,
  deps: { feeds: FeedStore; clock: Clock },
): Promise<FeedSubscription> {
  const now = deps.clock.now().toISOString();
  let next: FeedSubscription;
  if (action === 'pause') {
    if (feed.status === 'paused') return feed;
    next = { ...feed, status: 'paused' };
  } else if (action === 'resume') {
    if (feed.status === 'dead') throw new FeedloomError('FEED_DEAD', `${feed.url} is dead (${feed.lastError?.code ?? 'failing'}): use feeds revive`);
    if (feed.status === 'active') return feed;
    next = { ...feed, status: 'active', nextFetchAt: now };
  } else {
    if (feed.status === 'active' && feed.errorCount === 0) return feed;
    next = { ...feed, status: 'active', nextFetchAt: now, errorCount: 0, failingSince: null };
  }
  await deps.feeds.put(next);
  return next;
}
