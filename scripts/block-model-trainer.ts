// The pure parts of training the block model (scripts/train-block-model.ts is the command): the page
// as blocks, each block's label from a page's ground-truth text, the split of pages into training
// and validation, and a logistic regression fitted by Newton's method. No ML dependency: the model is
// 36 weights and a bias, and Newton's method on them is exact and deterministic (same data, same bytes).
import { createHash } from 'node:crypto';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodeText } from '../shared/encoding/decode-text';
import { BLOCK_MODEL_FEATURES, type BlockFeatureVector, blockFeatures, bodySpan, withBodyFeatures } from '../shared/extraction/block-model-features';
import { buildJsdomDocument } from '../shared/extraction/build-jsdom-document';
import { type BodyContext, chooseBody } from '../shared/extraction/choose-body';
import { type TextBlock, textBlocks } from '../shared/extraction/classify-blocks';
import { type CleanOptions, cleanDocument } from '../shared/extraction/clean-document';
import { ExtractionError } from '../shared/extraction/extraction-error';
import { viewParse5Document } from '../shared/extraction/parse5-view';
import { readMetadata } from '../shared/extraction/read-metadata';
import { type ParsedPage, parsePage, reduceParsedPageTree } from '../shared/extraction/reduce-html';
import { DEFAULT_SITE_RULES, siteRuleFor } from '../shared/extraction/site-rules';

/** Word tokens as the wceb and Zyte scorers count them: runs of letters, digits and `_`, lower-cased. */
export function wordTokens(text: string): string[] {
  return (text.match(/[\p{L}\p{N}_]+/gu) ?? []).map((token) => token.toLowerCase());
}

/** A page's ground truth, indexed for labelling blocks. */
export interface TruthIndex {
  trigrams: Set<string>;
  /** The truth's tokens joined with spaces, padded, for short blocks (under three tokens). */
  joined: string;
}

export function indexTruth(truth: string): TruthIndex {
  const tokens = wordTokens(truth);
  const trigrams = new Set<string>();
  for (let at = 0; at + 2 < tokens.length; at++) trigrams.add(`${tokens[at]} ${tokens[at + 1]} ${tokens[at + 2]}`);
  return { trigrams, joined: ` ${tokens.join(' ')} ` };
}

/**
 * The share of a block's text found in the truth: of its word trigrams, those the truth also has (so
 * a menu's "News" does not count because the story says "news"); a block of one or two words counts
 * when the truth holds the same words in a row.
 */
export function truthShare(text: string, truth: TruthIndex): number {
  const tokens = wordTokens(text);
  if (tokens.length === 0) return 0;
  if (tokens.length < 3) return truth.joined.includes(` ${tokens.join(' ')} `) ? 1 : 0;
  let found = 0;
  for (let at = 0; at + 2 < tokens.length; at++) if (truth.trigrams.has(`${tokens[at]} ${tokens[at + 1]} ${tokens[at + 2]}`)) found++;
  return found / (tokens.length - 2);
}

/** A block is main text when at least this share of it is in the truth. */
export const POSITIVE_SHARE = 0.5;

/** Which part a developer page belongs to: a fifth of the pages, fixed by a hash of the page id, is for validation. */
export function splitOf(pageId: string): 'train' | 'validation' {
  const digest = createHash('md5').update(pageId).digest();
  return (digest[0] as number) % 5 === 0 ? 'validation' : 'train';
}

const silentConsole = new VirtualConsole();

/** What the trainer learns from one page: its blocks, their page features, and the body chosen without the model. */
export interface PageView {
  blocks: TextBlock[];
  pageFeatures: BlockFeatureVector[];
  /** The plain text of the body choose-body.ts picks with the model off, or null when it finds none. */
  bodyText: string | null;
}

/** A cleaned page in its own jsdom window, and the way to close that window. */
export interface CleanedDocument {
  doc: Document;
  close: () => void;
}

export function cleanedDocument(parsed: ParsedPage, url: string, early: boolean, options: CleanOptions): CleanedDocument {
  const dom = new JSDOM('', { url, virtualConsole: silentConsole });
  const doc = buildJsdomDocument(early ? reduceParsedPageTree(parsed) : parsed, new dom.window.DOMParser().parseFromString('', 'text/html'));
  if (!early) cleanDocument(doc, options);
  return { doc, close: () => dom.window.close() };
}

