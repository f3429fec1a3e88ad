import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../../../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables, verifyTables } from '../../../shared/adapters/dynamodb/ensure-tables';

describe('verifyTables (remote endpoints: check, never create)', () => {
  let dynamo: EmbeddedDynamo;
  let clients: ReturnType<typeof createDynamoClients>;
  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo(null);
    clients = createDynamoClients({ endpoint: dynamo.endpoint });
  });
  afterAll(async () => {
    clients.client.destroy();
    await dynamo.close();
  });

  it('refuses missing tables with a typed error naming the variables to set, and creates nothing', async () => {
    const names = { articles: 'deployed-articles', feeds: 'deployed-feeds' };
    await expect(verifyTables(clients.client, names)).rejects.toMatchObject({ code: 'TABLE_NOT_FOUND', message: /FEEDLOOM_ARTICLES_TABLE/ });
    await expect(verifyTables(clients.client, names)).rejects.toMatchObject({ code: 'TABLE_NOT_FOUND' });
    await ensureTables(clients.client, names);
    await expect(verifyTables(clients.client, names)).resolves.toBeUndefined();
  });
});
