/** Reading speed used for `readingTimeMinutes` (DESIGN: about 230 words a minute). */
export const WORDS_PER_MINUTE = 230;

// Han, Hiragana, Katakana and Hangul are written without spaces; each character reads as about
// half a word, so they are counted per character and halved for reading time.
const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*/gu;

/** Counts words in plain text; each CJK character counts as one word. */
export function countWords(text: string): number {
  const cjk = text.match(CJK_CHARACTER)?.length ?? 0;
  const rest = cjk ? text.replace(CJK_CHARACTER, ' ') : text;
  return cjk + (rest.match(WORD)?.length ?? 0);
}

/** Minutes to read `text`: words / 230, rounded, at least 1 when there is any text. */
export function readingTimeMinutes(text: string): number {
  const cjk = text.match(CJK_CHARACTER)?.length ?? 0;
  const words = countWords(text) - cjk + cjk / 2;
  if (words <= 0) return 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
