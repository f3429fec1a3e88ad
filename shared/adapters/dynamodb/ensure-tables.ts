import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { tableDefinitions } from './table-definitions';
import type { TableNames } from './table-design';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates Feedloom's tables when missing and waits until they are active (local engines only). */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  for (const definition of tableDefinitions(names)) {
    const name = definition.TableName as string;
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException') throw error;
      try {
        await client.send(new CreateTableCommand(definition));
      } catch (createError) {
        if ((createError as Error).name !== 'ResourceInUseException') throw createError;
      }
    }
    for (let i = 0; i < 600; i++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === undefined || index.IndexStatus === 'ACTIVE');
      if (Table?.TableStatus === 'ACTIVE' && indexesReady) break;
      await sleep(50);
    }
  }
}
