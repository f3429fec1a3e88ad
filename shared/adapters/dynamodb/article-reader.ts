import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type { Article } from '../../article/article';
import { articleId } from '../../article/article-id';
import { cleanUrl } from '../../article/clean-url';
import { describeZodIssues } from '../../describe-zod-issues';
import { FeedloomError, InvalidInputError } from '../../errors';
import { type ArticleChange, type ChangesOptions, followArticleChanges } from './article-changes';
import { type ArticleItem, urlKeyOf } from './article-item';
import { batchGetAll } from './batch-get-all';
import { BodyStore } from './body-store';
import { createDynamoClients } from './create-dynamo-clients';
import { decodeListCursor, encodeListCursor, queryFingerprint } from './list-cursor';
import { loadArticle } from './load-article';
import { ARTICLES, bodiesTableName, DEFAULT_TABLE_NAMES, normaliseInstant, sortKeyCeiling } from './table-design';

export type { ArticleChange, ChangesFrom, ChangesOptions } from './article-changes';

/** A page of articles, newest first, and the opaque cursor of the next page (null at the end). */
export interface ArticlePage {
  articles: Article[];
  cursor: string | null;
}

/** Filters and paging of the list queries. `since` and `until` are inclusive ISO 8601 instants. */
export interface ListOptions {
  since?: string | undefined;
  until?: string | undefined;
  /** Articles per page, 1 to 1000 (default 20). */
  limit?: number | undefined;
  /** The `cursor` of the previous page; absent or null for the first page. */
  cursor?: string | null | undefined;
}

/** Options of {@link ArticleReader}. */
export interface ArticleReaderOptions {
  client: DynamoDBDocumentClient;
  /** The Articles table. */
  tableName: string;
  /** The Bodies table; defaults to `<tableName>-bodies`. */
  bodiesTableName?: string;
  /** DynamoDB Streams client, needed by `changes()` only. */
  streams?: DynamoDBStreamsClient;
  /** Strongly consistent gets (twice the read cost); index queries are always eventually consistent. */
  consistentRead?: boolean;
  /** Current time: articles past their `expiresAt` are not returned, though TTL may not have deleted them yet. */
  now?: () => Date;
}

/** Options of {@link ArticleReader.connect}. */
export interface ConnectOptions {
  /** Any DynamoDB endpoint (DynamoDB Local, dynalite); omitted: AWS, with the SDK's default region and credentials. */
  endpoint?: string;
  region?: string;
  tables?: { articles: string; bodies?: string };
  consistentRead?: boolean;
}

/** Unmarshalls an attribute-value image; Lambda events carry binaries as base64 strings. */
function unmarshallImage(image: Record<string, unknown>): ArticleItem {
  const fixed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(image)) {
    const binary = (value as { B?: unknown } | null)?.B;
    fixed[name] = typeof binary === 'string' ? { B: Buffer.from(binary, 'base64') } : value;
  }
  return unmarshall(fixed as never) as ArticleItem;
}

const PAGE_DEFAULT = 20;
const PAGE_MAX = 1000;
/** Articles whose offloaded bodies are read at the same time. */
const BODY_READ_CONCURRENCY = 8;

const IsoOptionSchema = z
  .string()
  .refine((value) => Number.isFinite(Date.parse(value)), 'must be an ISO 8601 date or instant')
  .transform((value) => normaliseInstant(value));
const ListOptionsSchema = z.object({
  since: IsoOptionSchema.optional(),
  until: IsoOptionSchema.optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).optional(),
  cursor: z.string().min(1).nullable().optional(),
});
const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

interface IndexQuery {
  index: string;
  partitionKey: string;
  sortKey: string;
  partitions: string[];
}

/**
 * Read access to the Articles table for consumers: by id, by URL, newest first across all feeds or
 * per feed (optionally within a published-time window), and the stream of changes. Every read is a
 * GetItem, Query or BatchGetItem (never a Scan); every Article returned is validated against
 * schema v1, with offloaded bodies put back.
 */
export class ArticleReader {
  private readonly bodies: BodyStore;
  private readonly owned: { destroy(): void }[] = [];

  constructor(private readonly options: ArticleReaderOptions) {
    this.bodies = new BodyStore({ client: options.client, tableName: options.bodiesTableName ?? bodiesTableName({ articles: options.tableName }) });
  }

