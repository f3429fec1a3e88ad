// The remote side of bench/extract-batch-bench.ts, in its own process so that its CPU is not
// counted as the handler's: a slow loopback news site (every answer after --delay ms, spread over
// --hosts loopback addresses) and an in-memory dynalite standing in for DynamoDB. Prints one JSON
// line { endpoint, itemUrls } on stdout, then serves until its stdin closes.
import { parseArgs } from 'node:util';
import { startEmbeddedDynamo } from '../../shared/adapters/dynamodb/embedded-dynamodb';
import { generateArticlePages, loadZytePages } from './article-pages';
import { exitOnMissingData } from './bench-data';
import { startSyntheticSite } from './synthetic-site';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '100' },
    hosts: { type: 'string', default: '5' },
    delay: { type: 'string', default: '500' },
    pages: { type: 'string', default: 'zyte' },
    bench: { type: 'string' },
  },
});
const pages =
  values.pages === 'zyte'
    ? exitOnMissingData(() => loadZytePages(values.bench ? { ...process.env, FEEDLOOM_BENCH_DATA: values.bench } : process.env))
    : generateArticlePages(50);
const dynamo = await startEmbeddedDynamo(null);
const site = await startSyntheticSite({ feeds: Number(values.feeds), itemsPerFeed: 1, pages, hosts: Number(values.hosts), delayMs: Number(values.delay) });
process.stdout.write(`${JSON.stringify({ endpoint: dynamo.endpoint, itemUrls: site.itemUrls, pages: pages.length })}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await site.close();
  await dynamo.close();
  process.exit(0);
});
