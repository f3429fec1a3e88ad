import { decodeHTML } from 'entities';

const BLOCK_BREAK = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|figure|figcaption|header|footer|dd|dt|hr)\b[^>]*>/gi;

/**
 * Turns a short HTML fragment (a feed summary, a meta description) into plain text without building
 * a DOM: drops scripts, styles and comments, breaks lines at block elements, decodes entities and
 * collapses whitespace. Block boundaries become spaces so words are never glued together.
 */
export function stripHtml(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(BLOCK_BREAK, ' ')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '');
  return normalizeSpace(decodeHTML(text));
}

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/** Trimmed text, or null when nothing remains. */
export function nonEmpty(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = normalizeSpace(text);
  return trimmed ? trimmed : null;
}
