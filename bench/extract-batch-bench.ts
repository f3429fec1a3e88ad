// `npm run bench:extract-batch`: wall time, CPU time and memory per article of the real
// extract-article handler (functions/extract-article/handler.ts over the real composition root:
// the extraction worker, the conditional DynamoDB writes, the site-health counters, logs and
// metrics) on SQS batches of 10 (the deployed batch size), against a loopback news site that answers every page after 500 ms
// (bench/support/synthetic-site.ts, the Zyte benchmark's 181 real pages cycled). Side by side in
// one run, alternating batch by batch: "before", the records of a batch one after another, and
// "after", up to 10 at once (one at a time per site). Two batch mixes: every record on its own site
// (10 loopback addresses), and every record on one site (no overlap possible: the per-site rule).
// The site and dynalite run in a child process, so the CPU measured is the handler's alone
// (process.cpuUsage: every thread, the extraction worker included). docs/scaling.md turns these
// figures into dollars.
//
// Options: --rounds N (default 3: batches per side and mix = 2 x N) --delay MS (default 500)
//          --pages zyte|synthetic (default zyte) --json FILE (default .bench-out/extract-batch-bench.json)
//          --quick (one round, no calibration)
// With the Zyte pages (and not --quick) the machine's speed is calibrated before and after the
// batches, in a child process: bench/support/naive-calibration.ts (the naive Readability + jsdom
// pipeline's CPU per page against its quiet-machine median), so CPU figures taken under load can
// be stated with how much the load stretched them.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { createHandler, RECORD_CONCURRENCY } from '../functions/extract-article/handler';
import { buildExtractArticleRuntime } from '../functions/runtime/dependencies';
import { ExtractArticleEnvSchema, parseEnv } from '../functions/runtime/env';
import { compressBody, decompressBody } from '../shared/adapters/dynamodb/article-body';
import { createDynamoClients } from '../shared/adapters/dynamodb/create-dynamo-clients';
import { DynamoHostPoliteness } from '../shared/adapters/dynamodb/dynamo-host-politeness';
import { ensureTables } from '../shared/adapters/dynamodb/ensure-tables';
import { estimateItemBytes } from '../shared/adapters/dynamodb/item-size';
import { createGuardedHttpClient } from '../shared/adapters/http/guarded-http-client';
import { exitOnMissingData, requireCorpus } from './support/bench-data';
import { buildExtractArticleJob } from './support/build-extract-article-job';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    delay: { type: 'string', default: '500' },
    pages: { type: 'string', default: 'zyte' },
    json: { type: 'string', default: join(root, '.bench-out', 'extract-batch-bench.json') },
    quick: { type: 'boolean', default: false },
  },
});
// The Zyte pages come from the benchmark corpora: without them, one line and exit 2 (before any process starts).
if (values.pages === 'zyte') exitOnMissingData(() => requireCorpus('article-extraction'));
const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));
const rounds = values.quick ? 1 : Math.max(1, Number(values.rounds));
const delayMs = Number(values.delay);
// A batch as deployed (infra/config.ts articleBatchSize = RECORD_CONCURRENCY), each record on its own
// loopback address in the distinct-sites mix.
const HOSTS = RECORD_CONCURRENCY;
const BATCH = RECORD_CONCURRENCY;
const SIDES = ['before', 'after'] as const;
const MIXES = ['distinct-sites', 'one-site'] as const;
// Per round, 2 batches of each mix (each run by both sides), plus one warm-up batch.
const batchesNeeded = rounds * 2 * MIXES.length + 1;
const feeds = batchesNeeded * BATCH + HOSTS * BATCH;

// Logs and metrics on, as deployed; their bytes are counted, not printed.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'Feedloom';
let logBytes = 0;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array) => {
  logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  return true;
}) as typeof process.stdout.write;
const say = (text: string): boolean => process.stderr.write(text);

/** One calibration run (bench/support/naive-calibration.ts) in a child process, alone on the machine's share. */
const calibrate = async (): Promise<Record<string, number> | null> => {
  if (values.pages !== 'zyte' || values.quick) return null;
  const probe = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/support/naive-calibration.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: probe.stdout as NodeJS.ReadableStream }).once('line', done);
    probe.once('exit', (code) => fail(new Error(`naive-calibration exited with ${code}`)));
  });
  await new Promise((done) => probe.once('exit', done));
  return JSON.parse(line) as Record<string, number>;
};
const calibrationBefore = await calibrate();

