import { readFileSync } from 'node:fs';

/** One page of a `score-wceb.mjs --json` result. */
export interface WcebPageRow {
  dataset: string;
  id: string;
  f1: number;
  precision: number | null;
  recall: number | null;
  predTokens: number;
  truthTokens: number;
}

/** The wceb set no rule is developed on: only its aggregate may be printed. */
export const WCEB_HELD_ASIDE = 'google-trends-2017';

/** The per-page rows of a `score-wceb.mjs --json` result file. */
export function readWcebPages(file: string): WcebPageRow[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { pages: WcebPageRow[] }).pages;
}
