import type { AttributeDefinition, CreateTableCommandInput, GlobalSecondaryIndex, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { ARTICLES, BODIES, bodiesTableName, FEEDS, HOSTS, hostsTableName, SITE_HEALTH, siteHealthTableName, type TableNames } from './table-design';

/** A key as table-design.ts states it: a string partition key, and a string sort key or none. */
interface KeyDesign {
  partitionKey: string;
  sortKey?: string | null;
}

interface IndexDesign extends KeyDesign {
  name: string;
  projection: 'KEYS_ONLY' | 'ALL';
}

/** The shape every table of table-design.ts shares: its key, and the global indexes it has. */
interface TableDesign extends KeyDesign {
  indexes?: Record<string, IndexDesign>;
}

function keySchema({ partitionKey, sortKey }: KeyDesign): KeySchemaElement[] {
  return [{ AttributeName: partitionKey, KeyType: 'HASH' }, ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : [])];
}

/** Every key attribute of the table and its indexes, each declared once (all are strings). */
function keyAttributes(keys: KeyDesign[]): AttributeDefinition[] {
  const names = new Set(keys.flatMap(({ partitionKey, sortKey }) => (sortKey ? [partitionKey, sortKey] : [partitionKey])));
  return [...names].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
}

/** An on-demand table with the key and global indexes of its design: one rule for all five tables. */
function keyedTable(tableName: string, design: TableDesign): CreateTableCommandInput {
  const indexes = Object.values(design.indexes ?? {});
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes([design, ...indexes]),
    KeySchema: keySchema(design),
    ...(indexes.length > 0
      ? {
          GlobalSecondaryIndexes: indexes.map(
            (index): GlobalSecondaryIndex => ({ IndexName: index.name, KeySchema: keySchema(index), Projection: { ProjectionType: index.projection } }),
          ),
        }
      : {}),
  };
}

/**
 * CreateTable inputs for local engines (dynalite, DynamoDB Local), derived from table-design.ts,
 * the same source the CDK stack reads. On-demand billing; the Articles stream carries new and old
 * images where the engine supports streams. TTL is not part of CreateTable: ensureTables enables it.
 */
export function tableDefinitions(names: TableNames): CreateTableCommandInput[] {
  return [
    { ...keyedTable(names.articles, ARTICLES), StreamSpecification: { StreamEnabled: true, StreamViewType: ARTICLES.streamViewType } },
    keyedTable(bodiesTableName(names), BODIES),
    keyedTable(names.feeds, FEEDS),
    keyedTable(hostsTableName(names), HOSTS),
    keyedTable(siteHealthTableName(names), SITE_HEALTH),
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
