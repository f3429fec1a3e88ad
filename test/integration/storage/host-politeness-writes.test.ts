import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoHostPoliteness } from '../../../shared/adapters/dynamodb/dynamo-host-politeness';
import { ensureTables } from '../../../shared/adapters/dynamodb/ensure-tables';
import type { HostSlotAttempt } from '../../../shared/ingestion/host-politeness';
import { ENGINES, type EngineClients, engineClients, uniqueTableNames } from '../../support/dynamodb-engines';

// The Hosts-table traffic of one request is a cost line (docs/scaling.md "Shared politeness"): these
// tests count the operations each worker sends, on dynalite and on DynamoDB Local.
describe.each(ENGINES)('DynamoHostPoliteness traffic on %s', (engine) => {
  const workers: EngineClients[] = [];
  let table: string;
  let now = 10_000_000;
  const clock = (): number => now;
  const worker = (): { politeness: DynamoHostPoliteness; clients: EngineClients } => {
    const clients = engineClients(engine);
    workers.push(clients);
    return { politeness: new DynamoHostPoliteness({ client: clients.documents, tableName: table, now: clock }), clients };
  };
  const SLOT = { limit: 2, minGapMs: 0, leaseMs: 30_000 };
  const leaseOf = (attempt: HostSlotAttempt) => {
    if (!attempt.granted) throw new Error(`not granted: ${attempt.reason}`);
    return attempt.lease;
  };

  beforeAll(async () => {
    const admin = engineClients(engine);
    workers.push(admin);
    const names = uniqueTableNames('politeness-writes');
    await ensureTables(admin.client, names);
    table = names.hosts;
  });
  afterAll(() => {
    for (const clients of workers) clients.destroy();
  });

  it('takes and gives back a free slot with one write each and no read', async () => {
    const { politeness, clients } = worker();
    for (let i = 0; i < 5; i++) await leaseOf(await politeness.tryAcquire('quiet.test', SLOT)).release();
    expect(clients.commands).toEqual(Array(10).fill('UpdateItemCommand'));
    expect(clients.errors).toEqual([]);
  });

  it("takes a worker's second slot with one write: it never bids for the slot it holds", async () => {
    const { politeness, clients } = worker();
    for (let round = 0; round < 5; round++) {
      const host = `two-${round}.test`;
      const first = leaseOf(await politeness.tryAcquire(host, SLOT));
      const second = leaseOf(await politeness.tryAcquire(host, SLOT));
      expect(await politeness.tryAcquire(host, SLOT)).toEqual({ granted: false, reason: 'busy', retryInMs: null });
      await first.release();
      await second.release();
    }
    // Per round: two takes and two releases; the third try knows it holds every slot and sends nothing.
    expect(clients.commands).toEqual(Array(5 * 4).fill('UpdateItemCommand'));
    expect(clients.errors).toEqual([]);
  });

  it('tells busy, pace and cooldown apart after a refused write, reading the item only where the server does not return it', async () => {
    const a = worker();
    const b = worker();
    const busyOne = { limit: 1, minGapMs: 0, leaseMs: 30_000 };
    const held = leaseOf(await a.politeness.tryAcquire('busy.test', busyOne));
    expect(await b.politeness.tryAcquire('busy.test', busyOne)).toEqual({ granted: false, reason: 'busy', retryInMs: null });
    await held.release();
    expect((await b.politeness.tryAcquire('busy.test', busyOne)).granted).toBe(true);

    const paced = { limit: 2, minGapMs: 3_000, leaseMs: 30_000 };
    leaseOf(await a.politeness.tryAcquire('gap.test', paced));
    expect(await b.politeness.tryAcquire('gap.test', paced)).toEqual({ granted: false, reason: 'pace', retryInMs: 3_000 });

    await a.politeness.coolDown('cool.test', now + 60_000);
    expect(await b.politeness.tryAcquire('cool.test', SLOT)).toEqual({ granted: false, reason: 'cooldown', retryInMs: 60_000 });
    now += 60_000;
    expect((await b.politeness.tryAcquire('cool.test', SLOT)).granted).toBe(true);

    // Three refused writes (busy, pace, cooldown): DynamoDB returns the item with a refusal
    // (ReturnValuesOnConditionCheckFailure), dynalite does not, so there the worker reads it; and
    // the second try on busy.test, within seconds of its refusal, read the item before writing.
    const reads = b.clients.commands.filter((name) => name === 'GetItemCommand').length;
    expect(reads).toBe(engine === 'dynalite' ? 4 : 1);
  });

  it('while it waits on a busy host, a worker reads instead of sending writes that would be refused', async () => {
    const a = worker();
    const b = worker();
    const one = { limit: 1, minGapMs: 0, leaseMs: 30_000 };
    const held = leaseOf(await a.politeness.tryAcquire('crowded.test', one));
    expect((await b.politeness.tryAcquire('crowded.test', one)).granted).toBe(false);
    const writesAfterRefusal = b.clients.commands.filter((name) => name === 'UpdateItemCommand').length;
    expect(writesAfterRefusal).toBe(1);
    for (let i = 0; i < 3; i++) {
      now += 200;
      expect(await b.politeness.tryAcquire('crowded.test', one)).toEqual({ granted: false, reason: 'busy', retryInMs: null });
    }
    expect(b.clients.commands.filter((name) => name === 'UpdateItemCommand')).toHaveLength(writesAfterRefusal);
    await held.release();
    expect((await b.politeness.tryAcquire('crowded.test', one)).granted).toBe(true);
    expect(b.clients.errors).toEqual(['ConditionalCheckFailedException']);
  });
});
