import { Readability } from '@mozilla/readability';
import { normalizeSpace } from '../text/strip-html';
import { type BlockModel, SHIPPED_BLOCK_MODEL } from './block-model';
import { edgeBlocksToDrop, removeBlocks } from './block-model-body';
import { type BlockFeatureVector, blockFeatures } from './block-model-features';
import { extractByBlocks, mainRunProseOf, type TextBlock, textBlocks } from './classify-blocks';
import { walkElements } from './dom-query';
import { ExtractionError } from './extraction-error';
import { htmlToText } from './html-to-text';
import { sanitizeElement } from './sanitize-html';
import { trimBody } from './trim-body';

/** Below this many characters of body text a page is not treated as an article. */
export const MIN_ARTICLE_CHARS = 140;
/** Above this share of its text in links, a body is a list of links (a home or section page)... */
const MAX_LINK_SHARE = 0.6;
/** ...unless it still holds this much text outside its links (a post that links every other word). */
const LINKED_PROSE_CHARS = 1000;
/** Below this, a plausible first-pass body is not checked for being a fragment. */
const CONFIDENT_CHARS = 500;
/**
 * A plausible first-pass body with less than 1/FRAGMENT_RATIO of the page's main run of prose may
 * be a fragment, and is replaced by a candidate holding FRAGMENT_RATIO times its prose.
 */
const FRAGMENT_RATIO = 3;
/** When the first body is implausible, a later candidate replaces an earlier one with this many times its prose. */
const LONGER_RATIO = 1.5;
/** A body with less than 1/STATED_RATIO of the page's stated JSON-LD `articleBody` is not the whole story. */
const STATED_RATIO = 2;

/** Below this share of the title's words in it, a first body may be another story than the page's... */
const OFF_TITLE_SHARE = 0.25;
/** ...and the story under the page's headline replaces it when it holds at least this share of them. */
const ON_TITLE_SHARE = 0.5;
/** A heading holding this share of the title's words is the page's headline. */
const HEADLINE_SHARE = 0.6;
/** Titles with fewer words than this say too little to judge a body by. */
const MIN_TITLE_WORDS = 4;
// Words of four or more letters in scripts that space their words (names and nouns more than
// function words); a title in a script without spaces (Chinese, Japanese, Thai) is not judged.
const TITLE_WORD =
  /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Hebrew}\p{Script=Arabic}\p{N}'’-]{4,}/gu;

// Function words that long say nothing of what a story is about.
const FUNCTION_WORDS = new Set(
  'after before with from that this what when where which while about over into than then they their there these those have been will would could should more most your just says said does nach über eine einen einem einer nicht sich auch oder wird sind avec dans pour sont plus cette après para como pero sobre desde este esta'.split(
    ' ',
  ),
);

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(TITLE_WORD) ?? []).map((word) => word.replace(/^['’-]+|['’-]+$/g, ''));
}

/** The title's distinct words, or null when it has too few to judge a body by. */
function titleWordsOf(title: string | null): string[] | null {
  const words = [...new Set(wordsOf(title ?? ''))].filter((word) => !FUNCTION_WORDS.has(word));
  return words.length >= MIN_TITLE_WORDS ? words : null;
}

/** Share of the title's words found in a text. */
function titleShare(words: readonly string[], text: string): number {
  const present = new Set(wordsOf(text));
  return words.filter((word) => present.has(word)).length / words.length;
}

/** A short first body gives way to the story under the headline when that holds this many times its text. */
const SHORT_RATIO = 1.5;
/** At most this many headlines are followed when a body is off the title. */
const MAX_HEADLINES = 3;

/**
 * The page's own story when Readability took another one (a page that scrolls on into the next
 * story, a sidebar's longer story): for each heading (h1-h3) holding most of the title's words, its
 * nearest container with MIN_ARTICLE_CHARS of text besides the heading and its nearest with
 * CONFIDENT_CHARS (a short story's own box; a longer story's wrapper, when the heading sits in a
 * header of its own), each copied into a document of its own for Readability. A sticky bar or a
 * sidebar's teaser may repeat the title too, so each heading is followed.
 */