// The remote parts: site and database in their own process.
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    join(root, 'bench/support/serve-slow-parts.ts'),
    '--feeds',
    String(feeds),
    '--hosts',
    String(HOSTS),
    '--delay',
    String(delayMs),
    '--pages',
    values.pages as string,
  ],
  { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
);
const firstLine = await new Promise<string>((done, fail) => {
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', done);
  child.once('exit', (code) => fail(new Error(`serve-slow-parts exited with ${code}`)));
});
const parts = JSON.parse(firstLine) as { endpoint: string; itemUrls: string[]; pages: number };

// One set of tables per side, so both sides extract and store exactly the same pages (each write
// creates its article) while sharing the one extraction worker (functions/runtime/dependencies.ts).
const tablesOf = (side: string) => ({
  articles: `articles-${side}`,
  feeds: `feeds-${side}`,
  bodies: `bodies-${side}`,
  siteHealth: `site-health-${side}`,
  hosts: `hosts-${side}`,
});
const { client, documents } = createDynamoClients({ endpoint: parts.endpoint });
// The Hosts-table client of both sides: every operation counted (per article in the report).
const counting = createDynamoClients({ endpoint: parts.endpoint });
const countingDocuments = counting.documents;
const hostOperations: Record<string, number> = {};
counting.client.middlewareStack.add(
  (next, context) => async (args) => {
    const label = String(context.commandName).replace(/Command$/, '');
    try {
      return await next(args);
    } finally {
      hostOperations[label] = (hostOperations[label] ?? 0) + 1;
    }
  },
  { step: 'initialize', name: 'countHostOperations' },
);
const unused = 'http://127.0.0.1:9/000000000000/unused';
const runtimeOf = async (side: string) => {
  const tables = tablesOf(side);
  await ensureTables(client, tables);
  const runtime = buildExtractArticleRuntime(
    parseEnv(ExtractArticleEnvSchema, {
      ARTICLES_TABLE_NAME: tables.articles,
      BODIES_TABLE_NAME: tables.bodies,
      SITE_HEALTH_TABLE_NAME: tables.siteHealth,
      HOSTS_TABLE_NAME: tables.hosts,
      ARTICLE_QUEUE_URL: unused,
      ARTICLE_DLQ_URL: unused,
      USER_AGENT: 'Feedloom-bench/1',
      MAX_RECEIVE_COUNT: '5',
      DEADLINE_MARGIN_MS: '60000',
      FEEDLOOM_TEST_DYNAMODB_ENDPOINT: parts.endpoint,
    }),
  );
  // The pages live on 127.0.0.1 .. 127.0.0.5; the deployed client trusts no private address. The
  // per-host slots are shared through the Hosts table, as deployed (its traffic is counted below).
  runtime.extract.http = createGuardedHttpClient({
    userAgent: 'Feedloom-bench/1',
    allowPrivateNetwork: true,
    politeness: new DynamoHostPoliteness({ client: countingDocuments, tableName: tables.hosts }),
    maxSlotWaitMs: 5_000,
  });
  return runtime;
};
const runtimes = { before: await runtimeOf('before'), after: await runtimeOf('after') };
const handlers = { before: createHandler(() => runtimes.before, { concurrency: 1 }), after: createHandler(() => runtimes.after) };

const context: Context = {
  functionName: 'bench',
  functionVersion: '$LATEST',
  memoryLimitInMB: '1024',
  awsRequestId: 'bench',
  invokedFunctionArn: 'arn:aws:lambda:local',
  getRemainingTimeInMillis: () => 120_000,
} as Context;
const jobOf = (url: string, n: number): string =>
  JSON.stringify(
    buildExtractArticleJob({
      feedId: `feed-${n}`,
      feedUrl: `${new URL(url).origin}/feeds/f${n}.rss`,
      discoveredAt: new Date().toISOString(),
      item: { itemId: `item-${n}`, url, title: `Story ${n}`, summary: 'The summary of the story, as the feed describes it.' },
    }),
  );
const eventOf = (urls: string[]): SQSEvent => ({
  Records: urls.map((url, i) => ({
    messageId: `m${i}`,
    receiptHandle: `r${i}`,
    body: jobOf(url, parts.itemUrls.indexOf(url)),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local',
    awsRegion: 'local',
  })),
});

