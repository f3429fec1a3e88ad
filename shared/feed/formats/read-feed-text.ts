import { nonEmpty, stripTags } from '../../text/strip-html';
import { cleanFeedHtml } from '../clean-feed-html';
import type { XmlElement } from '../xml/xml-node';
import { elementsOf, innerMarkup, namespaceKey, textOf } from '../xml/xml-query';

/** A feed's human-readable text: always as plain text, and as safe HTML when the feed gave markup. */
export interface FeedText {
  text: string | null;
  /** Cleaned HTML (absolute URLs, no scripts) when the source is markup; null for plain text. */
  html: string | null;
}

/**
 * How an element's content is to be read: `atom` is an Atom 1.0 text construct (RFC 4287 section
 * 3.1: type text, html or xhtml, or a media type for atom:content, section 4.1.3); `atom03` an Atom
 * 0.3 content construct (type is a media type, mode xml, escaped or base64); `rss-text` an RSS
 * element specified as plain text (title) that publishers often fill with escaped HTML anyway;
 * `rss-html` an RSS element that carries entity-encoded HTML (description, content:encoded).
 */
export type FeedTextKind = 'atom' | 'atom03' | 'rss-text' | 'rss-html';

const NONE: FeedText = { text: null, html: null };
const LOOKS_LIKE_HTML = /<[A-Za-z/!]|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]+);/i;

function fromHtml(html: string, base: string | null, wantText: boolean): FeedText {
  const clean = cleanFeedHtml(html, base);
  // stripTags collapses and trims whitespace: no second pass over the text. cleanFeedHtml has dropped
  // comments, CDATA and scripts, so only tags are left to strip.
  return { text: wantText ? stripTags(clean) || null : null, html: /\S/.test(clean) ? clean : null };
}

function fromPlain(text: string): FeedText {
  return { text: nonEmpty(text), html: null };
}

function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** The markup of element children: for XHTML, without the one `div` that wraps it (RFC 4287 section 3.1.1.3). */
function markupOf(element: XmlElement, unwrapDiv: boolean): string {
  const children = elementsOf(element);
  const only = children.length === 1 ? children[0] : undefined;
  const loneDiv = only && only.local === 'div' && !hasNonBlankText(element);
  if (unwrapDiv && loneDiv && (namespaceKey(only.ns) === 'xhtml' || only.ns === '')) return innerMarkup(only);
  return innerMarkup(element);
}

function hasNonBlankText(element: XmlElement): boolean {
  for (const child of element.children) if (typeof child === 'string' && child.trim()) return true;
  return false;
}

function hasElementChild(element: XmlElement): boolean {
  for (const child of element.children) if (typeof child !== 'string') return true;
  return false;
}

/** An unprefixed attribute's value, trimmed and in lower case; null when absent. */
function plainAttribute(element: XmlElement, local: string): string | null {
  for (const a of element.attributes) if (a.local === local && a.ns === '') return a.value.trim().toLowerCase();
  return null;
}

function kindOfMediaType(type: string): 'text' | 'html' | 'xhtml' | 'base64' {
  if (type === 'text' || type === 'text/plain') return 'text';
  if (type === 'html' || type === 'text/html') return 'html';
  if (type === 'xhtml' || type === 'application/xhtml+xml') return 'xhtml';
  if (type.startsWith('text/')) return 'text';
  if (type.endsWith('+xml') || type.endsWith('/xml')) return 'xhtml';
  return 'base64';
}

/** Reads the text of a feed element according to its kind; see {@link FeedTextKind}. */
export function readFeedText(element: XmlElement | undefined, kind: FeedTextKind): FeedText {
  return readText(element, kind, true);
}

/**
 * Like {@link readFeedText} for callers that only want the markup (content:encoded, atom:content
 * beside a summary): `text` is left null unless the source is plain text. Deriving plain text from a
 * whole article body is the costliest step of parsing.
 */
export function readFeedHtml(element: XmlElement | undefined, kind: FeedTextKind): FeedText {
  return readText(element, kind, false);
}

function readText(element: XmlElement | undefined, kind: FeedTextKind, wantText: boolean): FeedText {
  if (!element) return NONE;
  const hasElements = hasElementChild(element);
  const base = element.base;
  if (kind === 'rss-text' || kind === 'rss-html') {
    if (hasElements) return fromHtml(innerMarkup(element), base, wantText);
    const raw = textOf(element);
    if (kind === 'rss-html' || LOOKS_LIKE_HTML.test(raw)) return fromHtml(raw, base, wantText);
    return fromPlain(raw);
  }
  const typeAttribute = plainAttribute(element, 'type') ?? '';
  if (kind === 'atom03') {
    const mode = plainAttribute(element, 'mode') ?? 'xml';
    const type = kindOfMediaType(typeAttribute || (kind === 'atom03' ? 'text/plain' : 'text'));
    if (mode === 'base64') {
      const decoded = decodeBase64(textOf(element));
      return type === 'text' ? fromPlain(decoded) : fromHtml(decoded, base, wantText);
    }
    if (hasElements) return fromHtml(markupOf(element, false), base, wantText);
    const raw = textOf(element);
    if (type === 'text') return fromPlain(raw);
    return fromHtml(raw, base, wantText);
  }
  const type = kindOfMediaType(typeAttribute || 'text');
  if (type === 'base64') {
    // RFC 4287 section 4.1.3.3: other media types are base64. Text inside is read as HTML; binary is not text.
    const decoded = decodeBase64(textOf(element));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mean binary data
    if (!decoded.trim() || /[\x00-\x08\x0E-\x1F\uFFFD]/.test(decoded)) return NONE;
    return LOOKS_LIKE_HTML.test(decoded) ? fromHtml(decoded, base, wantText) : fromPlain(decoded);
  }
  if (hasElements) return fromHtml(markupOf(element, type === 'xhtml'), base, wantText);
  const raw = textOf(element);
  if (type === 'text') return fromPlain(raw);
  return fromHtml(raw, base, wantText);
}
