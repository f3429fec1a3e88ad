import { normalizeSpace } from '../text/strip-html';
import { mainRun, type TextBlock } from './classify-blocks';
import { classTokens } from './junk-tokens';

// What the learned block model (block-model.ts) knows about one block of a page: its own text, the
// element and the ancestors it sits in, where it stands, and its neighbours. Every feature is a
// plain number; the model standardises them with the means and scales it was trained with. The order
// of BLOCK_MODEL_FEATURES is the order of the model's weights, so a change here needs a retrained
// model (block-model.ts refuses a model whose feature list differs).

/** Names of the features a block has on its page alone, in the order {@link blockFeatures} writes them. */
export const PAGE_FEATURES = [
  'log-chars',
  'log-chars-squared',
  'link-share',
  'heading',
  'tag-p',
  'tag-list-item',
  'tag-table-cell',
  'sentence-end',
  'punctuation-share',
  'digit-share',
  'stopword-share',
  'capitalised-share',
  'mean-word-length',
  'verdict-good',
  'verdict-near-good',
  'verdict-bad',
  'position',
  'char-position',
  'in-article',
  'content-name',
  'furniture-name',
  'comment-name',
  'in-list',
  'in-table',
  'previous-log-chars',
  'previous-link-share',
  'next-log-chars',
  'next-link-share',
  'good-nearby',
  'log-distance-to-good',
  'in-main-run',
] as const;

/**
 * Names of the features that relate a block to the body chosen without the model (Readability's,
 * or another candidate of choose-body.ts), in the order {@link withBodyFeatures} appends them.
 */
export const BODY_FEATURES = ['in-body', 'in-body-span', 'log-blocks-to-span', 'body-log-chars', 'body-share-of-page'] as const;

/** All of a block's features, in the order of the model's weights. */
export const BLOCK_MODEL_FEATURES = [...PAGE_FEATURES, ...BODY_FEATURES] as const;

/** One block's features, in the order of {@link PAGE_FEATURES} (then {@link BODY_FEATURES}). */
export type BlockFeatureVector = number[];

const SENTENCE = /[.!?。！？؟।]["'”’)\]]?(?:\s|$)/u;
const PUNCTUATION = /[.,;:!?。，、！？؟]/gu;
const DIGIT = /\p{N}/gu;
const WORD = /[\p{L}\p{N}_]+/gu;
// The commonest function words of the languages most pages here are in; a block of prose is full of
// them, a menu or a list of names is not (jusText's stopword density, with a short list of our own).
const STOPWORDS = new Set(
  (
    'the a an and or of to in on at for with by from is are was were be been it its this that as not but he she they we you i his her their our have has had will would can ' +
    'der die das und ist nicht ein eine zu den mit von auf für im sich des dem le la les et est un une des du en que qui dans pour pas sur au ' +
    'el los las y es un una que en por con para del se lo il di che e è per non gli de het een van en is dat op te'
  ).split(' '),
);

const CONTENT_NAMES = new Set(['article', 'content', 'post', 'entry', 'story', 'body', 'text', 'main', 'blog', 'news', 'single', 'prose', 'copy']);
const FURNITURE_NAMES = new Set([
  'nav',
  'navigation',
  'menu',
  'footer',
  'header',
  'sidebar',
  'side',
  'widget',
  'related',
  'share',
  'social',
  'ad',
  'ads',
  'advert',
  'banner',
  'breadcrumb',
  'breadcrumbs',
  'copyright',
  'meta',
  'byline',
  'author',
  'tags',
  'promo',
  'sponsor',
  'login',
  'search',
  'toolbar',
  'links',
]);
const COMMENT_NAMES = new Set(['comment', 'comments', 'disqus', 'respond', 'reply', 'replies', 'discussion']);
const LIST_ITEM = new Set(['li', 'dd', 'dt']);
const TABLE_CELL = new Set(['td', 'th', 'tr']);

/** Names and kinds an element and its ancestors carry, found once per element. */
interface Inherited {
  content: boolean;
  furniture: boolean;
  comment: boolean;
  article: boolean;
  list: boolean;
  table: boolean;
}

const NOTHING: Inherited = { content: false, furniture: false, comment: false, article: false, list: false, table: false };

function inheritedOf(element: Element | null, cache: Map<Element, Inherited>): Inherited {
  if (!element) return NOTHING;
  const known = cache.get(element);
  if (known) return known;
  // Iterative up to the nearest known ancestor: pages nest deep.
  const chain: Element[] = [];
  let at: Element | null = element;
  while (at && !cache.has(at)) {
    chain.push(at);
    at = at.parentElement;
  }
  let inherited = at ? (cache.get(at) as Inherited) : NOTHING;
  for (let index = chain.length - 1; index >= 0; index--) {
    const node = chain[index] as Element;
    const name = node.localName;
    const tokens = classTokens(node.getAttribute('class'), node.getAttribute('id')).flat();
    inherited = {
      content: inherited.content || tokens.some((token) => CONTENT_NAMES.has(token)),
      furniture: inherited.furniture || tokens.some((token) => FURNITURE_NAMES.has(token)),
      comment: inherited.comment || tokens.some((token) => COMMENT_NAMES.has(token)),
      article: inherited.article || name === 'article' || name === 'main',
      list: inherited.list || name === 'ul' || name === 'ol',
      table: inherited.table || name === 'table',
    };
    cache.set(node, inherited);
  }
  return inherited;
}

function count(text: string, pattern: RegExp): number {
  let total = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text)) total++;
  return total;
}

