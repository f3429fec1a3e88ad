import { normalizeSpace } from '../text/strip-html';
import {
  type BlockFacts,
  isCommentHeading,
  isCommentSignature,
  isExcerptTeaser,
  isPromoHeading,
  matchBoilerplate,
  type RuleZone,
  slideCounter,
} from './boilerplate-rules';
import { elementsByTag } from './dom-query';
import { nameTokens } from './junk-tokens';

/** What trimming needs to know about the page, and who wants to hear what was removed. */
export interface TrimContext {
  title: string | null;
  description: string | null;
  /** Told about every removed block, with the rule that removed it (diagnostics and tests). */
  onRemove?: (rule: string, text: string) => void;
}

/** Elements that stand as blocks of text in a body (the classifier in classify-blocks.ts adds page-level ones). */
export const BLOCKS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'section',
  'article',
  'header',
  'footer',
  'table',
  'tr',
  'td',
  'th',
  'center',
]);
const MEDIA = 'img, picture, video, audio, iframe';
// Reading-time labels in the languages the rules know: "3 min read", "Lesezeit: 4 Min.", "5 minutes de
// lecture", "Leestijd 3 minuten", "Czas czytania: 3 min", "Время чтения: 5 минут", "読了時間：約3分", "阅读时间：3分钟".
const MINUTES = String.raw`(?:min(?:ute)?s?|minuten|minutos|minuti|minut|m|мин(?:ут[аы]?)?|分钟?|분)\.?`;
const READ_WORDS = String.raw`(?:read|reading(?:\s+time)?|lesezeit|leestijd|lezen|de lecture|di lettura|de leitura|de lectura|czytania|чтения|で読めます)`;
const TIME_LABEL =
  '(?:reading time|read time|lesezeit|leestijd|temps de lecture|tempo di lettura|tiempo de lectura|tempo de leitura|czas czytania|время чтения|読了時間|阅读时间|閱讀時間|읽는 시간)';
const READING_TIME = new RegExp(
  String.raw`^(?:\d+\s*(?:-\s*\d+\s*)?${MINUTES}\s*${READ_WORDS}?|${TIME_LABEL}\s*[:：]?\s*(?:約|约|ca\.?|about|approx\.?|etwa|environ)?\s*\d+\s*${MINUTES})$`,
  'iu',
);
const DATE_ONLY =
  /^(?:(?:published|posted|updated|last updated|on)[:\s]+)?(?:\w{3,9},?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+\w{3,9},?\s+\d{4}|\w{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:[,\s|-]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?$/i;
// The pieces of a story's meta line ("2 min read · 28 April, 2022", "Updated 10:42 BST, Wed 28
// Apr 2022 | 3 minute read"): with every piece taken out, only separators remain.
const META_PIECES = [
  new RegExp(String.raw`\d+\s*(?:-\s*\d+\s*)?${MINUTES}\s*${READ_WORDS}`, 'giu'),
  new RegExp(String.raw`${TIME_LABEL}\s*[:：]?\s*(?:約|约|ca\.?|about|approx\.?|etwa|environ)?\s*\d+\s*${MINUTES}`, 'giu'),
  /\b\d{1,2}(?:st|nd|rd|th)?\.?\s+\p{L}{3,10}\.?,?\s+\d{4}\b/giu,
  /\b\p{L}{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/giu,
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/giu,
  /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/giu,
  /\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}\b)?/gu,
  /\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?/giu,
  /\b(?:published|posted|updated|last updated|modified|on|at|le|am|el|il)\b:?/giu,
];
const META_DATE_OR_TIME = /\d/;
const META_REST = /^[\s|·•,:/\-–—()[\]]*$/u;
// A post's credit line puts the date beside its comment count and its author ("· Quickies · 7 Comments ·
// October 29th, 2012", "Posted on 12/20/2004 12:19:30 PM PST by Jim Robinson", "By - October 19, 2012",
// "August 9, 2012 // 7 Comments // Fast, Kids, Salad"): a date with one of these is a meta line too.
const META_DATE = META_PIECES.slice(2, 6);
const COMMENT_COUNT = /\b(?:\d+|no|one)\s+(?:comments?|responses?|replies|kommentare?|commentaires?|comentarios?|commenti|reacties|reactions?)\b/giu;
// "by" and a name of capitalised words (or none: a theme that left the author out).
const CREDIT =
  /\b(?:(?:posted|submitted|written|published|filed|view all posts)\s+)?(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor)\b\s*[-–—:]?\s*(?:\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})?/gu;
