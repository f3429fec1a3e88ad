import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { indexTruth, pageBlocks, pageSamples, type Sample, splitOf, trainLogistic, truthShare, viewPage } from '../../../scripts/block-model-trainer';
import { InvalidInputError } from '../../../shared/errors';
import { type BlockModel, blockProbability, parseBlockModel, SHIPPED_BLOCK_MODEL } from '../../../shared/extraction/block-model';
import { edgeBlocksToDrop, removeBlocks } from '../../../shared/extraction/block-model-body';
import {
  BLOCK_MODEL_FEATURES,
  type BODY_FEATURES,
  blockFeatures,
  bodySpan,
  PAGE_FEATURES,
  withBodyFeatures,
} from '../../../shared/extraction/block-model-features';
import { textBlocks } from '../../../shared/extraction/classify-blocks';

const FIXTURES = join(import.meta.dirname, '../../fixtures/block-model');
const MODEL_FILE = join(import.meta.dirname, '../../../shared/extraction/block-model.json');
const cases = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory());

interface Expected {
  blockCount: number;
  blocks: { text: string; features: Record<string, number> }[];
}

function bodyOf(html: string): Element {
  return new JSDOM(html).window.document.body;
}

describe('block model file', () => {
  it('loads and validates, and stays small', () => {
    const raw = JSON.parse(readFileSync(MODEL_FILE, 'utf8'));
    const model = parseBlockModel(raw);
    expect(model.features).toEqual([...BLOCK_MODEL_FEATURES]);
    expect(SHIPPED_BLOCK_MODEL.weights).toHaveLength(BLOCK_MODEL_FEATURES.length);
    // Trained, not the placeholder: some weight is non-zero, and the provenance names the data and command.
    expect(model.weights.some((weight) => weight !== 0)).toBe(true);
    expect(model.trainedOn.command).toContain('scripts/train-block-model.ts');
    expect(model.trainedOn.data).toMatch(/dragnet \+ cleaneval/);
    expect(model.trainedOn.data).not.toMatch(/google-trends/);
    expect(statSync(MODEL_FILE).size).toBeLessThan(8 * 1024);
  });

  it("refuses a model whose features are not the code's, or whose vectors are the wrong length", () => {
    const raw = JSON.parse(readFileSync(MODEL_FILE, 'utf8'));
    expect(() => parseBlockModel({ ...raw, features: [...raw.features].reverse() })).toThrow(InvalidInputError);
    expect(() => parseBlockModel({ ...raw, weights: raw.weights.slice(1) })).toThrow(/weights must have/);
    expect(() => parseBlockModel({ ...raw, scales: raw.scales.map(() => 0) })).toThrow(InvalidInputError);
    expect(() => parseBlockModel({ ...raw, kind: 'forest' })).toThrow(/block model: kind/);
  });
});

describe('block features (fixture pages)', () => {
  it.each(cases)('%s', (name) => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
    const blocks = textBlocks(bodyOf(readFileSync(join(FIXTURES, name, 'page.html'), 'utf8')));
    const features = blockFeatures(blocks);
    expect(blocks).toHaveLength(expected.blockCount);
    expect(features.every((vector) => vector.length === PAGE_FEATURES.length && vector.every(Number.isFinite))).toBe(true);
    for (const want of expected.blocks) {
      const at = blocks.findIndex((block) => block.text === want.text);
      expect(at, want.text).toBeGreaterThanOrEqual(0);
      for (const [feature, value] of Object.entries(want.features)) {
        const index = PAGE_FEATURES.indexOf(feature as (typeof PAGE_FEATURES)[number]);
        expect(index, feature).toBeGreaterThanOrEqual(0);
        expect((features[at] as number[])[index], `${want.text.slice(0, 20)}: ${feature}`).toBeCloseTo(value, 9);
      }
    }
  });
});

describe('labels and split', () => {
  it('labels a block by the share of its word trigrams in the truth, a short block by its words in a row', () => {
    const truth = indexTruth('The berth will open in the spring. News from the port.');
    expect(truthShare('The berth will open in the spring', truth)).toBe(1);
    // Of its five trigrams only "the berth will" is in the truth.
    expect(truthShare('The berth will close in the autumn', truth)).toBeCloseTo(0.2, 9);
    expect(truthShare('News', truth)).toBe(1);
    expect(truthShare('Sport', truth)).toBe(0);
    expect(truthShare('port news', truth)).toBe(0);
  });

  it('puts about a fifth of the pages in the validation split, the same ones every time', () => {
    const ids = Array.from({ length: 1000 }, (_, at) => `dragnet/${at}`);
    const validation = ids.filter((id) => splitOf(id) === 'validation');
    expect(validation.length).toBeGreaterThan(150);
    expect(validation.length).toBeLessThan(250);
    expect(ids.filter((id) => splitOf(id) === 'validation')).toEqual(validation);
  });
});

describe('body features', () => {
  it('place each block relative to the chosen body', () => {
    const blocks = textBlocks(bodyOf('<p>Menu</p><p>Lead paragraph</p><p>Core one</p><p>Aside</p><p>Core two</p><p>Footer</p>'));
    const body = bodySpan(blocks, 'Core one\n\nCore two');
    expect(body.span).toEqual([2, 4]);
    expect(body.inBody).toEqual([false, false, true, false, true, false]);
    const features = withBodyFeatures(blockFeatures(blocks), blocks, body);
    const column = (name: (typeof BODY_FEATURES)[number]): number[] => features.map((vector) => vector[BLOCK_MODEL_FEATURES.indexOf(name)] as number);
    expect(column('in-body')).toEqual([0, 0, 1, 0, 1, 0]);
    expect(column('in-body-span')).toEqual([0, 0, 1, 1, 1, 0]);
    expect(column('log-blocks-to-span')).toEqual([Math.log1p(2), Math.log1p(1), 0, 0, 0, Math.log1p(1)]);
    expect(column('body-log-chars')[0]).toBeCloseTo(Math.log1p('Core one\n\nCore two'.length), 9);
  });
});

