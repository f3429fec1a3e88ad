import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SiteHealthStore } from '../../ingestion/ports';
import type { SiteDay, SiteObservation } from '../../ingestion/site-health';
import { SITE_HEALTH } from './table-design';

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * SiteHealthStore on DynamoDB: one item per day and site, every stored article one UpdateItem
 * with ADD (atomic, no read, 1 write unit: the item stays far under 1 KB). The first increment of
 * a day also sets the item's expiry.
 */
export class DynamoSiteHealthStore implements SiteHealthStore {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async record(observation: SiteObservation): Promise<void> {
    const counter = SITE_HEALTH.counters[observation.status];
    const expiresAt = Math.floor(Date.parse(`${observation.day}T00:00:00Z`) / 1000) + SITE_HEALTH.retentionDays * 86_400;
    await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: { [SITE_HEALTH.partitionKey]: observation.day, [SITE_HEALTH.sortKey]: observation.host },
        UpdateExpression: 'ADD #counter :one, #words :words SET #expires = if_not_exists(#expires, :expires)',
        ExpressionAttributeNames: { '#counter': counter, '#words': SITE_HEALTH.wordsAttribute, '#expires': SITE_HEALTH.ttlAttribute },
        ExpressionAttributeValues: { ':one': 1, ':words': observation.words, ':expires': expiresAt },
      }),
    );
  }

  async listDays(days: readonly string[]): Promise<SiteDay[]> {
    const rows: SiteDay[] = [];
    for (const day of days) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.options.client.send(
          new QueryCommand({
            TableName: this.options.tableName,
            KeyConditionExpression: '#day = :day',
            ExpressionAttributeNames: { '#day': SITE_HEALTH.partitionKey },
            ExpressionAttributeValues: { ':day': day },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          rows.push({
            day,
            host: String(item[SITE_HEALTH.sortKey]),
            extracted: num(item[SITE_HEALTH.counters.extracted]),
            feedOnly: num(item[SITE_HEALTH.counters['feed-only']]),
            failed: num(item[SITE_HEALTH.counters.failed]),
            words: num(item[SITE_HEALTH.wordsAttribute]),
          });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return rows;
  }
}
