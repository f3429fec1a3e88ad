// `npm run bench:extract`: Feedloom's extraction against naive Readability + jsdom, side by side in
// one process, on the Zyte article-extraction benchmark (181 pages with hand-checked bodies):
// score (the benchmark's own method, via the shared scorer), time per page, the three
// pathological pages of the issue's bar, and retained heap over a long run; then on the three
// developer datasets of ../shared/bench/wceb (dragnet, cleaneval, google-trends-2017; 626 pages,
// score-wceb.mjs's token-level scoring), both extractors once per page, interleaved.
//
// Options: --bench DIR (the corpora root; default: bench/support/bench-data.ts) --rounds N (timed rounds after one warm-up, default 3)
//          --wceb-limit N (pages per wceb dataset; 0 skips wceb; default all)
//          --memory-pages N (default 2000; 0 skips) --memory-only (just the heap run, in a fresh process)
//          --memory-of feedloom|naive (whose heap run; run each with --memory-only to compare peaks)
//          --json FILE (default .bench-out/extract-bench.json)
// The heap figures need `node --expose-gc` (the npm script passes it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createExtractionPool } from '../shared/adapters/extraction-worker/extraction-pool';
import { extractArticle } from '../shared/extraction/extract-article';
import { benchDataEnv, exitOnMissingData, findCorpus, requireBenchRoot } from './support/bench-data';

interface ZytePage {
  id: string;
  url: string;
  html: string;
}
interface Metrics {
  f1: number;
  precision: number;
  recall: number;
  emptyPredictions: number;
}
type Evaluate = (truth: Record<string, string>, predictions: Map<string, string>, options: { nBootstrap: number }) => { metrics: Metrics };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    bench: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'memory-pages': { type: 'string', default: '2000' },
    'memory-only': { type: 'boolean', default: false },
    'memory-of': { type: 'string', default: 'feedloom' },
    json: { type: 'string', default: join(root, '.bench-out', 'extract-bench.json') },
    'wceb-limit': { type: 'string' },
  },
});
const wcebLimit = values['wceb-limit'] === undefined ? null : Math.max(0, Number(values['wceb-limit']));
const rounds = Math.max(1, Number(values.rounds));
const memoryPages = Math.max(0, Number(values['memory-pages']));
const tools = join(
  exitOnMissingData(() => requireBenchRoot(['tools', 'article-extraction'], benchDataEnv(values.bench))),
  'tools',
);
// The wceb developer sets are optional here: without them the Zyte figures still run.
const wcebDir = findCorpus('wceb', benchDataEnv(values.bench));
const { loadZyte } = (await import(pathToFileURL(join(tools, 'lib', 'common.mjs')).href)) as {
  loadZyte: () => { truth: Record<string, { articleBody?: string }>; pages: ZytePage[] };
};
const { evaluate } = (await import(pathToFileURL(join(tools, 'score-zyte.mjs')).href)) as { evaluate: Evaluate };
interface WcebPage {
  id: string;
  url: string;
  html: string;
  bytes: Uint8Array;
  truth: string;
}
interface WcebSummary {
  pages: number;
  f1Mean: number;
  f1Median: number;
  precisionMean: number;
  recallMean: number;
  empty: number;
  msMedian: number | null;
}
type PageScore = { tp: number; truthTokens: number; predTokens: number; precision: number | null; recall: number | null; f1: number };
const wcebTools = (await import(pathToFileURL(join(tools, 'score-wceb.mjs')).href)) as {
  loadWceb: (dir: string, options: { limit: number | null }) => { dataset: string; pages: WcebPage[] }[];
  scorePage: (truth: string, prediction: string) => PageScore;
  summarize: (rows: (PageScore & { ms: number })[]) => WcebSummary;
};
// Some wceb pages (CleanEval, Dragnet) come without their address: both extractors get a placeholder.
const NO_URL = 'https://page.invalid/';

const silent = new VirtualConsole();
const NOW = new Date('2025-01-01T00:00:00Z');

/** The baseline as a user first writes it: Readability 0.6 on jsdom 27.0.1, `textContent`. */
function naive(page: { html: string; url: string }): string {
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole: silent });
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
}