const CREDIT_LABEL = /\b(?:posted|submitted|written|published|filed under|filed in|in|view all posts)\b:?/giu;
// Separators that cut a credit line into fields; with two or more, a field may name the post's
// categories or tags (one to three words each), which no pattern can know.
const FIELD_SEPARATOR = /\s(?:[|·•]|\/\/|—|–)\s|^\s*[|·•]\s/gu;
const CATEGORY_FIELD = /^(?:[\p{L}&'’-]+(?:\s+[\p{L}&'’-]+){0,2})(?:\s*,\s*[\p{L}&'’-]+(?:\s+[\p{L}&'’-]+){0,2})*$/u;

/** Whether a short block is only reading time, dates and times (a meta line), or a post's credit line. */
function isMetaLine(text: string): boolean {
  if (text.length > 120 || !META_DATE_OR_TIME.test(text)) return false;
  let rest = text;
  for (const piece of META_PIECES) rest = rest.replace(piece, ' ');
  if (rest !== text && META_REST.test(rest)) return true;
  return isCreditLine(text);
}

function isCreditLine(text: string): boolean {
  if (!META_DATE.some((piece) => text.search(piece) >= 0)) return false;
  let rest = text.replace(COMMENT_COUNT, ' ');
  const counted = rest !== text;
  // Dates first, so a credit's name is never taken from a month ("By - October 19, 2012").
  for (const piece of META_PIECES) rest = rest.replace(piece, ' ');
  const beforeCredit = rest;
  rest = rest.replace(CREDIT, ' ');
  if (!counted && rest === beforeCredit) return false;
  rest = rest.replace(CREDIT_LABEL, ' ');
  if (META_REST.test(rest)) return true;
  if ((text.match(FIELD_SEPARATOR) ?? []).length < 2) return false;
  return rest
    .split(/\s(?:[|·•]|\/\/|—|–)\s|^\s*[|·•]\s/u)
    .map((field) => field.replace(/^[\s|·•,:/\-–—()[\]]+|[\s|·•,:/\-–—()[\]]+$/gu, ''))
    .every((field) => field === '' || CATEGORY_FIELD.test(field));
}

/** This many link-only blocks in a row are a list of links, wherever they stand. */
const LINK_RUN = 3;
/** ...when they hold at most this share of the body's text. */
const LINK_RUN_SHARE = 0.25;

function isLinkItem(block: Block): boolean {
  return block.facts.linkShare >= 0.9 && block.text.length <= 150;
}

/** A teaser of another post is at most this long... */
const TEASER_CHARS = 500;
/** ...and teasers hold at most this share of the body's text (else the page is an index of them). */
const TEASER_SHARE = 0.5;
/** A gallery set into a story shows at least this many slide counters in a row... */
const GALLERY_SLIDES = 3;
/** Short headings just above a gallery's first slide name it ("World news in pictures"). */
const GALLERY_TITLE_CHARS = 80;

