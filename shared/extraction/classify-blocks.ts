import { normalizeSpace } from '../text/strip-html';
import { isExcerptTeaser } from './boilerplate-rules';
import { BLOCKS } from './trim-body';

// A second opinion on where the article is, for pages Readability gets wrong: the page's text is
// cut into blocks (the runs of text between block-level tags), each block is judged on its own
// length and the share of it inside links, in the manner of jusText and boilerpipe (Pomikálek
// 2011, Kohlschütter et al. 2010: boilerplate is short and link-dense, prose is long and
// link-poor), and the article is the contiguous run of blocks whose judged text weighs most: a
// maximum-sum segment, so the menus above and the footers, link lists and comment forms below
// weigh it down and are left out.

// The body's blocks (trim-body.ts), plus the page-level containers a whole page is cut into.
const BLOCK_TAGS = new Set([...BLOCKS, 'address', 'body', 'fieldset', 'form', 'main']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'select', 'option', 'textarea', 'button', 'head', 'title']);

/** How a block is judged. */
export type BlockClass = 'good' | 'near-good' | 'short' | 'bad';

/** One run of text between block boundaries. */
export interface TextBlock {
  /** The nearest block-level element holding the run. */
  element: Element;
  text: string;
  /** Characters of the run inside links. */
  linked: number;
  heading: boolean;
  /** The run is the whole text of its element (no nested blocks), so the element can be copied. */
  whole: boolean;
  verdict: BlockClass;
}

/** Below this many characters a block is too short to judge alone. */
const SHORT_CHARS = 50;
/** A block this long, link-poor and with a sentence in it, is prose. */
const GOOD_CHARS = 140;
/** Blocks with more of their text in links than this are navigation. */
const MAX_GOOD_LINK_SHARE = 0.25;
const BAD_LINK_SHARE = 0.45;
/** A sentence end in any of the common scripts. */
const SENTENCE = /[.!?。！？؟।]["'”’)\]]?(?:\s|$)/u;
/** The least text a block-classified body must have to be offered as a candidate. */
const MIN_CANDIDATE_CHARS = 250;

function judge(text: string, linked: number): BlockClass {
  const share = text.length ? linked / text.length : 0;
  if (share > BAD_LINK_SHARE || isExcerptTeaser(text)) return 'bad';
  if (text.length < SHORT_CHARS) return 'short';
  if (share > MAX_GOOD_LINK_SHARE) return 'bad';
  if (text.length >= GOOD_CHARS && SENTENCE.test(text)) return 'good';
  return 'near-good';
}

// A marker pushed after a block's children, so the run ends where the block does.
const blockEnd = { nodeType: -1 } as unknown as Node;

/** The page's text as blocks in document order. */
export function textBlocks(root: Element): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: { element: Element; parts: string[]; linked: number } | null = null;
  const flush = (): void => {
    if (!current) return;
    const text = normalizeSpace(current.parts.join(''));
    if (text) {
      const element = current.element;
      blocks.push({
        element,
        text,
        linked: Math.min(text.length, current.linked),
        heading: HEADINGS.has(element.localName),
        whole: normalizeSpace(element.textContent ?? '') === text,
        verdict: 'short',
      });
    }
    current = null;
  };
  // Iterative walk: pages nest deep.
  const stack: { node: Node; block: Element; inLink: boolean }[] = [{ node: root, block: root, inLink: false }];
  while (stack.length) {
    const { node, block, inLink } = stack.pop() as { node: Node; block: Element; inLink: boolean };
    if (node === blockEnd) {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      if (!value.trim()) {
        if (current) current.parts.push(' ');
        continue;
      }
      if (current && current.element !== block) flush();
      current ??= { element: block, parts: [], linked: 0 };
      current.parts.push(value);
      if (inLink) current.linked += normalizeSpace(value).length;
      continue;
    }
    if (node.nodeType !== 1 && node !== root) continue;
    const element = node as Element;
    const name = element.localName;
    if (node !== root && SKIPPED.has(name)) continue;
    const isBlock = BLOCK_TAGS.has(name);
    // Entering or leaving a block ends the run; so does a line break pair, which some pages use
    // instead of paragraphs (handled by the <br> flush below).
    if (isBlock && node !== root) flush();
    if (name === 'br' && current && current.parts.at(-1) === '\n') flush();
    else if (name === 'br' && current) current.parts.push('\n');
    const childBlock = isBlock ? element : block;
    const childLink = inLink || name === 'a';
    if (isBlock && node !== root) stack.push({ node: blockEnd, block: childBlock, inLink });
    // Sibling pointers, not `childNodes`: jsdom keeps a live NodeList for every element asked for
    // one, and each later change to that element's children (Readability's, the sanitiser's) then
    // pays to keep it current (a flat page of 5,000 paragraphs took 2 s more).
    for (let child = element.lastChild; child; child = child.previousSibling) {
      stack.push({ node: child, block: childBlock, inLink: childLink });
    }
  }
  flush();
  for (const entry of blocks) entry.verdict = judge(entry.text, entry.linked);
  return blocks;
}

