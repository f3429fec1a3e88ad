/**
 * The AWS path's counterpart of fault-scenarios.ts' "store outage": the real extract-article handler
 * (functions/extract-article, built by the composition root from the stack's environment) fed by the
 * queue simulator (batches of 10, the stack's 725 s visibility timeout, the queue's retention, on
 * virtual time), its DynamoDB a dynalite process killed for OUTAGE minutes of queue time and then
 * started again, SQS the loopback stand-in. Two delivery policies side by side on the same jobs, for
 * each outage length:
 * - "main": the policy before this change (maxReceiveCount 5, retention 4 days; every receive is an
 *   attempt, a wait is hidden 15 min, 1 h, 4 h, 12 h, and the fifth receive sets a still-waiting job
 *   aside with STORE_UNAVAILABLE). Emulated on today's handler by its runtime: no attempts ledger (so
 *   every receive counts, as SQS counts them), main's wait schedule, the queue's limit of 5.
 * - "new": as deployed (maxReceiveCount 1000, retention 10 days, waits of 5, 10, 20, then 30 min,
 *   failures counted in the attempts ledger, a waiting job set aside only a day before the retention).
 * Prints jobs extracted (with no operator), dead letters with their reasons, receives per job, sends to
 * the work queue (must be 0: security catalogue #49), the queue time from the end of the outage to each
 * job's extraction (median and max), jobs extracted once the dead letters are redriven after it, and
 * the cost of waiting (receives and invocations per job per hour of outage). Run:
 * `npx tsx bench/sqs-outage-scenarios.ts [--jobs 20] [--outage 30,180,960,1200,4320]`
 * (docs/performance.md, "Fault scenarios on the SQS path"; docs/scaling.md, "Waiting out a store outage").
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandler } from '../functions/extract-article/handler';
import { buildExtractArticleRuntime } from '../functions/runtime/dependencies';
import { ExtractArticleEnvSchema, parseEnv } from '../functions/runtime/env';
import { ArticleReader } from '../shared/adapters/dynamodb/article-reader';
import { createDynamoClients } from '../shared/adapters/dynamodb/create-dynamo-clients';
import { ensureTables } from '../shared/adapters/dynamodb/ensure-tables';
import type { RetryBackoff } from '../shared/ingestion/delivery-policy';
import { generateArticlePages } from './support/article-pages';
import { buildExtractArticleJob } from './support/build-extract-article-job';
import { costOfWaitingPerMillionJobHours } from './support/cost-model';
import { QueueSimulator, virtualClock } from './support/queue-simulator';
import { startSqsStandIn } from './support/sqs-stand-in';
import { startStoppableDynamo } from './support/stoppable-dynamo';

// Powertools would print a line per record and an EMF blob per invocation.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const { values } = parseArgs({ options: { jobs: { type: 'string' }, outage: { type: 'string' } } });
const JOBS = Number(values.jobs ?? 20);
const OUTAGES_MIN = (values.outage ?? '30,180,960,1200,4320').split(',').map(Number);
type Policy = 'main' | 'new';

/** Main's wait schedule (15 min, x4 per receive, capped at 12 h) and queue, before this change. */
const MAIN_WAIT_BACKOFF: RetryBackoff = { firstMs: 900_000, maxMs: 43_200_000, factor: 4 };
const QUEUES: Record<Policy, { maxReceiveCount: number; retentionDays: number }> = {
  main: { maxReceiveCount: 5, retentionDays: 4 },
  new: { maxReceiveCount: 1000, retentionDays: 10 },
};

