// Run it on an otherwise idle machine: the figures are CPU time on this machine, not on Lambda.
// Measures what the AWS cost estimate in docs/deploy.md rests on, by running the real handlers
// (functions/*/handler.ts over the real composition root) on SQS-shaped events against dynalite and
// the loopback demo site: milliseconds per article in extract-article, per feed in fetch-feed, and the
// stored size of each Article item as DynamoDB counts it. Queues are in-process (LocalQueue).
//
//   npx tsx scripts/measure-lambda-cost.ts [--rounds N] [--json FILE]
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { serveSite } from '../demo/serve-site';
import { createHandler as createExtractHandler } from '../functions/extract-article/handler';
import { createHandler as createFetchFeedHandler } from '../functions/fetch-feed/handler';
import { buildExtractArticleRuntime, buildFetchFeedRuntime } from '../functions/runtime/dependencies';
import { ExtractArticleEnvSchema, FetchFeedEnvSchema, parseEnv } from '../functions/runtime/env';
import { createDynamoClients } from '../shared/adapters/dynamodb/create-dynamo-clients';
import { startEmbeddedDynamo } from '../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../shared/adapters/dynamodb/ensure-tables';
import { DynamoFeedStore } from '../shared/adapters/dynamodb/feed-store';
import { LocalQueue } from '../shared/adapters/queue/local-queue';
import type { ExtractArticleJob } from '../shared/ingestion/jobs';
import { subscribeFeeds } from '../shared/ingestion/subscribe-feeds';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, json: { type: 'string' } } });
const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));
const rounds = Number(values.rounds);
const root = resolve(import.meta.dirname, '..');

// Logs and metrics on, as deployed (INFO, EMF metrics): their bytes are counted, not printed.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'Feedloom';
let logBytes = 0;
let counting = false;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  if (counting) {
    logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return true;
  }
  return write(chunk, ...rest);
}) as typeof process.stdout.write;

const context = (): Context =>
  ({
    functionName: 'measure',
    functionVersion: '$LATEST',
    memoryLimitInMB: '1024',
    awsRequestId: 'm',
    invokedFunctionArn: 'arn:aws:lambda:local',
    getRemainingTimeInMillis: () => 120_000,
  }) as Context;
const sqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({
    messageId: `m${i}`,
    receiptHandle: `r${i}`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local',
    awsRegion: 'local',
  })),
});
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;

/** DynamoDB's item size: attribute names plus values (strings and binary by bytes, numbers about 1 byte per 2 digits). */
function itemBytes(value: unknown, name = ''): number {
  const own = Buffer.byteLength(name);
  const v = value as Record<string, unknown>;
  if ('S' in v) return own + Buffer.byteLength(v.S as string);
  if ('N' in v) return own + Math.ceil(String(v.N).replace(/[-.]/g, '').length / 2) + 1;
  if ('B' in v) return own + (v.B as Uint8Array).length;
  if ('BOOL' in v || 'NULL' in v) return own + 1;
  if ('L' in v) return own + 3 + (v.L as unknown[]).reduce<number>((sum, item) => sum + 1 + itemBytes(item), 0);
  if ('M' in v) return own + 3 + Object.entries(v.M as Record<string, unknown>).reduce((sum, [k, item]) => sum + 1 + itemBytes(item, k), 0);
  if ('SS' in v) return own + (v.SS as string[]).reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  return own;
}

