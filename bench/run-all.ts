// `npm run bench`: every benchmark, each in its own child process (so each one's memory is its own),
// one after another (they would slow each other down on a shared machine), then one summary: a
// markdown table on stdout and .bench-out/summary.json with each bench's own JSON inside.
//
// Options: --quick (fewer rounds in every bench that has rounds) --only NAME,... --skip NAME,...
// Benches whose file is not in this tree are reported "skipped". A bench whose benchmark data is
// missing (bench/support/bench-data.ts) is not started: one line per missing corpus says how to get
// it, the others run, and the exit code is 2 (1 if a bench failed).
// Peak memory is the bench process's VmHWM (Linux /proc), sampled while it runs; a bench that spawns
// processes of its own (feeds: the scorer; cold-start: one node per import) also reports the peak of
// its main process only, plus whatever maxRssKb it writes into its JSON.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchCorpus, BenchDataMissingError, benchDataCandidates, listMissingCorpora } from './support/bench-data';
import { costPerMillionArticles } from './support/cost-model';

interface BenchSpec {
  name: string;
  file: string;
  /** node flags before the script (`--import tsx` is always given). */
  nodeFlags?: string[];
  args?: string[];
  quickArgs: string[];
  /** The benchmark corpora it reads; none for those on generated data. */
  needs: BenchCorpus[];
  /** Where the bench writes its figures (none: it only prints them). */
  json?: string;
  /** The command that runs this bench alone, printed beside its figures. */
  command?: string;
  /** The figures worth a column in the summary, from the bench's JSON. */
  headline: (json: JsonObject) => string;
}
type JsonObject = Record<string, unknown>;
interface BenchRun {
  name: string;
  status: 'ok' | 'failed' | 'skipped' | 'no data';
  reason?: string;
  exitCode?: number | null;
  wallSeconds?: number;
  peakRssMb?: number | null;
  reportedMaxRssMb?: number | null;
  headline?: string;
  figures?: JsonObject | null;
}

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.bench-out');
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, skip: { type: 'string' } } });

/** A value deep inside parsed JSON, or undefined. */
function pick(json: unknown, ...path: string[]): unknown {
  let node = json;
  for (const key of path) node = node && typeof node === 'object' ? (node as JsonObject)[key] : undefined;
  return node;
}
const num = (value: unknown, digits = 1): string => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '?');

