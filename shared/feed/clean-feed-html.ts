import { decodeHTMLAttribute } from 'entities';
import { ForwardSearch } from './xml/forward-search';
import { scanAttributeName, skipSpace } from './xml/scan-text';

// Markup a feed's HTML (titles, summaries, content) may keep. Everything else loses its tags and
// keeps its text, except the elements below whose content is code or chrome, which go entirely.
const ALLOWED = new Set(
  (
    'a abbr acronym address article aside audio b bdi bdo big blockquote br caption center cite code col colgroup dd del details dfn div dl dt em ' +
    'figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li mark ol p picture pre q rp rt ruby s samp section small source span ' +
    'strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var video wbr'
  ).split(' '),
);
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'applet',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'title',
  'textarea',
  'select',
  'math',
  'svg',
]);
const VOID = new Set(['br', 'col', 'hr', 'img', 'source', 'wbr', 'area', 'embed', 'input', 'param', 'track', 'base', 'link', 'meta']);
const ATTRIBUTES = new Set(
  (
    'abbr align alt border cellpadding cellspacing cite class colspan controls datetime dir headers height href hreflang lang loop muted poster ' +
    'rel rowspan scope span src start summary title type valign width reversed'
  ).split(' '),
);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster']);
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'ftp:', 'ftps:', 'tel:', 'news:', 'nntp:', 'magnet:', 'xmpp:', 'sip:', 'feed:', 'irc:', 'ircs:']);

const UNQUOTED = /[^\s>]*/y;

