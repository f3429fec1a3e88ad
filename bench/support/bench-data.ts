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

/** Thrown when a corpus is missing; benchmark entry points print its message as one line and exit 2. */
export class BenchDataMissingError extends Error {
  readonly code = 'BENCH_DATA_MISSING';
  constructor(
    readonly corpus: BenchCorpus,
    readonly searched: string[],
  ) {
    super(
      `benchmark data "${corpus}" not found (looked in ${searched.join(', ')}); set FEEDLOOM_BENCH_DATA to the corpora folder or run \`npm run bench:data\``,
    );
    this.name = 'BenchDataMissingError';
  }
}

/** Candidate roots in the order they are tried. */
export function benchDataCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.FEEDLOOM_BENCH_DATA?.trim();
  if (fromEnv) return [resolve(fromEnv)];
  return [resolve(repoRoot, '../shared/bench'), join(repoRoot, 'bench', '.data')];
}

/** The first candidate root holding `corpus`, or null. */
export function findCorpus(corpus: BenchCorpus, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const root of benchDataCandidates(env)) {
    const dir = join(root, corpus);
    if (existsSync(dir)) return dir;
  }
  return null;
}

/** The folder of `corpus`; throws BenchDataMissingError when no candidate root has it. */
export function requireCorpus(corpus: BenchCorpus, env: NodeJS.ProcessEnv = process.env): string {
  const dir = findCorpus(corpus, env);
  if (dir === null) throw new BenchDataMissingError(corpus, benchDataCandidates(env));
  return dir;
}

/** The data root that holds `corpus` (the parent of its folder), for code that takes a root. */
export function requireBenchRoot(corpus: BenchCorpus = 'tools', env: NodeJS.ProcessEnv = process.env): string {
  return resolve(requireCorpus(corpus, env), '..');
}