/**
 * What extractArticle's body selection starts from, for the tools that replay it: the page's metadata
 * and its two cleanings, the first (names trusted unless a site rule or a live blog needs the DOM) and
 * the second pass's (in chooseBody's context), of a fresh parse with names not trusted. Each cleaning's window
 * is the caller's to close.
 */
export function prepareSelection(
  text: string,
  url: string,
): {
  metadata: ReturnType<typeof readMetadata> | null;
  cleanFirst: () => CleanedDocument;
  /** chooseBody's context for the page; the second pass's window is added to `opened` for the caller to close. */
  bodyContext: (opened: (() => void)[]) => BodyContext;
} {
  const parsed = parsePage(text);
  const view = viewParse5Document(parsed);
  const metadata = view ? readMetadata(view, url) : null;
  const siteRule = siteRuleFor(DEFAULT_SITE_RULES, url);
  const liveBlog = metadata?.liveBlog ?? false;
  return {
    metadata,
    cleanFirst: () => cleanedDocument(parsed, url, !siteRule && metadata !== null && !liveBlog, { ...siteRule, liveBlog }),
    bodyContext: (opened) => ({
      url,
      title: metadata?.title?.value ?? null,
      description: metadata?.description?.value ?? null,
      articleBody: metadata?.articleBody ?? null,
      reparse: () => {
        const again = cleanedDocument(parsePage(text), url, false, { ...siteRule, liveBlog, trustNames: false });
        opened.push(again.close);
        return again.doc;
      },
    }),
  };
}

/**
 * A page as extractArticle's body selection sees it: decoded, parsed, junk removed by the same rules
 * (on the parse5 tree, or on the DOM where a site rule or a live blog needs it), cut into blocks by
 * classify-blocks.ts and measured before Readability runs; then the body chosen with the model off.
 */
export function viewPage(input: Uint8Array | string, url: string): PageView {
  const { text } = decodeText(input, { contentType: null, kind: 'html' });
  const { cleanFirst, bodyContext } = prepareSelection(text, url);
  const opened: (() => void)[] = [];
  try {
    const first = cleanFirst();
    opened.push(first.close);
    const blocks = first.doc.body ? textBlocks(first.doc.body) : [];
    const pageFeatures = blockFeatures(blocks);
    let bodyText: string | null = null;
    try {
      bodyText = chooseBody(first.doc, { ...bodyContext(opened), blockModel: null }).text;
    } catch (error) {
      if (!(error instanceof ExtractionError)) throw error;
    }
    return { blocks, pageFeatures, bodyText };
  } finally {
    for (const close of opened) close();
  }
}

/** The blocks of a page (cleaned as extractArticle cleans it), in document order. */
export function pageBlocks(input: Uint8Array | string, url: string): TextBlock[] {
  return viewPage(input, url).blocks;
}

/** One training example: a block's features, its label, and how much it weighs. */
export interface Sample {
  x: BlockFeatureVector;
  y: 0 | 1;
  weight: number;
}

/** Blocks this far outside the chosen body still make examples (the seam looks no further). */
const SPAN_MARGIN = 15;

/**
 * A page's examples: the blocks of the chosen body's span and up to SPAN_MARGIN blocks on each side
 * (where the seam decides), each with at least one word, labelled from the truth, weighted by the
 * square root of its word count (the scorers count words, but one long block should not drown a
 * page's many short ones). A page without a chosen body gives none: the seam never sees it.
 */
export function pageSamples(page: PageView, truth: string): Sample[] {
  if (page.bodyText === null) return [];
  const index = indexTruth(truth);
  const body = bodySpan(page.blocks, page.bodyText);
  if (!body.span) return [];
  const features = withBodyFeatures(page.pageFeatures, page.blocks, body);
  const samples: Sample[] = [];
  const from = Math.max(0, body.span[0] - SPAN_MARGIN);
  const to = Math.min(page.blocks.length - 1, body.span[1] + SPAN_MARGIN);
  for (let at = from; at <= to; at++) {
    const block = page.blocks[at] as TextBlock;
    const words = wordTokens(block.text).length;
    if (!words) continue;
    samples.push({ x: features[at] as BlockFeatureVector, y: truthShare(block.text, index) >= POSITIVE_SHARE ? 1 : 0, weight: Math.sqrt(words) });
  }
  return samples;
}

