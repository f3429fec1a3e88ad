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
  let current = feed;
  // Only the fields the action decides, conditional on the status read: a refresh recording its
  // fetch meanwhile keeps what it wrote, and a change of status meanwhile is read again and decided on.
  for (let attempt = 0; attempt < 3; attempt++) {
    const fields = fieldsFor(current, action, now);
    if (!fields) return current;
    if (await deps.feeds.update(current.feedId, fields, { status: current.status })) return { ...current, ...fields };
    const stored = await deps.feeds.get(current.feedId);
    if (!stored) throw new FeedloomError('FEED_NOT_FOUND', `${current.url} was removed`);
    current = stored;
  }
  throw new FeedloomError('FEED_CHANGED', `${current.url} kept changing: try again`);
}

/** What `action` changes on `feed`, or null when it already is in that state. */
function fieldsFor(feed: FeedSubscription, action: FeedLifecycleAction, now: string): Partial<FeedSubscription> | null {
  if (action === 'pause') return feed.status === 'paused' ? null : { status: 'paused' };
  if (action === 'resume') {
    if (feed.status === 'dead') throw new FeedloomError('FEED_DEAD', `${feed.url} is dead (${feed.lastError?.code ?? 'failing'}): use feeds revive`);
    return feed.status === 'active' ? null : { status: 'active', nextFetchAt: now };
  }
  if (feed.status === 'active' && feed.errorCount === 0) return null;
  return { status: 'active', nextFetchAt: now, errorCount: 0, failingSince: null };
}
