import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoClients, type DynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../../../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../../../shared/adapters/dynamodb/ensure-tables';
import { DynamoRobotsCache } from '../../../shared/adapters/dynamodb/robots-cache';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { checkRobots, type RobotsDeps, robotsGate } from '../../../shared/ingestion/check-robots';
import { RetryLaterError } from '../../../shared/ingestion/retry-later-error';

// A loopback site whose robots.txt answer each test sets, counting the requests for it.
let server: Server;
let origin = '';
let robots: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '' };
let robotsRequests = 0;
let dynamo: EmbeddedDynamo;
let clients: DynamoClients;
let tableCount = 0;
let now = Date.parse('2026-03-01T12:00:00Z');

async function depsOnFreshTable(): Promise<RobotsDeps> {
  const names = { articles: `articles-r${++tableCount}`, feeds: `feeds-r${tableCount}`, hosts: `hosts-r${tableCount}` };
  await ensureTables(clients.client, names);
  return {
    http: createGuardedHttpClient({ userAgent: 'Feedloom/0.1 (+https://example.test)', allowPrivateNetwork: true }),
    cache: new DynamoRobotsCache({ client: clients.documents, tableName: names.hosts, now: () => now }),
    userAgent: 'Feedloom/0.1 (+https://example.test)',
    clock: { now: () => new Date(now) },
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/robots.txt') {
      robotsRequests++;
      res.writeHead(robots.status, { 'content-type': 'text/plain', ...robots.headers }).end(robots.body);
      return;
    }
    res.writeHead(200).end('page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dynamo = await startEmbeddedDynamo(null);
  clients = createDynamoClients({ endpoint: dynamo.endpoint });
});

afterAll(async () => {
  clients?.client.destroy();
  await dynamo?.close();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  robotsRequests = 0;
  now = Date.parse('2026-03-01T12:00:00Z');
});

describe('checkRobots with the Hosts-table cache', () => {
  it('reads robots.txt once for many pages at once, decides each page, and passes on Crawl-delay', async () => {
    robots = { status: 200, body: 'User-agent: Feedloom\nDisallow: /private/\nCrawl-delay: 2\n' };
    const deps = await depsOnFreshTable();
    const decisions = await Promise.all(['/a', '/private/b', '/c', '/private/d'].map((path) => checkRobots(`${origin}${path}`, deps)));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, false, true, false]);
    expect(decisions[0]).toEqual({ allowed: true, crawlDelayMs: 2_000 });
    expect(robotsRequests).toBe(1);
  });

  it('keeps the copy in the table for its max-age (another worker reads it there), then fetches again', async () => {
    robots = { status: 200, body: 'User-agent: *\nDisallow: /x\n', headers: { 'cache-control': 'max-age=600' } };
    const deps = await depsOnFreshTable();
    await checkRobots(`${origin}/a`, deps);
    // Another worker: its own cache object on the same table, so no in-memory copy.
    const other = { ...deps, cache: new DynamoRobotsCache({ client: clients.documents, tableName: `hosts-r${tableCount}`, now: () => now }) };
    now += 599_000;
    expect(await checkRobots(`${origin}/x`, other)).toMatchObject({ allowed: false });
    expect(robotsRequests).toBe(1);
    now += 2_000;
    robots = { status: 200, body: '' };
    expect(await checkRobots(`${origin}/x`, other)).toMatchObject({ allowed: true });
    expect(robotsRequests).toBe(2);
  });

  it('allows everything when robots.txt is absent (404)', async () => {
    robots = { status: 404, body: 'not found' };
    const deps = await depsOnFreshTable();
    expect(await checkRobots(`${origin}/anything`, deps)).toEqual({ allowed: true, crawlDelayMs: null });
  });

  it('holds pages back while robots.txt answers 503 (retry later), stores ROBOTS_UNREACHABLE on the last delivery', async () => {
    robots = { status: 503, body: 'down', headers: { 'retry-after': '120' } };
    const deps = await depsOnFreshTable();
    const error = await checkRobots(`${origin}/a`, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect(error).toMatchObject({ code: 'ROBOTS_UNREACHABLE', delayMs: 120_000 });
    // Within the wait the cached answer stands: no second request.
    await expect(robotsGate(`${origin}/b`, deps, false)).rejects.toMatchObject({ code: 'ROBOTS_UNREACHABLE' });
    expect(await robotsGate(`${origin}/b`, deps, true)).toMatchObject({ blocked: { code: 'ROBOTS_UNREACHABLE' } });
    expect(robotsRequests).toBe(1);
  });

  it('uses the last copy it read while the server cannot be reached', async () => {
    robots = { status: 200, body: 'User-agent: *\nDisallow: /old-rule\n', headers: { 'cache-control': 'max-age=60' } };
    const deps = await depsOnFreshTable();
    await checkRobots(`${origin}/a`, deps);
    now += 3_600_000;
    robots = { status: 500, body: 'boom' };
    expect(await checkRobots(`${origin}/old-rule`, deps)).toMatchObject({ allowed: false });
    expect(await checkRobots(`${origin}/other`, deps)).toMatchObject({ allowed: true });
    expect(robotsRequests).toBe(2);
  });
});
