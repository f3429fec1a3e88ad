import { normalizeSpace } from '../text/strip-html';
import { type BlockModel, blockProbability } from './block-model';
import { type BlockFeatureVector, bodySpan, withBodyFeatures } from './block-model-features';
import type { TextBlock } from './classify-blocks';

// Where the learned block model meets body selection (choose-body.ts). The page's blocks are
// measured before Readability rearranges the page; once a body is chosen, each block is scored with
// its place relative to that body, and the blocks at the start and the end of the body that the
// model calls boilerplate go. (Putting back main-text blocks next to the body, the other edge
// correction the model allows, was measured and lost on the Zyte pages; see docs/extraction.md.)

/**
 * A block at the body's edge goes when the model gives it less than this probability (chosen on the
 * validation split and the Zyte pages: 0.1, 0.25, 0.4 and 0.5 were measured).
 */
export const DROP_PROBABILITY = 0.4;
/** At most this many blocks are dropped at each edge. */
const MAX_DROPPED = 12;

// The classifier's prose (140+ characters, few links, a sentence end) ends the run dropped from the
// body's head, as trimming never removes prose either: the model had taken a story's first ten
// paragraphs for furniture (short ones among them, beside a linked name). At the tail it may go on:
// there a column of other stories' teasers reads as prose, and the model's verdict measured better.
function isProse(block: TextBlock): boolean {
  return block.verdict === 'good';
}

/**
 * The blocks at the edges of a chosen body that the model calls boilerplate. `pageFeatures` are the
 * blocks' page features, measured before Readability ran. The body is found among the page's blocks
 * by its lines; from its first block onwards and from its last backwards, body blocks below
 * `threshold` are taken, up to the first one that stays.
 */
export function edgeBlocksToDrop(
  model: BlockModel,
  blocks: readonly TextBlock[],
  pageFeatures: readonly BlockFeatureVector[],
  bodyText: string,
  threshold = DROP_PROBABILITY,
): TextBlock[] {
  const body = bodySpan(blocks, bodyText);
  if (!body.span) return [];
  const [first, last] = body.span;
  const features = withBodyFeatures(pageFeatures, blocks, body);
  const probability = (at: number): number => blockProbability(model, features[at] as BlockFeatureVector);
  const drop: TextBlock[] = [];
  let head = first;
  for (let at = first; at <= last && drop.length < MAX_DROPPED; at++) {
    if (!body.inBody[at]) continue;
    if (probability(at) >= threshold || isProse(blocks[at] as TextBlock)) break;
    drop.push(blocks[at] as TextBlock);
    head = at + 1;
  }
  const fromHead = drop.length;
  for (let at = last; at >= head && drop.length - fromHead < MAX_DROPPED; at--) {
    if (!body.inBody[at]) continue;
    if (probability(at) >= threshold) break;
    drop.push(blocks[at] as TextBlock);
  }
  return drop;
}

/** Removes from `root` the innermost element whose text is each dropped block's text. */
export function removeBlocks(root: Element, blocks: readonly TextBlock[]): void {
  const wanted = new Set(blocks.map((block) => block.text));
  const found = new Map<string, Element>();
  // Later matches in document order are deeper (or later): the innermost match wins for a text.
  for (const element of root.querySelectorAll('*')) {
    const text = normalizeSpace(element.textContent ?? '');
    if (!wanted.has(text)) continue;
    const previous = found.get(text);
    if (!previous || previous.contains(element)) found.set(text, element);
  }
  for (const element of found.values()) element.remove();
}
