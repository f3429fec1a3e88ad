// Times this checkout's extractArticle against another checkout's (e.g. main in a git worktree),
// both in one process, page by page in alternating order over the Zyte pages, so machine load
// weighs on both sides alike: the before/after check that a change keeps the median page time.
//
//   git worktree add --detach /tmp/feedloom-main main && ln -s "$PWD/node_modules" /tmp/feedloom-main/node_modules
//   node --expose-gc --import tsx bench/extract-ab-bench.ts --before /tmp/feedloom-main [--rounds 2] [--limit N]
//
// Options: --before DIR (the other checkout, required) --rounds N (1 warm-up + N-1 timed, default 2)
//          --limit N (first N pages). The corpus is located by bench/support/bench-data.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Article } from '../shared/article/article';
import { extractArticle as extractAfter } from '../shared/extraction/extract-article';
import { exitOnMissingData, requireCorpus } from './support/bench-data';

type Extract = (input: Uint8Array, options: { url: string; now: Date }) => Promise<Article>;

const { values } = parseArgs({
  options: { before: { type: 'string' }, rounds: { type: 'string', default: '2' }, limit: { type: 'string' } },
});
if (!values.before) {
  console.error('usage: node --expose-gc --import tsx bench/extract-ab-bench.ts --before DIR [--rounds N] [--limit N]');
  process.exit(2);
}
const dir = exitOnMissingData(() => requireCorpus('article-extraction'));
const beforeModule = pathToFileURL(join(resolve(values.before), 'shared', 'extraction', 'extract-article.ts')).href;
const extractBefore = ((await import(beforeModule)) as { extractArticle: Extract }).extractArticle;
const rounds = Math.max(2, Number(values.rounds));

const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
const pages = readdirSync(join(dir, 'html'))
  .filter((file) => file.endsWith('.html.gz') && (file.split('.')[0] as string) in truth)
  .sort()
  .slice(0, values.limit ? Number(values.limit) : undefined)
  .map((file) => {
    const id = file.split('.')[0] as string;
    return { bytes: new Uint8Array(gunzipSync(readFileSync(join(dir, 'html', file)))), url: truth[id]?.url ?? 'https://page.invalid/' };
  });

const now = new Date('2025-01-01T00:00:00Z');
const times = { before: pages.map((): number[] => []), after: pages.map((): number[] => []) };
for (let round = 0; round < rounds; round++) {
  for (const [at, page] of pages.entries()) {
    const order = (at + round) % 2 === 0 ? (['after', 'before'] as const) : (['before', 'after'] as const);
    for (const side of order) {
      const extract: Extract = side === 'before' ? extractBefore : extractAfter;
      const started = performance.now();
      await extract(page.bytes, { url: page.url, now });
      if (round > 0) times[side][at]?.push(performance.now() - started);
      // jsdom frees a window only after the event loop turns.
      await new Promise((next) => setImmediate(next));
    }
  }
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
function quantile(list: number[], q: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number;
}
const before = times.before.map(median);
const after = times.after.map(median);
const ratios = after.map((ms, at) => ms / (before[at] as number));
console.log(`${pages.length} Zyte pages, 1 warm-up + ${rounds - 1} timed round(s), the two checkouts interleaved page by page`);
console.log(`| side | median / page | p95 / page |\n| --- | --- | --- |`);
console.log(`| before (${values.before}) | ${median(before).toFixed(1)} ms | ${quantile(before, 0.95).toFixed(1)} ms |`);
console.log(`| after (this checkout) | ${median(after).toFixed(1)} ms | ${quantile(after, 0.95).toFixed(1)} ms |`);
console.log(`per-page ratio after / before: median ${median(ratios).toFixed(3)}, p95 ${quantile(ratios, 0.95).toFixed(3)}`);