// Pages by host (feed n is on 127.0.0.(1 + n % HOSTS)); each batch of pages is used once by each side.
const byHost = new Map<string, string[]>();
for (const url of parts.itemUrls) byHost.set(new URL(url).host, [...(byHost.get(new URL(url).host) ?? []), url]);
const hostQueues = [...byHost.values()];
let nextHost = 0;
const take = (mix: (typeof MIXES)[number]): string[] => {
  if (mix === 'distinct-sites') return hostQueues.map((queue) => queue.shift() as string);
  const queue = hostQueues[nextHost++ % HOSTS] as string[];
  return queue.splice(0, BATCH);
};

interface BatchRun {
  side: (typeof SIDES)[number];
  mix: (typeof MIXES)[number];
  wallMsPerArticle: number;
  cpuMsPerArticle: number;
  failures: number;
}
const runs: BatchRun[] = [];
const runBatch = async (side: (typeof SIDES)[number], mix: (typeof MIXES)[number], urls: string[], record: boolean): Promise<void> => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const response = await handlers[side](eventOf(urls), context);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (record)
    runs.push({
      side,
      mix,
      wallMsPerArticle: wallMs / urls.length,
      cpuMsPerArticle: (used.user + used.system) / 1000 / urls.length,
      failures: response.batchItemFailures.length,
    });
  say(
    `${side.padEnd(6)} ${mix.padEnd(14)} ${(wallMs / urls.length).toFixed(0)} ms/article wall, ${((used.user + used.system) / 1000 / urls.length).toFixed(0)} ms CPU\n`,
  );
};

