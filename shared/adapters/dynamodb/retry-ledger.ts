import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ExtractArticleJobSchema } from '../../ingestion/jobs';
import type { ArticleRetryLedger, ScheduledRetry } from '../../ingestion/ports';
import { StoredRecordError } from '../../ingestion/stored-record-error';
import { readStoredRecord } from './read-stored-record';
import { feedPk, retrySk } from './table-design';

const RetryItemSchema = z.object({ feedId: z.string(), itemId: z.string(), dueAt: z.string(), job: ExtractArticleJobSchema });

/**
 * The retry ledger on DynamoDB: one item per waiting page in its feed's partition of the Feeds table
 * (`sk` `RETRY#<itemId>`), so a feed's refresh reads its own due retries with one Query and removing
 * a feed removes them too.
 */
export class DynamoRetryLedger implements ArticleRetryLedger {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async schedule(retry: ScheduledRetry): Promise<void> {
    const valid = RetryItemSchema.parse(retry);
    await this.options.client.send(
      new PutCommand({ TableName: this.options.tableName, Item: { ...valid, pk: feedPk(valid.feedId), sk: retrySk(valid.itemId) } }),
    );
  }

  async due(feedId: string, dueBy: Date, limit: number): Promise<{ retries: ScheduledRetry[]; unreadable: StoredRecordError[] }> {
    const found: ScheduledRetry[] = [];
    const unreadable: StoredRecordError[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: 'dueAt <= :by',
          ExpressionAttributeValues: { ':pk': feedPk(feedId), ':prefix': retrySk(''), ':by': dueBy.toISOString() },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) {
        const retry = readStoredRecord(RetryItemSchema, item, 'retry');
        if (retry instanceof StoredRecordError) unreadable.push(retry);
        else found.push(retry);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return { retries: found.sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, limit), unreadable };
  }

  async remove(retry: ScheduledRetry): Promise<void> {
    await this.options.client
      .send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: { pk: feedPk(retry.feedId), sk: retrySk(retry.itemId) },
          // A newer entry for the page (scheduled since it was read) stays.
          ConditionExpression: 'dueAt = :dueAt',
          ExpressionAttributeValues: { ':dueAt': retry.dueAt },
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }
}