function headlineStories(doc: Document, words: readonly string[]): { story: Document; headline: string }[] {
  if (!doc.body) return [];
  const containers = new Set<Element>();
  const out: { story: Document; headline: string }[] = [];
  let headlines = 0;
  for (const heading of doc.body.querySelectorAll('h1, h2, h3')) {
    if (headlines >= MAX_HEADLINES) break;
    if (titleShare(words, heading.textContent ?? '') < HEADLINE_SHARE) continue;
    headlines++;
    const headline = normalizeSpace(heading.textContent ?? '');
    let need = MIN_ARTICLE_CHARS;
    for (let node = heading.parentElement; node && node !== doc.body && need <= CONFIDENT_CHARS; node = node.parentElement) {
      const besides = normalizeSpace(node.textContent ?? '').length - headline.length;
      if (besides < need) continue;
      need = besides < CONFIDENT_CHARS ? CONFIDENT_CHARS : Number.POSITIVE_INFINITY;
      if (containers.has(node)) continue;
      containers.add(node);
      const story = doc.implementation.createHTMLDocument('');
      story.body.append(story.importNode(node, true));
      out.push({ story, headline });
    }
  }
  return out;
}

/** What body selection needs from the caller. */
export interface BodyContext {
  url: string;
  title: string | null;
  description: string | null;
  /** The JSON-LD article's `articleBody` (text or HTML), when the page states one. */
  articleBody?: string | null;
  /**
   * The whole page again as a fresh document, cleaned without trusting class names, for the
   * second pass. Called at most once, and only when the first pass is short or implausible.
   */
  reparse: () => Document;
  /** The learned block model that trims the body's edges; null turns it off (the trainer's view). Default: the shipped one. */
  blockModel?: BlockModel | null;
  /**
   * The body chooser's trainer (bench/body-chooser-data.ts): when set, the second pass always runs
   * and every candidate is handed to it before the choice. Never set in production.
   */
  probe?: (candidates: readonly ProbedCandidate[], rulesReparse: boolean) => void;
}

/** A candidate as the chooser's trainer sees it. */
export interface ProbedCandidate {
  source: BodySource;
  text: string;
  linkShare: number;
  content: Element;
}

/** How the chosen body was found. */
export type BodySource = 'readability' | 'readability-relaxed' | 'blocks' | 'jsonld';

/** A body ready to store: trimmed, sanitised, with its plain text. */
export interface ChosenBody {
  content: Element;
  text: string;
  source: BodySource;
  /** The title Readability read from the page, when it ran. */
  readabilityTitle: string | null;
}

interface Candidate extends ChosenBody {
  linkShare: number;
}

/** Share of an element's text inside links. */
export function linkShare(root: Element): number {
  const total = normalizeSpace(root.textContent ?? '').length;
  let linked = 0;
  walkElements(root, (element) => {
    if (element.localName !== 'a') return undefined;
    linked += normalizeSpace(element.textContent ?? '').length;
    return 'skip';
  });
  return total ? linked / total : 0;
}

function finish(content: Element, source: BodySource, readabilityTitle: string | null, context: BodyContext): Candidate {
  trimBody(content, { title: context.title ?? readabilityTitle, description: context.description });
  sanitizeElement(content, { baseUrl: context.url });
  const text = htmlToText(content, { skipCaptions: true });
  return { content, text, source, readabilityTitle, linkShare: linkShare(content) };
}

function readabilityCandidate(doc: Document, source: BodySource, context: BodyContext): Candidate | null {
  // Classes are kept for trimBody (the sanitiser drops them); JSON-LD has been read already.
  const parsed = new Readability<Node>(doc, { charThreshold: 500, keepClasses: true, disableJSONLD: true, serializer: (node) => node }).parse();
  const content = parsed?.content as Element | null | undefined;
  if (!content) return null;
  return finish(content, source, parsed?.title ?? null, context);
}

// An articleBody is mostly plain text with line breaks between paragraphs, sometimes HTML.
const LOOKS_LIKE_HTML = /<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|figure|img|a|strong|em)\b[^>]*>/i;

/** The text a stated articleBody holds (without its markup). */
function statedText(articleBody: string): string {
  return normalizeSpace(LOOKS_LIKE_HTML.test(articleBody) ? articleBody.replace(/<[^>]*>/g, ' ') : articleBody);
}

