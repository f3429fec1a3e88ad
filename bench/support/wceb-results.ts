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

/**
 * The wceb set no rule is developed on: only its aggregate may be printed. It rotates (issue 13,
 * docs/extraction.md): google-trends-2017 until the fifth pass, cleaneval from the sixth.
 */
export const WCEB_HELD_ASIDE = 'cleaneval';

/** The per-page rows of a `score-wceb.mjs --json` result file. */
export function readWcebPages(file: string): WcebPageRow[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { pages: WcebPageRow[] }).pages;
}