// Warm-up: starts the extraction worker (it loads jsdom) and the clients.
const warmUp = take('distinct-sites');
for (const side of SIDES) await runBatch(side, 'distinct-sites', warmUp, false);
const logBytesBefore = logBytes;
const hostOperationsBefore = { ...hostOperations };
let articlesMeasured = 0;
for (let round = 0; round < rounds; round++) {
  for (const mix of MIXES) {
    for (let i = 0; i < 2; i++) {
      // Alternate which side goes first, batch by batch.
      const order = (round + i) % 2 ? ([...SIDES].reverse() as (typeof SIDES)[number][]) : [...SIDES];
      const urls = take(mix);
      for (const side of order) {
        await runBatch(side, mix, urls, true);
        articlesMeasured += urls.length;
      }
    }
  }
}
const logBytesPerArticle = (logBytes - logBytesBefore) / articlesMeasured;
const calibrationAfter = await calibrate();
// Hosts-table operations per article (both sides; robots.txt was read in the warm-up batch).
const hostOperationsPerArticle = Object.fromEntries(
  Object.entries(hostOperations).map(([name, count]) => [name, Number(((count - (hostOperationsBefore[name] ?? 0)) / articlesMeasured).toFixed(3))]),
);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const summary = Object.fromEntries(
  MIXES.map((mix) => {
    const of = (side: (typeof SIDES)[number]) => {
      const mine = runs.filter((r) => r.side === side && r.mix === mix);
      return {
        batches: mine.length,
        wallMsPerArticle: Number(median(mine.map((r) => r.wallMsPerArticle)).toFixed(1)),
        cpuMsPerArticle: Number(median(mine.map((r) => r.cpuMsPerArticle)).toFixed(1)),
        failures: mine.reduce((sum, r) => sum + r.failures, 0),
      };
    };
    const before = of('before');
    const after = of('after');
    return [mix, { before, after, wallRatio: Number((after.wallMsPerArticle / before.wallMsPerArticle).toFixed(3)) }];
  }),
);
// Stored Article items of these real pages, sized as DynamoDB bills them (1 write unit per KB): as
// stored, with every body inline (as stored until the compressed-body rule), and every body compressed.
const items: Record<string, unknown>[] = [];
let startKey: Record<string, unknown> | undefined;
do {
  const page = await documents.send(new ScanCommand({ TableName: tablesOf('after').articles, ExclusiveStartKey: startKey }));
  items.push(...(page.Items ?? []));
  startKey = page.LastEvaluatedKey;
} while (startKey);
const sizes = items.map((item) => {
  const bytes = estimateItemBytes(item);
  if (item.bodyStorage === 'brotli') {
    const { bodyBr, ...rest } = item;
    const body = decompressBody(bodyBr as Uint8Array);
    return { bytes, inlineBytes: estimateItemBytes({ ...rest, bodyStorage: 'inline', ...body }), brotliBytes: bytes };
  }
  if (item.bodyStorage !== 'inline') return { bytes, inlineBytes: bytes, brotliBytes: bytes };
  const { contentHtml, contentText, ...rest } = item;
  const compressed = compressBody({ contentHtml: (contentHtml as string | null) ?? null, contentText: (contentText as string | null) ?? null });
  return { bytes, inlineBytes: bytes, brotliBytes: estimateItemBytes({ ...rest, bodyStorage: 'brotli', bodyBr: compressed }) };
});
const wru = (bytes: number): number => Math.ceil(bytes / 1024);
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;
const articleItems = {
  count: items.length,
  // Items with a byUrl entry (the index is sparse: only articles whose id is not their page URL's).
  withUrlKey: items.filter((item) => typeof item.urlKey === 'string').length,
  statuses: items.reduce<Record<string, number>>((acc, item) => {
    acc[String(item.status)] = (acc[String(item.status)] ?? 0) + 1;
    return acc;
  }, {}),
  bytes: {
    median: quantile(
      sizes.map((s) => s.bytes),
      0.5,
    ),
    p90: quantile(
      sizes.map((s) => s.bytes),
      0.9,
    ),
  },
  writeUnits: {
    median: quantile(
      sizes.map((s) => wru(s.bytes)),
      0.5,
    ),
    mean: Number((sizes.reduce((sum, s) => sum + wru(s.bytes), 0) / sizes.length).toFixed(2)),
  },
  // Every body inline (how items were stored until the compressed-body rule) and every body compressed.
  ifInline: {
    bytesMedian: quantile(
      sizes.map((s) => s.inlineBytes),
      0.5,
    ),
    writeUnitsMean: Number((sizes.reduce((sum, s) => sum + wru(s.inlineBytes), 0) / sizes.length).toFixed(2)),
  },
  ifBrotli: {
    bytesMedian: quantile(
      sizes.map((s) => s.brotliBytes),
      0.5,
    ),
    writeUnitsMedian: quantile(
      sizes.map((s) => wru(s.brotliBytes)),
      0.5,
    ),
    writeUnitsMean: Number((sizes.reduce((sum, s) => sum + wru(s.brotliBytes), 0) / sizes.length).toFixed(2)),
  },
};
const resources = process.resourceUsage();
const report = {
  command: `node --import tsx bench/extract-batch-bench.ts${values.quick ? ' --quick' : ` --rounds ${rounds}`}`,
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  // 1, 5 and 15 minute load averages when the bench started and when it ended (docs/scaling.md quotes both).
  loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((x) => Number(x.toFixed(2))) },
  // How much the load stretched CPU time, before and after the batches (null: not calibrated).
  calibration: { before: calibrationBefore, after: calibrationAfter },
  pageDelayMs: delayMs,
  pages: values.pages,
  distinctPages: parts.pages,
  batchSize: BATCH,
  recordConcurrency: RECORD_CONCURRENCY,
  rounds,
  summary,
  // The handler process's peak resident set: main thread, extraction worker, SDK clients; what Lambda reports as Max Memory Used.
  maxRssKb: resources.maxRSS,
  logBytesPerArticle: Math.round(logBytesPerArticle),
  hostOperationsPerArticle,
  articleItems,
  allRuns: runs.map((r) => ({ ...r, wallMsPerArticle: Math.round(r.wallMsPerArticle), cpuMsPerArticle: Math.round(r.cpuMsPerArticle) })),
};
mkdirSync(dirname(values.json as string), { recursive: true });
writeFileSync(values.json as string, `${JSON.stringify(report, null, 2)}\n`);
write(
  `${JSON.stringify({ summary, maxRssMb: Math.round(resources.maxRSS / 1024), logBytesPerArticle: report.logBytesPerArticle, hostOperationsPerArticle, loadAverage: report.loadAverage, calibration: report.calibration, articleItems }, null, 2)}\nwritten: ${values.json}\n`,
);

client.destroy();
counting.client.destroy();
child.stdin?.end();
await new Promise((done) => child.once('exit', done));
process.exit(0);