/** The stated articleBody as a body: its own markup when it has some, else one paragraph per line. */
function statedCandidate(doc: Document, articleBody: string, readabilityTitle: string | null, context: BodyContext): Candidate {
  const content = doc.createElement('div');
  if (LOOKS_LIKE_HTML.test(articleBody)) {
    // Parsed inert (scripting is off in this document); the sanitiser then keeps only what it allows.
    content.innerHTML = articleBody;
  } else {
    for (const line of articleBody.split(/\n+/)) {
      const text = normalizeSpace(line);
      if (!text) continue;
      const paragraph = doc.createElement('p');
      paragraph.textContent = text;
      content.append(paragraph);
    }
  }
  return finish(content, 'jsonld', readabilityTitle, context);
}

/** Why a candidate is not an article, or null when it may be one. */
function implausibility(candidate: Candidate | null): string | null {
  if (!candidate) return 'no article body found on the page';
  if (candidate.text.length < MIN_ARTICLE_CHARS) return `page body has only ${candidate.text.length} characters of text`;
  const prose = candidate.text.length * (1 - candidate.linkShare);
  if (candidate.linkShare > MAX_LINK_SHARE && prose < LINKED_PROSE_CHARS) {
    return `page body is ${Math.round(candidate.linkShare * 100)}% link text (an index or a list, not an article)`;
  }
  return null;
}

/**
 * Finds the article body of a cleaned page. Readability's candidate is taken when it is plausible
 * and long enough to trust; otherwise the page is read again without trusting class names, and
 * both Readability's second candidate and the block classifier's (classify-blocks.ts) are
 * weighed against the first. Throws `NOT_AN_ARTICLE` only when no candidate is plausible.
 * Readability changes `doc`.
 */
export function chooseBody(doc: Document, context: BodyContext): ChosenBody {
  // The page's blocks as the block classifiers see them, before Readability rearranges the page.
  const blocks = doc.body ? textBlocks(doc.body) : [];
  const model = context.blockModel === undefined ? SHIPPED_BLOCK_MODEL : context.blockModel;
  const pageFeatures = model ? blockFeatures(blocks) : [];
  const chosen = chooseCandidate(doc, context, blocks);
  return model ? refineWithModel(model, chosen, blocks, pageFeatures, context) : chosen;
}

// The learned block model's seam (block-model-body.ts): blocks at the chosen body's edges that the
// model calls boilerplate go, and the body is trimmed again.
function refineWithModel(
  model: BlockModel,
  chosen: Candidate,
  blocks: readonly TextBlock[],
  pageFeatures: readonly BlockFeatureVector[],
  context: BodyContext,
): Candidate {
  if (chosen.source === 'jsonld') return chosen;
  const drop = edgeBlocksToDrop(model, blocks, pageFeatures, chosen.text);
  if (!drop.length) return chosen;
  // A copy: should the refined body not be plausible, the chosen one stays as it was.
  const content = chosen.content.cloneNode(true) as Element;
  removeBlocks(content, drop);
  const refined = finish(content, chosen.source, chosen.readabilityTitle, context);
  return implausibility(refined) === null ? refined : chosen;
}

