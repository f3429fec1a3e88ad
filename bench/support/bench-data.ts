// Where the benchmark corpora live. They are written by others (some under research-only or AGPL
// terms), so they are never copied into this repository: a benchmark reads them from
// FEEDLOOM_BENCH_DATA, else ../shared/bench beside the checkout, else bench/.data/ (what
// `npm run bench:data` fills).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The corpora a benchmark may need, each a folder under the data root. `tools` holds the scorers. */
export type BenchCorpus = 'article-extraction' | 'wceb' | 'dates' | 'feeds' | 'tools';

/**
 * The file that makes a corpus folder usable: a folder without it (a download cut short, or
 * `bench:data`'s feed files without the curated index) counts as missing.
 */
const CORPUS_MARKER: Record<BenchCorpus, string> = {
  'article-extraction': 'ground-truth.json',
  wceb: 'MANIFEST.json',
  dates: 'cases',
  feeds: 'index.json',
  tools: join('lib', 'common.mjs'),
};

/** How to get each corpus: only the public ones have a download; the rest come with the shared corpora. */
const HOW_TO_GET: Record<BenchCorpus, string> = {
  'article-extraction': 'run `npm run bench:data` or set FEEDLOOM_BENCH_DATA to the corpora folder',
  wceb: 'it comes with the shared corpora only: set FEEDLOOM_BENCH_DATA to the corpora folder',
  dates: 'it comes with the shared corpora only: set FEEDLOOM_BENCH_DATA to the corpora folder',
  feeds: 'its index comes with the shared corpora only (`npm run bench:data` fetches the feed files): set FEEDLOOM_BENCH_DATA to the corpora folder',
  tools: 'the scorers come with the shared corpora only: set FEEDLOOM_BENCH_DATA to the corpora folder',
};

/** Thrown when a corpus is missing; benchmark entry points print its message as one line and exit 2. */
export class BenchDataMissingError extends Error {
  readonly code = 'BENCH_DATA_MISSING';
  constructor(
    readonly corpus: BenchCorpus,
    readonly searched: string[],
  ) {
    super(`benchmark data "${corpus}" not found (looked in ${searched.join(', ')}); ${HOW_TO_GET[corpus]} (see docs/performance.md)`);
    this.name = 'BenchDataMissingError';
  }
}

/** Candidate roots in the order they are tried. */
export function benchDataCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.FEEDLOOM_BENCH_DATA?.trim();
  if (fromEnv) return [resolve(fromEnv)];
  return [resolve(repoRoot, '../shared/bench'), join(repoRoot, 'bench', '.data')];
}

/** Whether `root` holds a usable copy of `corpus`. */
export function hasCorpus(root: string, corpus: BenchCorpus): boolean {
  return existsSync(join(root, corpus, CORPUS_MARKER[corpus]));
}

/** The first candidate root holding `corpus`, or null. */
export function findCorpus(corpus: BenchCorpus, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const root of benchDataCandidates(env)) {
    if (hasCorpus(root, corpus)) return join(root, corpus);
  }
  return null;
}

/** The folder of `corpus`; throws BenchDataMissingError when no candidate root has it. */
export function requireCorpus(corpus: BenchCorpus, env: NodeJS.ProcessEnv = process.env): string {
  const dir = findCorpus(corpus, env);
  if (dir === null) throw new BenchDataMissingError(corpus, benchDataCandidates(env));
  return dir;
}

/**
 * The data root that holds `corpus` (the parent of its folder), for code that takes a root; given
 * several, the first root holding all of them (the scorers read their corpus beside themselves).
 */
export function requireBenchRoot(corpus: BenchCorpus | BenchCorpus[] = 'tools', env: NodeJS.ProcessEnv = process.env): string {
  const corpora = Array.isArray(corpus) ? corpus : [corpus];
  const candidates = benchDataCandidates(env);
  const root = candidates.find((candidate) => corpora.every((name) => hasCorpus(candidate, name)));
  if (root !== undefined) return root;
  const missing = corpora.find((name) => findCorpus(name, env) === null) ?? (corpora[corpora.length - 1] as BenchCorpus);
  throw new BenchDataMissingError(missing, candidates);
}

/** The corpora of `corpora` that no candidate root holds (what `npm run bench` reports before a run). */
export function listMissingCorpora(corpora: readonly BenchCorpus[], env: NodeJS.ProcessEnv = process.env): BenchCorpus[] {
  return corpora.filter((name) => findCorpus(name, env) === null);
}

/**
 * For a benchmark's entry point: returns `find()`, or, when benchmark data is missing, prints the
 * reason as one line on stderr and exits with code 2 (no stack trace: a missing corpus is a setup
 * step, not a bug).
 */
export function exitOnMissingData<T>(find: () => T): T {
  try {
    return find();
  } catch (error) {
    if (!(error instanceof BenchDataMissingError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

/** A root given on the command line (`--bench DIR`) as the env that makes the resolvers look only there. */
export function benchDataEnv(root: string | undefined, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return root === undefined ? env : { ...env, FEEDLOOM_BENCH_DATA: root };
}
