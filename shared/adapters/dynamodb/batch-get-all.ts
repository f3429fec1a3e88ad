import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FeedloomError } from '../../errors';
import { backoffMs, sleep } from './backoff';
import { MAX_BATCH_ROUNDS } from './batch-write-all';

/** Most keys one BatchGetItem call takes. */
export const BATCH_GET_SIZE = 100;

/**
 * Reads the items of `keys` in batches of 100, retrying `UnprocessedKeys` (a response is capped at
 * 16 MB, and throttled keys come back unprocessed) with backoff until every key is answered.
 * Returns the items found, in no particular order; missing keys are simply absent.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: { consistentRead?: boolean; maxRounds?: number } = {},
): Promise<Record<string, unknown>[]> {
  const maxRounds = options.maxRounds ?? MAX_BATCH_ROUNDS;
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_SIZE) {
    let pending = keys.slice(start, start + BATCH_GET_SIZE);
    for (let round = 0; pending.length; round++) {
      if (round >= maxRounds) {
        throw new FeedloomError('BATCH_UNPROCESSED', `BatchGetItem left ${pending.length} keys of ${tableName} unprocessed after ${maxRounds} rounds`, {
          retryable: true,
        });
      }
      if (round) await sleep(backoffMs(round));
      const result = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ...(options.consistentRead ? { ConsistentRead: true } : {}) } } }),
      );
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return found;
}