// A gallery of another set of pictures embedded in a story ("World news in pictures": "1/50 24
// September", a caption, "2/50 23 September", a caption...) is not the story: a run of three or more
// slide counters of one gallery, numbered upwards, goes with the slides between them, the last slide
// (as many blocks as the run's median slide) and the short headings naming it, when the story goes
// on both before and after it.
function gallerySlides(blocks: readonly Block[]): number[] {
  const counters = blocks.flatMap((block, at) => {
    const counter = slideCounter(block.text);
    return counter ? [{ at, ...counter }] : [];
  });
  if (counters.length < GALLERY_SLIDES) return [];
  const out = new Set<number>();
  let start = 0;
  for (let next = 1; next <= counters.length; next++) {
    const previous = counters[next - 1] as (typeof counters)[number];
    const current = counters[next];
    if (current && current.of === previous.of && current.slide > previous.slide) continue;
    const run = counters.slice(start, next);
    start = next;
    if (run.length < GALLERY_SLIDES) continue;
    const gaps = run
      .slice(1)
      .map((counter, k) => counter.at - (run[k] as (typeof run)[number]).at)
      .sort((a, b) => a - b);
    const slideBlocks = gaps[Math.floor(gaps.length / 2)] as number;
    let from = (run[0] as (typeof run)[number]).at;
    for (let title = 0; title < 2 && from > 0; title++) {
      const above = blocks[from - 1] as Block;
      if (!/^h[1-6]$/.test(above.element.localName) || above.text.length > GALLERY_TITLE_CHARS) break;
      from--;
    }
    const to = Math.min(blocks.length - 1, (run[run.length - 1] as (typeof run)[number]).at + slideBlocks - 1);
    for (let at = from; at <= to; at++) out.add(at);
  }
  if (!out.size) return [];
  // Set into the story: prose before it and after it. A gallery the story leads into, or ends
  // with, is the page's own pictures (a photo gallery's page, whose captions are its text).
  const firstSlide = Math.min(...out);
  const lastSlide = Math.max(...out);
  const prose = (block: Block, at: number): boolean => !out.has(at) && block.text.length >= PROSE_CHARS;
  const before = blocks.some((block, at) => at < firstSlide && prose(block, at));
  const after = blocks.some((block, at) => at > lastSlide && prose(block, at));
  return before && after ? [...out] : [];
}

/** A block this long that no rule claims is prose: the body proper starts and ends with such blocks. */
const PROSE_CHARS = 100;
/** The headline and standfirst repeated in a body come within its first few blocks. */
const HEAD_BLOCKS = 8;

interface Block {
  element: Element;
  text: string;
  facts: BlockFacts;
}

