import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchGetAll } from '../../../shared/adapters/dynamodb/batch-get-all';
import { batchWriteAll, type WriteRequest } from '../../../shared/adapters/dynamodb/batch-write-all';
import { ENGINES, openTestTables, type TestTables } from '../../support/dynamodb-engines';

/**
 * A real client that, for its first `faults` batch calls, sends only part of each batch to the
 * server and reports the rest as unprocessed: what DynamoDB does under throttling, which no local
 * engine can be made to do. Everything that is sent is really written or read.
 */
function throttlingClient(real: DynamoDBDocumentClient, tableName: string, faults: number): { client: DynamoDBDocumentClient; calls: number[] } {
  const calls: number[] = [];
  let left = faults;
  const client = {
    send: async (command: unknown) => {
      if (command instanceof BatchWriteCommand) {
        const requests = command.input.RequestItems?.[tableName] ?? [];
        calls.push(requests.length);
        if (left-- <= 0) return real.send(command);
        const keep = requests.slice(0, Math.floor(requests.length / 2));
        const result = keep.length ? await real.send(new BatchWriteCommand({ RequestItems: { [tableName]: keep } })) : {};
        return { ...result, UnprocessedItems: { [tableName]: requests.slice(keep.length) } };
      }
      if (command instanceof BatchGetCommand) {
        const keys = command.input.RequestItems?.[tableName]?.Keys ?? [];
        calls.push(keys.length);
        if (left-- <= 0) return real.send(command);
        const keep = keys.slice(0, Math.floor(keys.length / 2));
        const result = keep.length ? await real.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keep } } })) : {};
        return { ...result, UnprocessedKeys: { [tableName]: { Keys: keys.slice(keep.length) } } };
      }
      return real.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, calls };
}

describe.each(ENGINES)('batch writes and reads under throttling on %s', (engine) => {
  let t: TestTables;
  const item = (n: number) => ({ pk: 'FEED#batch', sk: `ITEM#${String(n).padStart(3, '0')}`, n });

  beforeAll(async () => {
    t = await openTestTables(engine, 'batch');
  });
  afterAll(() => t.destroy());

  it('retries unprocessed writes until every one is written', async () => {
    const { client, calls } = throttlingClient(t.documents, t.names.feeds, 6);
    const requests: WriteRequest[] = Array.from({ length: 60 }, (_, n) => ({ PutRequest: { Item: item(n) } }));
    await batchWriteAll(client, t.names.feeds, requests);
    expect(calls.length).toBeGreaterThan(3); // 3 batches, plus the rounds for what was left over
    const stored = await batchGetAll(
      t.documents,
      t.names.feeds,
      requests.map((_, n) => ({ pk: 'FEED#batch', sk: item(n).sk })),
    );
    expect(stored.map((found) => found.n).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 60 }, (_, n) => n));
  });

  it('retries unprocessed keys until every item is read', async () => {
    const { client, calls } = throttlingClient(t.documents, t.names.feeds, 6);
    const keys = Array.from({ length: 60 }, (_, n) => ({ pk: 'FEED#batch', sk: item(n).sk }));
    const found = await batchGetAll(client, t.names.feeds, keys);
    expect(found).toHaveLength(60);
    expect(calls.length).toBeGreaterThan(1);
  });

  it('fails with a retryable BATCH_UNPROCESSED instead of dropping writes that stay unprocessed', async () => {
    const { client } = throttlingClient(t.documents, t.names.feeds, Number.POSITIVE_INFINITY);
    const requests: WriteRequest[] = Array.from({ length: 4 }, (_, n) => ({ PutRequest: { Item: item(100 + n) } }));
    await expect(batchWriteAll(client, t.names.feeds, requests, { maxRounds: 3 })).rejects.toMatchObject({ code: 'BATCH_UNPROCESSED', retryable: true });
  });
});
