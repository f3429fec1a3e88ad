/**
 * Key, index and attribute names of Feedloom's two DynamoDB tables: the single source of truth,
 * read by the adapters, by local table creation and by the CDK stack. Pure constants and key
 * builders, no SDK imports (infra may import this file). docs/consumers.md documents the layout.
 */

/** Articles table: one item per article, keyed by its stable id. Stream on (new and old images). */
export const ARTICLES = {
  partitionKey: 'id',
  indexes: {
    /** Get by URL: partition `urlKey` (the cleaned page URL). */
    byUrl: { name: 'byUrl', partitionKey: 'urlKey', sortKey: null },
    /** A feed's articles newest first: partition `feedId`, sort `sortKey`. */
    byFeed: { name: 'byFeed', partitionKey: 'feedId', sortKey: 'sortKey' },
    /**
     * Newest across all feeds and time windows: partition `timeShard` ("0".."N-1", write-sharded so
     * no single partition takes every write), sort `sortKey`. Readers query all shards and merge.
     */
    byTime: { name: 'byTime', partitionKey: 'timeShard', sortKey: 'sortKey' },
  },
  /** Number of `timeShard` partitions. Changing it requires rewriting `timeShard` on every item. */
  timeShards: 4,
  ttlAttribute: 'expiresAt',
} as const;

/** Feeds table: a feed's subscription item and one item per remembered entry, in one partition. */
export const FEEDS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    /** Every feed ordered by when it is due: partition `kind` ("FEED"), sort `dueAt`. */
    byDue: { name: 'byDue', partitionKey: 'kind', sortKey: 'dueAt' },
  },
  feedKind: 'FEED',
  /** `dueAt` of a feed that is not fetched (dead or paused): sorts after every timestamp. */
  notDue: '~',
} as const;

/** Table names chosen by the deployment (CDK) or the local runner. */
export interface TableNames {
  articles: string;
  feeds: string;
}

export const DEFAULT_TABLE_NAMES: TableNames = { articles: 'feedloom-articles', feeds: 'feedloom-feeds' };

/** Sort key shared by the byFeed and byTime indexes: the article's time, then its id for uniqueness. */
export function articleSortKey(publishedAt: string | null, fetchedAt: string, id: string): string {
  return `${publishedAt ?? fetchedAt}#${id}`;
}

/** The write shard of an article (stable per id). */
export function timeShardOf(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return String(hash % ARTICLES.timeShards);
}

export const feedPk = (feedId: string): string => `FEED#${feedId}`;
export const FEED_SK = 'FEED';
export const itemSk = (itemId: string): string => `ITEM#${itemId}`;
