// `npm run bench:ingest`: end-to-end local ingestion, Feedloom against a naive pipeline, side by
// side in one run. A loopback site (bench/support/synthetic-site.ts) serves FEEDS x ITEMS entries
// (RSS 2.0, Atom, JSON Feed in turn) whose links are real news pages (the Zyte benchmark's 181
// pages, cycled; or the demo site's). Each contender runs in its own Node process on a fresh
// embedded dynalite: Feedloom is `feedloom run --once --all --allow-private-network` exactly as a
// user starts it; the naive pipeline is bench/support/naive-ingest.ts (rss-parser, then fetch,
// JSDOM, Readability, PutItem, one entry after another). Rounds alternate which goes first; the
// figures are medians. Stored counts are read back from each database after the run.
//
// Options: --feeds N (default 20) --items N (default 20) --rounds N (default 3) --hosts N (default 1)
//          --pages zyte|demo (default zyte) --bench DIR (the corpora root; default: bench/support/bench-data.ts)
//          --concurrency N (also run Feedloom with --concurrency N as a third contender)
//          --json FILE (default .bench-out/ingest-bench.json) --quick (one round)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CycleSummary } from '../cli/local-runtime/local-pipeline';
import { DEFAULT_PIPELINE_OPTIONS } from '../cli/local-runtime/local-pipeline';
import { GUARDED_HTTP_DEFAULTS } from '../shared/adapters/http/guarded-http-client';
import { loadDemoPages, loadZytePages } from './support/article-pages';
import { benchDataEnv, exitOnMissingData } from './support/bench-data';
import { countStored, type StoredCount } from './support/count-stored';
import { runTsChild } from './support/run-child';
import { type SyntheticSite, startSyntheticSite } from './support/synthetic-site';

// The AWS SDK's notice that it will want Node 22 from 2027 is noise here (the CLI sets the same).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '20' },
    items: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    hosts: { type: 'string', default: '1' },
    pages: { type: 'string', default: 'zyte' },
    bench: { type: 'string' },
    concurrency: { type: 'string' },
    json: { type: 'string', default: join(root, '.bench-out', 'ingest-bench.json') },
    quick: { type: 'boolean', default: false },
  },
});
const feeds = Math.max(1, Number(values.feeds));
const items = Math.max(1, Number(values.items));
// --quick (npm run bench -- --quick): one round, whatever --rounds says.
const rounds = values.quick ? 1 : Math.max(1, Number(values.rounds));
const hosts = Math.max(1, Number(values.hosts));
const expected = feeds * items;

type ContenderName = 'naive' | 'feedloom' | `feedloom-c${number}`;
interface Contender {
  name: ContenderName;
  label: string;
  run(site: SyntheticSite, work: string): Promise<RunResult>;
}
interface RunResult {
  ingestMs: number;
  wallMs: number;
  peakRssMb: number | null;
  cpuMs: number | null;
  stored: StoredCount;
  deadLetters: number;
  retries: number;
  failures: number;
}

function writeFeedList(site: SyntheticSite, work: string): string {
  const file = join(work, 'feeds.txt');
  writeFileSync(file, `${site.feedUrls.join('\n')}\n`);
  return file;
}

function feedloomContender(concurrency?: number): Contender {
  const name: ContenderName = concurrency === undefined ? 'feedloom' : `feedloom-c${concurrency}`;
  return {
    name,
    label:
      concurrency === undefined
        ? `Feedloom \`run --once --all\` (defaults: ${DEFAULT_PIPELINE_OPTIONS.articleConcurrency} articles in flight, worker pool of ${Math.min(DEFAULT_PIPELINE_OPTIONS.articleConcurrency, availableParallelism())})`
        : `Feedloom \`run --once --all --concurrency ${concurrency}\``,
    async run(site, work) {
      const db = join(work, 'db');
      const args = ['run', '--once', '--all', '--allow-private-network', '--feeds', writeFeedList(site, work), '--db', db, '--json'];
      if (concurrency !== undefined) args.push('--concurrency', String(concurrency));
      const child = await runTsChild(join(root, 'cli', 'bin.ts'), args, { cwd: work });
      if (child.code !== 0) throw new Error(`feedloom run exited ${child.code}: ${child.stderr.slice(-2000)}`);
      const summary = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as CycleSummary;
      return {
        ingestMs: summary.durationMs,
        wallMs: child.wallMs,
        peakRssMb: child.peakRssMb,
        cpuMs: child.cpuMs,
        stored: await countStored(db, 'feedloom', site.itemUrls),
        deadLetters: summary.deadLetters.length,
        retries: summary.retries,
        failures: summary.feeds.failed + summary.articles.byStatus.failed,
      };
    },
  };
}

