import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAttemptsLedger } from '../../../shared/adapters/dynamodb/attempts-ledger';
import { ensureTables } from '../../../shared/adapters/dynamodb/ensure-tables';
import { deliveryPk, HOSTS } from '../../../shared/adapters/dynamodb/table-design';
import { ENGINES, type EngineClients, engineClients, uniqueTableNames } from '../../support/dynamodb-engines';

// The SQS handlers' failure budget (delivery-policy.ts): failed attempts counted apart from receives.
describe.each(ENGINES)('DynamoAttemptsLedger on %s', (engine) => {
  let clients: EngineClients;
  let table: string;

  beforeAll(async () => {
    clients = engineClients(engine);
    const names = uniqueTableNames('attempts-ledger');
    await ensureTables(clients.client, names);
    table = names.hosts;
  });
  afterAll(() => clients?.destroy());

  it('counts the failures of each message apart, takes a count back, with a TTL past the queue retention', async () => {
    const ledger = new DynamoAttemptsLedger({ client: clients.documents, tableName: table, keepSeconds: 11 * 86_400 });
    expect(await ledger.countFailure('m-1', 1_000_000_000_000)).toBe(1);
    expect(await ledger.countFailure('m-1', 1_000_000_030_000)).toBe(2);
    expect(await ledger.countFailure('m-2', 1_000_000_000_000)).toBe(1);
    // A redelivery counted ahead that ended in a wait is taken back.
    await ledger.uncountFailure('m-1', 1_000_000_060_000);
    expect(await ledger.countFailure('m-1', 1_000_000_060_000)).toBe(2);
    expect(await ledger.countFailure('m-2', 1_000_000_000_000)).toBe(2);
    const { Item } = await clients.documents.send(new GetCommand({ TableName: table, Key: { pk: deliveryPk('m-1'), sk: 'ATTEMPTS' } }));
    expect(Item?.[HOSTS.ttlAttribute]).toBe(1_000_000_060 + 11 * 86_400);
  });
});