/** A fitted logistic regression on standardised features. */
export interface FittedModel {
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
  /** Newton steps taken. */
  iterations: number;
}

/** Solves `matrix · x = vector` by Gaussian elimination with partial pivoting (small dense systems). */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, at) => [...row, vector[at] as number]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++)
      if (Math.abs((a[row] as number[])[column] as number) > Math.abs((a[pivot] as number[])[column] as number)) pivot = row;
    [a[column], a[pivot]] = [a[pivot] as number[], a[column] as number[]];
    const top = a[column] as number[];
    const lead = top[column] as number;
    for (let row = column + 1; row < n; row++) {
      const current = a[row] as number[];
      const factor = (current[column] as number) / lead;
      if (factor === 0) continue;
      for (let k = column; k <= n; k++) current[k] = (current[k] as number) - factor * (top[k] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    const current = a[row] as number[];
    let sum = current[n] as number;
    for (let k = row + 1; k < n; k++) sum -= (current[k] as number) * (x[k] as number);
    x[row] = sum / (current[row] as number);
  }
  return x;
}

const round = (value: number): number => Number(value.toPrecision(6));

/**
 * Fits a weighted logistic regression with an L2 penalty (`l2`, on the weights, not the bias) by
 * Newton's method, features standardised first. Deterministic: no random start, no shuffling.
 * Coefficients are rounded to six significant digits, which is what the JSON file keeps.
 */
export function trainLogistic(samples: readonly Sample[], options: { l2?: number; maxIterations?: number; width?: number } = {}): FittedModel {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 25;
  // The block model's width unless told otherwise (the body chooser's trainer has its own features).
  const width = options.width ?? BLOCK_MODEL_FEATURES.length;
  if (!samples.length) throw new Error('no training samples');
  const means = new Array<number>(width).fill(0);
  const scales = new Array<number>(width).fill(0);
  for (const sample of samples) for (let at = 0; at < width; at++) means[at] = (means[at] as number) + (sample.x[at] as number) / samples.length;
  for (const sample of samples)
    for (let at = 0; at < width; at++) scales[at] = (scales[at] as number) + ((sample.x[at] as number) - (means[at] as number)) ** 2 / samples.length;
  for (let at = 0; at < width; at++) scales[at] = Math.sqrt(scales[at] as number) || 1;
  const roundedMeans = means.map(round);
  const roundedScales = scales.map(round);
  // Column 0 is the bias; the rest are the standardised features.
  const rows = samples.map((sample) => [1, ...sample.x.map((value, at) => (value - (roundedMeans[at] as number)) / (roundedScales[at] as number))]);
  const size = width + 1;
  let beta = new Array<number>(size).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gradient = beta.map((value, at) => (at === 0 ? 0 : l2 * value));
    const hessian = Array.from({ length: size }, (_, row) => Array.from({ length: size }, (__, column) => (row === column && row > 0 ? l2 : 0)));
    rows.forEach((row, index) => {
      const sample = samples[index] as Sample;
      let sum = 0;
      for (let at = 0; at < size; at++) sum += (beta[at] as number) * (row[at] as number);
      const p = 1 / (1 + Math.exp(-sum));
      const residual = sample.weight * (p - sample.y);
      const curvature = sample.weight * p * (1 - p);
      for (let i = 0; i < size; i++) {
        const ri = row[i] as number;
        if (ri === 0) continue;
        gradient[i] = (gradient[i] as number) + residual * ri;
        const hRow = hessian[i] as number[];
        for (let j = i; j < size; j++) hRow[j] = (hRow[j] as number) + curvature * ri * (row[j] as number);
      }
    });
    for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) (hessian[i] as number[])[j] = (hessian[j] as number[])[i] as number;
    const step = solve(hessian, gradient);
    beta = beta.map((value, at) => value - (step[at] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-7) {
      iterations++;
      break;
    }
  }
  return { means: roundedMeans, scales: roundedScales, weights: beta.slice(1).map(round), bias: round(beta[0] as number), iterations };
}
