import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { ARTICLES, BODIES, bodiesTableName, FEEDS, HOSTS, hostsTableName, SITE_HEALTH, siteHealthTableName, type TableNames } from './table-design';

/**
 * CreateTable inputs for local engines (dynalite, DynamoDB Local), derived from table-design.ts,
 * the same source the CDK stack reads. On-demand billing; the Articles stream carries new and old
 * images where the engine supports streams. TTL is not part of CreateTable: ensureTables enables it.
 */
export function tableDefinitions(names: TableNames): CreateTableCommandInput[] {
  const { byUrl, byFeed, byTime } = ARTICLES.indexes;
  const { byDue } = FEEDS.indexes;
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
        { IndexName: byUrl.name, KeySchema: [{ AttributeName: byUrl.partitionKey, KeyType: 'HASH' }], Projection: { ProjectionType: byUrl.projection } },
        {
          IndexName: byFeed.name,
          KeySchema: [
            { AttributeName: byFeed.partitionKey, KeyType: 'HASH' },
            { AttributeName: byFeed.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: byFeed.projection },
        },
        {
          IndexName: byTime.name,
          KeySchema: [
            { AttributeName: byTime.partitionKey, KeyType: 'HASH' },
            { AttributeName: byTime.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: byTime.projection },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: ARTICLES.streamViewType },
    },
    {
      TableName: bodiesTableName(names),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: BODIES.partitionKey, AttributeType: 'S' },
        { AttributeName: BODIES.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: BODIES.partitionKey, KeyType: 'HASH' },
        { AttributeName: BODIES.sortKey, KeyType: 'RANGE' },
      ],
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
          Projection: { ProjectionType: byDue.projection },
        },
      ],
    },
    {
      TableName: hostsTableName(names),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: HOSTS.partitionKey, AttributeType: 'S' },
        { AttributeName: HOSTS.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: HOSTS.partitionKey, KeyType: 'HASH' },
        { AttributeName: HOSTS.sortKey, KeyType: 'RANGE' },
      ],
    },
    {
      TableName: siteHealthTableName(names),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: SITE_HEALTH.partitionKey, AttributeType: 'S' },
        { AttributeName: SITE_HEALTH.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: SITE_HEALTH.partitionKey, KeyType: 'HASH' },
        { AttributeName: SITE_HEALTH.sortKey, KeyType: 'RANGE' },
      ],
    },
  ];
}

/** The TTL attribute of each table that has one, for engines (and stacks) that enable TTL. */
export function timeToLiveAttributes(names: TableNames): { tableName: string; attributeName: string }[] {
  return [
    { tableName: names.articles, attributeName: ARTICLES.ttlAttribute },
    { tableName: bodiesTableName(names), attributeName: BODIES.ttlAttribute },
    { tableName: hostsTableName(names), attributeName: HOSTS.ttlAttribute },
    { tableName: siteHealthTableName(names), attributeName: SITE_HEALTH.ttlAttribute },
  ];
}
