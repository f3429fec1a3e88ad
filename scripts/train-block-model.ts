// Trains the learned block model (shared/extraction/block-model.ts) on the developer pages' ground
// truth and writes it as data:
//
//   node --import tsx scripts/train-block-model.ts [--out shared/extraction/block-model.json] [--l2 1]
//
// Training data: the wceb sets dragnet and cleaneval, minus a fifth of their pages fixed by a hash of
// the page id (splitOf in block-model-trainer.ts), which are kept for validation and only scored
// here. google-trends-2017 is held aside: never read by this script. The corpus is found by
// requireCorpus('wceb') (../shared/bench or FEEDLOOM_BENCH_DATA); nothing of it is copied into the
// repository, only the fitted coefficients.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchDataMissingError, requireCorpus } from '../bench/support/bench-data';
import { type BlockModel, blockProbability, parseBlockModel } from '../shared/extraction/block-model';
import { BLOCK_MODEL_FEATURES } from '../shared/extraction/block-model-features';
import { pageSamples, type Sample, splitOf, trainLogistic, viewPage } from './block-model-trainer';

const TRAINING_SETS = ['dragnet', 'cleaneval'] as const;
const NO_URL = 'https://page.invalid/';

interface IndexPage {
  id: string;
  html: string;
  truth: string;
  url?: string;
}

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'shared/extraction/block-model.json' },
    l2: { type: 'string', default: '1' },
  },
});
const l2 = Number(values.l2);
let wceb: string;
try {
  wceb = requireCorpus('wceb');
} catch (error) {
  if (!(error instanceof BenchDataMissingError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const train: Sample[] = [];
const validation: Sample[] = [];
let trainPages = 0;
let validationPages = 0;
for (const dataset of TRAINING_SETS) {
  const { pages } = JSON.parse(readFileSync(join(wceb, dataset, 'index.json'), 'utf8')) as { pages: IndexPage[] };
  for (const page of pages) {
    const id = `${dataset}/${page.id}`;
    const split = splitOf(id);
    const samples = pageSamples(
      viewPage(readFileSync(join(wceb, dataset, page.html)), page.url || NO_URL),
      readFileSync(join(wceb, dataset, page.truth), 'utf8'),
    );
    if (split === 'train') {
      train.push(...samples);
      trainPages++;
    } else {
      validation.push(...samples);
      validationPages++;
    }
  }
}

const fitted = trainLogistic(train, { l2 });
const model: BlockModel = parseBlockModel({
  about:
    'Learned block classifier of shared/extraction/block-model.ts (logistic regression over standardised features; see docs/extraction.md). Generated: do not edit by hand.',
  kind: 'logistic-regression',
  trainedOn: {
    data: `wceb ${TRAINING_SETS.join(' + ')} (training split: pages whose id's MD5 first byte mod 5 is not 0), ${trainPages} pages; examples: the blocks of the body chosen with the model off and 15 on each side; labels: a block is main text when >= 50% of its word trigrams are in the page's ground truth`,
    command: `node --import tsx scripts/train-block-model.ts --l2 ${values.l2}`,
    pages: trainPages,
    blocks: train.length,
    heldOut: `validation split (${validationPages} pages of the same sets) scored only; google-trends-2017 never read`,
  },
  features: [...BLOCK_MODEL_FEATURES],
  means: fitted.means,
  scales: fitted.scales,
  weights: fitted.weights,
  bias: fitted.bias,
});
writeFileSync(values.out, `${JSON.stringify(model, null, 1)}\n`);

// Block-level figures, weighted as in training: accuracy at 0.5 and log loss.
function report(name: string, samples: readonly Sample[]): void {
  let weight = 0;
  let right = 0;
  let loss = 0;
  let positive = 0;
  for (const sample of samples) {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, blockProbability(model, sample.x)));
    weight += sample.weight;
    positive += sample.weight * sample.y;
    if ((p >= 0.5 ? 1 : 0) === sample.y) right += sample.weight;
    loss -= sample.weight * (sample.y ? Math.log(p) : Math.log(1 - p));
  }
  console.log(
    `${name.padEnd(11)} blocks ${String(samples.length).padStart(6)}  main-text share ${(positive / weight).toFixed(3)}  accuracy ${(right / weight).toFixed(3)}  log loss ${(loss / weight).toFixed(3)}`,
  );
}
console.log(`trained on ${trainPages} pages (${train.length} blocks) in ${fitted.iterations} Newton steps, l2 ${l2}; wrote ${values.out}`);
report('train', train);
report('validation', validation);
