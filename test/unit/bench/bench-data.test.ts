import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BenchDataMissingError, benchDataCandidates, findCorpus, listMissingCorpora, requireBenchRoot, requireCorpus } from '../../../bench/support/bench-data';

const work = mkdtempSync(join(tmpdir(), 'bench-data-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A data root holding the given corpora, each with its key file. */
function dataRoot(name: string, files: string[]): string {
  const root = join(work, name);
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '{}');
  }
  return root;
}

describe('bench-data: where the benchmark corpora are found', () => {
  const full = dataRoot('full', ['article-extraction/ground-truth.json', 'tools/lib/common.mjs', 'feeds/index.json']);
  const partial = dataRoot('partial', ['article-extraction/ground-truth.json', 'feeds/feedparser/LICENSE']);

  it('looks only in FEEDLOOM_BENCH_DATA when it is set, else beside the checkout, then bench/.data', () => {
    expect(benchDataCandidates({ FEEDLOOM_BENCH_DATA: full })).toEqual([full]);
    const [shared, local] = benchDataCandidates({});
    expect(shared).toMatch(/[\\/]shared[\\/]bench$/);
    expect(local).toMatch(/[\\/]bench[\\/]\.data$/);
  });

  it('counts a corpus folder only when its key file is there', () => {
    const env = { FEEDLOOM_BENCH_DATA: partial };
    expect(findCorpus('article-extraction', env)).toBe(join(partial, 'article-extraction'));
    // The feed files without the curated index (what `npm run bench:data` gives) are not the corpus.
    expect(findCorpus('feeds', env)).toBeNull();
    expect(listMissingCorpora(['article-extraction', 'feeds', 'tools'], env)).toEqual(['feeds', 'tools']);
  });

  it('gives the root holding all of several corpora, or a one-line error saying how to get the missing one', () => {
    expect(requireBenchRoot(['tools', 'article-extraction'], { FEEDLOOM_BENCH_DATA: full })).toBe(full);
    const error = (() => {
      try {
        requireBenchRoot(['article-extraction', 'tools'], { FEEDLOOM_BENCH_DATA: partial });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BenchDataMissingError);
    expect(error).toMatchObject({ code: 'BENCH_DATA_MISSING', corpus: 'tools' });
    expect((error as Error).message).toContain(`looked in ${partial}`);
    expect((error as Error).message).toContain('the scorers come with the shared corpora only');
    expect((error as Error).message).not.toContain('\n');
    expect(() => requireCorpus('article-extraction', { FEEDLOOM_BENCH_DATA: join(work, 'none') })).toThrow(/npm run bench:data/);
  });
});
