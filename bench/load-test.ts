// `npm run bench:load`: a load test of the local pipeline. A loopback site
// (bench/support/synthetic-site.ts) serves FEEDS x ITEMS entries spread over HOSTS loopback
// addresses (127.0.0.1 .. 127.0.0.N, one port), and `feedloom run --once --all
// --allow-private-network` ingests them all in its own process, exactly as a user starts it, on a
// fresh embedded dynalite. Measured: total time, articles/s, what the database holds afterwards
// (read back, not taken from the summary), dead letters, retries, the most requests the server saw
// in flight per host against the client's per-host limit, peak RSS and RSS sampled over the run.
//
// Options: --feeds N (default 1000) --items N (default 20) --hosts N (default 10)
//          --pages generated|demo|zyte (default generated: 3-6 KB article pages with varying text)
//          --concurrency N (passed to feedloom run; its default otherwise) --sample-ms N (default 1000)
//          --delay-ms N (every answer of the site waits N ms, a real site's latency; default 0)
//          --json FILE (default .bench-out/load-test.json)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CycleSummary, DEFAULT_PIPELINE_OPTIONS } from '../cli/local-runtime/local-pipeline';
import { GUARDED_HTTP_DEFAULTS } from '../shared/adapters/http/guarded-http-client';
import { generateArticlePages, loadDemoPages, loadZytePages } from './support/article-pages';
import { benchDataEnv, exitOnMissingData } from './support/bench-data';
import { countStored } from './support/count-stored';
import { type RssSample, runTsChild } from './support/run-child';
import { startSyntheticSite } from './support/synthetic-site';

// The AWS SDK's notice that it will want Node 22 from 2027 is noise here (the CLI sets the same).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '1000' },
    items: { type: 'string', default: '20' },
    hosts: { type: 'string', default: '10' },
    pages: { type: 'string', default: 'generated' },
    bench: { type: 'string' },
    concurrency: { type: 'string' },
    'sample-ms': { type: 'string', default: '1000' },
    'delay-ms': { type: 'string', default: '0' },
    json: { type: 'string', default: join(root, '.bench-out', 'load-test.json') },
  },
});
const feeds = Math.max(1, Number(values.feeds));
const items = Math.max(1, Number(values.items));
const hosts = Math.max(1, Math.min(254, Number(values.hosts)));
const expected = feeds * items;
const limit = GUARDED_HTTP_DEFAULTS.maxConcurrentPerHost;

async function loadPages(kind: string | undefined): Promise<{ pages: string[]; label: string }> {
  if (kind === 'demo') {
    const pages = loadDemoPages();
    return { pages, label: `the ${pages.length} demo-site article pages (6-19 KB), cycled` };
  }
  if (kind === 'zyte') {
    const pages = exitOnMissingData(() => loadZytePages(benchDataEnv(values.bench)));
    return { pages, label: `the ${pages.length} Zyte benchmark pages, cycled` };
  }
  const pages = generateArticlePages(200);
  return { pages, label: '200 generated 3-6 KB article pages (header, navigation, 5-9 paragraphs of varying text, related links, footer), cycled' };
}

const median = (list: number[]): number => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Least-squares slope of RSS over time, in MB per minute. */
function slopeMbPerMinute(samples: readonly RssSample[]): number {
  if (samples.length < 2) return 0;
  const meanT = samples.reduce((sum, s) => sum + s.atMs, 0) / samples.length;
  const meanR = samples.reduce((sum, s) => sum + s.rssMb, 0) / samples.length;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.atMs - meanT) * (s.rssMb - meanR);
    den += (s.atMs - meanT) ** 2;
  }
  return den ? (num / den) * 60_000 : 0;
}