/** Feedloom as the pipeline calls it: the page's bytes in, an Article out. */
async function feedloom(page: { url: string }, bytes: Uint8Array): Promise<string> {
  const article = await extractArticle(bytes, { url: page.url, now: NOW });
  return article.contentText ?? '';
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const quantile = (values: number[], q: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] as number;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

const { truth, pages } = loadZyte();
const truthText = Object.fromEntries(Object.entries(truth).map(([id, item]) => [id, item.articleBody ?? '']));
const bytesOf = new Map(pages.map((page) => [page.id, new TextEncoder().encode(page.html)]));

type ZyteResult = Metrics & { medianMs: number; p95Ms: number; totalMs: number };

// 1. Score and time, side by side. Each page is run by both extractors in alternating order, one
// warm-up round then `rounds` timed rounds; a page's time is its median over the timed rounds.
async function measureZyte(): Promise<{ zyte: Record<'naive' | 'feedloom', ZyteResult>; ratios: number[] }> {
  process.stderr.write(`Zyte: ${pages.length} pages, 1 warm-up + ${rounds} timed rounds, both extractors interleaved\n`);
  const times = { naive: new Map<string, number[]>(), feedloom: new Map<string, number[]>() };
  const predictions = { naive: new Map<string, string>(), feedloom: new Map<string, string>() };
  for (let round = 0; round <= rounds; round++) {
    for (const [index, page] of pages.entries()) {
      const order = (index + round) % 2 === 0 ? (['naive', 'feedloom'] as const) : (['feedloom', 'naive'] as const);
      for (const name of order) {
        const started = performance.now();
        const text = name === 'naive' ? naive(page) : await feedloom(page, bytesOf.get(page.id) as Uint8Array);
        const elapsed = performance.now() - started;
        if (round === 0) predictions[name].set(page.id, text);
        else times[name].set(page.id, [...(times[name].get(page.id) ?? []), elapsed]);
        // jsdom frees a window only after the event loop turns.
        await yieldToEventLoop();
      }
    }
    process.stderr.write(`  round ${round}${round === 0 ? ' (warm-up)' : ''} done\n`);
  }
  const perPage = (name: 'naive' | 'feedloom'): number[] => pages.map((page) => median(times[name].get(page.id) ?? []));
  const zyte = Object.fromEntries(
    (['naive', 'feedloom'] as const).map((name) => {
      const { metrics } = evaluate(truthText, predictions[name], { nBootstrap: 200 });
      const pageTimes = perPage(name);
      return [name, { ...metrics, medianMs: median(pageTimes), p95Ms: quantile(pageTimes, 0.95), totalMs: pageTimes.reduce((a, b) => a + b, 0) }];
    }),
  ) as Record<'naive' | 'feedloom', ZyteResult>;
  const ours = perPage('feedloom');
  const theirs = perPage('naive');
  return { zyte, ratios: ours.map((time, index) => time / (theirs[index] as number)) };
}

// 2. The same pages through the worker pool (one worker), then 3. the issue's pathological pages,
// in-process and through the pool: each must end within 2 s with a typed failure.
async function measurePoolAndHostile(): Promise<{
  poolTimes: number[];
  hostile: { page: string; bytes: number; inProcessMs: number; poolMs: number; outcome: string }[];
}> {
  const pool = createExtractionPool({ size: 1, timeoutMs: 30_000 });
  try {
    await pool.extract(bytesOf.get(pages[0]?.id ?? '') as Uint8Array, { url: pages[0]?.url ?? 'https://example.com/' });
    const poolTimes: number[] = [];
    for (const page of pages) {
      const started = performance.now();
      await pool.extract(bytesOf.get(page.id) as Uint8Array, { url: page.url, now: NOW });
      poolTimes.push(performance.now() - started);
    }
    const pathological: Record<string, string> = {
      '6,000-deep nesting': `<html><body>${'<div>'.repeat(6000)}deep${'</div>'.repeat(6000)}</body></html>`,
      '20 MB page': `<html><body><p>${'word '.repeat(4_000_000)}</p></body></html>`,
      '100,000 elements': `<html><body>${'<span>a</span>'.repeat(100_000)}</body></html>`,
      // The slowest shape the pre-scan lets through: a flat page at the element cap.
      '29,000 paragraphs (inside the caps)': `<html><body><article>${'<p>Some words, here, in a paragraph of text.</p>'.repeat(29_000)}</article></body></html>`,
    };
    const hostile = [];
    for (const [name, html] of Object.entries(pathological)) {
      const bytes = new TextEncoder().encode(html);
      let started = performance.now();
      const direct = await extractArticle(bytes, { url: 'https://example.com/hostile' });
      const inProcessMs = performance.now() - started;
      started = performance.now();
      const viaPool = await pool.extract(bytes, { url: 'https://example.com/hostile' });
      const poolMs = performance.now() - started;
      const outcomeOf = (result: typeof direct): string => [result.status, result.extraction.error?.code].filter(Boolean).join(', ');
      // Under heavy load the pool's deadline can end a page the in-process run finished: report both
      // outcomes rather than lose the whole summary to one slow page.
      const outcome = direct.status === viaPool.status ? outcomeOf(direct) : `in-process: ${outcomeOf(direct)}; pool: ${outcomeOf(viaPool)}`;
      hostile.push({ page: name, bytes: bytes.byteLength, inProcessMs, poolMs, outcome });
    }
    return { poolTimes, hostile };
  } finally {
    await pool.close();
  }
}

// 4. Retained heap over a long in-process run, cycling the pages, after forced GC.
async function measureHeap(): Promise<{ page: number; heapUsedMb: number; rssMb: number }[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap: { page: number; heapUsedMb: number; rssMb: number }[] = [];
  if (memoryPages === 0) return heap;
  if (!gc) {
    process.stderr.write('Memory: skipped (run with node --expose-gc, as `npm run bench:extract` does)\n');
    return heap;
  }
  process.stderr.write(`Memory: ${memoryPages} pages in-process, heap after GC at checkpoints\n`);
  const checkpoints = new Set([200, 500, 1000, 1500, memoryPages]);
  for (let count = 1; count <= memoryPages; count++) {
    const page = pages[(count - 1) % pages.length] as ZytePage;
    if (values['memory-of'] === 'naive') naive(page);
    else await feedloom(page, bytesOf.get(page.id) as Uint8Array);
    await yieldToEventLoop();
    if (checkpoints.has(count)) {
      for (let i = 0; i < 3; i++) {
        await yieldToEventLoop();
        gc();
      }
      const usage = process.memoryUsage();
      heap.push({ page: count, heapUsedMb: usage.heapUsed / 2 ** 20, rssMb: usage.rss / 2 ** 20 });
      process.stderr.write(`  page ${count}: ${(heap.at(-1) as { heapUsedMb: number }).heapUsedMb.toFixed(1)} MB\n`);
    }
  }
  return heap;
}

// 5. The wceb developer datasets: each page once through both extractors (alternating which goes
// first), scored per page and summarised as score-wceb.mjs does.
async function measureWceb(): Promise<{ dataset: string; naive: WcebSummary; feedloom: WcebSummary }[]> {
  if (wcebLimit === 0 || wcebDir === null) return [];
  const sets = wcebTools.loadWceb(wcebDir, { limit: wcebLimit });
  const results = [];
  for (const { dataset, pages: wcebPages } of sets) {
    process.stderr.write(`wceb ${dataset}: ${wcebPages.length} pages, both extractors once each\n`);
    const rows = { naive: [] as (PageScore & { ms: number })[], feedloom: [] as (PageScore & { ms: number })[] };
    for (const [index, page] of wcebPages.entries()) {
      const target = { html: page.html, url: page.url || NO_URL };
      const order = index % 2 === 0 ? (['naive', 'feedloom'] as const) : (['feedloom', 'naive'] as const);
      for (const name of order) {
        const started = performance.now();
        const text = name === 'naive' ? naive(target) : await feedloom(target, page.bytes);
        rows[name].push({ ...wcebTools.scorePage(page.truth, text), ms: performance.now() - started });
        await yieldToEventLoop();
      }
    }
    results.push({ dataset, naive: wcebTools.summarize(rows.naive), feedloom: wcebTools.summarize(rows.feedloom) });
  }
  return results;
}

const lines = [`Node ${process.version}, ${pages.length} pages.`, ''];
const report: Record<string, unknown> = { node: process.version };
if (!values['memory-only']) {
  const { zyte, ratios } = await measureZyte();
  const { poolTimes, hostile } = await measurePoolAndHostile();
  const row = (name: string, m: ZyteResult): string =>
    `| ${name} | ${m.f1.toFixed(3)} | ${m.precision.toFixed(3)} | ${m.recall.toFixed(3)} | ${m.emptyPredictions} | ${ms(m.medianMs)} | ${ms(m.p95Ms)} |`;
  lines.push(
    `Median of ${rounds} timed rounds per page (after 1 warm-up), the two extractors interleaved page by page in one process.`,
    '',
    '| extractor | F1 | precision | recall | empty | median / page | p95 / page |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('Readability 0.6 + jsdom 27.0.1, textContent (naive)', zyte.naive),
    row('Feedloom extractArticle (bytes in, Article out)', zyte.feedloom),
    '',
    `Per-page time ratio Feedloom / naive: p5 ${quantile(ratios, 0.05).toFixed(2)}, p25 ${quantile(ratios, 0.25).toFixed(2)}, median ${median(ratios).toFixed(2)}, p75 ${quantile(ratios, 0.75).toFixed(2)}, p95 ${quantile(ratios, 0.95).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}; total ${(zyte.feedloom.totalMs / 1000).toFixed(1)} s vs ${(zyte.naive.totalMs / 1000).toFixed(1)} s.`,
    `Speed-up of the median page: ${(zyte.naive.medianMs / zyte.feedloom.medianMs).toFixed(2)}x (issue 16: at least 3x; the held-out bar 2.5x). Pages per second on one core (all ${pages.length} pages, one after another): Feedloom ${((pages.length * 1000) / zyte.feedloom.totalMs).toFixed(1)}, naive ${((pages.length * 1000) / zyte.naive.totalMs).toFixed(1)}.`,
    `Through the worker pool (1 worker, warm): median ${ms(median(poolTimes))} / page, p95 ${ms(quantile(poolTimes, 0.95))}.`,
    '',
    '| pathological page | size | in-process | via worker pool | outcome |',
    '| --- | --- | --- | --- | --- |',
    ...hostile.map((h) => `| ${h.page} | ${(h.bytes / 1e6).toFixed(1)} MB | ${ms(h.inProcessMs)} | ${ms(h.poolMs)} | ${h.outcome} |`),
    '',
  );
  Object.assign(report, {
    rounds,
    zyte,
    ratioMedian: median(ratios),
    ratioQuantiles: {
      p5: quantile(ratios, 0.05),
      p25: quantile(ratios, 0.25),
      p50: median(ratios),
      p75: quantile(ratios, 0.75),
      p95: quantile(ratios, 0.95),
      max: Math.max(...ratios),
    },
    speedupOfMedian: zyte.naive.medianMs / zyte.feedloom.medianMs,
    pagesPerSecond: { feedloom: (pages.length * 1000) / zyte.feedloom.totalMs, naive: (pages.length * 1000) / zyte.naive.totalMs },
    poolMedianMs: median(poolTimes),
    hostile,
  });
  const wceb = await measureWceb();
  if (wceb.length) {
    const cell = (m: WcebSummary): string =>
      `${m.f1Mean.toFixed(3)} | ${m.precisionMean.toFixed(3)} | ${m.recallMean.toFixed(3)} | ${m.empty} | ${m.msMedian === null ? '-' : ms(m.msMedian)}`;
    lines.push(
      `wceb developer datasets (${wcebDir}; per-page bag-of-words F1 as score-wceb.mjs, mean over pages; one run per page, interleaved):`,
      '',
      '| dataset | pages | Feedloom F1 | P | R | empty | median | Readability F1 | P | R | empty | median |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...wceb.map((set) => `| ${set.dataset} | ${set.feedloom.pages} | ${cell(set.feedloom)} | ${cell(set.naive)} |`),
    );
    const all = (name: 'naive' | 'feedloom'): number =>
      wceb.reduce((sum, set) => sum + set[name].f1Mean * set[name].pages, 0) / wceb.reduce((sum, set) => sum + set[name].pages, 0);
    lines.push(
      `| all wceb pages | ${wceb.reduce((sum, set) => sum + set.feedloom.pages, 0)} | ${all('feedloom').toFixed(3)} | | | | | ${all('naive').toFixed(3)} | | | | |`,
      '',
    );
    Object.assign(report, { wceb });
  }
}
const heap = await measureHeap();
const at = (page: number): number | undefined => heap.find((point) => point.page === page)?.heapUsedMb;
const first = at(200);
const last = at(memoryPages);
const growth = first !== undefined && last !== undefined ? (last / first - 1) * 100 : null;
lines.push(
  heap.length
    ? `Heap used after GC (in-process, cycling the pages): ${heap.map((point) => `page ${point.page}: ${point.heapUsedMb.toFixed(1)} MB (RSS ${point.rssMb.toFixed(0)})`).join(', ')}; page 200 -> ${memoryPages}: ${growth === null ? 'n/a' : `${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%`}.`
    : 'Heap: not measured.',
);
// Peak resident memory of this process (ru_maxrss, KiB on Linux): with --memory-only it is the
// peak of a process that extracted --memory-pages pages and nothing else.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
lines.push(
  `Peak RSS of this process: ${peakRssMb.toFixed(0)} MB${values['memory-only'] ? ` (memory run only: ${values['memory-of']}, ${memoryPages} pages)` : ''}.`,
);
Object.assign(report, { heap, growth, peakRssMb });
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
