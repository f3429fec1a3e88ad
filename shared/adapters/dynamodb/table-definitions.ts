import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { ARTICLES, FEEDS, type TableNames } from './table-design';

/**
 * CreateTable inputs for local engines (dynalite, DynamoDB Local), derived from table-design.ts,
 * the same source the CDK stack reads. On-demand billing; the Articles stream carries new and old
 * images where the engine supports streams.
 */
export function tableDefinitions(names: TableNames): CreateTableCommandInput[] {
  const { byUrl, byFeed, byTime } = ARTICLES.indexes;
  const { byDue } = FEEDS.indexes;
  const all = { ProjectionType: 'ALL' as const };
  return [
    {
      TableName: names.articles,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: ARTICLES.partitionKey, AttributeType: 'S' },
        { AttributeName: byUrl.partitionKey, AttributeType: 'S' },
        { AttributeName: byFeed.partitionKey, AttributeType: 'S' },
        { AttributeName: byFeed.sortKey, AttributeType: 'S' },
        { AttributeName: byTime.partitionKey, AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: ARTICLES.partitionKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        { IndexName: byUrl.name, KeySchema: [{ AttributeName: byUrl.partitionKey, KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        {
          IndexName: byFeed.name,
          KeySchema: [
            { AttributeName: byFeed.partitionKey, KeyType: 'HASH' },
            { AttributeName: byFeed.sortKey, KeyType: 'RANGE' },
          ],
          Projection: all,
        },
        {
          IndexName: byTime.name,
          KeySchema: [
            { AttributeName: byTime.partitionKey, KeyType: 'HASH' },
            { AttributeName: byTime.sortKey, KeyType: 'RANGE' },
          ],
          Projection: all,
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    },
    {
      TableName: names.feeds,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: FEEDS.partitionKey, AttributeType: 'S' },
        { AttributeName: FEEDS.sortKey, AttributeType: 'S' },
        { AttributeName: byDue.partitionKey, AttributeType: 'S' },
        { AttributeName: byDue.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: FEEDS.partitionKey, KeyType: 'HASH' },
        { AttributeName: FEEDS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: byDue.name,
          KeySchema: [
            { AttributeName: byDue.partitionKey, KeyType: 'HASH' },
            { AttributeName: byDue.sortKey, KeyType: 'RANGE' },
          ],
          Projection: all,
        },
      ],
    },
  ];
}