function chooseCandidate(doc: Document, context: BodyContext, pageBlocks: readonly TextBlock[]): Candidate {
  const pageProse = mainRunProseOf(pageBlocks);
  const first = readabilityCandidate(doc, 'readability', context);
  const firstProblem = implausibility(first);
  const firstChars = first?.text.length ?? 0;
  // A short plausible body is mostly a short story: there a longer candidate was mostly comments
  // and sidebars (measured on the developer pages). A long one holding less than a third of the page's
  // main run of prose is mostly a fragment of a story split across containers.
  const fragment = firstChars >= CONFIDENT_CHARS && firstChars * FRAGMENT_RATIO < pageProse;
  // The page's own structured data may say the story is much longer than what was found.
  const statedChars = context.articleBody ? statedText(context.articleBody).length : 0;
  const shortOfStated = statedChars >= CONFIDENT_CHARS && firstChars * STATED_RATIO < statedChars;
  // A plausible body that hardly mentions the page's title may be another story on the page.
  const titleWords = titleWordsOf(context.title);
  const offTitle = Boolean(first && !firstProblem && titleWords && titleShare(titleWords, first.text) < OFF_TITLE_SHARE);
  // A short body may be all Readability found because every attempt took a block that outscored a
  // story of one-line paragraphs (a video's caption above it): the story under the headline is
  // looked for too.
  const short = Boolean(first && !firstProblem && titleWords && firstChars < CONFIDENT_CHARS);
  if (!firstProblem && !fragment && !shortOfStated && !offTitle && !short && !context.probe) return first as Candidate;

  const second = context.reparse();
  if ((offTitle || short) && titleWords) {
    // Readability on the headline's own container, before the page is read again as a whole (it
    // changes the document): taken only when it is plausible and about the title, and in place of a
    // short first body that is about the title only when it holds SHORT_RATIO times its text.
    // The longest candidate about the title in its text, not only in its headline.
    let anchored: Candidate | null = null;
    for (const { story, headline } of headlineStories(second, titleWords)) {
      const candidate = readabilityCandidate(story, 'readability-relaxed', context);
      if (!candidate || implausibility(candidate) !== null) continue;
      if (titleShare(titleWords, candidate.text.replace(headline, ' ')) < ON_TITLE_SHARE) continue;
      if (!anchored || candidate.text.length > anchored.text.length) anchored = candidate;
    }
    if (anchored && (offTitle || anchored.text.length >= firstChars * SHORT_RATIO)) return anchored;
    if (!fragment && !shortOfStated && !context.probe) return first as Candidate;
  }
  // The block classifier reads the page before Readability rearranges it.
  const blocksRoot = second.body ? extractByBlocks(second.body) : null;
  const relaxed = readabilityCandidate(second, 'readability-relaxed', context);
  const blocks = blocksRoot ? finish(blocksRoot, 'blocks', relaxed?.readabilityTitle ?? null, context) : null;
  if (context.probe) {
    const stated = context.articleBody && statedChars >= MIN_ARTICLE_CHARS ? statedCandidate(second, context.articleBody, null, context) : null;
    context.probe(
      [first, relaxed, blocks, stated].filter((candidate): candidate is Candidate => candidate !== null),
      Boolean(firstProblem || fragment || shortOfStated),
    );
    if (!firstProblem && !fragment && !shortOfStated) return first as Candidate;
  }
  const plausible = [first, relaxed, blocks].filter((candidate): candidate is Candidate => candidate !== null && implausibility(candidate) === null);
  // A plausible first body is replaced only by one holding FRAGMENT_RATIO times its prose: a
  // story's own page often carries teasers of other stories that read like prose.
  let chosen = pick(plausible, firstProblem ? LONGER_RATIO : FRAGMENT_RATIO);
  // The stated articleBody is the last resort: many pages state only the first paragraphs (500
  // characters is common), and on the developer pages where it was whole the page's own markup
  // scored as well or better. It is taken only when no candidate from the markup is plausible or
  // the best of them holds less than 1/STATED_RATIO of it.
  if (context.articleBody && statedChars >= MIN_ARTICLE_CHARS && (!chosen || chosen.text.length * STATED_RATIO < statedChars)) {
    const stated = statedCandidate(second, context.articleBody, chosen?.readabilityTitle ?? first?.readabilityTitle ?? null, context);
    if (implausibility(stated) === null) chosen = stated;
  }
  if (!chosen) throw new ExtractionError('NOT_AN_ARTICLE', firstProblem ?? 'no article body found on the page');
  return chosen;
}

// The first plausible candidate in order of trust (Readability on the cleaned page, Readability on
// the page read again, the block classifier), unless a later one holds `ratio` times its prose.
function pick(candidates: Candidate[], ratio: number): Candidate | null {
  let chosen: Candidate | null = null;
  for (const candidate of candidates) {
    if (!chosen || prose(candidate) >= prose(chosen) * ratio) chosen = candidate;
  }
  return chosen;
}

function prose(candidate: Candidate): number {
  return candidate.text.length * (1 - candidate.linkShare);
}