const BENCHES: BenchSpec[] = [
  {
    name: 'extract',
    file: 'bench/extract-bench.ts',
    nodeFlags: ['--expose-gc'],
    quickArgs: ['--rounds', '1', '--memory-pages', '300'],
    needs: ['article-extraction', 'tools'],
    json: join(out, 'extract-bench.json'),
    command: 'npm run bench:extract',
    headline: (j) =>
      `F1 ${num(pick(j, 'zyte', 'feedloom', 'f1'), 3)} vs naive ${num(pick(j, 'zyte', 'naive', 'f1'), 3)}; median ${num(pick(j, 'zyte', 'feedloom', 'medianMs'))} ms/page vs naive ${num(pick(j, 'zyte', 'naive', 'medianMs'))}: **${num(j.speedupOfMedian, 2)}x** (target 3x); per-page time ratio p5 / median / p95 ${num(pick(j, 'ratioQuantiles', 'p5'), 2)} / ${num(j.ratioMedian, 2)} / ${num(pick(j, 'ratioQuantiles', 'p95'), 2)}; pool ${num(j.poolMedianMs)} ms/page; heap growth ${num(j.growth)}%`,
  },
  {
    name: 'metadata',
    file: 'bench/metadata-bench.ts',
    quickArgs: ['--quick'],
    needs: ['dates', 'article-extraction'],
    json: join(out, 'metadata-bench.json'),
    headline: (j) =>
      `publication day ${num(pick(j, 'dates', 'all', 'accuracy'), 3)} on ${pick(j, 'dates', 'all', 'pages')} pages (held-aside part ${num(pick(j, 'dates', 'held', 'accuracy'), 3)}), description on ${num(pick(j, 'dates', 'descriptionPresent'), 2)}; our own labels (${pick(j, 'dates', 'ownLabels', 'pages')} dates pages): title F1 ${num(pick(j, 'dates', 'ownLabels', 'titleF1'), 3)}, byline F1 ${num(pick(j, 'dates', 'ownLabels', 'bylineF1'), 3)}, invented ${num(pick(j, 'dates', 'ownLabels', 'inventedBylines'), 2)}; demo titles F1 ${num(pick(j, 'demo', 'titleF1'), 3)}, bylines F1 ${num(pick(j, 'demo', 'bylineF1'), 3)}, invented ${num(pick(j, 'demo', 'inventedBylines'), 2)}, descriptions ${num(pick(j, 'demo', 'descriptionPresent'), 2)}; Zyte pages with a description ${num(pick(j, 'zyteFillRates', 'description'), 2)}`,
  },
  {
    name: 'feeds',
    file: 'bench/feeds-bench.ts',
    args: ['--no-write'],
    quickArgs: ['--rounds', '5'],
    needs: ['feeds', 'tools'],
    json: join(out, 'feeds-bench.json'),
    command: 'npm run bench:feeds',
    headline: (j) => {
      const largest = pick(j, 'largestFiles') as JsonObject | undefined;
      const ratio = largest ? Number(largest.feedloomMs) / Number(largest.rssParserMs) : Number.NaN;
      return `parsed ${pick(j, 'feedloom', 'feeds parsed')} vs ${pick(j, 'rssParser', 'feeds parsed')}; feedparser expectations ${pick(j, 'feedloom', 'feedparser expectations passed')}; time on the 8 largest files ${num(ratio, 2)}x rss-parser's`;
    },
  },
  {
    name: 'feed-parse',
    file: 'bench/feed-parse-bench.ts',
    // The same rounds as the command below, which docs/performance.md quotes.
    args: ['--rounds', '5'],
    // The later --rounds wins (node:util parseArgs keeps an option's last value).
    quickArgs: ['--rounds', '3'],
    needs: ['feeds'],
    json: join(out, 'feed-parse-bench.json'),
    command: 'npx tsx bench/feed-parse-bench.ts --rounds 5',
    headline: (j) =>
      `${num(pick(j, 'results', 'all', 'feedloom', 'mbPerCpuSecond'))} MB/CPU-s vs rss-parser ${num(pick(j, 'results', 'all', 'rssParser', 'mbPerCpuSecond'))}: **${num(pick(j, 'results', 'all', 'speedRatioMedian'), 2)}x** (target 1.5x) on ${pick(j, 'results', 'all', 'files')} files; 8 largest ${num(pick(j, 'results', 'largest8', 'feedloom', 'mbPerCpuSecond'))} vs ${num(pick(j, 'results', 'largest8', 'rssParser', 'mbPerCpuSecond'))}: ${num(pick(j, 'results', 'largest8', 'speedRatioMedian'), 2)}x`,
  },
  {
    name: 'ingest',
    file: 'bench/ingest-bench.ts',
    quickArgs: ['--quick'],
    needs: ['article-extraction'],
    json: join(out, 'ingest-bench.json'),
    command: 'npm run bench:ingest',
    headline: (j) =>
      `${pick(j, 'feeds')} feeds x ${pick(j, 'items')} items: Feedloom ${num(pick(j, 'summaries', 'feedloom', 'articlesPerSecond'), 2)} articles/s vs naive ${num(pick(j, 'summaries', 'naive', 'articlesPerSecond'), 2)} (${num(pick(j, 'summaries', 'feedloom', 'ratioToNaive'), 2)}x); CPU ${num(pick(j, 'summaries', 'feedloom', 'cpuMsPerArticle'), 0)} vs ${num(pick(j, 'summaries', 'naive', 'cpuMsPerArticle'), 0)} ms/article; stored ${String(pick(j, 'summaries', 'feedloom', 'stored'))} of ${Number(pick(j, 'feeds')) * Number(pick(j, 'items'))}`,
  },
  {
    name: 'extract-batch',
    file: 'bench/extract-batch-bench.ts',
    quickArgs: ['--quick'],
    needs: ['article-extraction'],
    json: join(out, 'extract-batch-bench.json'),
    command: 'npm run bench:extract-batch -- --rounds 3',
    headline: (j) =>
      `CPU per article (cost model input) ${num(pick(j, 'summary', 'distinct-sites', 'after', 'cpuMsPerArticle'), 0)} ms at load ${num(pick(j, 'loadAverage', 'atStart', '0'), 1)}-${num(pick(j, 'loadAverage', 'atEnd', '0'), 1)}, load stretch (naive calibration) ${num(pick(j, 'calibration', 'before', 'stretch'), 2)} / ${num(pick(j, 'calibration', 'after', 'stretch'), 2)}; Hosts writes per article ${num(pick(j, 'hostOperationsPerArticle', 'UpdateItem'), 2)}, reads ${num(pick(j, 'hostOperationsPerArticle', 'GetItem') ?? 0, 2)}; byUrl entries ${String(pick(j, 'articleItems', 'withUrlKey'))} of ${String(pick(j, 'articleItems', 'count'))}; ` +
      `extract-article, pages after ${pick(j, 'pageDelayMs')} ms, batches of ${String(pick(j, 'batchSize'))}: wall ${num(pick(j, 'summary', 'distinct-sites', 'before', 'wallMsPerArticle'), 0)} -> ${num(pick(j, 'summary', 'distinct-sites', 'after', 'wallMsPerArticle'), 0)} ms/article (x${num(pick(j, 'summary', 'distinct-sites', 'wallRatio'), 2)}; one site: x${num(pick(j, 'summary', 'one-site', 'wallRatio'), 2)}); CPU ${num(pick(j, 'summary', 'distinct-sites', 'after', 'cpuMsPerArticle'), 0)} ms/article; Article item ${num(pick(j, 'articleItems', 'writeUnits', 'mean'), 2)} WRU on average as stored (${num(pick(j, 'articleItems', 'ifInline', 'writeUnitsMean'), 2)} with bodies inline); peak ${num(Number(pick(j, 'maxRssKb')) / 1024, 0)} MB; cost: docs/scaling.md`,
  },
  {
    name: 'cold-start',
    file: 'bench/cold-start.ts',
    quickArgs: ['--quick'],
    needs: [],
    json: join(out, 'cold-start.json'),
    command: 'npx tsx bench/cold-start.ts',
    headline: (j) => {
      const rows = ((j.rows as JsonObject[] | undefined) ?? []).filter((row) => !String(row.name).startsWith('('));
      return `median import: ${rows.map((row) => `${row.name} ${num(row.importMsMedian, 0)} ms`).join(', ')}`;
    },
  },
  {
    name: 'load',
    file: 'bench/load-test.ts',
    // The full run is the load test's own default (1,000 feeds x 20 items); quick is a smoke-sized one.
    quickArgs: ['--feeds', '50', '--items', '10', '--hosts', '4'],
    needs: [],
    json: join(out, 'load-test.json'),
    headline: (j) =>
      `${pick(j, 'feeds')} feeds x ${pick(j, 'items')} items: ${num(j.articlesPerSecond, 1)} articles/s, stored ${String(pick(j, 'stored', 'articles'))}, dead letters ${String(j.deadLetterCount)}, max ${String(j.maxInFlightPerHost)} in flight per host (limit ${String(j.perHostLimit)})`,
  },
  {
    name: 'storage',
    file: 'bench/storage-bench.ts',
    quickArgs: [],
    needs: [],
    command: 'npm run bench:storage',
    headline: () => '',
  },
  // The measured inputs of the cost model (docs/scaling.md, issue 16 item 4), each with its command.
  {
    name: 'cost-article-writes',
    file: 'scripts/measure-article-writes.ts',
    args: ['--qualities', '5,9'],
    quickArgs: ['--rounds', '1'],
    needs: ['article-extraction'],
    json: join(out, 'article-writes.json'),
    command: 'npx tsx scripts/measure-article-writes.ts --qualities 5,9',
    headline: (j) =>
      `Article item ${num(pick(j, 'asStored', 'writeUnitsMean'), 3)} WRU on average as stored (Zyte pages, real URLs); byUrl entries for ${String(pick(j, 'needingByUrl'))} of ${String(pick(j, 'pages'))} articles; brotli CPU per article q5 ${num(pick(j, 'byQuality', '0', 'compressCpuMsPerArticle'), 2)} ms vs q9 ${num(pick(j, 'byQuality', '1', 'compressCpuMsPerArticle'), 2)} ms; extraction CPU per page median ${num(pick(j, 'extractCpuMsPerPage', 'median'), 1)} ms, mean ${num(pick(j, 'extractCpuMsPerPage', 'mean'), 1)} ms`,
  },
  {
    name: 'cost-politeness',
    file: 'scripts/measure-politeness-cost.ts',
    args: ['--workers', '1', '--requests', '40', '--json', join(out, 'politeness-cost-1.json')],
    quickArgs: [],
    needs: [],
    json: join(out, 'politeness-cost-1.json'),
    command: 'npx tsx scripts/measure-politeness-cost.ts --workers 1 --requests 40',
    headline: (j) =>
      `Hosts table per page request, 1 worker (the model's row): ${num(pick(j, 'perRequest', 'readUnits'), 2)} reads + ${num(pick(j, 'perRequest', 'writeUnits'), 2)} writes; max in flight ${String(pick(j, 'maxInFlight'))}`,
  },
  {
    name: 'cost-politeness-contended',
    file: 'scripts/measure-politeness-cost.ts',
    args: ['--workers', '4', '--requests', '40', '--json', join(out, 'politeness-cost-4.json')],
    quickArgs: [],
    needs: [],
    json: join(out, 'politeness-cost-4.json'),
    command: 'npx tsx scripts/measure-politeness-cost.ts --workers 4 --requests 40',
    headline: (j) =>
      `Hosts table per page request, 4 workers on one host's 2 slots: ${num(pick(j, 'perRequest', 'readUnits'), 2)} reads + ${num(pick(j, 'perRequest', 'writeUnits'), 2)} writes; max in flight ${String(pick(j, 'maxInFlight'))}`,
  },
  {
    name: 'cost-lambda',
    file: 'scripts/measure-lambda-cost.ts',
    args: ['--rounds', '3', '--json', join(out, 'lambda-cost.json')],
    quickArgs: ['--rounds', '1'],
    needs: [],
    json: join(out, 'lambda-cost.json'),
    command: 'npx tsx scripts/measure-lambda-cost.ts --rounds 3',
    headline: (j) =>
      `demo site, real handlers: extract-article ${num(pick(j, 'articles', 'firstRoundMsPerArticle', 'median'), 0)} ms per article (first pass, median), fetch-feed ${String(pick(j, 'feeds', 'msPerFeed'))} ms per feed; ${String(pick(j, 'logBytesPerArticle'))} log bytes per article; load ${num(pick(j, 'loadAverage', 'atStart', '0'), 1)}; dollars: docs/scaling.md`,
  },
];

