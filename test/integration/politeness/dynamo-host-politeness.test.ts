import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients, type DynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { DynamoHostPoliteness } from '../../../shared/adapters/dynamodb/dynamo-host-politeness';
import { ensureTables } from '../../../shared/adapters/dynamodb/ensure-tables';
import { HOSTS, hostPk } from '../../../shared/adapters/dynamodb/table-design';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { InMemoryHostPoliteness } from '../../../shared/adapters/http/in-memory-host-politeness';
import { waitForHostSlot } from '../../../shared/adapters/http/wait-for-host-slot';
import { FetchError } from '../../../shared/ingestion/fetch-error';
import type { HostPoliteness } from '../../../shared/ingestion/host-politeness';
import { type DynamoProcess, startDynamoProcess } from '../../security/support/dynamo-process';

// A standalone dynalite server process, shared by every worker of these tests as the Lambda
// environments and `feedloom run --endpoint` processes share one DynamoDB.
let dynamo: DynamoProcess;
const clients: DynamoClients[] = [];
let tableCount = 0;

function newClients(): DynamoClients {
  const made = createDynamoClients({ endpoint: dynamo.endpoint, maxAttempts: 3 });
  clients.push(made);
  return made;
}

/** A fresh Hosts table and a factory of independent workers on it (each with its own SDK client). */
async function freshTable(): Promise<{ table: string; worker(now?: () => number): DynamoHostPoliteness }> {
  const names = { articles: `articles-${++tableCount}`, feeds: `feeds-${tableCount}`, hosts: `hosts-${tableCount}` };
  await ensureTables(newClients().client, names);
  return { table: names.hosts, worker: (now) => new DynamoHostPoliteness({ client: newClients().documents, tableName: names.hosts, ...(now ? { now } : {}) }) };
}

const SLOT = { limit: 2, minGapMs: 0, leaseMs: 30_000 };

beforeAll(async () => {
  dynamo = await startDynamoProcess();
});

afterAll(async () => {
  for (const made of clients) made.client.destroy();
  await dynamo?.stop();
});