const { pages, label: pagesLabel } = await loadPages(values.pages);
const delayMs = Math.max(0, Number(values['delay-ms']));
const site = await startSyntheticSite({ feeds, itemsPerFeed: items, pages, hosts, delayMs });
const work = mkdtempSync(join(tmpdir(), 'feedloom-load-'));
const concurrency = values.concurrency === undefined ? DEFAULT_PIPELINE_OPTIONS.articleConcurrency : Number(values.concurrency);
let report: Record<string, unknown>;
let lines: string[];
try {
  const feedsFile = join(work, 'feeds.txt');
  writeFileSync(feedsFile, `${site.feedUrls.join('\n')}\n`);
  const db = join(work, 'db');
  const args = ['run', '--once', '--all', '--allow-private-network', '--feeds', feedsFile, '--db', db, '--json'];
  if (values.concurrency !== undefined) args.push('--concurrency', values.concurrency);
  process.stderr.write(`Load: ${feeds} feeds x ${items} items = ${expected} articles over ${hosts} loopback hosts; feedloom run in a child process...\n`);
  const child = await runTsChild(join(root, 'cli', 'bin.ts'), args, { cwd: work, sampleEveryMs: Number(values['sample-ms']) });
  if (child.code !== 0) throw new Error(`feedloom run exited ${child.code}: ${child.stderr.slice(-2000)}`);
  const summary = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as CycleSummary;
  process.stderr.write(`  run finished in ${(child.wallMs / 1000).toFixed(1)} s; counting what the database holds...\n`);
  const stored = await countStored(db, 'feedloom', site.itemUrls);
  const hostStats = site.stats();
  const feedHosts = Object.entries(hostStats).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  const maxInFlight = Math.max(0, ...feedHosts.map(([, stats]) => stats.maxInFlight));
  const requests = feedHosts.reduce((sum, [, stats]) => sum + stats.requests, 0);
  const non200 = feedHosts.reduce(
    (sum, [, stats]) => sum + Object.entries(stats.statuses).reduce((n, [status, count]) => n + (status === '200' ? 0 : count), 0),
    0,
  );

  // Memory: the first tenth is start-up (workers, jsdom, the SDK loading); the trend is read after it.
  const samples = child.rssSamples;
  const steady = samples.filter((sample) => sample.atMs >= child.wallMs * 0.1);
  const half = Math.floor(steady.length / 2);
  const firstHalf = median(steady.slice(0, half).map((s) => s.rssMb));
  const secondHalf = median(steady.slice(half).map((s) => s.rssMb));
  const slope = slopeMbPerMinute(steady);
  const reasons = new Map<string, number>();
  for (const letter of summary.deadLetters) {
    const reason = letter.reason.split(':')[0] ?? letter.reason;
    reasons.set(`${letter.queue} ${reason}`, (reasons.get(`${letter.queue} ${reason}`) ?? 0) + 1);
  }
  // A bounded sketch of the RSS curve for the report: about 12 evenly spaced readings.
  const step = Math.max(1, Math.ceil(samples.length / 12));
  const sketch = samples.filter((_, index) => index % step === 0 || index === samples.length - 1);

  lines = [
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'cpu'}, shared with other work).`,
    `${feeds} feeds x ${items} items = ${expected} articles (RSS 2.0 / Atom / JSON Feed in turn) over ${hosts} loopback hosts (127.0.0.1-127.0.0.${hosts}, ${Math.ceil(feeds / hosts)} feeds each), every answer delayed ${delayMs} ms; pages: ${pagesLabel}.`,
    `\`feedloom run --once --all --allow-private-network\`${values.concurrency === undefined ? '' : ` --concurrency ${values.concurrency}`} in its own process on a fresh embedded dynalite (${concurrency} articles in flight, ${DEFAULT_PIPELINE_OPTIONS.feedConcurrency} feeds in flight, worker pool of ${Math.min(concurrency, availableParallelism())}).`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| total time (process spawn to exit) | ${(child.wallMs / 1000).toFixed(1)} s |`,
    `| pipeline cycle (summary durationMs) | ${(summary.durationMs / 1000).toFixed(1)} s |`,
    `| articles/s (cycle / whole process) | ${((stored.articles * 1000) / summary.durationMs).toFixed(1)} / ${((stored.articles * 1000) / child.wallMs).toFixed(1)} |`,
    `| articles in the database (scanned afterwards) | ${stored.articles} of ${expected}; missing ${stored.missing}, unexpected ${stored.unexpected}; by status ${JSON.stringify(stored.byStatus)} |`,
    `| summary: created / updated / unchanged | ${summary.articles.created} / ${summary.articles.updated} / ${summary.articles.unchanged} |`,
    `| feeds: dispatched / updated / failed | ${summary.feeds.dispatched} / ${summary.feeds.updated} / ${summary.feeds.failed} |`,
    `| dead letters | ${summary.deadLetters.length}${reasons.size ? ` (${[...reasons].map(([reason, count]) => `${reason}: ${count}`).join(', ')})` : ''} |`,
    `| retries | ${summary.retries} |`,
    `| requests served (non-200) | ${requests} (${non200}) |`,
    `| max requests in flight per host (server side) | ${maxInFlight}, limit ${limit} (GUARDED_HTTP_DEFAULTS.maxConcurrentPerHost) |`,
    `| peak RSS (${child.peakRssSource}) | ${child.peakRssMb?.toFixed(0) ?? '?'} MB |`,
    `| RSS after start-up: min / median / max | ${Math.min(...steady.map((s) => s.rssMb)).toFixed(0)} / ${median(steady.map((s) => s.rssMb)).toFixed(0)} / ${Math.max(...steady.map((s) => s.rssMb)).toFixed(0)} MB |`,
    `| RSS trend after start-up | first half median ${firstHalf.toFixed(0)} MB, second half ${secondHalf.toFixed(0)} MB; slope ${slope >= 0 ? '+' : ''}${slope.toFixed(1)} MB/min |`,
    '',
    `Per host (requests, max in flight): ${feedHosts.map(([host, stats]) => `${host.replace(/:\d+$/, '')} ${stats.requests} req, max ${stats.maxInFlight}`).join('; ')}.`,
    `RSS over time: ${sketch.map((s) => `${(s.atMs / 1000).toFixed(0)} s ${s.rssMb.toFixed(0)} MB`).join(', ')}.`,
  ];
  report = {
    node: process.version,
    cores: availableParallelism(),
    feeds,
    items,
    hosts,
    delayMs,
    pages: values.pages,
    concurrency,
    wallMs: child.wallMs,
    cycleMs: summary.durationMs,
    articlesPerSecond: (stored.articles * 1000) / summary.durationMs,
    stored,
    summary: { ...summary, deadLetters: summary.deadLetters.slice(0, 50) },
    deadLetterCount: summary.deadLetters.length,
    perHostLimit: limit,
    maxInFlightPerHost: maxInFlight,
    perHost: hostStats,
    peakRssMb: child.peakRssMb,
    peakRssSource: child.peakRssSource,
    rss: { firstHalfMedianMb: firstHalf, secondHalfMedianMb: secondHalf, slopeMbPerMinute: slope, samples },
  };
} finally {
  await site.close();
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