function comparable(text: string): string {
  return normalizeSpace(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function isBlock(element: Element): boolean {
  return BLOCKS.has(element.localName);
}

/**
 * Blocks with no block inside them, in document order: the units furniture comes in. Inline
 * elements sitting beside blocks (a `<span>1 of 4</span>` after a figure in a list item) are units
 * of their own, since no leaf block holds them.
 */
function leafBlocks(root: Element): Element[] {
  const out: Element[] = [];
  // Returns whether the element is or holds a block.
  const visit = (element: Element, into: Element[]): boolean => {
    const own: Element[] = [];
    const inline: Element[] = [];
    let hasBlock = false;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      const before = own.length;
      if (visit(child, own) || isBlock(child)) hasBlock = true;
      else if (own.length === before) {
        inline.push(child);
        own.push(child);
      }
    }
    if (!hasBlock) {
      if (isBlock(element) && element !== root) into.push(element);
      return isBlock(element);
    }
    const inlineSet = new Set(inline);
    for (const unit of own) if (!inlineSet.has(unit) || unit.localName !== 'br') into.push(unit);
    return true;
  };
  visit(root, out);
  return out;
}

function factsOf(element: Element, text: string): BlockFacts {
  let linked = 0;
  for (const link of elementsByTag(element, 'a')) linked += normalizeSpace(link.textContent ?? '').length;
  if (element.localName === 'a') linked = text.length;
  return { linkShare: text.length ? Math.min(1, linked / text.length) : 0, tag: element.localName };
}

function removeBlock(element: Element, root: Element): void {
  let target: Element = element;
  // Take empty wrappers with it, so no hollow <div>s or <li>-less lists remain.
  while (
    target.parentElement &&
    target.parentElement !== root &&
    normalizeSpace(target.parentElement.textContent ?? '') === normalizeSpace(target.textContent ?? '')
  ) {
    if (target.parentElement.querySelector(MEDIA)) break;
    target = target.parentElement;
  }
  target.remove();
}

const STANDFIRST_TOKENS = new Set([
  'standfirst',
  'dek',
  'deck',
  'subtitle',
  'subheadline',
  'subhead',
  'strapline',
  'summary',
  'excerpt',
  'lede',
  'intro',
  'teaser',
  'description',
  'abstract',
  'sapo',
  'chapo',
  'chapeau',
]);

// Many pages' meta description is their first paragraph, which belongs to the body. A standfirst
// displayed above the body says what it is: a class, a heading, a <header>.
function looksLikeStandfirst(element: Element, root: Element): boolean {
  for (let node: Element | null = element; node && node !== root; node = node.parentElement) {
    if (/^(?:h[2-6]|header)$/.test(node.localName)) return true;
    for (const name of (node.getAttribute('class') ?? '').split(/\s+/)) {
      const tokens = nameTokens(name);
      if (tokens.some((token) => STANDFIRST_TOKENS.has(token)) || tokens.join(' ').includes('sub head')) return true;
    }
  }
  return false;
}

function isHeadClutter(text: string, element: Element, root: Element, context: TrimContext): string | null {
  if (READING_TIME.test(text)) return 'reading-time';
  if (DATE_ONLY.test(text)) return 'dateline';
  if (isMetaLine(text)) return 'meta-line';
  const plain = comparable(text);
  if (context.title && plain === comparable(context.title)) return 'title';
  if (context.description && plain.length > 20) {
    const desc = comparable(context.description);
    const same = plain === desc || (desc.length > 40 && (desc.startsWith(plain) || plain.startsWith(desc)) && Math.abs(plain.length - desc.length) < 20);
    if (same && looksLikeStandfirst(element, root)) {
      return 'standfirst';
    }
  }
  return null;
}

/**
 * Removes the furniture Readability leaves in a body: captions and credits, labels, "read more"
 * promos and the link lists they announce, calls to action, tag lists; at the edges of the body
 * (before its first and after its last prose block) also the headline again, the standfirst (it
 * lives in `description`), reading-time labels, bylines, datelines, author bios and copyright lines.
 * Prose blocks are never touched: every rule is limited to short blocks.
 */
export function trimBody(root: Element, context: TrimContext): void {
  const blocks: Block[] = [];
  for (const element of leafBlocks(root)) {
    // Captions stay in the HTML with their image; the plain text leaves them out.
    if (element.closest('figcaption')) continue;
    const text = normalizeSpace(element.textContent ?? '');
    if (!text) {
      if (!element.matches(MEDIA) && !element.querySelector(MEDIA) && element.localName !== 'br') element.remove();
      continue;
    }
    blocks.push({ element, text, facts: factsOf(element, text) });
  }
  const anywhere = new Set<RuleZone>(['anywhere']);
  const everywhere = new Set<RuleZone>(['anywhere', 'edge']);
  const verdicts = blocks.map(
    (block, at) =>
      matchBoilerplate(block.text, block.facts, everywhere)?.name ?? (at < HEAD_BLOCKS ? isHeadClutter(block.text, block.element, root, context) : null),
  );
  const isProse = (at: number): boolean => verdicts[at] === null && (blocks[at]?.text.length ?? 0) >= PROSE_CHARS;
  let first = blocks.findIndex((_, at) => isProse(at));
  let last = blocks.length - 1;
  while (last >= 0 && !isProse(last)) last--;
  if (first < 0) {
    first = blocks.length;
    last = -1;
  }

  const removed = new Set<number>();
  // Readers' comments follow the story: from a comment-thread heading after the story has begun,
  // everything to the end of the body goes.
  let thread = first < blocks.length ? blocks.findIndex((block, at) => at > first && isCommentHeading(block.text)) : -1;
  // A thread also shows itself by its signatures: from the first of two or more. It begins at the
  // earlier of the two signs: where the cleaning removed the heading over the thread (an `<h2
  // id="comments">`), the first heading left is often the comment form's ("Post a comment") under it.
  if (first < blocks.length) {
    const signatures = blocks.flatMap((block, at) => (at > first && isCommentSignature(block.text) ? [at] : []));
    const signed = signatures.length >= 2 ? (signatures[0] as number) : -1;
    if (signed > 0 && (thread < 0 || signed < thread)) thread = signed;
  }
  if (thread > 0) {
    for (const block of blocks.splice(thread)) {
      context.onRemove?.('comment-thread', block.text);
      if (root.contains(block.element)) removeBlock(block.element, root);
    }
    if (last >= thread) {
      last = thread - 1;
      while (last >= 0 && !isProse(last)) last--;
    }
  }
  for (let at = 0; at < blocks.length; at++) {
    const block = blocks[at] as Block;
    const edge = at < first || at > last;
    const rule = edge ? verdicts[at] : (matchBoilerplate(block.text, block.facts, anywhere)?.name ?? null);
    if (!rule) continue;
    removed.add(at);
    context.onRemove?.(rule, block.text);
    if (isPromoHeading(block.text)) {
      // The links a "Related" or "DON'T MISS" heading announces go with it.
      for (let next = at + 1; next < blocks.length; next++) {
        const follower = blocks[next] as Block;
        if (follower.facts.linkShare < 0.6 || follower.text.length > 200) break;
        removed.add(next);
        context.onRemove?.('promo-list', follower.text);
        at = next;
      }
    }
  }
  // Three or more short blocks in a row that are nothing but links are a list of other stories
  // ("Related", "More on this") even where no heading announces them, as long as they are a small
  // part of the body: a page that is mostly such a list (a discography, an archive) is its content.
  const bodyChars = blocks.reduce((sum, block) => sum + block.text.length, 0);
  for (let at = 0; at < blocks.length; ) {
    let end = at;
    let runChars = 0;
    while (end < blocks.length && isLinkItem(blocks[end] as Block)) runChars += (blocks[end++] as Block).text.length;
    if (end - at >= LINK_RUN && runChars <= bodyChars * LINK_RUN_SHARE) {
      for (let item = at; item < end; item++) {
        if (removed.has(item)) continue;
        removed.add(item);
        context.onRemove?.('link-run', (blocks[item] as Block).text);
      }
    }
    at = Math.max(end, at + 1);
  }
  // Teasers of other posts (an excerpt cut short with "[…]" or "Read more...") go with the linked
  // title above each, as long as they are a small part of the body: a page of teasers is an index.
  const teasers = blocks.flatMap((block, at) => (!removed.has(at) && block.text.length <= TEASER_CHARS && isExcerptTeaser(block.text) ? [at] : []));
  const teaserChars = teasers.reduce((sum, at) => sum + (blocks[at] as Block).text.length, 0);
  if (teasers.length && teaserChars <= bodyChars * TEASER_SHARE) {
    for (const at of teasers) {
      removed.add(at);
      context.onRemove?.('teaser', (blocks[at] as Block).text);
      const above = blocks[at - 1];
      if (above && !removed.has(at - 1) && above.facts.linkShare >= 0.9 && above.text.length <= TEASER_CHARS) {
        removed.add(at - 1);
        context.onRemove?.('teaser', above.text);
      }
    }
  }
  for (const at of gallerySlides(blocks)) {
    if (removed.has(at)) continue;
    removed.add(at);
    context.onRemove?.('gallery', (blocks[at] as Block).text);
  }
  for (const at of removed) {
    const element = (blocks[at] as Block).element;
    if (root.contains(element)) removeBlock(element, root);
  }
}
