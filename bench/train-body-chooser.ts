// Trains and cross-checks a learned body chooser (issue 13): a logistic regression that says whether an
// alternative body candidate beats the one choose-body.ts's rules chose. It is not shipped: trained on
// one developer set it lost F1 on the other (docs/extraction.md, "A learned body chooser: tried"). The data is
// bench/body-chooser-data.ts's output (every candidate of every page of wceb dragnet + cleaneval with
// its F1 against the truth; google-trends-2017 is never read). Examples: one per page and alternative
// whose text differs from the rules' choice, labelled "better" when its F1 is higher, weighed by how
// much F1 is at stake (ties under 0.01 teach nothing and are left out).
//
// It cross-validates between the two sets (train on one, score the other, both ways) at several
// thresholds, fits on both (in-sample figures, for comparison), and prints the explicit length-ratio
// rule's effect per set:
//
//   npx tsx bench/body-chooser-data.ts --out /tmp/body-candidates.json       # ~10 min on a quiet machine
//   npx tsx bench/train-body-chooser.ts /tmp/body-candidates.json [--all] [--l2 1]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type FittedModel, type Sample, trainLogistic } from '../scripts/block-model-trainer';
import { CHOOSER_FEATURES, type ChooserFeatureVector, chooserFeatures } from './support/body-chooser-features';

interface CandidateRow {
  source: string;
  text: string;
  linkShare: number;
  f1: number;
}
interface PageRow {
  id: string;
  dataset: string;
  pageProse: number;
  chosen: string | null;
  reparsed?: boolean;
  chosenF1: number;
  plainF1: number;
  candidates: CandidateRow[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    l2: { type: 'string', default: '1' },
    all: { type: 'boolean', default: false },
  },
});
const pages = JSON.parse(readFileSync(positionals[0] ?? '/tmp/body-candidates.json', 'utf8')) as PageRow[];
if (pages.some((page) => page.dataset === 'google-trends-2017')) throw new Error('google-trends-2017 is held aside: never train on it');
const l2 = Number(values.l2);

interface Option {
  x: ChooserFeatureVector;
  f1: number;
}
interface PageOptions {
  page: PageRow;
  baseF1: number;
  options: Option[];
}

// choose-body.ts's plausibility: 140 characters, and not a list of links.
const plausible = (candidate: CandidateRow): boolean =>
  candidate.text.length >= 140 && !(candidate.linkShare > 0.6 && candidate.text.length * (1 - candidate.linkShare) < 1000);

// The alternatives the chooser may weigh on a page: only where the rules already read the page a
// second time (so choosing costs nothing more), unless --all (every page, to see what a forced
// second pass would give).
function optionsOf(page: PageRow): PageOptions | null {
  if (!page.chosen) return null;
  const base = page.candidates.find((candidate) => candidate.source === page.chosen);
  if (!base) return null;
  if (!values.all && !page.reparsed) return { page, baseF1: base.f1, options: [] };
  const options = page.candidates
    .filter((candidate) => candidate !== base && candidate.source !== 'jsonld' && candidate.text !== base.text && plausible(candidate))
    .map((candidate) => ({ x: chooserFeatures(base, candidate, page.pageProse), f1: candidate.f1 }));
  return { page, baseF1: base.f1, options };
}

function samplesOf(all: PageOptions[]): Sample[] {
  const samples: Sample[] = [];
  for (const { baseF1, options } of all) {
    for (const option of options) {
      const stake = option.f1 - baseF1;
      if (Math.abs(stake) < 0.01) continue;
      samples.push({ x: option.x, y: stake > 0 ? 1 : 0, weight: Math.abs(stake) });
    }
  }
  return samples;
}

type BodyChooser = FittedModel;

function fitChooser(all: PageOptions[]): BodyChooser {
  return trainLogistic(samplesOf(all), { l2, width: CHOOSER_FEATURES.length });
}

/** The probability that the alternative with these features beats the rules' choice. */
function chooserProbability(model: BodyChooser, features: ChooserFeatureVector): number {
  let sum = model.bias;
  for (let at = 0; at < model.weights.length; at++) {
    sum += (model.weights[at] as number) * (((features[at] as number) - (model.means[at] as number)) / (model.scales[at] as number));
  }
  return 1 / (1 + Math.exp(-sum));
}

