import { normalizeSpace } from '../text/strip-html';
import { tokenF1 } from './choose-title';

// A social plugin's button text that WordPress auto-excerpts carry in front of the text ("Share this on WhatsApp").
const SHARE_PREFIX = /^(?:share (?:this )?(?:on|via|with) (?:whatsapp|facebook|twitter|linkedin|pinterest|telegram|email|messenger|reddit)\s*)+/i;
const BARE_URL = /(?:^|\s)https?:\/\/\S+/g;
// A byline written where the summary belongs ("Written by HLNF Staff Report", "Von Anna Berg").
const BYLINE = /^(?:(?:[Ww]ritten|[Pp]osted|[Ss]tory|[Ww]ords|[Rr]eported)\s+)?[Bb]y\s+\p{Lu}|^(?:[Vv]on|[Pp]ar|[Pp]or)\s+\p{Lu}/u;
// Consent banners' wording in the languages of the corpora: a description or a lead must not be one.
const COOKIE_TEXT =
  /\b(?:(?:we|this (?:web)?site) uses? cookies|(?:accept|allow|manage) (?:all )?cookies|cookie (?:policy|settings|consent|preferences)|wir (?:verwenden|nutzen) cookies|(?:diese|unsere) (?:web)?seite (?:verwendet|nutzt) cookies|cookies (?:akzeptieren|zulassen)|nous utilisons des cookies|utilizamos cookies|usamos cookies|utilizziamo (?:i )?cookie)/i;
const MIN_SUMMARY_CHARS = 30;
const MIN_SUMMARY_WORDS = 4;
const MIN_DENSE_SUMMARY_CHARS = 12;

/** A description as a page states it, without the share buttons and bare links CMS excerpts carry. */
export function cleanDescription(text: string | null): string | null {
  if (!text) return null;
  const cleaned = normalizeSpace(text.replace(SHARE_PREFIX, '').replace(BARE_URL, ' '));
  return cleaned || null;
}

/** Whether a text reads as a cookie or consent notice. */
export function isCookieNotice(text: string): boolean {
  return COOKIE_TEXT.test(text);
}

/**
 * Whether a stated description can summarise an article at all: not a byline, not a cookie notice, and
 * longer than a label ("MP3-DOWNLOAD (01:00 h)"): at least 30 characters (12 in Chinese, Japanese or Korean) or 4 words.
 */
export function isSummaryText(text: string): boolean {
  if (BYLINE.test(text) && text.length <= 80) return false;
  if (isCookieNotice(text)) return false;
  // A Chinese, Japanese or Korean character says as much as a short word.
  const minChars = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text) ? MIN_DENSE_SUMMARY_CHARS : MIN_SUMMARY_CHARS;
  return text.length >= minChars || text.split(/\s+/).length >= MIN_SUMMARY_WORDS;
}

/** Whether a description only repeats the headline. */
export function repeatsTitle(description: string, title: string | null): boolean {
  return Boolean(title) && tokenF1(description, title ?? '') >= 0.9 && description.length < (title ?? '').length * 1.5;
}

const contentWords = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 4 && !/^\p{N}+$/u.test(word));

/** Below this share of a description's words found in the article, it is about something else. */
const MIN_TOPIC_OVERLAP = 0.34;

/**
 * Whether a stated description is about another thing than the article: the site's tagline ("A blog about
 * lifestyle, travel, food, and tech") or its self-description, a stale summary. Judged only for spaced scripts,
 * a description of at least four content words and a body of at least 60: fewer than a third of its
 * words (of four letters or more; a word counts when the article has a word sharing its first five letters,
 * so inflections agree) occur in the headline and body.
 */
export function isOffTopic(description: string, title: string | null, body: string | null): boolean {
  // Scripts written without spaces give no words to compare.
  if (!body || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(description)) return false;
  const words = [...new Set(contentWords(description))];
  const bodyWords = contentWords(`${title ?? ''} ${body}`);
  if (words.length < 4 || bodyWords.length < 60) return false;
  const stems = new Set(bodyWords.map((word) => word.slice(0, 5)));
  const found = words.filter((word) => stems.has(word.slice(0, 5))).length;
  return found / words.length < MIN_TOPIC_OVERLAP;
}
