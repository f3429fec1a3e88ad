import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BenchDataMissingError } from '../../../bench/support/bench-data';
import { openWcebDataset, WcebPageMissingError } from '../../../bench/support/wceb-pages';

const work = mkdtempSync(join(tmpdir(), 'wceb-pages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A windows-1252 page: the reader hands its bytes on untouched, the extractor decodes them.
const LATIN1 = Buffer.from('<title>Caf\xe9</title>', 'latin1');

function wcebRoot(): string {
  const dir = join(work, 'wceb', 'dragnet');
  mkdirSync(join(dir, 'html'), { recursive: true });
  writeFileSync(join(work, 'wceb', 'MANIFEST.json'), '{}');
  const pages = ['9', '100', 'R12', '75'].map((id) => ({ id, html: `html/${id}.html`, ...(id === '75' ? {} : { url: `https://example.com/${id}` }) }));
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ dataset: 'dragnet', pages }));
  for (const { id } of pages) writeFileSync(join(dir, 'html', `${id}.html`), id === '100' ? LATIN1 : `<title>${id}</title>`);
  return work;
}

describe('wceb-pages: a wceb dataset read by page id', () => {
  const env = { FEEDLOOM_BENCH_DATA: wcebRoot() };

  it('lists the ids as JavaScript sorts strings, the order label selections count positions in', () => {
    expect(openWcebDataset('dragnet', env).ids).toEqual(['100', '75', '9', 'R12']);
  });

  it('gives a page its bytes as distributed and its recorded address, empty when the dataset has none', () => {
    const dataset = openWcebDataset('dragnet', env);
    expect(Buffer.from(dataset.read('100').bytes).equals(LATIN1)).toBe(true);
    expect(dataset.read('9').url).toBe('https://example.com/9');
    expect(dataset.read('75').url).toBe('');
  });

  it('throws a typed error for a page the dataset lacks, and BenchDataMissingError without the corpus', () => {
    expect(() => openWcebDataset('dragnet', env).read('R13')).toThrow(WcebPageMissingError);
    expect(() => openWcebDataset('dragnet', { FEEDLOOM_BENCH_DATA: join(work, 'nowhere') })).toThrow(BenchDataMissingError);
  });
});