/** Peak resident set of a live process, from /proc (Linux); null elsewhere or once it has gone. */
function readVmHwmKb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

async function runBench(spec: BenchSpec): Promise<BenchRun> {
  if (!existsSync(join(root, spec.file))) return { name: spec.name, status: 'skipped', reason: `${spec.file} is not in this tree` };
  const missing = listMissingCorpora(spec.needs);
  if (missing.length > 0) return { name: spec.name, status: 'no data', reason: `needs ${missing.join(', ')}` };
  if (spec.json) rmSync(spec.json, { force: true });
  const args = [...(spec.nodeFlags ?? []), '--import', 'tsx', spec.file, ...(spec.args ?? []), ...(values.quick ? spec.quickArgs : [])];
  process.stderr.write(`\n== ${spec.name}: node ${args.join(' ')}\n`);
  const started = performance.now();
  // node itself, not `npx tsx` (which runs the script in a second process): the pid sampled is the bench's.
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  let peakKb: number | null = null;
  const sample = (): void => {
    const kb = child.pid === undefined ? null : readVmHwmKb(child.pid);
    if (kb !== null) peakKb = Math.max(peakKb ?? 0, kb);
  };
  const sampler = setInterval(sample, 200);
  const exitCode = await new Promise<number | null>((done) => {
    child.on('exit', (code) => {
      done(code);
    });
    child.on('error', () => done(null));
  });
  clearInterval(sampler);
  const wallSeconds = (performance.now() - started) / 1000;
  const figures = spec.json && existsSync(spec.json) ? (JSON.parse(readFileSync(spec.json, 'utf8')) as JsonObject) : null;
  const reported = typeof figures?.maxRssKb === 'number' ? figures.maxRssKb / 1024 : null;
  const run: BenchRun = {
    name: spec.name,
    status: exitCode === 0 ? 'ok' : 'failed',
    exitCode,
    wallSeconds,
    peakRssMb: peakKb === null ? null : peakKb / 1024,
    reportedMaxRssMb: reported,
    figures,
  };
  if (exitCode !== 0) run.reason = `exit code ${exitCode}`;
  if (figures) {
    try {
      run.headline = spec.headline(figures);
    } catch (error) {
      run.headline = `(figures unreadable: ${(error as Error).message})`;
    }
  } else if (exitCode === 0) run.headline = spec.json ? `(no ${spec.json.replace(`${root}/`, '')} written)` : '(figures printed above)';
  return run;
}