function weight(block: TextBlock): number {
  switch (block.verdict) {
    case 'good':
      return block.text.length;
    case 'near-good':
      return block.text.length * 0.5;
    case 'short':
      // A heading opens the run it heads (the segment starts where the sum turns positive).
      return block.heading ? 1 : -8;
    default:
      return -(block.linked + 10);
  }
}

/** The contiguous run of blocks of greatest weight (Kadane's maximum-sum segment), or null. */
export function mainRun(blocks: readonly TextBlock[]): [number, number] | null {
  let best = 0;
  let bestRange: [number, number] | null = null;
  let sum = 0;
  let start = 0;
  for (let at = 0; at < blocks.length; at++) {
    if (sum <= 0) {
      sum = 0;
      start = at;
    }
    sum += weight(blocks[at] as TextBlock);
    if (sum > best) {
      best = sum;
      bestRange = [start, at];
    }
  }
  return bestRange;
}

/** Characters of prose (good and near-good blocks) in the page's main run of blocks. */
export function mainRunProse(root: Element): number {
  return mainRunProseOf(textBlocks(root));
}

/** {@link mainRunProse} of blocks already cut. */
export function mainRunProseOf(blocks: readonly TextBlock[]): number {
  const run = mainRun(blocks);
  if (!run) return 0;
  let prose = 0;
  for (let at = run[0]; at <= run[1]; at++) {
    const block = blocks[at] as TextBlock;
    if (block.verdict === 'good' || block.verdict === 'near-good') prose += block.text.length;
  }
  return prose;
}

/**
 * The article as the block classifier sees it: a new `<div>` in `root`'s document holding copies
 * of the blocks of the main run (link-dense ones left out), or null when the page has no run of
 * prose worth offering. The page is not changed.
 */
export function extractByBlocks(root: Element): Element | null {
  const blocks = textBlocks(root);
  const run = mainRun(blocks);
  if (!run) return null;
  const doc = root.ownerDocument;
  const container = doc.createElement('div');
  let prose = 0;
  const copied = new Set<Element>();
  for (let at = run[0]; at <= run[1]; at++) {
    const block = blocks[at] as TextBlock;
    if (block.verdict === 'bad') continue;
    if (block.verdict === 'good' || block.verdict === 'near-good') prose += block.text.length;
    if (block.whole && !copied.has(block.element) && block.element !== root && !/^(?:td|th|tr|body)$/.test(block.element.localName)) {
      copied.add(block.element);
      container.append(block.element.cloneNode(true));
      continue;
    }
    const paragraph = doc.createElement(block.heading ? block.element.localName : 'p');
    paragraph.textContent = block.text;
    container.append(paragraph);
  }
  return prose >= MIN_CANDIDATE_CHARS ? container : null;
}