const naiveContender: Contender = {
  name: 'naive',
  label: 'naive: rss-parser / JSON.parse, then fetch, JSDOM, Readability, PutItem, one by one',
  async run(site, work) {
    const db = join(work, 'db');
    const child = await runTsChild(join(root, 'bench', 'support', 'naive-ingest.ts'), ['--feeds', writeFeedList(site, work), '--db', db], { cwd: work });
    if (child.code !== 0) throw new Error(`naive pipeline exited ${child.code}: ${child.stderr.slice(-2000)}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { articles: number; failures: number; ingestMs: number };
    return {
      ingestMs: result.ingestMs,
      wallMs: child.wallMs,
      peakRssMb: child.peakRssMb,
      cpuMs: child.cpuMs,
      stored: await countStored(db, 'naive', site.itemUrls),
      deadLetters: 0,
      retries: 0,
      failures: result.failures,
    };
  },
};

const median = (list: number[]): number => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

const contenders: Contender[] = [naiveContender, feedloomContender()];
if (values.concurrency !== undefined) contenders.push(feedloomContender(Number(values.concurrency)));

const pages = values.pages === 'demo' ? loadDemoPages() : exitOnMissingData(() => loadZytePages(benchDataEnv(values.bench)));
const pagesLabel = values.pages === 'demo' ? `the ${pages.length} demo-site article pages` : `the ${pages.length} Zyte benchmark pages`;
const site = await startSyntheticSite({ feeds, itemsPerFeed: items, pages, hosts });
const warmSite = await startSyntheticSite({ feeds: 3, itemsPerFeed: 2, pages, hosts: 1 });
const results = new Map<ContenderName, RunResult[]>(contenders.map((contender) => [contender.name, []]));

async function runOnce(contender: Contender, target: SyntheticSite): Promise<RunResult> {
  const work = mkdtempSync(join(tmpdir(), `ingest-bench-${contender.name}-`));
  try {
    return await contender.run(target, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  process.stderr.write(
    `Ingest: ${feeds} feeds x ${items} items = ${expected} articles (${pagesLabel}, cycled) on ${hosts} loopback host(s); 1 warm-up + ${rounds} rounds, order alternating\n`,
  );
  // The first start of each program compiles its sources through tsx; the warm-up keeps that out.
  for (const contender of contenders) await runOnce(contender, warmSite);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const result = await runOnce(contender, site);
      results.get(contender.name)?.push(result);
      process.stderr.write(
        `  round ${round + 1}: ${contender.name} ${perSecond(result.stored.articles, result.ingestMs).toFixed(2)} articles/s, ${result.stored.articles} stored, peak RSS ${result.peakRssMb?.toFixed(0) ?? '?'} MB\n`,
      );
    }
  }
} finally {
  await site.close();
  await warmSite.close();
}

const naiveRuns = results.get('naive') as RunResult[];
const summaryOf = (name: ContenderName) => {
  const runs = results.get(name) as RunResult[];
  const rates = runs.map((run) => perSecond(run.stored.articles, run.ingestMs));
  const wallRates = runs.map((run) => perSecond(run.stored.articles, run.wallMs));
  // Each round's ratio compares two runs made back to back, so machine load drifts less into it.
  const ratios = runs.map(
    (run, index) => perSecond(run.stored.articles, run.ingestMs) / perSecond(naiveRuns[index]?.stored.articles ?? 0, naiveRuns[index]?.ingestMs ?? 1),
  );
  return {
    articlesPerSecond: median(rates),
    wallArticlesPerSecond: median(wallRates),
    ratioToNaive: median(ratios),
    peakRssMb: median(runs.map((run) => run.peakRssMb ?? Number.NaN)),
    // CPU time (all threads) is what the work costs whatever else the machine runs at the time.
    cpuMsPerArticle: median(runs.map((run) => (run.cpuMs ?? Number.NaN) / Math.max(1, run.stored.articles))),
    stored: runs.map((run) => run.stored.articles),
    missing: runs.map((run) => run.stored.missing),
    byStatus: runs.at(-1)?.stored.byStatus ?? {},
    deadLetters: runs.map((run) => run.deadLetters),
    retries: runs.map((run) => run.retries),
    failures: runs.map((run) => run.failures),
    runs,
  };
};
const summaries = Object.fromEntries(contenders.map((contender) => [contender.name, summaryOf(contender.name)]));
const list = (numbers: number[]): string => [...new Set(numbers)].join(' / ');
const lines = [
  `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'cpu'}, shared with other work), per-host limit ${GUARDED_HTTP_DEFAULTS.maxConcurrentPerHost}.`,
  `${feeds} feeds x ${items} items = ${expected} articles (RSS 2.0 / Atom / JSON Feed in turn), pages: ${pagesLabel}, cycled. Median of ${rounds} rounds, contenders alternating; each in its own process on a fresh embedded dynalite.`,
  '',
  '| pipeline | articles/s (ingest) | x naive (median of per-round ratios) | articles/s (whole process) | CPU ms / article (all threads) | peak RSS | stored (each round) | missing | dead letters | retries |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...contenders.map((contender) => {
    const s = summaries[contender.name] as ReturnType<typeof summaryOf>;
    return `| ${contender.label} | ${s.articlesPerSecond.toFixed(2)} | ${contender.name === 'naive' ? '1' : s.ratioToNaive.toFixed(2)} | ${s.wallArticlesPerSecond.toFixed(2)} | ${s.cpuMsPerArticle.toFixed(0)} | ${s.peakRssMb.toFixed(0)} MB | ${list(s.stored)} of ${expected} | ${list(s.missing)} | ${list(s.deadLetters)} | ${list(s.retries)} |`;
  }),
  '',
  'Ingest time: Feedloom from its summary (`durationMs`: dispatch to last article stored), naive from first feed fetch to last PutItem; whole process: spawn to exit (Node and tsx start, database open, table creation, subscribing the feeds).',
  `Stored articles by status (last round): ${contenders.map((contender) => `${contender.name} ${JSON.stringify(summaries[contender.name]?.byStatus)}`).join(', ')}.`,
  '',
  `| round | ${contenders.map((contender) => `${contender.name} articles/s`).join(' | ')} |`,
  `| --- | ${contenders.map(() => '---').join(' | ')} |`,
  ...Array.from(
    { length: rounds },
    (_, round) =>
      `| ${round + 1} | ${contenders
        .map((contender) => {
          const run = results.get(contender.name)?.[round];
          return run ? perSecond(run.stored.articles, run.ingestMs).toFixed(2) : '-';
        })
        .join(' | ')} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(
  values.json,
  `${JSON.stringify({ node: process.version, cores: availableParallelism(), feeds, items, hosts, pages: values.pages, rounds, summaries }, null, 2)}\n`,
);