function logChars(block: TextBlock | undefined): number {
  return block ? Math.log1p(block.text.length) : 0;
}

function linkShareOf(block: TextBlock | undefined): number {
  return block?.text.length ? block.linked / block.text.length : 0;
}

/** Share of the words that are function words, that start with a capital, and their mean length. */
function wordFacts(text: string): { stopwords: number; capitalised: number; meanLength: number } {
  const words = text.match(WORD) ?? [];
  if (!words.length) return { stopwords: 0, capitalised: 0, meanLength: 0 };
  let stopwords = 0;
  let capitalised = 0;
  let letters = 0;
  for (const word of words) {
    if (STOPWORDS.has(word.toLowerCase())) stopwords++;
    const first = word[0] as string;
    if (first !== first.toLowerCase()) capitalised++;
    letters += word.length;
  }
  return { stopwords: stopwords / words.length, capitalised: capitalised / words.length, meanLength: Math.min(20, letters / words.length) };
}

/** How many blocks on either side count towards "good-nearby". */
const NEARBY = 3;

/**
 * The page features of every block of a page, from the blocks classify-blocks.ts cuts it into (in
 * document order, verdicts filled in). One pass over the blocks plus one walk up each block's
 * ancestors, shared between blocks.
 */
export function blockFeatures(blocks: readonly TextBlock[]): BlockFeatureVector[] {
  const cache = new Map<Element, Inherited>();
  const run = mainRun(blocks);
  const totalChars = blocks.reduce((sum, block) => sum + block.text.length, 0) || 1;
  // Distance from each block to the nearest block judged good, both ways.
  const distance = blocks.map(() => Number.POSITIVE_INFINITY);
  let lastGood = Number.NEGATIVE_INFINITY;
  for (let at = 0; at < blocks.length; at++) {
    if ((blocks[at] as TextBlock).verdict === 'good') lastGood = at;
    distance[at] = at - lastGood;
  }
  lastGood = Number.POSITIVE_INFINITY;
  for (let at = blocks.length - 1; at >= 0; at--) {
    if ((blocks[at] as TextBlock).verdict === 'good') lastGood = at;
    distance[at] = Math.min(distance[at] as number, lastGood - at);
  }
  const out: BlockFeatureVector[] = [];
  let charsBefore = 0;
  for (let at = 0; at < blocks.length; at++) {
    const block = blocks[at] as TextBlock;
    const text = block.text;
    const length = text.length || 1;
    const inherited = inheritedOf(block.element, cache);
    const tag = block.element.localName;
    const words = wordFacts(text);
    let goodNearby = 0;
    let nearby = 0;
    for (let other = Math.max(0, at - NEARBY); other <= Math.min(blocks.length - 1, at + NEARBY); other++) {
      if (other === at) continue;
      nearby++;
      if ((blocks[other] as TextBlock).verdict === 'good') goodNearby++;
    }
    const chars = logChars(block);
    const gap = distance[at] as number;
    out.push([
      chars,
      chars * chars,
      linkShareOf(block),
      block.heading ? 1 : 0,
      tag === 'p' ? 1 : 0,
      LIST_ITEM.has(tag) ? 1 : 0,
      TABLE_CELL.has(tag) ? 1 : 0,
      SENTENCE.test(text) ? 1 : 0,
      Math.min(1, (count(text, PUNCTUATION) / length) * 10),
      Math.min(1, (count(text, DIGIT) / length) * 5),
      words.stopwords,
      words.capitalised,
      words.meanLength,
      block.verdict === 'good' ? 1 : 0,
      block.verdict === 'near-good' ? 1 : 0,
      block.verdict === 'bad' ? 1 : 0,
      blocks.length > 1 ? at / (blocks.length - 1) : 0,
      charsBefore / totalChars,
      inherited.article ? 1 : 0,
      inherited.content ? 1 : 0,
      inherited.furniture ? 1 : 0,
      inherited.comment ? 1 : 0,
      inherited.list ? 1 : 0,
      inherited.table ? 1 : 0,
      logChars(blocks[at - 1]),
      linkShareOf(blocks[at - 1]),
      logChars(blocks[at + 1]),
      linkShareOf(blocks[at + 1]),
      nearby ? goodNearby / nearby : 0,
      Number.isFinite(gap) ? Math.log1p(gap) : Math.log1p(blocks.length),
      run && at >= run[0] && at <= run[1] ? 1 : 0,
    ]);
    charsBefore += text.length;
  }
  return out;
}

