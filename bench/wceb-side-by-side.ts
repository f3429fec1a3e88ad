// Two score-wceb.mjs results side by side, page by page (issue 13's loss audit): the pages where the
// first extractor returns nothing or almost nothing, and the pages where the second beats it by the
// widest margin, with F1, precision, recall and token counts of both. The held-aside set
// (WCEB_HELD_ASIDE: cleaneval since the sixth pass) judges whether rules generalise, so its pages are
// never listed: only its mean F1 is printed.
//
//   node --import tsx ../shared/bench/tools/score-wceb.mjs bench/adapters/zyte-feedloom.mjs --quiet --json /tmp/ours.json
//   node --import tsx ../shared/bench/tools/score-wceb.mjs bench/adapters/zyte-naive.mjs --quiet --json /tmp/naive.json
//   npx tsx bench/wceb-side-by-side.ts /tmp/ours.json /tmp/naive.json [--margin 0.05] [--near-empty 20]
import { parseArgs } from 'node:util';
import { WCEB_HELD_ASIDE as HELD_ASIDE, type WcebPageRow as PageRow, readWcebPages } from './support/wceb-results';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { margin: { type: 'string', default: '0.05' }, 'near-empty': { type: 'string', default: '20' } },
});
if (positionals.length !== 2) {
  console.error('usage: tsx bench/wceb-side-by-side.ts OURS.json OTHER.json [--margin 0.05] [--near-empty 20]');
  process.exit(2);
}
const [ours, other] = positionals.map(readWcebPages) as [PageRow[], PageRow[]];
const margin = Number(values.margin);
const nearEmpty = Number(values['near-empty']);
const otherById = new Map(other.map((row) => [row.id, row]));
const mean = (numbers: number[]): number => (numbers.length ? numbers.reduce((sum, value) => sum + value, 0) / numbers.length : Number.NaN);

const heldAside = ours.filter((row) => row.dataset === HELD_ASIDE);
if (heldAside.length) console.log(`${HELD_ASIDE} (held aside, pages not listed): mean F1 ${mean(heldAside.map((row) => row.f1)).toFixed(4)}`);

const pairs = ours.filter((row) => row.dataset !== HELD_ASIDE && otherById.has(row.id)).map((row) => ({ ours: row, other: otherById.get(row.id) as PageRow }));
const best = mean(pairs.map((pair) => Math.max(pair.ours.f1, pair.other.f1)));
console.log(
  `${pairs.length} pages in both: mean F1 ${mean(pairs.map((pair) => pair.ours.f1)).toFixed(4)} against ${mean(pairs.map((pair) => pair.other.f1)).toFixed(4)}; the better of the two on every page ${best.toFixed(4)}`,
);

const score = (row: PageRow): string =>
  `F1 ${row.f1.toFixed(3)} P ${row.precision === null ? '  -  ' : row.precision.toFixed(3)} R ${row.recall === null ? '  -  ' : row.recall.toFixed(3)} tokens ${row.predTokens}`;
const line = (pair: (typeof pairs)[number]): string =>
  `  ${pair.ours.id.padEnd(28)} ${score(pair.ours)} | ${score(pair.other)} | truth ${pair.ours.truthTokens}`;

const empty = pairs.filter((pair) => pair.ours.predTokens < nearEmpty);
console.log(`\nfirst extractor returns fewer than ${nearEmpty} tokens: ${empty.length} pages`);
for (const pair of empty) console.log(line(pair));

const losses = pairs.filter((pair) => pair.other.f1 - pair.ours.f1 > margin).sort((a, b) => b.other.f1 - b.ours.f1 - (a.other.f1 - a.ours.f1));
const lost = losses.reduce((sum, pair) => sum + pair.other.f1 - pair.ours.f1, 0);
console.log(`\nsecond extractor ahead by more than ${margin}: ${losses.length} pages, ${lost.toFixed(2)} F1 summed`);
for (const pair of losses) console.log(line(pair));

const wins = pairs.filter((pair) => pair.ours.f1 - pair.other.f1 > margin);
console.log(
  `\nfirst extractor ahead by more than ${margin}: ${wins.length} pages, ${wins.reduce((sum, pair) => sum + pair.ours.f1 - pair.other.f1, 0).toFixed(2)} F1 summed`,
);
