// The raw pages of one wceb dataset by the page id of its index.json, for the benchmarks and tools that read
// a few labelled pages of it (title/byline labels) rather than score the whole set with score-wceb.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireCorpus } from './bench-data';

/** The address extractArticle gets for a wceb page that comes without one (some Dragnet and CleanEval pages). */
export const WCEB_NO_URL = 'https://page.invalid/';

/** A page's bytes as distributed (not decoded) and its recorded address, '' when the dataset has none. */
export interface WcebPageFile {
  bytes: Uint8Array;
  url: string;
}

/** Thrown when a label names a page its wceb dataset does not hold (a label file out of step with the corpus). */
export class WcebPageMissingError extends Error {
  readonly code = 'WCEB_PAGE_MISSING';
  constructor(
    readonly dataset: string,
    readonly id: string,
  ) {
    super(`wceb dataset "${dataset}" has no page "${id}"`);
    this.name = 'WcebPageMissingError';
  }
}

export interface WcebDataset {
  /** The page ids, sorted as JavaScript sorts strings (the order label selections count positions in). */
  ids: string[];
  read(id: string): WcebPageFile;
}

/** Opens `dataset` (a folder of the wceb corpus, e.g. google-trends-2017 or dragnet); throws BenchDataMissingError without it. */
export function openWcebDataset(dataset: string, env: NodeJS.ProcessEnv = process.env): WcebDataset {
  const dir = join(requireCorpus('wceb', env), dataset);
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { pages: { id: string; html: string; url?: string }[] };
  const byId = new Map(index.pages.map((page) => [page.id, page]));
  return {
    ids: [...byId.keys()].sort(),
    read(id) {
      const page = byId.get(id);
      if (!page) throw new WcebPageMissingError(dataset, id);
      return { bytes: new Uint8Array(readFileSync(join(dir, page.html))), url: page.url ?? '' };
    },
  };
}