/** Where a body chosen from the page stands among the page's blocks. */
export interface BodySpan {
  /** Whether each block's text is a whole line of the body's plain text. */
  inBody: boolean[];
  /** The first and last block in the body, or null when none is. */
  span: [number, number] | null;
  /** Characters of the body's plain text. */
  bodyChars: number;
}

/** Finds a body's blocks among the page's by its lines (a block is in the body when its text is a whole line of it). */
export function bodySpan(blocks: readonly TextBlock[], bodyText: string): BodySpan {
  const lines = new Set<string>();
  for (const line of bodyText.split('\n')) {
    const text = normalizeSpace(line);
    if (text) lines.add(text);
  }
  let first = -1;
  let last = -1;
  const inBody = blocks.map((block, at) => {
    if (!lines.has(block.text)) return false;
    if (first < 0) first = at;
    last = at;
    return true;
  });
  return { inBody, span: first < 0 ? null : [first, last], bodyChars: bodyText.length };
}

/** Page features with the body features appended: each block's place relative to the chosen body. */
export function withBodyFeatures(pageFeatures: readonly BlockFeatureVector[], blocks: readonly TextBlock[], body: BodySpan): BlockFeatureVector[] {
  const pageChars = blocks.reduce((sum, block) => sum + block.text.length, 0) || 1;
  const bodyLog = Math.log1p(body.bodyChars);
  const share = Math.min(1, body.bodyChars / pageChars);
  return pageFeatures.map((features, at) => {
    const span = body.span;
    const inSpan = span !== null && at >= span[0] && at <= span[1];
    const gap = span === null ? blocks.length : inSpan ? 0 : at < span[0] ? span[0] - at : at - span[1];
    return [...features, body.inBody[at] ? 1 : 0, inSpan ? 1 : 0, Math.log1p(gap), bodyLog, share];
  });
}
