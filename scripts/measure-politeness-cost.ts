// Counts the DynamoDB traffic of the shared host politeness (docs/scaling.md, "Shared politeness"):
// W workers (guarded HTTP clients, each with its own SDK client, as separate Lambda environments
// are) send N requests to one loopback host that answers after D ms, through DynamoHostPoliteness
// on dynalite; every Hosts-table operation is recorded with its outcome. Run once with 1 worker (no
// contention) and once with several (workers wait for the host's 2 slots).
//
//   npx tsx scripts/measure-politeness-cost.ts [--workers 4] [--requests 40] [--delay-ms 300] [--json FILE]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { createDynamoClients } from '../shared/adapters/dynamodb/create-dynamo-clients';
import { DynamoHostPoliteness } from '../shared/adapters/dynamodb/dynamo-host-politeness';
import { startEmbeddedDynamo } from '../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../shared/adapters/dynamodb/ensure-tables';
import { createGuardedHttpClient } from '../shared/adapters/http/guarded-http-client';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '4' },
    requests: { type: 'string', default: '40' },
    'delay-ms': { type: 'string', default: '300' },
    json: { type: 'string' },
  },
});
const workers = Number(values.workers);
const requests = Number(values.requests);
const delayMs = Number(values['delay-ms']);

let inFlight = 0;
let maxInFlight = 0;
const server = createServer((_req, res) => {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  setTimeout(() => {
    inFlight--;
    res.end('ok');
  }, delayMs);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const dynamo = await startEmbeddedDynamo(null);
const names = { articles: 'articles', feeds: 'feeds', hosts: 'hosts' };
const admin = createDynamoClients({ endpoint: dynamo.endpoint });
await ensureTables(admin.client, names);
const operations: Record<string, number> = {};
const clients = Array.from({ length: workers }, () => {
  const made = createDynamoClients({ endpoint: dynamo.endpoint });
  made.client.middlewareStack.add(
    (next, context) => async (args) => {
      const label = String(context.commandName).replace(/Command$/, '');
      try {
        const result = await next(args);
        operations[label] = (operations[label] ?? 0) + 1;
        return result;
      } catch (error) {
        const failed = `${label} (${(error as Error).name})`;
        operations[failed] = (operations[failed] ?? 0) + 1;
        throw error;
      }
    },
    { step: 'initialize', name: 'countOperations' },
  );
  return made;
});
const http = clients.map(({ documents }) =>
  createGuardedHttpClient({
    userAgent: 'Feedloom-measure/1',
    allowPrivateNetwork: true,
    politeness: new DynamoHostPoliteness({ client: documents, tableName: names.hosts }),
    maxSlotWaitMs: 60_000,
  }),
);
const started = performance.now();
// Each worker takes its share one request at a time, like a Lambda environment working through a batch.
await Promise.all(
  http.map(async (client, worker) => {
    for (let i = worker; i < requests; i += workers) await client.get({ url: `${origin}/page/${i}` });
  }),
);
const seconds = (performance.now() - started) / 1000;
const reads = Object.entries(operations)
  .filter(([name]) => name.startsWith('GetItem'))
  .reduce((sum, [, n]) => sum + n, 0);
const writes = Object.entries(operations)
  .filter(([name]) => name.startsWith('UpdateItem'))
  .reduce((sum, [, n]) => sum + n, 0);
const report = {
  workers,
  requests,
  delayMs,
  seconds: Number(seconds.toFixed(2)),
  maxInFlight,
  operations,
  perRequest: { readUnits: reads / requests, writeUnits: writes / requests },
};
process.stdout.write(`${JSON.stringify(report)}\n`);
if (values.json) {
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
}
for (const made of [admin, ...clients]) made.client.destroy();
await dynamo.close();
server.close();
