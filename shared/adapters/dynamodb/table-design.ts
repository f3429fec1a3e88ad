/**
 * Key, index and attribute names of Feedloom's DynamoDB tables: the single source of truth, read by
 * the adapters, by local table creation and by the CDK stack. Pure constants and key builders, no
 * SDK imports (infra may import this file). docs/consumers.md documents the layout for consumers.
 */

/**
 * Articles table: one item per article, keyed by its stable id. Stream on (new and old images).
 * Every index projects KEYS_ONLY: an index entry costs about 1 write unit whatever the body size,
 * bodies are stored once, and a new revision that keeps the article's time and feed writes no
 * index at all; readers fetch the items by key (BatchGetItem). See docs/consumers.md "Indexes".
 */
export const ARTICLES = {
  partitionKey: 'id',
  indexes: {
    /**
     * Get by URL: partition `urlKey` (the cleaned page URL). Sparse: written only for an article
     * whose id is not its page URL's (its identity is another, canonical URL); the others are found
     * by GetItem on the id their URL gives.
     */
    byUrl: { name: 'byUrl', partitionKey: 'urlKey', sortKey: null, projection: 'KEYS_ONLY' },
    /** A feed's articles newest first: partition `feedId`, sort `sortKey`. */
    byFeed: { name: 'byFeed', partitionKey: 'feedId', sortKey: 'sortKey', projection: 'KEYS_ONLY' },
    /**
     * Newest across all feeds and time windows: partition `timeShard` ("0".."N-1", write-sharded so
     * no single partition takes every write), sort `sortKey`. Readers query all shards and merge.
     */
    byTime: { name: 'byTime', partitionKey: 'timeShard', sortKey: 'sortKey', projection: 'KEYS_ONLY' },
  },
  /** Number of `timeShard` partitions. Changing it requires rewriting `timeShard` on every item. */
  timeShards: 4,
  /** Optional TTL attribute (epoch seconds); absent means the article is kept forever. */
  ttlAttribute: 'expiresAt',
  /** Stream view of the table: consumers get the item before and after each change. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

/** Where an article's `contentHtml` and `contentText` are stored (attribute `bodyStorage`). */
export const BODY_STORAGE = {
  /** `contentHtml` and `contentText` are plain attributes of the item. */
  inline: 'inline',
  /** Attribute `bodyBr` (binary) holds brotli(UTF-8 JSON `{ contentHtml, contentText }`). */
  brotli: 'brotli',
  /** The same brotli bytes, split over `bodyParts` items of the Bodies table under `bodyKey`. */
  chunks: 'chunks',
} as const;
export type BodyStorage = (typeof BODY_STORAGE)[keyof typeof BODY_STORAGE];

/**
 * Bodies table: the compressed bodies too big for an Articles item (DynamoDB caps an item at
 * 400 KB), split into chunk items. Partition `id` (the article id), sort `part`
 * (`<bodyKey>#<index, 4 digits>`). No stream: the Articles stream is the change feed.
 */
export const BODIES = {
  partitionKey: 'id',
  sortKey: 'part',
  dataAttribute: 'data',
  ttlAttribute: 'expiresAt',
  /** How long chunks of a superseded revision stay readable (longer than the 24 h stream retention). */
  supersededGraceSeconds: 48 * 3600,
} as const;

/** Feeds table: a feed's subscription item and one item per remembered entry, in one partition. */
export const FEEDS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    /** Every feed ordered by when it is due: partition `kind` ("FEED"), sort `dueAt`. */
    byDue: { name: 'byDue', partitionKey: 'kind', sortKey: 'dueAt', projection: 'ALL' },
  },
  feedKind: 'FEED',
  /** `dueAt` of a feed that is not fetched (dead or paused): sorts after every timestamp. */
  notDue: '~',
} as const;

/**
 * Hosts table: what every worker shares about one web host, in the host's partition (`pk`
 * `HOST#<host:port>`): the politeness item (sort key `SLOTS`: request-slot leases, the next allowed
 * start, the Retry-After cooldown) and one cached robots.txt per scheme (sort key `ROBOTS#<scheme>`).
 * Leases are plain numbers compared in conditional writes, so a lapsed one is free at once; the TTL
 * attribute only sweeps away hosts idle for a day and robots.txt copies too old to use.
 */
export const HOSTS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  slotsSk: 'SLOTS',
  /** How long an idle host's politeness item is kept after its last lease, gap or cooldown ends. */
  idleKeepSeconds: 24 * 3600,
} as const;

export const hostPk = (host: string): string => `HOST#${host}`;

