import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FeedloomError } from '../../errors';
import { backoffMs, sleep } from './backoff';

/** Most requests one BatchWriteItem call takes. */
export const BATCH_WRITE_SIZE = 25;
/** Rounds of retrying unprocessed requests before the whole call fails. */
export const MAX_BATCH_ROUNDS = 10;

/** One put or delete of a BatchWriteItem call. */
export type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Writes every request in batches of 25. BatchWriteItem may leave some unprocessed (throttling,
 * size): they are sent again with exponential backoff and jitter, never dropped; when they are
 * still left after the last round the call fails with a retryable error so the job is retried.
 */
export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  options: { maxRounds?: number } = {},
): Promise<void> {
  const maxRounds = options.maxRounds ?? MAX_BATCH_ROUNDS;
  for (let start = 0; start < requests.length; start += BATCH_WRITE_SIZE) {
    let pending: WriteRequest[] = requests.slice(start, start + BATCH_WRITE_SIZE);
    for (let round = 0; pending.length; round++) {
      if (round >= maxRounds) {
        throw new FeedloomError('BATCH_UNPROCESSED', `BatchWriteItem left ${pending.length} writes to ${tableName} unprocessed after ${maxRounds} rounds`, {
          retryable: true,
        });
      }
      if (round) await sleep(backoffMs(round));
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] as WriteRequest[] | undefined) ?? [];
    }
  }
}
