import { hashKey } from '../article/article-id';
import { cleanUrl } from '../article/clean-url';
import { FeedloomError } from '../errors';
import type { FeedListEntry } from '../feed/parse-feed-list';
import type { FeedSubscription } from './feed-subscription';
import type { Clock, FeedStore } from './ports';
import { StoredRecordError } from './stored-record-error';

/** The stable id of a feed subscribed at `url`: it survives later changes of the fetch URL. */
export function feedIdOf(url: string): string {
  return hashKey(`feed:${cleanUrl(url)}`);
}

/** A new, immediately due subscription. */
export function newSubscription(entry: FeedListEntry, now: Date): FeedSubscription {
  return {
    feedId: feedIdOf(entry.url),
    url: entry.url,
    title: entry.title,
    homeUrl: null,
    categories: entry.categories,
    status: 'active',
    addedAt: now.toISOString(),
    etag: null,
    lastModified: null,
    lastFetchedAt: null,
    lastSuccessAt: null,
    lastHttpStatus: null,
    nextFetchAt: now.toISOString(),
    errorCount: 0,
    failingSince: null,
    lastError: null,
    pendingRedirect: null,
  };
}

/**
 * Subscribes to every listed feed. An existing subscription keeps its fetch state; it gains the
 * list's categories and title. Returns how many were new.
 */
export async function subscribeFeeds(
  entries: readonly FeedListEntry[],
  deps: { feeds: FeedStore; clock: Clock },
): Promise<{ added: number; existing: number }> {
  const now = deps.clock.now();
  let added = 0;
  for (const entry of entries) {
    if (await subscribeOne(entry, now, deps.feeds)) added++;
  }
  return { added, existing: entries.length - added };
}

/**
 * Subscribes one listed feed (true when new). An existing one gains only its categories and title,
 * written field by field and conditional on the status read, so a pause or a refresh made meanwhile
 * keeps what it wrote; a status changed meanwhile is read again.
 */
async function subscribeOne(entry: FeedListEntry, now: Date, feeds: FeedStore): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await readSubscription(feedIdOf(entry.url), feeds);
    if (!existing) {
      await feeds.put(newSubscription(entry, now));
      return true;
    }
    const categories = [...new Set([...existing.categories, ...entry.categories])];
    const title = existing.title ?? entry.title;
    if (categories.length === existing.categories.length && title === existing.title) return false;
    if (await feeds.update(existing.feedId, { categories, title }, { status: existing.status })) return false;
  }
  throw new FeedloomError('FEED_CHANGED', `${entry.url} kept changing while it was subscribed: try again`);
}

/**
 * The stored subscription, or null when there is none or it no longer reads: subscribing the feed
 * again writes it anew (its entries' states, stored beside it, are kept), which is how a damaged
 * subscription is mended.
 */
async function readSubscription(feedId: string, feeds: FeedStore): Promise<FeedSubscription | null> {
  try {
    return await feeds.get(feedId);
  } catch (error) {
    if (error instanceof StoredRecordError) return null;
    throw error;
  }
}

/** Finds a subscription by its id or its URL (as subscribed or as currently fetched). */
export async function findFeed(idOrUrl: string, feeds: FeedStore): Promise<FeedSubscription | null> {
  const byId = await feeds.get(idOrUrl);
  if (byId) return byId;
  let id: string;
  try {
    id = feedIdOf(idOrUrl);
  } catch {
    return null;
  }
  const byUrl = await feeds.get(id);
  if (byUrl) return byUrl;
  const clean = cleanUrl(idOrUrl);
  return (await feeds.list()).feeds.find((feed) => cleanUrl(feed.url) === clean) ?? null;
}