describe('training', () => {
  // The fixture pages as the trainer sees them, except that their blocks are the raw page's (menus and
  // comments kept, so there are blocks of both kinds to learn) and the chosen body is the truth's lines.
  const samples: Sample[] = cases.flatMap((name) => {
    const blocks = textBlocks(bodyOf(readFileSync(join(FIXTURES, name, 'page.html'), 'utf8')));
    const truth = readFileSync(join(FIXTURES, name, 'truth.txt'), 'utf8');
    return pageSamples({ blocks, pageFeatures: blockFeatures(blocks), bodyText: truth }, truth);
  });

  it('views a page after the same cleaning and body choice as extractArticle: named menus and comments are gone', () => {
    const page = viewPage(readFileSync(join(FIXTURES, 'comments-after-story', 'page.html')), 'https://example.com/story');
    expect(page.blocks.map((block) => block.text)).toHaveLength(2);
    expect(page.pageFeatures).toHaveLength(2);
    expect(page.bodyText).toContain('The town library reopened on Saturday');
    expect(pageBlocks(readFileSync(join(FIXTURES, 'table-layout', 'page.html')), 'https://example.com/story').map((block) => block.text)).toContain(
      "The club's annual meeting elected a new chair on Thursday night, after the long-serving treasurer stood down and asked members to find a successor.",
    );
  });

  it('is deterministic: the same pages give the same coefficients', () => {
    const first = trainLogistic(samples, { l2: 1 });
    const second = trainLogistic([...samples], { l2: 1 });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('learns the fixture pages: their story blocks score above their menus and comments', () => {
    const fitted = trainLogistic(samples, { l2: 1 });
    const model: BlockModel = parseBlockModel({
      about: 'test',
      kind: 'logistic-regression',
      trainedOn: { data: 'fixtures', command: 'test', pages: cases.length, blocks: samples.length, heldOut: '' },
      features: [...BLOCK_MODEL_FEATURES],
      means: fitted.means,
      scales: fitted.scales,
      weights: fitted.weights,
      bias: fitted.bias,
    });
    const positives = samples.filter((sample) => sample.y === 1).map((sample) => blockProbability(model, sample.x));
    const negatives = samples.filter((sample) => sample.y === 0).map((sample) => blockProbability(model, sample.x));
    expect(positives.length).toBeGreaterThan(0);
    expect(negatives.length).toBeGreaterThan(0);
    expect(Math.min(...positives)).toBeGreaterThan(Math.max(...negatives));
  });
});

describe('edgeBlocksToDrop', () => {
  const blocks = textBlocks(bodyOf('<p>Menu</p><p>Share this</p><p>Core paragraph one</p><p>Short</p><p>Core paragraph two</p><p>Tags: a</p><p>Footer</p>'));
  const pageFeatures = blockFeatures(blocks);
  // A model that reads only the block's length, so its verdicts are known here: over 12 characters
  // is main text (18 characters: p = 0.998), under is not (10 characters: p = 0.035).
  const model = parseBlockModel({
    about: 'test',
    kind: 'logistic-regression',
    trainedOn: { data: 'hand-made', command: 'none', pages: 0, blocks: 0, heldOut: '' },
    features: [...BLOCK_MODEL_FEATURES],
    means: BLOCK_MODEL_FEATURES.map(() => 0),
    scales: BLOCK_MODEL_FEATURES.map(() => 1),
    weights: BLOCK_MODEL_FEATURES.map((name) => (name === 'log-chars' ? 20 : 0)),
    bias: -20 * Math.log1p(12),
  });
  const body = 'Share this\n\nCore paragraph one\n\nShort\n\nCore paragraph two\n\nTags: a';

  it('takes the low blocks at the start and the end of the body, never one between main-text blocks', () => {
    expect(edgeBlocksToDrop(model, blocks, pageFeatures, body, 0.4).map((block) => block.text)).toEqual(['Share this', 'Tags: a']);
  });

  it('takes nothing when the edges score above the threshold', () => {
    expect(edgeBlocksToDrop(model, blocks, pageFeatures, body, 1e-6).map((block) => block.text)).toEqual([]);
  });

  it("takes nothing when the body is not among the page's blocks (a stated articleBody)", () => {
    expect(edgeBlocksToDrop(model, blocks, pageFeatures, 'Something else entirely', 0.4).map((block) => block.text)).toEqual([]);
  });

  it("stops dropping at the head at the classifier's first prose block, whatever the model says", () => {
    const prose =
      'The council met on Tuesday evening and voted to keep the old library open for another five years, after a petition signed by more than two thousand residents.';
    const page = textBlocks(bodyOf(`<p>Share this text block</p><p>${prose}</p><p>Tiny one</p>`));
    // The length model turned round: long blocks are boilerplate, blocks under 12 characters main text.
    const longIsJunk = parseBlockModel({ ...model, weights: model.weights.map((weight) => -weight), bias: -model.bias });
    const text = `Share this text block\n\n${prose}\n\nTiny one`;
    expect(edgeBlocksToDrop(longIsJunk, page, blockFeatures(page), text, 0.4).map((block) => block.text)).toEqual(['Share this text block']);
  });

  it("removes a dropped block's innermost element from the body", () => {
    const root = bodyOf('<div><p>Share this</p><p>Core paragraph one</p></div>');
    removeBlocks(
      root,
      blocks.filter((block) => block.text === 'Share this'),
    );
    expect(root.innerHTML).toBe('<div><p>Core paragraph one</p></div>');
  });
});