const dynamo = await startEmbeddedDynamo(null);
const site = await serveSite({ root: join(root, 'demo/site') });
const { client, documents } = createDynamoClients({ endpoint: dynamo.endpoint });
const tables = { articles: 'articles', feeds: 'feeds', bodies: 'article-bodies', hosts: 'hosts' };
await ensureTables(client, tables);
const unused = 'http://127.0.0.1:9/000000000000/unused';
const env = {
  FEEDS_TABLE_NAME: tables.feeds,
  ARTICLES_TABLE_NAME: tables.articles,
  BODIES_TABLE_NAME: tables.bodies,
  HOSTS_TABLE_NAME: tables.hosts,
  FEED_QUEUE_URL: unused,
  FEED_DLQ_URL: unused,
  ARTICLE_QUEUE_URL: unused,
  ARTICLE_DLQ_URL: unused,
  USER_AGENT: 'Feedloom-measure/1',
  MAX_RECEIVE_COUNT: '5',
  DEADLINE_MARGIN_MS: '30000',
  FEEDLOOM_TEST_DYNAMODB_ENDPOINT: dynamo.endpoint,
  FEEDLOOM_TEST_TRUSTED_ADDRESS: '127.0.0.1',
};
const articleQueue = new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5 });
const fetchRuntime = buildFetchFeedRuntime(parseEnv(FetchFeedEnvSchema, env));
fetchRuntime.refresh.articleJobs = articleQueue;
const extractRuntime = buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, env));
const fetchFeed = createFetchFeedHandler(() => fetchRuntime);
const extract = createExtractHandler(() => extractRuntime);

const feeds = new DynamoFeedStore({ client: documents, tableName: tables.feeds });
const feedUrls = ['world.rss', 'tech.atom', 'culture.json'].map((f) => `${site.origin}/feeds/${f}`);
await subscribeFeeds(
  feedUrls.map((url) => ({ url, title: null, categories: [] })),
  { feeds, clock: { now: () => new Date() } },
);
const feedMs: number[] = [];
counting = true;
for (const url of feedUrls) {
  const feed = (await feeds.list()).feeds.find((f) => f.url === url);
  const started = performance.now();
  await fetchFeed(sqsEvent([JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feed?.feedId, url, window: 'measure' })]), context());
  feedMs.push(performance.now() - started);
}
counting = false;
const jobs = (await articleQueue.receive(10_000)).map((m) => m.body);

// Batches of 5, as the deployed event-source mapping delivers them; round 1 writes, later rounds re-extract.
const perArticle: number[][] = [];
let firstRoundLogBytes = 0;
for (let round = 0; round < rounds; round++) {
  counting = true;
  logBytes = 0;
  const times: number[] = [];
  for (let i = 0; i < jobs.length; i += 5) {
    const batch = jobs.slice(i, i + 5);
    const started = performance.now();
    const response = await extract(sqsEvent(batch), context());
    if (response.batchItemFailures.length) throw new Error(`failures: ${JSON.stringify(response)}`);
    times.push((performance.now() - started) / batch.length);
  }
  counting = false;
  if (round === 0) firstRoundLogBytes = logBytes;
  perArticle.push(times);
}

const scan = await client.send(new ScanCommand({ TableName: tables.articles }));
const sizes = (scan.Items ?? []).map((item) => Object.entries(item).reduce((sum, [k, v]) => sum + itemBytes(v, k), 0));
const statuses = (scan.Items ?? []).reduce<Record<string, number>>((acc, item) => {
  const s = item.status?.S ?? '?';
  acc[s] = (acc[s] ?? 0) + 1;
  return acc;
}, {});
const steady = perArticle.slice(1).flat();
const report = {
  node: process.version,
  cpu: (await import('node:os')).cpus()[0]?.model,
  feeds: { count: feedMs.length, msPerFeed: feedMs.map((x) => Math.round(x)) },
  articles: {
    count: jobs.length,
    statuses,
    rounds,
    firstRoundMsPerArticle: { median: Math.round(median(perArticle[0] ?? [])), p90: Math.round(quantile(perArticle[0] ?? [], 0.9)) },
    laterRoundsMsPerArticle: steady.length ? { median: Math.round(median(steady)), p90: Math.round(quantile(steady, 0.9)) } : null,
  },
  logBytesPerArticle: Math.round(firstRoundLogBytes / jobs.length),
  jobMessageBytes: { median: median(jobs.map((j) => Buffer.byteLength(j))), max: Math.max(...jobs.map((j) => Buffer.byteLength(j))) },
  itemBytes: { median: median(sizes), p90: quantile(sizes, 0.9), max: Math.max(...sizes), writeUnitsMedian: Math.ceil(median(sizes) / 1024) },
  loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((x) => Number(x.toFixed(2))) },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (values.json) {
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
}
client.destroy();
await site.close();
await dynamo.close();
