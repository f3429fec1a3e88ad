import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type FeedItemState,
  FeedItemStateSchema,
  type FeedStatus,
  type FeedSubscription,
  FeedSubscriptionSchema,
  type FeedUpdate,
  FeedUpdateSchema,
} from '../../ingestion/feed-subscription';
import type { EntryArticleIds, FeedItemStates, FeedListing, FeedStore } from '../../ingestion/ports';
import { StoredRecordError } from '../../ingestion/stored-record-error';
import { batchGetAll } from './batch-get-all';
import { batchWriteAll, type WriteRequest } from './batch-write-all';
import { readStoredRecord } from './read-stored-record';
import { FEED_SK, FEEDS, feedPk, itemSk } from './table-design';

function dueAt(feed: FeedSubscription): string {
  return feed.status === 'active' ? feed.nextFetchAt : FEEDS.notDue;
}

/** FeedStore on DynamoDB: subscription and entry items share the feed's partition. */
export class DynamoFeedStore implements FeedStore, EntryArticleIds {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  private get table(): string {
    return this.options.tableName;
  }

  async get(feedId: string): Promise<FeedSubscription | null> {
    const result = await this.options.client.send(new GetCommand({ TableName: this.table, Key: { pk: feedPk(feedId), sk: FEED_SK }, ConsistentRead: true }));
    if (!result.Item) return null;
    const feed = readStoredRecord(FeedSubscriptionSchema, result.Item, 'feed');
    if (feed instanceof StoredRecordError) throw feed;
    return feed;
  }

  async put(feed: FeedSubscription): Promise<void> {
    const valid = FeedSubscriptionSchema.parse(feed);
    await this.options.client.send(
      new PutCommand({ TableName: this.table, Item: { ...valid, pk: feedPk(valid.feedId), sk: FEED_SK, kind: FEEDS.feedKind, dueAt: dueAt(valid) } }),
    );
  }

  async update(feedId: string, fields: FeedUpdate, expected: { status: FeedStatus }): Promise<boolean> {
    const valid = FeedUpdateSchema.parse(fields);
    const values: Record<string, unknown> = Object.fromEntries(Object.entries(valid).filter(([, value]) => value !== undefined));
    // dueAt is the index key of the dispatcher's query: it follows the status and the next fetch time.
    const status = valid.status ?? expected.status;
    if (status !== 'active') values.dueAt = FEEDS.notDue;
    else if (valid.nextFetchAt !== undefined) values.dueAt = valid.nextFetchAt;
    const names = Object.keys(values);
    if (!names.length) return true;
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: feedPk(feedId), sk: FEED_SK },
          UpdateExpression: `SET ${names.map((_, n) => `#f${n} = :f${n}`).join(', ')}`,
          // The status the caller read: a feed paused, revived or removed since is left as it is now.
          ConditionExpression: '#status = :expected',
          ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((name, n) => [`#f${n}`, name])) },
          ExpressionAttributeValues: { ':expected': expected.status, ...Object.fromEntries(names.map((name, n) => [`:f${n}`, values[name]])) },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async setNextFetchAt(feedId: string, at: Date): Promise<void> {
    const iso = at.toISOString();
    await this.options.client
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: feedPk(feedId), sk: FEED_SK },
          // Only an active feed is rescheduled; the condition also keeps a removed feed removed.
          UpdateExpression: 'SET nextFetchAt = :at, dueAt = :at',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': iso, ':active': 'active' },
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  async remove(feedId: string): Promise<void> {
    // The subscription goes first so the feed stops being dispatched even if entry cleanup fails.
    await this.options.client.send(new DeleteCommand({ TableName: this.table, Key: { pk: feedPk(feedId), sk: FEED_SK } }));
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': feedPk(feedId) },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
        }),
      );
      const keys = (page.Items ?? []).map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
      await batchWriteAll(this.options.client, this.table, keys);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async list(): Promise<FeedListing> {
    return this.queryDue(null, Number.MAX_SAFE_INTEGER);
  }

  async listDue(now: Date, limit: number): Promise<FeedListing> {
    return this.queryDue(now.toISOString(), limit);
  }

  private async queryDue(upTo: string | null, limit: number): Promise<FeedListing> {
    const { byDue } = FEEDS.indexes;
    const feeds: FeedSubscription[] = [];
    const unreadable: StoredRecordError[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: byDue.name,
          KeyConditionExpression: upTo ? '#k = :k AND #d <= :now' : '#k = :k',
          ExpressionAttributeNames: { '#k': byDue.partitionKey, ...(upTo ? { '#d': byDue.sortKey } : {}) },
          ExpressionAttributeValues: { ':k': FEEDS.feedKind, ...(upTo ? { ':now': upTo } : {}) },
          ExclusiveStartKey: startKey,
          Limit: Math.min(1000, limit - feeds.length),
        }),
      );
      for (const item of page.Items ?? []) {
        // One record that no longer reads is reported, never allowed to hide every feed after it.
        const feed = readStoredRecord(FeedSubscriptionSchema, item, 'feed');
        if (feed instanceof StoredRecordError) unreadable.push(feed);
        else feeds.push(feed);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && feeds.length < limit);
    return { feeds, unreadable };
  }

  async getItems(feedId: string, itemIds: readonly string[]): Promise<FeedItemStates> {
    const keys = [...new Set(itemIds)].map((itemId) => ({ pk: feedPk(feedId), sk: itemSk(itemId) }));
    const states = new Map<string, FeedItemState>();
    const unreadable: StoredRecordError[] = [];
    for (const item of await batchGetAll(this.options.client, this.table, keys, { consistentRead: true })) {
      const state = readStoredRecord(FeedItemStateSchema, item, 'feed-item');
      if (state instanceof StoredRecordError) unreadable.push(state);
      else states.set(state.itemId, state);
    }
    return { states, unreadable };
  }

  async articleIdOf(feedId: string, itemId: string): Promise<string | null> {
    const result = await this.options.client.send(
      new GetCommand({ TableName: this.table, Key: { pk: feedPk(feedId), sk: itemSk(itemId) }, ConsistentRead: true, ProjectionExpression: 'articleId' }),
    );
    const id = result.Item?.articleId;
    return typeof id === 'string' ? id : null;
  }

  async recordArticleId(feedId: string, itemId: string, articleId: string): Promise<void> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: feedPk(feedId), sk: itemSk(itemId) },
          UpdateExpression: 'SET articleId = :id',
          // An entry whose state is gone (its feed removed) gets no half-written state.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':id': articleId },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async putItems(items: readonly FeedItemState[]): Promise<void> {
    // BatchWriteItem refuses two writes of one key in a batch: the last state of an entry wins.
    const latest = new Map<string, WriteRequest>();
    for (const state of items) {
      const valid = FeedItemStateSchema.parse(state);
      const key = { pk: feedPk(valid.feedId), sk: itemSk(valid.itemId) };
      latest.set(`${key.pk}\n${key.sk}`, { PutRequest: { Item: { ...valid, ...key } } });
    }
    await batchWriteAll(this.options.client, this.table, [...latest.values()]);
  }
}
