import { decodeHTML } from 'entities';

const BLOCK_BREAK = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|figure|figcaption|header|footer|dd|dt|hr)\b[^>]*>/gi;

/**
 * Turns a short HTML fragment (a feed summary, a meta description) into plain text without building
 * a DOM: drops scripts, styles and comments, breaks lines at block elements, decodes entities and
 * collapses whitespace. Block boundaries become spaces so words are never glued together.
 */
export function stripHtml(html: string): string {
  // Every pattern below starts with "<": text without one (most titles) skips five scans.
  if (!html.includes('<')) return normalizeSpace(decodeHTML(html));
  return stripTags(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
      .replace(/<(script|style|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'),
  );
}

/**
 * {@link stripHtml} for HTML that can hold no comment, CDATA section, script, style, noscript or
 * template (what cleanFeedHtml writes): only the tags go.
 */
export function stripTags(html: string): string {
  // Both patterns start with "<": text without one (most summaries' plain text) skips them.
  if (!html.includes('<')) return normalizeSpace(decodeHTML(html));
  return normalizeSpace(decodeHTML(html.replace(BLOCK_BREAK, ' ').replace(/<\/?[a-zA-Z][^>]*>/g, '')));
}

// A run of whitespace that is not already one plain space: the only runs collapsing changes. Matching
// every single space (replacing it by itself) made a piece of the result per word. \s covers the
// no-break space and U+FEFF; U+200B is added. Each alternative consumes the whole run from its start.
const SPACE_RUN = / ?[\t\n\v\f\r\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff][\s\u200b]*| {2,}[\s\u200b]*/g;

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(SPACE_RUN, ' ').trim();
}

/** Trimmed text, or null when nothing remains. */
export function nonEmpty(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = normalizeSpace(text);
  return trimmed ? trimmed : null;
}
