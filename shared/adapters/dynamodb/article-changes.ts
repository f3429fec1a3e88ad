import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Article } from '../../article/article';
import { FeedloomError } from '../../errors';
import type { ArticleItem } from './article-item';
import type { BodyStore } from './body-store';
import { loadArticle } from './load-article';
import { decodeStreamCursor, encodeStreamCursor, type StreamPosition } from './stream-cursor';

/** Where {@link followArticleChanges} starts: the oldest record kept (24 h), new records only, or a change's cursor. */
export type ChangesFrom = 'oldest' | 'latest' | { cursor: string };

/** Options of `ArticleReader.changes`. */
export interface ChangesOptions {
  /** Default `'latest'`. */
  from?: ChangesFrom;
  /** Keep polling for new records (default true); false stops at the first pass that finds none. */
  follow?: boolean;
  /** Pause between polls when nothing is new (default 1000 ms). */
  pollIntervalMs?: number;
  /** Ends the iteration (cleanly) when aborted. */
  signal?: AbortSignal;
}

interface ChangeCommon {
  id: string;
  /** Stream sequence number of the record. */
  sequenceNumber: string;
  /** When DynamoDB wrote the record (ISO 8601, second precision), null if the engine gave none. */
  at: string | null;
  /** Pass as `from: { cursor }` to resume right after this change. */
  cursor: string;
}

/** One change of the Articles table, as read from its stream. */
export type ArticleChange =
  | (ChangeCommon & { type: 'INSERT'; oldRevision: null; newRevision: number; article: Article })
  | (ChangeCommon & { type: 'MODIFY'; oldRevision: number; newRevision: number; previousContentHash: string | null; article: Article })
  | (ChangeCommon & { type: 'REMOVE'; oldRevision: number | null; newRevision: null; article: null; expired: boolean });

/** What {@link followArticleChanges} reads with. */
export interface ChangeSources {
  client: DynamoDBDocumentClient;
  streams: DynamoDBStreamsClient | null;
  tableName: string;
  bodies: BodyStore;
}

interface ShardState {
  sequence: string | null;
  done: boolean;
  iterator: string | null;
  /** Iterator type used when there is no sequence number yet. */
  start: 'TRIM_HORIZON' | 'LATEST';
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Follows the Articles table's stream (DynamoDB Streams, NEW_AND_OLD_IMAGES) and yields each
 * INSERT, MODIFY and REMOVE as a typed change with the Article validated against schema v1.
 * Shards are read parents first, so the changes of one article come in the order they were made.
 */
export async function* followArticleChanges(sources: ChangeSources, options: ChangesOptions = {}): AsyncGenerator<ArticleChange> {
  const { streams } = sources;
  const { signal } = options;
  if (!streams) throw new FeedloomError('NO_STREAMS_CLIENT', 'changes() needs a DynamoDB Streams client: pass `streams` to the ArticleReader');
  const streamArn = await latestStreamArn(sources);
  const from = options.from ?? 'latest';
  const resumed = typeof from === 'object' ? decodeStreamCursor(from.cursor) : null;
  if (resumed && resumed.streamArn !== streamArn) {
    throw new FeedloomError('STREAM_CURSOR_STALE', 'the cursor belongs to an earlier stream of this table (was it recreated?); re-read with the list queries');
  }
  const shards = new Map<string, ShardState>();
  for (const [shardId, sequence] of Object.entries(resumed?.sequences ?? {}))
    shards.set(shardId, { sequence, done: false, iterator: null, start: 'TRIM_HORIZON' });
  for (const shardId of resumed?.done ?? []) shards.set(shardId, { sequence: null, done: true, iterator: null, start: 'TRIM_HORIZON' });
  let firstListing = true;

  while (!signal?.aborted) {
    const listed = await listShards(streams, streamArn);
    const listedIds = new Set(listed.map((shard) => shard.ShardId as string));
    for (const shard of listed) {
      const id = shard.ShardId as string;
      if (shards.has(id)) continue;
      // Only at the very start does 'latest' apply; shards that appear later are read from their start.
      const latest = firstListing && !resumed && from === 'latest';
      const closed = Boolean(shard.SequenceNumberRange?.EndingSequenceNumber);
      shards.set(id, { sequence: null, done: latest && closed, iterator: null, start: latest ? 'LATEST' : 'TRIM_HORIZON' });
    }
    firstListing = false;
    // Shards trimmed from the stream after being read to their end need no memory any more.
    for (const [id, state] of shards) if (state.done && !listedIds.has(id)) shards.delete(id);

    let progressed = false;
    for (const shard of orderParentsFirst(listed)) {
      const id = shard.ShardId as string;
      const state = shards.get(id);
      if (!state || state.done) continue;
      const parent = shard.ParentShardId ? shards.get(shard.ParentShardId) : undefined;
      if (parent && !parent.done) continue;
      for (;;) {
        if (signal?.aborted) return;
        state.iterator ??= await shardIterator(streams, streamArn, id, state);
        if (!state.iterator) {
          state.done = true;
          break;
        }
        let page: Awaited<ReturnType<typeof getRecords>>;
        try {
          page = await getRecords(streams, state.iterator);
        } catch (error) {
          if ((error as Error).name !== 'ExpiredIteratorException') throw error;
          state.iterator = null; // iterators last 15 minutes; take a new one after the last record read
          continue;
        }
        for (const record of page.records) {
          state.sequence = record.dynamodb?.SequenceNumber ?? state.sequence;
          progressed = true;
          const change = await toChange(record, sources, encodeStreamCursor(positionOf(streamArn, shards)));
          if (change) yield change;
          if (signal?.aborted) return;
        }
        state.iterator = page.next;
        if (!page.next) {
          state.done = true;
          break;
        }
        if (!page.records.length) break; // caught up on this open shard
      }
    }
    if (!progressed) {
      if (options.follow === false) return;
      await sleep(options.pollIntervalMs ?? 1_000, signal);
    }
  }
}

async function latestStreamArn(sources: ChangeSources): Promise<string> {
  const { Table } = await sources.client.send(new DescribeTableCommand({ TableName: sources.tableName }));
  if (!Table?.LatestStreamArn || Table.StreamSpecification?.StreamEnabled === false) {
    throw new FeedloomError('STREAM_UNAVAILABLE', `table ${sources.tableName} has no stream (dynalite has none; use DynamoDB or DynamoDB Local)`);
  }
  return Table.LatestStreamArn;
}

async function listShards(streams: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
    shards.push(...(StreamDescription?.Shards ?? []));
    start = StreamDescription?.LastEvaluatedShardId;
  } while (start);
  return shards;
}