/** The end of a tag name starting at `from` (`[A-Za-z][\w:-]*`), or -1 when no name starts there. */
function scanTagName(html: string, from: number): number {
  const first = html.charCodeAt(from);
  if (!((first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a))) return -1;
  let i = from + 1;
  while (i < html.length) {
    const code = html.charCodeAt(i);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x3a || code === 0x2d)
      i++;
    else break;
  }
  return i;
}
// A character reference as written; kept verbatim so the author's escaping survives (browsers show an
// unknown named reference as the literal text, so keeping it is harmless).
const REFERENCE = /&(?:#\d{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});/y;

const SPECIAL_IN_TEXT = /[&<>]/;
const SPECIAL_IN_ATTRIBUTE = /[&<>"]/;

/** Escapes text for HTML output, keeping valid character references exactly as the feed wrote them. */
function escapeKeepingReferences(text: string, attribute: boolean): string {
  // Most runs of text have no special character at all: a pattern test finds that without the loop.
  if (!(attribute ? SPECIAL_IN_ATTRIBUTE : SPECIAL_IN_TEXT).test(text)) return text;
  // Copies the runs between special characters in one piece: appending character by character made
  // a string per character of every summary and body, most of the parser's garbage. The scan compares
  // character codes: a global RegExp's exec built a match array for every special character.
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escaped: string;
    if (code === 0x26 /* & */) {
      REFERENCE.lastIndex = i;
      // A reference is kept as written; its own characters are never special, so the scan goes on after its "&".
      if (REFERENCE.test(text)) continue;
      escaped = '&amp;';
    } else if (code === 0x3c /* < */) escaped = '&lt;';
    else if (code === 0x3e /* > */) escaped = '&gt;';
    else if (code === 0x22 /* " */ && attribute) escaped = '&quot;';
    else continue;
    out += text.slice(last, i) + escaped;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

function escapeAttributeValue(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL attribute made absolute against `base`; empty when its scheme could run code (javascript:, data:). */
function cleanUrlAttribute(raw: string, base: string | null): string {
  const value = decodeHTMLAttribute(raw).trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore control characters inside a scheme (java\tscript:)
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value.replace(/[\s\u0000-\u001f]+/g, ''));
  if (scheme) {
    // Absolute: kept as written when the scheme is harmless (re-serialising would alter the author's URL).
    return SAFE_SCHEMES.has(`${(scheme[1] as string).toLowerCase()}:`) ? escapeAttributeValue(value) : '';
  }
  if (!base) return escapeAttributeValue(value);
  try {
    const url = new URL(value, base);
    return SAFE_SCHEMES.has(url.protocol) ? escapeAttributeValue(url.href) : '';
  } catch {
    return '';
  }
}

// The end tag of each element dropped with its content, compiled once rather than at every occurrence.
const CLOSING_TAGS = new Map([...DROPPED_WITH_CONTENT].map((name) => [name, new RegExp(`</${name}\\s*>`, 'ig')]));

function closingTagOf(name: string): RegExp {
  return CLOSING_TAGS.get(name) ?? new RegExp(`</${name}\\s*>`, 'ig');
}

interface Tag {
  name: string;
  attributes: [string, string][];
  end: number;
  selfClosing: boolean;
}

function readTag(html: string, start: number, search: ForwardSearch): Tag | null {
  const nameEnd = scanTagName(html, start + 1);
  if (nameEnd === -1) return null;
  const name = html.slice(start + 1, nameEnd).toLowerCase();
  const attributes: [string, string][] = [];
  let j = nameEnd;
  let selfClosing = false;
  while (j < html.length) {
    j = skipSpace(html, j);
    if (html[j] === '>') return { name, attributes, end: j + 1, selfClosing };
    if (html[j] === '/') {
      selfClosing = html[j + 1] === '>';
      j++;
      continue;
    }
    const attributeEnd = scanAttributeName(html, j);
    if (attributeEnd === j) {
      j++;
      continue;
    }
    const attribute = html.slice(j, attributeEnd);
    j = attributeEnd;
    const afterName = skipSpace(html, j);
    let value = '';
    if (html[afterName] === '=') {
      j = skipSpace(html, afterName + 1);
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = search.find(quote, j + 1);
        value = html.slice(j + 1, close === -1 ? html.length : close);
        j = close === -1 ? html.length : close + 1;
      } else {
        UNQUOTED.lastIndex = j;
        value = UNQUOTED.exec(html)?.[0] ?? '';
        j = UNQUOTED.lastIndex;
      }
    }
    attributes.push([attribute.toLowerCase(), value]);
  }
  return { name, attributes, end: html.length, selfClosing };
}

/**
 * Makes a feed's HTML fragment safe and self-contained: only allowed elements and attributes are
 * kept, scripts and styles go with their content, URLs become absolute against `base` (the feed's
 * `xml:base` or URL) and lose unsafe schemes, comments are dropped, unclosed elements are closed.
 * Character references are kept as written. Linear in the input, no DOM.
 */
export function cleanFeedHtml(html: string, base: string | null): string {
  let out = '';
  const open: string[] = [];
  const search = new ForwardSearch(html);
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += escapeKeepingReferences(html.slice(i), false);
      break;
    }
    if (lt > i) out += escapeKeepingReferences(html.slice(i, lt), false);
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = search.find('-->', i + 4);
      // An unterminated comment ends at the next ">" rather than swallowing the rest of the text.
      const stop = end !== -1 ? end + 3 : search.find('>', i + 4) + 1 || n;
      i = stop;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const end = search.find('>', i);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (html[i + 1] === '/') {
      const nameEnd = scanTagName(html, i + 2);
      const end = search.find('>', i);
      if (nameEnd === -1 || end === -1) {
        out += '&lt;';
        i++;
        continue;
      }
      const lower = html.slice(i + 2, nameEnd).toLowerCase();
      i = end + 1;
      const index = open.lastIndexOf(lower);
      if (index !== -1) {
        while (open.length > index) out += `</${open.pop()}>`;
      }
      continue;
    }
    const tag = readTag(html, i, search);
    if (!tag) {
      out += '&lt;';
      i++;
      continue;
    }
    i = tag.end;
    if (DROPPED_WITH_CONTENT.has(tag.name)) {
      if (tag.selfClosing) continue;
      const close = closingTagOf(tag.name);
      close.lastIndex = i;
      const match = close.exec(html);
      i = match ? match.index + match[0].length : n;
      continue;
    }
    if (!ALLOWED.has(tag.name)) continue;
    // Built in place: a filtered copy, a mapped copy and a join made three arrays per kept tag.
    let attributes = '';
    for (const [name, value] of tag.attributes) {
      if (!ATTRIBUTES.has(name)) continue;
      attributes += ` ${name}="${URL_ATTRIBUTES.has(name) ? cleanUrlAttribute(value, base) : escapeKeepingReferences(value, true)}"`;
    }
    if (VOID.has(tag.name)) {
      out += `<${tag.name}${attributes} />`;
      continue;
    }
    out += `<${tag.name}${attributes}>`;
    if (tag.selfClosing) out += `</${tag.name}>`;
    else open.push(tag.name);
  }
  while (open.length) out += `</${open.pop()}>`;
  return out;
}