const only = values.only?.split(',');
const skip = values.skip?.split(',') ?? [];
const selected = BENCHES.filter((spec) => !((only && !only.includes(spec.name)) || skip.includes(spec.name)));
// One line per missing corpus, before anything runs, naming the benches that need it.
const missingCorpora = listMissingCorpora([...new Set(selected.flatMap((spec) => spec.needs))]);
for (const corpus of missingCorpora) {
  const neededBy = selected.filter((spec) => spec.needs.includes(corpus)).map((spec) => spec.name);
  process.stderr.write(`${new BenchDataMissingError(corpus, benchDataCandidates()).message}; not running: ${neededBy.join(', ')}\n`);
}
const runs: BenchRun[] = [];
for (const spec of BENCHES) {
  if ((only && !only.includes(spec.name)) || skip.includes(spec.name)) runs.push({ name: spec.name, status: 'skipped', reason: 'not selected' });
  else runs.push(await runBench(spec));
}

const mb = (value: number | null | undefined): string => (typeof value === 'number' ? `${value.toFixed(0)} MB` : '-');
const table = [
  `## Benchmarks (${values.quick ? 'quick' : 'full'} run, ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores)`,
  '',
  '| bench | command | status | wall | peak RSS (VmHWM) | maxRSS it reports | figures |',
  '| --- | --- | --- | ---: | ---: | ---: | --- |',
  ...runs.map(
    (run) =>
      `| ${run.name} | \`${BENCHES.find((spec) => spec.name === run.name)?.command ?? ''}\` | ${run.status}${run.reason && run.status !== 'ok' ? ` (${run.reason})` : ''} | ${run.wallSeconds === undefined ? '-' : `${run.wallSeconds.toFixed(0)} s`} | ${mb(run.peakRssMb)} | ${mb(run.reportedMaxRssMb)} | ${run.headline ?? ''} |`,
  ),
].join('\n');
process.stdout.write(`\n${table}\n`);

