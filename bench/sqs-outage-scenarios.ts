/**
 * The AWS path's counterpart of fault-scenarios.ts' "store outage": the real extract-article handler
 * (functions/extract-article, built by the composition root from the stack's environment) fed by the
 * queue simulator (the stack's ArticleQueue: maxReceiveCount 5, batches of 10, the stack's 725 s
 * visibility timeout, on virtual time), its DynamoDB a dynalite process killed for OUTAGE minutes of
 * queue time and then started again, SQS the loopback stand-in. Two delivery policies side by side on
 * the same jobs, for each outage length:
 * - "main": what the handler did before (a wait was not hidden, so it came back after the queue's
 *   visibility timeout, and on its fifth receive SQS moved it to the DLQ without a reason). Emulated
 *   on today's handler with adapters: ChangeMessageVisibility is a no-op and the DLQ refuses the
 *   handler's set-aside of a STORE_UNAVAILABLE record, so the queue moves it itself, as main's did.
 * - "wait schedule": as deployed (QUEUE_WAIT_BACKOFF: hidden 15 min, 1 h, 4 h, 12 h; on the final
 *   delivery set aside with its reason).
 * Prints jobs extracted (with no operator), dead letters with their reasons, deliveries, sends to the
 * work queue (must be 0: security catalogue #49), and the queue time from the end of the outage to the
 * last delivery, and jobs extracted once the dead letters are redriven after it. Run: `npx tsx bench/sqs-outage-scenarios.ts [--jobs 20] [--outage 180,1200]`
 * (docs/performance.md, "Fault scenarios on the SQS path").
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandler } from '../functions/extract-article/handler';
import type { DeadLetterSink } from '../functions/runtime/create-sqs-batch-handler';
import { buildExtractArticleRuntime } from '../functions/runtime/dependencies';
import { ExtractArticleEnvSchema, parseEnv } from '../functions/runtime/env';
import { ArticleReader } from '../shared/adapters/dynamodb/article-reader';
import { createDynamoClients } from '../shared/adapters/dynamodb/create-dynamo-clients';
import { ensureTables } from '../shared/adapters/dynamodb/ensure-tables';
import { generateArticlePages } from './support/article-pages';
import { buildExtractArticleJob } from './support/build-extract-article-job';
import { QueueSimulator, virtualClock } from './support/queue-simulator';
import { startSqsStandIn } from './support/sqs-stand-in';
import { startStoppableDynamo } from './support/stoppable-dynamo';

// Powertools would print a line per record and an EMF blob per invocation.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const { values } = parseArgs({ options: { jobs: { type: 'string' }, outage: { type: 'string' } } });
const JOBS = Number(values.jobs ?? 20);
const OUTAGES_MIN = (values.outage ?? '180,1200').split(',').map(Number);
type Policy = 'main' | 'wait schedule';

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
  deliveries: number;
  selfSends: number;
  lastAfterOutageMin: number;
  /** Extracted once an operator redrives the dead letters after the outage. */
  afterRedrive: number;
}

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
      MAX_RECEIVE_COUNT: '5',
      DEADLINE_MARGIN_MS: '30000',
      RESPECT_ROBOTS_TXT: 'false',
      FEEDLOOM_TEST_DYNAMODB_ENDPOINT: dynamo.endpoint,
      FEEDLOOM_TEST_SQS_ENDPOINT: sqs.endpoint,
    };
    const deployed = buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, env), { allowPrivateNetwork: true });
    const refusingWaits: DeadLetterSink = {
      send: async (body, reason) => {
        if (reason.code === 'STORE_UNAVAILABLE') throw new Error('main: a waiting record was never set aside by the handler');
        await deployed.deadLetters.send(body, reason);
      },
    };
    const runtime = policy === 'main' ? { ...deployed, visibility: { hide: async () => 0 }, deadLetters: refusingWaits } : deployed;
    const clock = virtualClock();
    const queue = new QueueSimulator({
      sqs,
      queue: 'articles',
      deadLetterQueue: 'articles-dlq',
      handler: createHandler(() => runtime),
      maxReceiveCount: 5,
      batchSize: 10,
      visibilityTimeoutMs: 725_000,
      clock,
    });
    for (let n = 0; n < JOBS; n++) {
      const url = `${origin}/a/${n}`;
      queue.send(
        JSON.stringify(
          buildExtractArticleJob({ feedId: 'bench', feedUrl: `${origin}/feed.xml`, item: { itemId: `i${n}`, guid: `i${n}`, url, title: `Story ${n}` } }),
        ),
      );
    }
    const outageEnds = clock.now() + outageMs;
    await dynamo.stop();
    await queue.drain({ until: outageEnds });
    if (clock.now() < outageEnds) clock.advance(outageEnds - clock.now());
    await dynamo.start();
    await queue.drain();
    const reader = new ArticleReader({ client: clients.documents, tableName: tables.articles, bodiesTableName: tables.bodies });
    const countExtracted = async (): Promise<number> => {
      let n = 0;
      for (let i = 0; i < JOBS; i++) if ((await reader.getByUrl(`${origin}/a/${i}`))?.status === 'extracted') n++;
      return n;
    };
    const extracted = await countExtracted();
    const lastDelivery = Math.max(...queue.invocations.map((invocation) => invocation.at));
    const redriven = async (): Promise<number> => {
      queue.redrive();
      await queue.drain();
      return countExtracted();
    };
    const reasons = new Map<string, number>();
    for (const letter of queue.deadLetters) reasons.set(letter.reason, (reasons.get(letter.reason) ?? 0) + 1);
    return {
      extracted,
      deadLetters: queue.deadLetters.length ? [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ') : '0',
      deliveries: queue.invocations.reduce((sum, invocation) => sum + invocation.messageIds.length, 0),
      selfSends: sqs.calls.filter((call) => call.action.startsWith('SendMessage') && call.input.QueueUrl === env.ARTICLE_QUEUE_URL).length,
      lastAfterOutageMin: Math.round((lastDelivery - outageEnds) / 60_000),
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
for (const outageMin of OUTAGES_MIN) {
  for (const policy of ['main', 'wait schedule'] as const) {
    const started = Date.now();
    const o = await scenario(policy, outageMin * 60_000);
    rows.push(
      `| ${outageMin} | ${policy} | ${o.extracted} | ${o.deadLetters} | ${o.deliveries} | ${o.selfSends} | ${o.lastAfterOutageMin} | ${o.afterRedrive} | ${Math.round((Date.now() - started) / 1000)} |`,
    );
  }
}
site.close();
process.stdout.write(
  `${JOBS} extract jobs, DynamoDB down for each outage (min of queue time)\n\n| outage min | policy | extracted | dead letters (reason) | deliveries | sends to own queue | last delivery, min after the outage | extracted after a DLQ redrive | wall s |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`,
);
