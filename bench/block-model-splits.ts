// The block model's splits in a score-wceb.mjs result: the training and validation parts of dragnet +
// cleaneval (splitOf in scripts/block-model-trainer.ts) and google-trends-2017, which the trainer never
// reads, each with mean F1, precision and recall as score-wceb.mjs counts them.
//
//   node --import tsx ../shared/bench/tools/score-wceb.mjs bench/adapters/zyte-feedloom.mjs --quiet --json /tmp/after.json
//   npx tsx bench/block-model-splits.ts /tmp/after.json [/tmp/before.json]
import { splitOf } from '../scripts/block-model-trainer';
import { type WcebPageRow as PageRow, readWcebPages } from './support/wceb-results';

/** The set the block model's trainer never reads (held aside while it was trained). */
const NOT_TRAINED_ON = 'google-trends-2017';

function partOf(row: PageRow): string {
  return row.dataset === NOT_TRAINED_ON ? `not trained on (${NOT_TRAINED_ON})` : `${splitOf(row.id)} (dragnet + cleaneval)`;
}

function summary(rows: readonly PageRow[]): string {
  const mean = (values: number[]): number => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN);
  const f1 = mean(rows.map((row) => row.f1));
  const precision = mean(rows.flatMap((row) => (row.precision === null ? [] : [row.precision])));
  const recall = mean(rows.flatMap((row) => (row.recall === null ? [] : [row.recall])));
  const empty = rows.filter((row) => row.predTokens === 0).length;
  return `F1 ${f1.toFixed(4)} (P ${precision.toFixed(4)} / R ${recall.toFixed(4)}), empty ${empty}`;
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: tsx bench/block-model-splits.ts AFTER.json [BEFORE.json]');
  process.exit(2);
}
const results = files.map(readWcebPages);
const parts = [...new Set((results[0] as PageRow[]).map(partOf))].sort();
const groups: [string, (row: PageRow) => boolean][] = [
  ...parts.map((part): [string, (row: PageRow) => boolean] => [part, (row) => partOf(row) === part]),
  ...['dragnet', 'cleaneval', 'google-trends-2017'].map((dataset): [string, (row: PageRow) => boolean] => [dataset, (row) => row.dataset === dataset]),
  ['all pages', () => true],
];
for (const [name, keep] of groups) {
  const rows = results.map((pages) => pages.filter(keep));
  const count = (rows[0] as PageRow[]).length;
  if (!count) continue;
  console.log(`${name.padEnd(34)} ${String(count).padStart(4)} pages  ${rows.map(summary).join('   <-   ')}`);
}