/**
 * Issue 16 item 4's figure from this run's measurements (docs/scaling.md: the arithmetic and the
 * assumptions): the extract-batch CPU divided by its smaller load stretch, the Article item's write
 * units and byUrl share, the Hosts-table traffic of one uncontended request, the log bytes.
 */
function costLine(): string {
  const figures = (name: string): JsonObject | null => runs.find((run) => run.name === name && run.status === 'ok')?.figures ?? null;
  const batch = figures('extract-batch');
  const writes = figures('cost-article-writes');
  const slots = figures('cost-politeness');
  const cpuMs = pick(batch, 'summary', 'distinct-sites', 'after', 'cpuMsPerArticle');
  const stretches = [pick(batch, 'calibration', 'before', 'stretch'), pick(batch, 'calibration', 'after', 'stretch')].filter(
    (x): x is number => typeof x === 'number',
  );
  const inputs = {
    cpuSecondsPerArticle: typeof cpuMs === 'number' && stretches.length ? cpuMs / 1000 / Math.min(...stretches) : Number.NaN,
    articleItemWriteUnits: Number(pick(writes, 'asStored', 'writeUnitsMean')),
    byUrlShare: Number(pick(writes, 'needingByUrl')) / Number(pick(writes, 'pages')),
    slotWriteUnitsPerRequest: Number(pick(slots, 'perRequest', 'writeUnits')),
    slotReadUnitsPerRequest: Number(pick(slots, 'perRequest', 'readUnits')),
    logBytesPerArticle: Number(pick(batch, 'logBytesPerArticle')),
  };
  const missing = Object.entries(inputs).filter(([, value]) => !Number.isFinite(value));
  if (missing.length)
    return `Cost per million articles: not computed (this run lacks ${missing.map(([name]) => name).join(', ')}; needs extract-batch, cost-article-writes, cost-politeness in full runs)`;
  const { total } = costPerMillionArticles(inputs);
  return `Cost per million articles (issue 16 item 4, target $10; docs/scaling.md): **$${total.toFixed(2)}** from CPU ${(inputs.cpuSecondsPerArticle * 1000).toFixed(1)} ms per article (quiet-machine equivalent), Article item ${inputs.articleItemWriteUnits.toFixed(3)} WRU + byUrl ${inputs.byUrlShare.toFixed(3)}, host slot ${inputs.slotReadUnitsPerRequest.toFixed(2)} RRU + ${inputs.slotWriteUnitsPerRequest.toFixed(2)} WRU, ${inputs.logBytesPerArticle} log bytes; undivided CPU: $${costPerMillionArticles({ ...inputs, cpuSecondsPerArticle: Number(cpuMs) / 1000 }).total.toFixed(2)}`;
}
const cost = costLine();
process.stdout.write(`\n${cost}\n`);
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'summary.json'),
  `${JSON.stringify({ node: process.version, cpus: cpus().length, quick: values.quick, finishedAt: new Date().toISOString(), costPerMillionArticles: cost, benches: runs }, null, 2)}\n`,
);
process.stdout.write(`\nwritten: ${join(out, 'summary.json')}\n`);
if (runs.some((run) => run.status === 'failed')) process.exitCode = 1;
else if (runs.some((run) => run.status === 'no data')) process.exitCode = 2;
