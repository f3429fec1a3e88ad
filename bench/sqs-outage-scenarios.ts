/**
 * The AWS path's counterpart of fault-scenarios.ts' "store outage": the real extract-article handler
 * (functions/extract-article, built by the composition root from the stack's environment) fed by the
 * queue simulator (the stack's ArticleQueue: maxReceiveCount 5, batches of 10, the stack's 725 s
 * visibility timeout, on virtual time), its DynamoDB a dynalite process killed for OUTAGE minutes of
 * queue time and then started again, SQS the loopback stand-in. Two handlers side by side on the same
 * jobs: "re-send off" has no way to send a job again (every SendMessage to the work queue fails, the
 * handler's fallback, which is what every handler did before a wait was sent again), "re-send on" is
 * as deployed. Prints jobs extracted and dead-lettered, deliveries, re-sends, and the queue time from
 * the end of the outage to the last job done. Run: `npx tsx bench/sqs-outage-scenarios.ts [--jobs 20]
 * [--outage 180]` (docs/performance.md, "Fault scenarios on the SQS path").
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
const OUTAGE_MS = Number(values.outage ?? 180) * 60_000;

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
  deadLetters: number;
  deliveries: number;
  resent: number;
  doneAfterOutageMin: number | null;
}

async function scenario(resend: boolean): Promise<Outcome> {
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
    const runtime = buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, env), { allowPrivateNetwork: true });
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
    if (!resend) sqs.failSends(1_000_000, 'articles');
    const outageEnds = clock.now() + OUTAGE_MS;
    await dynamo.stop();
    await queue.drain({ until: outageEnds });
    if (clock.now() < outageEnds) clock.advance(outageEnds - clock.now());
    await dynamo.start();
    await queue.drain();
    const reader = new ArticleReader({ client: clients.documents, tableName: tables.articles, bodiesTableName: tables.bodies });
    let extracted = 0;
    for (let n = 0; n < JOBS; n++) if ((await reader.getByUrl(`${origin}/a/${n}`))?.status === 'extracted') extracted++;
    const lastDone = Math.max(...queue.invocations.map((invocation) => invocation.at));
    return {
      extracted,
      deadLetters: queue.deadLetters.length,
      deliveries: queue.invocations.reduce((sum, invocation) => sum + invocation.messageIds.length, 0),
      resent: sqs.calls.filter((call) => call.action === 'SendMessage' && call.input.QueueUrl === env.ARTICLE_QUEUE_URL && resend).length,
      doneAfterOutageMin: extracted ? Math.round((lastDone - outageEnds) / 60_000) : null,
    };
  } finally {
    clients.client.destroy();
    await sqs.close();
    await dynamo.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const rows: string[] = [];
for (const resend of [false, true]) {
  const started = Date.now();
  const outcome = await scenario(resend);
  rows.push(
    `| re-send ${resend ? 'on' : 'off'} | ${outcome.extracted} | ${outcome.deadLetters} | ${outcome.deliveries} | ${outcome.resent} | ${outcome.doneAfterOutageMin ?? '-'} | ${Math.round((Date.now() - started) / 1000)} |`,
  );
}
site.close();
process.stdout.write(
  `${JOBS} extract jobs, DynamoDB down for ${OUTAGE_MS / 60_000} min of queue time\n\n| handler | extracted | dead letters | deliveries | re-sends | last delivery, min after the outage | wall s |\n| --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`,
);