/** Shards ordered so that a parent always comes before its children. */
function orderParentsFirst(shards: readonly Shard[]): Shard[] {
  const byId = new Map(shards.map((shard) => [shard.ShardId as string, shard]));
  const ordered: Shard[] = [];
  const seen = new Set<string>();
  const visit = (shard: Shard): void => {
    const id = shard.ShardId as string;
    if (seen.has(id)) return;
    seen.add(id);
    const parent = shard.ParentShardId ? byId.get(shard.ParentShardId) : undefined;
    if (parent) visit(parent);
    ordered.push(shard);
  };
  for (const shard of shards) visit(shard);
  return ordered;
}

async function shardIterator(streams: DynamoDBStreamsClient, streamArn: string, shardId: string, state: ShardState): Promise<string | null> {
  const type: ShardIteratorType = state.sequence ? 'AFTER_SEQUENCE_NUMBER' : state.start;
  try {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        ...(state.sequence ? { SequenceNumber: state.sequence } : {}),
      }),
    );
    return ShardIterator ?? null;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TrimmedDataAccessException') {
      throw new FeedloomError('STREAM_TRIMMED', 'the stream no longer holds the records after this cursor (kept 24 h); re-read with the list queries', {
        cause: error,
      });
    }
    if (name === 'ResourceNotFoundException') return null; // the shard was trimmed away entirely
    throw error;
  }
}

async function getRecords(streams: DynamoDBStreamsClient, iterator: string): Promise<{ records: StreamRecord[]; next: string | null }> {
  const { Records, NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
  return { records: Records ?? [], next: NextShardIterator ?? null };
}

function positionOf(streamArn: string, shards: Map<string, ShardState>): StreamPosition {
  const sequences: Record<string, string> = {};
  const done: string[] = [];
  for (const [id, state] of shards) {
    if (state.done) done.push(id);
    else if (state.sequence) sequences[id] = state.sequence;
  }
  return { streamArn, sequences, done };
}

async function toChange(record: StreamRecord, sources: ChangeSources, cursor: string): Promise<ArticleChange | null> {
  const data = record.dynamodb;
  if (!data?.Keys || !data.SequenceNumber) return null;
  const keys = unmarshall(data.Keys as never) as ArticleItem;
  const common: ChangeCommon = {
    id: String(keys.id),
    sequenceNumber: data.SequenceNumber,
    at: data.ApproximateCreationDateTime ? new Date(data.ApproximateCreationDateTime).toISOString() : null,
    cursor,
  };
  const oldItem = data.OldImage ? (unmarshall(data.OldImage as never) as ArticleItem) : null;
  const newItem = data.NewImage ? (unmarshall(data.NewImage as never) as ArticleItem) : null;
  const revisionOf = (item: ArticleItem | null): number | null => (typeof item?.revision === 'number' ? item.revision : null);
  if (record.eventName === 'REMOVE') {
    const expired = record.userIdentity?.Type === 'Service' && record.userIdentity.PrincipalId === 'dynamodb.amazonaws.com';
    return { ...common, type: 'REMOVE', oldRevision: revisionOf(oldItem), newRevision: null, article: null, expired };
  }
  if (!newItem) throw new FeedloomError('STREAM_VIEW_TYPE', 'stream records carry no new image: the stream must be NEW_AND_OLD_IMAGES');
  const article = await loadArticle(newItem, sources.bodies);
  if (!article) {
    throw new FeedloomError(
      'BODY_MISSING',
      `article ${common.id} revision ${String(newItem.revision)}: its offloaded body is gone (record older than the body's grace period)`,
    );
  }
  if (record.eventName === 'INSERT') return { ...common, type: 'INSERT', oldRevision: null, newRevision: article.revision, article };
  const oldRevision = revisionOf(oldItem);
  if (oldRevision === null) throw new FeedloomError('STREAM_VIEW_TYPE', 'MODIFY records carry no old image: the stream must be NEW_AND_OLD_IMAGES');
  const previousContentHash = typeof newItem.previousContentHash === 'string' ? newItem.previousContentHash : null;
  return { ...common, type: 'MODIFY', oldRevision, newRevision: article.revision, previousContentHash, article };
}
