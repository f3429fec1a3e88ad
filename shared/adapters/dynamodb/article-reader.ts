import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Article } from '../../article/article';
import { articleId } from '../../article/article-id';
import { cleanUrl } from '../../article/clean-url';
import { InvalidInputError } from '../../errors';
import { fromArticleItem } from './article-item';
import { ARTICLES } from './table-design';

/** A page of articles, newest first, and the opaque cursor of the next page (null at the end). */
export interface ArticlePage {
  articles: Article[];
  cursor: string | null;
}

/** Filters and paging of the list queries. `since` and `until` are inclusive ISO instants. */
export interface ListOptions {
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string | null;
}

interface ShardCursor {
  /** Exclusive upper bound of `sortKey` per shard still to read; absent = shard exhausted. */
  u: Record<string, string>;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode<T>(cursor: string): T {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch (error) {
    throw new InvalidInputError('BAD_CURSOR', 'the cursor is not one this reader issued', { cause: error });
  }
}

/** Read access to the Articles table for consumers: by id, by URL, newest first, per feed. */
export class ArticleReader {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async getById(id: string): Promise<Article | null> {
    const result = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: { [ARTICLES.partitionKey]: id } }));
    return result.Item ? fromArticleItem(result.Item) : null;
  }

  /** Finds an article by its page URL or canonical URL (tracking parameters ignored). */
  async getByUrl(url: string): Promise<Article | null> {
    const key = cleanUrl(url);
    const result = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: ARTICLES.indexes.byUrl.name,
        KeyConditionExpression: '#u = :u',
        ExpressionAttributeNames: { '#u': ARTICLES.indexes.byUrl.partitionKey },
        ExpressionAttributeValues: { ':u': key },
        Limit: 1,
      }),
    );
    const hit = result.Items?.[0];
    if (hit) return this.getById(String(hit[ARTICLES.partitionKey]));
    // The id is derived from the canonical URL, so a canonical URL finds its article directly.
    return this.getById(articleId(key));
  }

  /** The newest articles across all feeds, optionally within [since, until]. */
  async listLatest(options: ListOptions = {}): Promise<ArticlePage> {
    const limit = clampLimit(options.limit);
    const { byTime } = ARTICLES.indexes;
    const initialUpper = `${options.until ?? '9999'}#\uffff`;
    const state: ShardCursor = options.cursor
      ? decode<ShardCursor>(options.cursor)
      : { u: Object.fromEntries(Array.from({ length: ARTICLES.timeShards }, (_, shard) => [String(shard), initialUpper])) };
    const shards = Object.entries(state.u);
    const results = await Promise.all(
      shards.map(async ([shard, upper]) => {
        const result = await this.options.client.send(
          new QueryCommand({
            TableName: this.options.tableName,
            IndexName: byTime.name,
            KeyConditionExpression: options.since ? '#p = :p AND #s BETWEEN :lo AND :hi' : '#p = :p AND #s < :hi',
            ExpressionAttributeNames: { '#p': byTime.partitionKey, '#s': byTime.sortKey },
            ExpressionAttributeValues: { ':p': shard, ':hi': upper, ...(options.since ? { ':lo': options.since } : {}) },
            ScanIndexForward: false,
            Limit: limit,
          }),
        );
        const items = (result.Items ?? []).filter((item) => String(item[byTime.sortKey]) < upper);
        return { shard, items, more: Boolean(result.LastEvaluatedKey) };
      }),
    );
    const merged = results
      .flatMap(({ shard, items }) => items.map((item) => ({ shard, item, key: String(item[byTime.sortKey]) })))
      .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
      .slice(0, limit);
    const next: ShardCursor = { u: {} };
    for (const { shard, items, more } of results) {
      const consumed = merged.filter((entry) => entry.shard === shard);
      const last = consumed[consumed.length - 1];
      const exhausted = !more && consumed.length === items.length;
      if (!exhausted) next.u[shard] = last ? last.key : (state.u[shard] as string);
    }
    return {
      articles: merged.map((entry) => fromArticleItem(entry.item)),
      cursor: Object.keys(next.u).length ? encode(next) : null,
    };
  }

  /** One feed's articles, newest first, optionally within [since, until]. */
  async listByFeed(feedId: string, options: ListOptions = {}): Promise<ArticlePage> {
    const limit = clampLimit(options.limit);
    const { byFeed } = ARTICLES.indexes;
    const hi = `${options.until ?? '9999'}#\uffff`;
    const result = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: byFeed.name,
        KeyConditionExpression: options.since ? '#p = :p AND #s BETWEEN :lo AND :hi' : '#p = :p AND #s < :hi',
        ExpressionAttributeNames: { '#p': byFeed.partitionKey, '#s': byFeed.sortKey },
        ExpressionAttributeValues: { ':p': feedId, ':hi': hi, ...(options.since ? { ':lo': options.since } : {}) },
        ScanIndexForward: false,
        Limit: limit,
        ...(options.cursor ? { ExclusiveStartKey: decode<Record<string, unknown>>(options.cursor) } : {}),
      }),
    );
    return {
      articles: (result.Items ?? []).map(fromArticleItem),
      cursor: result.LastEvaluatedKey ? encode(result.LastEvaluatedKey) : null,
    };
  }
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InvalidInputError('BAD_LIMIT', 'limit must be an integer from 1 to 1000');
  return limit;
}