const pages = generateArticlePages(JOBS);
const site = createServer((request, response) => {
  const n = Number(request.url?.split('/').pop());
  response.writeHead(pages[n] ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  response.end(pages[n] ?? 'not found');
});
await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

interface Outcome {
  extracted: number;
  deadLetters: string;
  /** Receives per job: median and max. */
  receives: [number, number];
  selfSends: number;
  /** Queue time from the end of the outage to each job's extraction: median and max, min (null: none extracted). */
  delayMin: [number, number] | null;
  /** Receives and invocations per job per hour of outage. */
  receivesPerJobHour: number;
  invocationsPerJobHour: number;
  /** Extracted once an operator redrives the dead letters after the outage. */
  afterRedrive: number;
}

/** Assumed billed seconds of an invocation whose first store call fails (docs/scaling.md): not measurable on loopback. */
const SECONDS_PER_FAILED_INVOCATION = 2;

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function scenario(policy: Policy, outageMs: number): Promise<Outcome> {
  const dir = await mkdtemp(join(tmpdir(), 'feedloom-sqs-outage-'));
  const dynamo = await startStoppableDynamo(dir);
  const sqs = await startSqsStandIn();
  const clients = createDynamoClients({ endpoint: dynamo.endpoint });
  try {
    const tables = { articles: 'articles', feeds: 'feeds', bodies: 'bodies', hosts: 'hosts', siteHealth: 'site-health' };
    await ensureTables(clients.client, tables);
    const env = {
      FEEDS_TABLE_NAME: tables.feeds,
      ARTICLES_TABLE_NAME: tables.articles,
      BODIES_TABLE_NAME: tables.bodies,
      HOSTS_TABLE_NAME: tables.hosts,
      SITE_HEALTH_TABLE_NAME: tables.siteHealth,
      ARTICLE_QUEUE_URL: sqs.queueUrl('articles'),
      ARTICLE_DLQ_URL: sqs.queueUrl('articles-dlq'),
      USER_AGENT: 'Feedloom-bench/1',
      MAX_RECEIVE_COUNT: String(QUEUES[policy].maxReceiveCount),
      QUEUE_RETENTION_SECONDS: String(QUEUES[policy].retentionDays * 86_400),
      DEADLINE_MARGIN_MS: '30000',
      RESPECT_ROBOTS_TXT: 'false',
      FEEDLOOM_TEST_DYNAMODB_ENDPOINT: dynamo.endpoint,
      FEEDLOOM_TEST_SQS_ENDPOINT: sqs.endpoint,
    };
    const deployed = buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, env), { allowPrivateNetwork: true });
    const runtime = policy === 'main' ? { ...deployed, attempts: undefined, waitBackoff: MAIN_WAIT_BACKOFF } : deployed;
    const clock = virtualClock();
    const queue = new QueueSimulator({
      sqs,
      queue: 'articles',
      deadLetterQueue: 'articles-dlq',
      handler: createHandler(() => runtime),
      maxReceiveCount: QUEUES[policy].maxReceiveCount,
      retentionMs: QUEUES[policy].retentionDays * 86_400_000,
      batchSize: 10,
      visibilityTimeoutMs: 725_000,
      clock,
    });
    const ids: string[] = [];
    for (let n = 0; n < JOBS; n++) {
      const url = `${origin}/a/${n}`;
      ids.push(
        queue.send(
          JSON.stringify(
            buildExtractArticleJob({ feedId: 'bench', feedUrl: `${origin}/feed.xml`, item: { itemId: `i${n}`, guid: `i${n}`, url, title: `Story ${n}` } }),
          ),
        ),
      );
    }
    const outageEnds = clock.now() + outageMs;
    await dynamo.stop();
    await queue.drain({ until: outageEnds, maxInvocations: 100_000 });
    const duringOutage = queue.invocations.length;
    if (clock.now() < outageEnds) clock.advance(outageEnds - clock.now());
    await dynamo.start();
    await queue.drain({ maxInvocations: 100_000 });
    const reader = new ArticleReader({ client: clients.documents, tableName: tables.articles, bodiesTableName: tables.bodies });
    const countExtracted = async (): Promise<number> => {
      let n = 0;
      for (let i = 0; i < JOBS; i++) if ((await reader.getByUrl(`${origin}/a/${i}`))?.status === 'extracted') n++;
      return n;
    };
    const extracted = await countExtracted();
    // A job is extracted by the first invocation after the outage that did not report it failed.
    const delays = ids.flatMap((id) => {
      const done = queue.invocations.find(
        (invocation) => invocation.at >= outageEnds && invocation.messageIds.includes(id) && !invocation.failures.includes(id),
      );
      return done ? [(done.at - outageEnds) / 60_000] : [];
    });
    const receives = ids.map((id) => queue.deliveries(id));
    const outageInvocations = queue.invocations.slice(0, duringOutage);
    const outageReceives = outageInvocations.reduce((sum, invocation) => sum + invocation.messageIds.length, 0);
    const jobHours = (JOBS * outageMs) / 3_600_000;
    const redriven = async (): Promise<number> => {
      queue.redrive();
      await queue.drain({ maxInvocations: 100_000 });
      return countExtracted();
    };
    const reasons = new Map<string, number>();
    for (const letter of queue.deadLetters) reasons.set(letter.reason, (reasons.get(letter.reason) ?? 0) + 1);
    if (queue.expired.length) reasons.set('expired (lost)', queue.expired.length);
    return {
      extracted,
      deadLetters: reasons.size ? [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ') : '0',
      receives: [median(receives), Math.max(...receives)],
      selfSends: sqs.calls.filter((call) => call.action.startsWith('SendMessage') && call.input.QueueUrl === env.ARTICLE_QUEUE_URL).length,
      delayMin: delays.length ? [median(delays), Math.max(...delays)] : null,
      receivesPerJobHour: outageReceives / jobHours,
      invocationsPerJobHour: outageInvocations.length / jobHours,
      afterRedrive: await redriven(),
    };
  } finally {
    clients.client.destroy();
    await sqs.close();
    await dynamo.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const rows: string[] = [];
const costs: string[] = [];
const fmt = (x: number) => (Math.round(x * 100) / 100).toString();
for (const outageMin of OUTAGES_MIN) {
  for (const policy of ['main', 'new'] as const) {
    const started = Date.now();
    const o = await scenario(policy, outageMin * 60_000);
    const delay = o.delayMin ? `${fmt(o.delayMin[0])} / ${fmt(o.delayMin[1])}` : '-';
    rows.push(
      `| ${outageMin} | ${policy} | ${o.extracted} | ${o.deadLetters} | ${o.receives[0]} / ${o.receives[1]} | ${o.selfSends} | ${delay} | ${o.afterRedrive} | ${Math.round((Date.now() - started) / 1000)} |`,
    );
    const price = costOfWaitingPerMillionJobHours({
      receivesPerJobHour: o.receivesPerJobHour,
      invocationsPerJobHour: o.invocationsPerJobHour,
      secondsPerInvocation: SECONDS_PER_FAILED_INVOCATION,
    }).total;
    costs.push(`| ${outageMin} | ${policy} | ${fmt(o.receivesPerJobHour)} | ${fmt(o.invocationsPerJobHour)} | ${fmt(price)} |`);
  }
}
site.close();
process.stdout.write(
  `${JOBS} extract jobs, DynamoDB down for each outage (min of queue time)\n\n| outage min | policy | extracted | dead letters (reason) | receives per job (median / max) | sends to own queue | min from the store's return to extraction (median / max) | extracted after a DLQ redrive | wall s |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n\nThe cost of waiting, during the outage\n\n| outage min | policy | receives per job-hour | invocations per job-hour | $ per million job-hours (${SECONDS_PER_FAILED_INVOCATION} s an invocation) |\n| --- | --- | --- | --- | --- |\n${costs.join('\n')}\n`,
);