describe('DynamoHostPoliteness on a standalone dynalite', () => {
  it('grants `limit` slots to separate workers, refuses the next, and frees a slot on release', async () => {
    const { worker } = await freshTable();
    const [a, b, c] = [worker(), worker(), worker()];
    const first = await a.tryAcquire('news.test', SLOT);
    const second = await b.tryAcquire('news.test', SLOT);
    expect([first.granted, second.granted]).toEqual([true, true]);
    expect(await c.tryAcquire('news.test', SLOT)).toEqual({ granted: false, reason: 'busy', retryInMs: null });
    // Another host is not affected.
    expect((await c.tryAcquire('other.test', SLOT)).granted).toBe(true);
    if (first.granted) await first.lease.release();
    expect((await c.tryAcquire('news.test', SLOT)).granted).toBe(true);
  });

  it('lets at most `limit` of many simultaneous tries win (conditional writes decide the race)', async () => {
    const { worker } = await freshTable();
    const workers = Array.from({ length: 6 }, () => worker());
    for (let round = 0; round < 10; round++) {
      const host = `race-${round}.test`;
      // 18 tries read the same empty item at once and race for its 2 slots.
      const attempts = await Promise.all(workers.flatMap((w) => [w.tryAcquire(host, SLOT), w.tryAcquire(host, SLOT), w.tryAcquire(host, SLOT)]));
      const granted = attempts.filter((attempt) => attempt.granted).length;
      expect(granted).toBeGreaterThanOrEqual(1);
      expect(granted).toBeLessThanOrEqual(2);
      expect(attempts.filter((attempt) => !attempt.granted).every((attempt) => !attempt.granted && attempt.reason === 'busy')).toBe(true);
      // Whoever lost is refused as long as both slots are held.
      const late = await workers[0]?.tryAcquire(host, SLOT);
      if (granted === 2) expect(late?.granted).toBe(false);
      else expect(late?.granted).toBe(true);
    }
  });

  it('frees the slot of a worker killed while holding it once its lease lapses, and not before', async () => {
    const { table, worker } = await freshTable();
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const tsx = pathToFileURL(createRequire(`${root}package.json`).resolve('tsx')).href.replace(/\/dist\/[^/]+$/, '/dist/loader.mjs');
    const child = spawn(
      process.execPath,
      ['--import', tsx, fileURLToPath(new URL('support/hold-host-slot.ts', import.meta.url)), dynamo.endpoint, table, 'crash.test', '4000'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    expect(JSON.parse(line)).toEqual({ granted: true });
    process.kill(child.pid as number, 'SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const survivor = worker();
    const one = { limit: 1, minGapMs: 0, leaseMs: 30_000 };
    expect(await survivor.tryAcquire('crash.test', one)).toMatchObject({ granted: false, reason: 'busy' });
    const { Item } = await newClients().documents.send(
      new GetCommand({ TableName: table, Key: { pk: hostPk('crash.test'), sk: HOSTS.slotsSk }, ConsistentRead: true }),
    );
    const lapsesAt = Item?.lease0 as number;
    expect(Item?.[HOSTS.ttlAttribute]).toBeGreaterThan(lapsesAt / 1000);
    // Waiting (with backoff, never a busy loop) gets the slot, at or after the dead worker's lease end.
    let tries = 0;
    const counting: HostPoliteness = {
      tryAcquire: (host, request) => {
        tries++;
        return survivor.tryAcquire(host, request);
      },
      coolDown: (host, until) => survivor.coolDown(host, until),
    };
    const lease = await waitForHostSlot(counting, 'crash.test', { ...one, maxWaitMs: 20_000, hop: 0 });
    expect(Date.now()).toBeGreaterThanOrEqual(lapsesAt);
    expect(tries).toBeLessThan(30);
    await lease.release();
  });

  it('never lets the release of a lapsed lease free the slot someone else took since', async () => {
    const { worker } = await freshTable();
    let now = 1_000_000;
    const clock = (): number => now;
    const [slow, next, third] = [worker(clock), worker(clock), worker(clock)];
    const one = { limit: 1, minGapMs: 0, leaseMs: 1_000 };
    const stale = await slow.tryAcquire('lapse.test', one);
    expect(stale.granted).toBe(true);
    now += 1_001;
    const taken = await next.tryAcquire('lapse.test', one);
    expect(taken.granted).toBe(true);
    if (stale.granted) await stale.lease.release();
    expect(await third.tryAcquire('lapse.test', one)).toMatchObject({ granted: false, reason: 'busy' });
  });

  it('spaces request starts by the minimum gap and shares a Retry-After cooldown, which a shorter one never cuts', async () => {
    const { worker } = await freshTable();
    let now = 5_000_000;
    const clock = (): number => now;
    const [a, b] = [worker(clock), worker(clock)];
    const paced = { limit: 2, minGapMs: 3_000, leaseMs: 30_000 };
    expect((await a.tryAcquire('gap.test', paced)).granted).toBe(true);
    expect(await b.tryAcquire('gap.test', paced)).toEqual({ granted: false, reason: 'pace', retryInMs: 3_000 });
    now += 3_000;
    expect((await b.tryAcquire('gap.test', paced)).granted).toBe(true);

    await a.coolDown('cool.test', now + 60_000);
    await b.coolDown('cool.test', now + 10_000);
    expect(await b.tryAcquire('cool.test', SLOT)).toEqual({ granted: false, reason: 'cooldown', retryInMs: 60_000 });
    now += 60_000;
    expect((await b.tryAcquire('cool.test', SLOT)).granted).toBe(true);
  });
});

describe('waiting for a slot', () => {
  it('hands the job back with HOST_COOLDOWN and a delay when every slot stays taken past the wait', async () => {
    const politeness = new InMemoryHostPoliteness();
    const held = await politeness.tryAcquire('busy.test', { limit: 1, minGapMs: 0, leaseMs: 60_000 });
    expect(held.granted).toBe(true);
    const error = await waitForHostSlot(politeness, 'busy.test', { limit: 1, minGapMs: 0, leaseMs: 60_000, maxWaitMs: 300, hop: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ code: 'HOST_COOLDOWN', retryable: true });
    expect((error as FetchError).retryAfterMs).toBeGreaterThanOrEqual(1_000);
  });
});

describe('two guarded clients sharing one DynamoDB politeness store', () => {
  let server: Server;
  let origin = '';
  let inFlight = 0;
  let maxInFlight = 0;
  let served = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        served++;
        res.end('ok');
      }, 100);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('never have more than 2 requests in flight on the host between them, and complete every request', async () => {
    const { worker } = await freshTable();
    const client = () => createGuardedHttpClient({ userAgent: 'Feedloom-test/1', allowPrivateNetwork: true, politeness: worker(), maxSlotWaitMs: 30_000 });
    const [one, two] = [client(), client()];
    const requests = Array.from({ length: 16 }, (_, i) => (i % 2 ? one : two).get({ url: `${origin}/page/${i}` }));
    const responses = await Promise.all(requests);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(served).toBe(16);
    expect(maxInFlight).toBe(2);
  });
});
