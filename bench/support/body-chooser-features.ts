// What the body chooser (body-chooser.ts) knows about an alternative body candidate against the one
// choose-body.ts's rules chose: each candidate's own shape (length, link share, how much of it reads
// as prose, how many short lines and comment-like signatures it holds) and how the two relate (length
// ratio, how much of each the other contains, what the alternative adds). Only the candidates' plain
// text and link share are read, so the features are the same in production and in the trainer
// (bench/train-body-chooser.ts). The order of CHOOSER_FEATURES is the order of the model's weights.

/** Feature names, in the order {@link chooserFeatures} writes them. */
export const CHOOSER_FEATURES = [
  'base-log-chars',
  'base-link-share',
  'base-prose-share',
  'base-short-line-share',
  'base-comment-lines',
  'alt-log-chars',
  'alt-link-share',
  'alt-prose-share',
  'alt-short-line-share',
  'alt-comment-lines',
  'log-length-ratio',
  'base-in-alt',
  'alt-in-base',
  'added-prose-share',
  'added-comment-lines',
  'added-log-chars',
  'alt-log-page-prose-ratio',
  'base-log-page-prose-ratio',
  'alt-is-blocks',
  'alt-is-relaxed',
] as const;

export type ChooserFeatureVector = number[];

/** A candidate as the chooser reads it. */
export interface ChooserCandidate {
  text: string;
  linkShare: number;
  source: string;
}

const SENTENCE_END = /[.!?。！？؟।]["'”’)\]]?$/u;
const WORD = /[\p{L}\p{N}_]+/gu;
// A reader's comment signs itself: "Posted by … at", "said…", "Reply", "wrote:", a date with a time,
// in the languages the trimmer knows. Counted per line, so one mention in a story weighs little.
const COMMENT_SIGN =
  /(?:^|\s)(?:reply|antworten|répondre|responder|rispondi|beantwoorden|report abuse|permalink)$|\b(?:posted by|posted on|said|says|wrote|schrieb|a écrit|escribió)\b.{0,40}(?:\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b)|\b\d{1,2}:\d{2}\s*(?:am|pm)\b/iu;

interface Shape {
  chars: number;
  lines: string[];
  proseShare: number;
  shortLineShare: number;
  commentLines: number;
  words: Map<string, number>;
  wordCount: number;
}

function shapeOf(text: string): Shape {
  const lines = text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);
  let prose = 0;
  let total = 0;
  let short = 0;
  let comments = 0;
  for (const line of lines) {
    total += line.length;
    if (line.length >= 140 && SENTENCE_END.test(line)) prose += line.length;
    if (line.length < 50) short++;
    if (line.length < 200 && COMMENT_SIGN.test(line)) comments++;
  }
  const words = new Map<string, number>();
  let wordCount = 0;
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    words.set(word, (words.get(word) ?? 0) + 1);
    wordCount++;
  }
  return {
    chars: text.length,
    lines,
    proseShare: total ? prose / total : 0,
    shortLineShare: lines.length ? short / lines.length : 0,
    commentLines: comments,
    words,
    wordCount,
  };
}

/** Share of `a`'s words (as a multiset) that `b` also holds. */
function containment(a: Shape, b: Shape): number {
  if (!a.wordCount) return 0;
  let shared = 0;
  for (const [word, count] of a.words) shared += Math.min(count, b.words.get(word) ?? 0);
  return shared / a.wordCount;
}

/**
 * The features of replacing `base` (the rules' choice) with `alt`, on a page whose block
 * classifier's main run holds `pageProse` characters of prose.
 */
export function chooserFeatures(base: ChooserCandidate, alt: ChooserCandidate, pageProse: number): ChooserFeatureVector {
  const b = shapeOf(base.text);
  const a = shapeOf(alt.text);
  const baseLines = new Set(b.lines);
  const added = a.lines.filter((line) => !baseLines.has(line));
  const addedShape = shapeOf(added.join('\n'));
  const logRatio = (x: number, y: number): number => Math.log((x + 100) / (y + 100));
  return [
    Math.log1p(b.chars),
    base.linkShare,
    b.proseShare,
    b.shortLineShare,
    Math.log1p(b.commentLines),
    Math.log1p(a.chars),
    alt.linkShare,
    a.proseShare,
    a.shortLineShare,
    Math.log1p(a.commentLines),
    logRatio(a.chars, b.chars),
    containment(b, a),
    containment(a, b),
    addedShape.proseShare,
    Math.log1p(addedShape.commentLines),
    Math.log1p(addedShape.chars),
    logRatio(a.chars * (1 - alt.linkShare), pageProse),
    logRatio(b.chars * (1 - base.linkShare), pageProse),
    alt.source === 'blocks' ? 1 : 0,
    alt.source === 'readability-relaxed' ? 1 : 0,
  ];
}