  /** A reader with its own clients for an endpoint (or AWS); `close()` releases them. */
  static connect(options: ConnectOptions = {}): ArticleReader {
    const tables = options.tables ?? DEFAULT_TABLE_NAMES;
    const { client, documents } = createDynamoClients({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.region ? { region: options.region } : {}),
    });
    const local = options.endpoint !== undefined;
    const streams = new DynamoDBStreamsClient({
      ...(local ? { endpoint: options.endpoint, region: options.region ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      ...(options.region && !local ? { region: options.region } : {}),
    });
    const reader = new ArticleReader({
      client: documents,
      tableName: tables.articles,
      bodiesTableName: bodiesTableName(tables),
      streams,
      ...(options.consistentRead ? { consistentRead: true } : {}),
    });
    reader.owned.push(client, streams);
    return reader;
  }

  /** Releases the clients made by {@link ArticleReader.connect} (clients passed in are left alone). */
  close(): void {
    for (const client of this.owned.splice(0)) client.destroy();
  }

  /** The article with this id, or null. */
  async getById(id: string): Promise<Article | null> {
    if (!IdSchema.safeParse(id).success) throw new InvalidInputError('BAD_ID', `"${id.slice(0, 80)}" is not an article id (letters, digits, "-" and "_")`);
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await this.options.client.send(
        new GetCommand({ TableName: this.options.tableName, Key: { [ARTICLES.partitionKey]: id }, ConsistentRead: this.options.consistentRead === true }),
      );
      if (!result.Item || this.expired(result.Item)) return null;
      const article = await loadArticle(result.Item, this.bodies);
      if (article) return article;
    }
    throw new FeedloomError('BODY_MISSING', `article ${id}: the body its item points at is missing`, { retryable: true });
  }

