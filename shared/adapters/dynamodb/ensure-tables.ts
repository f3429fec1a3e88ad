import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { FeedloomError } from '../../errors';
import { tableDefinitions, timeToLiveAttributes } from './table-definitions';
import type { TableNames } from './table-design';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates Feedloom's tables when missing, waits until they are active, checks that an existing
 * table has the indexes this version reads, and enables TTL where the engine supports it
 * (DynamoDB Local does, dynalite does not). For local engines; the CDK stack owns deployed tables.
 */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  for (const definition of tableDefinitions(names)) {
    const name = definition.TableName as string;
    let table = await describe(client, name);
    if (!table) {
      try {
        await client.send(new CreateTableCommand(definition));
      } catch (error) {
        if ((error as Error).name !== 'ResourceInUseException') throw error;
      }
    }
    for (let i = 0; i < 600; i++) {
      table = await describe(client, name);
      const indexesReady = (table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === undefined || index.IndexStatus === 'ACTIVE');
      if (table?.TableStatus === 'ACTIVE' && indexesReady) break;
      await sleep(50);
    }
    const present = new Set((table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = (definition.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).filter((index) => !present.has(index));
    if (missing.length) {
      throw new FeedloomError(
        'TABLE_LAYOUT_MISMATCH',
        `table ${name} lacks the index(es) ${missing.join(', ')}: it was created by another version of Feedloom`,
      );
    }
  }
  for (const { tableName, attributeName } of timeToLiveAttributes(names)) await enableTimeToLive(client, tableName, attributeName);
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | null> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table ?? null;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return null;
    throw error;
  }
}

// dynalite has no TTL API at all ("UnknownOperationException"): there, items with `expiresAt`
// simply stay, which is what "keep forever" means anyway.
async function enableTimeToLive(client: DynamoDBClient, tableName: string, attributeName: string): Promise<void> {
  try {
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED' || TimeToLiveDescription?.TimeToLiveStatus === 'ENABLING') return;
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true } }));
  } catch (error) {
    if ((error as Error).name === 'UnknownOperationException') return;
    throw error;
  }
}

/** Checks that Feedloom's tables exist (a deployed stack); never creates them. */
export async function verifyTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  for (const definition of tableDefinitions(names)) {
    const name = definition.TableName as string;
    if (!(await describe(client, name))) {
      throw new FeedloomError(
        'TABLE_NOT_FOUND',
        `table ${name} does not exist (set FEEDLOOM_ARTICLES_TABLE, FEEDLOOM_FEEDS_TABLE, FEEDLOOM_BODIES_TABLE, FEEDLOOM_HOSTS_TABLE and FEEDLOOM_SITE_HEALTH_TABLE to the deployed names)`,
      );
    }
  }
}