/**
 * The attempts ledger of the SQS consumers, in the Hosts table (shared coordination state, read by
 * key only, already granted to both consumers): one item per queue message that failed (partition
 * `DELIVERY#<SQS message id>`, sort `ATTEMPTS`, attribute `failures`), written only when an attempt
 * fails for a reason other than a wait, read only on a redelivery. Its TTL outlives the message.
 */
export const DELIVERY_ATTEMPTS = { sk: 'ATTEMPTS', failuresAttribute: 'failures' } as const;
export const deliveryPk = (messageId: string): string => `DELIVERY#${messageId}`;
export const robotsSk = (scheme: string): string => `ROBOTS#${scheme}`;

/**
 * SiteHealth table: per-site extraction counters, one item per UTC day and site (page URL host),
 * incremented with ADD by every stored article (shared/ingestion/site-health.ts). Partition `day`
 * (`YYYY-MM-DD`), sort `host`: the check reads a few whole days with one Query each, and a site's
 * row is one item whatever the traffic. Items expire `retentionDays` after their day.
 */
export const SITE_HEALTH = {
  partitionKey: 'day',
  sortKey: 'host',
  counters: { extracted: 'extracted', 'feed-only': 'feedOnly', failed: 'failed' },
  wordsAttribute: 'words',
  ttlAttribute: 'expiresAt',
  retentionDays: 35,
} as const;

/** Table names chosen by the deployment (CDK) or the local runner. */
export interface TableNames {
  articles: string;
  feeds: string;
  /** Bodies table; defaults to `<articles>-bodies` (see {@link bodiesTableName}). */
  bodies?: string;
  /** Hosts table; defaults to `<feeds>-hosts` (see {@link hostsTableName}). */
  hosts?: string;
  /** SiteHealth table; defaults to `<feeds>-site-health` (see {@link siteHealthTableName}). */
  siteHealth?: string;
}

export const DEFAULT_TABLE_NAMES: Required<TableNames> = {
  articles: 'feedloom-articles',
  feeds: 'feedloom-feeds',
  bodies: 'feedloom-articles-bodies',
  hosts: 'feedloom-feeds-hosts',
  siteHealth: 'feedloom-feeds-site-health',
};

/** The Bodies table that goes with a set of table names. */
export function bodiesTableName(names: Pick<TableNames, 'articles' | 'bodies'>): string {
  return names.bodies ?? `${names.articles}-bodies`;
}

/** The Hosts table that goes with a set of table names. */
export function hostsTableName(names: Pick<TableNames, 'feeds' | 'hosts'>): string {
  return names.hosts ?? `${names.feeds}-hosts`;
}

/** The SiteHealth table that goes with a set of table names. */
export function siteHealthTableName(names: Pick<TableNames, 'feeds' | 'siteHealth'>): string {
  return names.siteHealth ?? `${names.feeds}-site-health`;
}

/**
 * Sort key shared by the byFeed and byTime indexes: the article's time (published, else fetched),
 * normalised to `YYYY-MM-DDTHH:mm:ss.sssZ` so that string order is time order, then its id so that
 * every key is unique and pagination never skips an article sharing a time with another.
 */
export function articleSortKey(publishedAt: string | null, fetchedAt: string, id: string): string {
  return `${normaliseInstant(publishedAt ?? fetchedAt)}#${id}`;
}

/** An ISO 8601 instant in the one fixed-width form whose string order is time order. */
export function normaliseInstant(iso: string): string {
  return new Date(iso).toISOString();
}

/** Upper bound of the sort keys of articles at or before `iso`: `~` sorts after every id character. */
export const sortKeyCeiling = (iso: string): string => `${iso}#~`;

/** The write shard of an article (stable per id). */
export function timeShardOf(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return String(hash % ARTICLES.timeShards);
}

/** The `part` sort key of a body chunk. */
export const bodyPartKey = (bodyKey: string, index: number): string => `${bodyKey}#${String(index).padStart(4, '0')}`;

export const feedPk = (feedId: string): string => `FEED#${feedId}`;
export const FEED_SK = 'FEED';
export const itemSk = (itemId: string): string => `ITEM#${itemId}`;

/**
 * The local runtime's durable queues live in the Feeds table too (the AWS runtime uses SQS): one
 * partition per queue, one item per message (`sk` `MSG#<messageId>`), and one partition per queue
 * for its dead letters (`sk` `<at>#<messageId>`). These items have no `kind`, so no index sees them.
 */
export const queuePk = (queue: string): string => `QUEUE#${queue}`;
export const queueMessageSk = (messageId: string): string => `MSG#${messageId}`;
export const deadLetterPk = (queue: string): string => `DEAD#${queue}`;
/** A page waiting for a later retry cycle lives in its feed's partition (no index sees it). */
export const retrySk = (itemId: string): string => `RETRY#${itemId}`;