  /**
   * The article at this URL (tracking parameters ignored): the article whose identity (canonical
   * URL) it is, else the article whose page URL it is.
   */
  async getByUrl(url: string): Promise<Article | null> {
    let key: string;
    try {
      key = cleanUrl(url);
    } catch (error) {
      throw new InvalidInputError('BAD_URL', `"${url.slice(0, 200)}" is not a URL`, { cause: error });
    }
    // The article whose identity this URL is has no byUrl entry (the index is sparse: article-item.ts needsUrlKey).
    const direct = await this.getById(articleId(key));
    if (direct) return direct;
    const { byUrl } = ARTICLES.indexes;
    const result = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: byUrl.name,
        KeyConditionExpression: '#u = :u',
        ExpressionAttributeNames: { '#u': byUrl.partitionKey },
        ExpressionAttributeValues: { ':u': urlKeyOf(key) },
        Limit: 1,
      }),
    );
    const hit = result.Items?.[0];
    return hit ? this.getById(String(hit[ARTICLES.partitionKey])) : null;
  }

  /** The newest articles across all feeds, optionally within [since, until] (by published time, else fetch time). */
  async listLatest(options: ListOptions = {}): Promise<ArticlePage> {
    const { byTime } = ARTICLES.indexes;
    const partitions = Array.from({ length: ARTICLES.timeShards }, (_, shard) => String(shard));
    return this.list({ index: byTime.name, partitionKey: byTime.partitionKey, sortKey: byTime.sortKey, partitions }, options);
  }

  /** One feed's articles (by `feedId`), newest first, optionally within [since, until]. */
  async listByFeed(feedId: string, options: ListOptions = {}): Promise<ArticlePage> {
    if (!feedId) throw new InvalidInputError('BAD_FEED_ID', 'feedId must not be empty');
    const { byFeed } = ARTICLES.indexes;
    return this.list({ index: byFeed.name, partitionKey: byFeed.partitionKey, sortKey: byFeed.sortKey, partitions: [feedId] }, options);
  }

  /**
   * The Article of a stream record's `NewImage` (or any raw item) as DynamoDB or a Lambda event
   * gives it (attribute-value JSON, binaries as bytes or base64), body put back and validated. For
   * consumers that read the stream themselves, e.g. a Lambda triggered by it.
   */
  async decodeImage(image: Record<string, unknown>): Promise<Article> {
    const item = unmarshallImage(image);
    const article = await loadArticle(item, this.bodies);
    if (!article) {
      throw new FeedloomError(
        'BODY_MISSING',
        `article ${String(item.id)} revision ${String(item.revision)}: its offloaded body is gone (superseded more than 48 h ago)`,
      );
    }
    return article;
  }

  /**
   * Follows the table's stream: each INSERT (revision 1), MODIFY (old and new revision) and REMOVE,
   * in order per article, from `from` (default: new changes only). Needs DynamoDB or DynamoDB
   * Local (dynalite has no streams) and a `streams` client.
   */
  changes(options: ChangesOptions = {}): AsyncGenerator<ArticleChange> {
    return followArticleChanges(
      { client: this.options.client, streams: this.options.streams ?? null, tableName: this.options.tableName, bodies: this.bodies },
      options,
    );
  }

  /**
   * Pages through the partitions of one index, newest first. Each partition is queried for at most
   * `limit` keys below its bound, the results are merged, and the cursor keeps per partition the
   * last sort key returned (or its unchanged bound), so no article is skipped or repeated between
   * pages even when several share a time (the sort key ends with the unique id).
   */
  private async list(query: IndexQuery, raw: ListOptions): Promise<ArticlePage> {
    const parsed = ListOptionsSchema.safeParse(raw);
    if (!parsed.success) {
      throw new InvalidInputError('BAD_LIST_OPTIONS', describeZodIssues(parsed.error, 'options', 1));
    }
    const { since, until, cursor } = parsed.data;
    const limit = parsed.data.limit ?? PAGE_DEFAULT;
    if (since && until && since > until) throw new InvalidInputError('BAD_LIST_OPTIONS', `since (${since}) is after until (${until})`);
    const fingerprint = queryFingerprint([query.index, ...query.partitions, since, until]);
    const ceiling = sortKeyCeiling(until ?? '9999-12-31T23:59:59.999Z');
    const bounds = cursor ? decodeListCursor(cursor, fingerprint) : Object.fromEntries(query.partitions.map((partition) => [partition, ceiling]));

    const results = await Promise.all(
      Object.entries(bounds).map(async ([partition, upper]) => ({ partition, ...(await this.queryKeys(query, partition, since ?? null, upper, limit)) })),
    );
    const merged = results
      .flatMap(({ partition, keys }) => keys.map((key) => ({ partition, ...key })))
      .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0))
      .slice(0, limit);
    const next: Record<string, string> = {};
    for (const { partition, keys, more } of results) {
      const taken = merged.filter((entry) => entry.partition === partition);
      const last = taken[taken.length - 1];
      const exhausted = !more && taken.length === keys.length;
      if (!exhausted) next[partition] = last ? last.sortKey : (bounds[partition] as string);
    }
    return {
      articles: await this.fetchArticles(merged.map((entry) => entry.id)),
      cursor: Object.keys(next).length ? encodeListCursor(fingerprint, next) : null,
    };
  }

  /** Up to `limit` keys of one partition with `since <= sortKey < upper`, newest first, and whether more remain. */
  private async queryKeys(
    query: IndexQuery,
    partition: string,
    since: string | null,
    upper: string,
    limit: number,
  ): Promise<{ keys: { id: string; sortKey: string }[]; more: boolean }> {
    const keys: { id: string; sortKey: string }[] = [];
    let startKey: Record<string, unknown> | undefined;
    let leftOver = false;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          IndexName: query.index,
          // BETWEEN includes its upper end; the bound is exclusive, so an item sitting on it is dropped below.
          KeyConditionExpression: since ? '#p = :p AND #s BETWEEN :lo AND :hi' : '#p = :p AND #s < :hi',
          ExpressionAttributeNames: { '#p': query.partitionKey, '#s': query.sortKey },
          ExpressionAttributeValues: { ':p': partition, ':hi': upper, ...(since ? { ':lo': since } : {}) },
          ScanIndexForward: false,
          // One key more than needed tells whether the partition has more, so the last page is never empty.
          Limit: limit - keys.length + 1 + (since ? 1 : 0),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const sortKey = String(item[query.sortKey]);
        if (sortKey >= upper) continue;
        if (keys.length < limit) keys.push({ id: String(item[ARTICLES.partitionKey]), sortKey });
        else leftOver = true;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && keys.length < limit);
    return { keys, more: leftOver || startKey !== undefined };
  }

  // DynamoDB deletes expired items in the background, typically within days (Developer Guide,
  // "Time to Live"), and dynalite never does: an article past its retention is treated as gone.
  private expired(item: Record<string, unknown>): boolean {
    const expiresAt = item[ARTICLES.ttlAttribute];
    return typeof expiresAt === 'number' && expiresAt * 1000 <= (this.options.now?.() ?? new Date()).getTime();
  }

  /** The articles of `ids`, in that order; ids whose item is gone or expired are left out. */
  private async fetchArticles(ids: readonly string[]): Promise<Article[]> {
    const items = await batchGetAll(
      this.options.client,
      this.options.tableName,
      ids.map((id) => ({ [ARTICLES.partitionKey]: id })),
      { consistentRead: this.options.consistentRead === true },
    );
    const byId = new Map(items.map((item) => [String(item[ARTICLES.partitionKey]), item as ArticleItem]));
    const articles: (Article | null)[] = new Array(ids.length).fill(null);
    for (let start = 0; start < ids.length; start += BODY_READ_CONCURRENCY) {
      await Promise.all(
        ids.slice(start, start + BODY_READ_CONCURRENCY).map(async (id, offset) => {
          const item = byId.get(id);
          if (!item || this.expired(item)) return;
          articles[start + offset] = (await loadArticle(item, this.bodies)) ?? (await this.getById(id));
        }),
      );
    }
    return articles.filter((article): article is Article => article !== null);
  }
}