/** Mean F1 over the pages (pages without a body count as the rules left them) with the chooser at `threshold`. */
function score(model: BodyChooser | null, all: PageRow[], threshold: number): { f1: number; switched: number; gained: number; lost: number } {
  let sum = 0;
  let switched = 0;
  let gained = 0;
  let lost = 0;
  for (const page of all) {
    const options = optionsOf(page);
    let f1 = page.chosenF1;
    if (model && options) {
      let best: Option | null = null;
      let bestP = threshold;
      for (const option of options.options) {
        const p = chooserProbability(model, option.x);
        if (p > bestP) {
          best = option;
          bestP = p;
        }
      }
      if (best) {
        switched++;
        const delta = best.f1 - options.baseF1;
        if (delta > 0) gained += delta;
        else lost -= delta;
        f1 = page.chosenF1 + delta;
      }
    }
    sum += f1;
  }
  return { f1: sum / all.length, switched, gained, lost };
}

const bySet = (name: string): PageRow[] => pages.filter((page) => page.dataset === name);
const sets = ['dragnet', 'cleaneval'];
const thresholds = [0.5, 0.6, 0.7, 0.8, 0.9];
const oracle = (rows: PageRow[]): number =>
  rows.reduce((sum, page) => sum + Math.max(page.chosenF1, ...(optionsOf(page)?.options.map((option) => option.f1) ?? [])), 0) / rows.length;
for (const test of sets) {
  const train = sets.filter((name) => name !== test);
  const testRows = bySet(test);
  const model = fitChooser(train.flatMap((name) => bySet(name).map(optionsOf)).filter((row): row is PageOptions => row !== null));
  const none = score(null, testRows, 1);
  console.log(
    `train ${train.join('+')} -> test ${test} (${testRows.length} pages): rules ${none.f1.toFixed(4)}, best candidate per page ${oracle(testRows).toFixed(4)}, plain Readability ${(testRows.reduce((sum, page) => sum + page.plainF1, 0) / testRows.length).toFixed(4)}`,
  );
  for (const threshold of thresholds) {
    const result = score(model, testRows, threshold);
    console.log(
      `  threshold ${threshold}: F1 ${result.f1.toFixed(4)} (${(result.f1 - none.f1 >= 0 ? '+' : '') + (result.f1 - none.f1).toFixed(4)}), switched ${result.switched}, gained ${result.gained.toFixed(2)}, lost ${result.lost.toFixed(2)}`,
    );
  }
}
const both = pages.map(optionsOf).filter((row): row is PageOptions => row !== null);
const final = fitChooser(both);
for (const name of sets) {
  const rows = bySet(name);
  const result = score(final, rows, 0.7);
  console.log(`fitted on both, ${name}: F1 ${score(null, rows, 1).f1.toFixed(4)} -> ${result.f1.toFixed(4)} at 0.7 (in-sample), switched ${result.switched}`);
}
console.log('weights:', CHOOSER_FEATURES.map((name, at) => `${name} ${final.weights[at]}`).join(', '), `bias ${final.bias}`);

// The explicit rule the learned one would have to find: take the block classifier's body over
// Readability's by how much longer it is. Summed F1 change per set and length ratio.
console.log('\nblock classifier over Readability, by length ratio (summed F1 change; pages won / lost by more than 0.05):');
const ratios = [0, 0.5, 0.8, 0.95, 1.05, 1.3, 2, 4, Number.POSITIVE_INFINITY];
for (let at = 0; at + 1 < ratios.length; at++) {
  const [low, high] = [ratios[at] as number, ratios[at + 1] as number];
  const cells = sets.map((name) => {
    const deltas: number[] = [];
    for (const page of bySet(name)) {
      if (page.chosen !== 'readability') continue;
      const first = page.candidates.find((candidate) => candidate.source === 'readability');
      const blocks = page.candidates.find((candidate) => candidate.source === 'blocks');
      if (!first || !blocks || !plausible(blocks)) continue;
      const ratio = blocks.text.length / Math.max(1, first.text.length);
      if (ratio >= low && ratio < high) deltas.push(blocks.f1 - first.f1);
    }
    const sum = deltas.reduce((total, delta) => total + delta, 0);
    return `${name} ${deltas.length} pages ${sum >= 0 ? '+' : ''}${sum.toFixed(2)} (${deltas.filter((delta) => delta > 0.05).length}/${deltas.filter((delta) => delta < -0.05).length})`;
  });
  console.log(`  ${low}-${high}: ${cells.join(', ')}`);
}
