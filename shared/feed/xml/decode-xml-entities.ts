import { decodeHTMLStrict } from 'entities';
import { FeedParseError } from '../feed-errors';

/** Entities declared by the document, and how many characters their expansion may still add. */
export interface EntityBudget {
  entities: Map<string, string>;
  remaining: number;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function fromCodePoint(code: number): string {
  // XML 1.0 section 4.1 (well-formedness constraint "Legal Character"): anything else is replaced.
  const legal =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return legal ? String.fromCodePoint(code) : '\uFFFD';
}

function resolveNamed(name: string, whole: string, budget: EntityBudget, note: (issue: string) => void): string | null {
  const predefined = PREDEFINED[name];
  if (predefined !== undefined) return predefined;
  const declared = budget.entities.get(name);
  if (declared !== undefined) {
    budget.remaining -= declared.length;
    if (budget.remaining < 0) throw new FeedParseError('XML_ENTITY_REJECTED', 'declared entities expand beyond the allowed size');
    return declared;
  }
  const html = decodeHTMLStrict(whole);
  if (html !== whole) {
    note('HTML entity references are not defined in XML');
    return html;
  }
  note(`undefined entity &${name};`);
  return null;
}

/**
 * Decodes character and entity references in XML text or an attribute value. Beyond the five XML
 * entities it knows the document's own declarations and, as every feed reader must, the HTML named
 * entities (`&nbsp;`, `&eacute;`), which XML without a DTD does not define. A reference it cannot
 * resolve, or a bare `&`, stays as written and is reported through `note`.
 */
export function decodeXmlEntities(text: string, budget: EntityBudget, note: (issue: string) => void): string {
  let at = text.indexOf('&');
  if (at === -1) return text;
  let out = '';
  let last = 0;
  // A hand-written scan for what `&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z_][\w.-]{0,40}))?(;?)`
  // matches: a RegExp's exec built a match array per reference, and escaped HTML is full of them.
  while (at !== -1) {
    let end = at + 1;
    let kind: 'decimal' | 'hex' | 'name' | null = null;
    let digitsFrom = end;
    if (text.charCodeAt(end) === 0x23 /* # */) {
      let i = end + 1;
      while (i < text.length && i - (end + 1) < 8 && isDigit(text.charCodeAt(i))) i++;
      if (i > end + 1) {
        kind = 'decimal';
        digitsFrom = end + 1;
        end = i;
      } else if ((text.charCodeAt(end + 1) | 0x20) === 0x78 /* x or X */) {
        i = end + 2;
        while (i < text.length && i - (end + 2) < 8 && isHexDigit(text.charCodeAt(i))) i++;
        if (i > end + 2) {
          kind = 'hex';
          digitsFrom = end + 2;
          end = i;
        }
      }
    } else if (isNameStart(text.charCodeAt(end))) {
      let i = end + 1;
      while (i < text.length && i - (end + 1) < 40 && isNameChar(text.charCodeAt(i))) i++;
      kind = 'name';
      digitsFrom = end;
      end = i;
    }
    const semicolon = text.charCodeAt(end) === 0x3b /* ; */;
    const next = semicolon ? end + 1 : end;
    let replacement: string | null = null;
    if (!semicolon || kind === null) note('an "&" that starts no reference');
    else if (kind === 'decimal') replacement = fromCodePoint(Number(text.slice(digitsFrom, end)));
    else if (kind === 'hex') replacement = fromCodePoint(Number.parseInt(text.slice(digitsFrom, end), 16));
    else replacement = predefinedAt(text, digitsFrom, end) ?? resolveNamed(text.slice(digitsFrom, end), text.slice(at, next), budget, note);
    if (replacement !== null) {
      out += text.slice(last, at) + replacement;
      last = next;
    }
    at = text.indexOf('&', next);
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * The five XML entities (what PREDEFINED holds) recognised in place, without copying the name to
 * look it up: escaped HTML in feeds is full of &lt; &gt; &amp; &quot;.
 */
function predefinedAt(text: string, from: number, to: number): string | null {
  const length = to - from;
  const first = text.charCodeAt(from);
  if (length === 2 && text.charCodeAt(from + 1) === 0x74 /* t */) {
    if (first === 0x6c /* l */) return '<';
    if (first === 0x67 /* g */) return '>';
  }
  if (length === 3 && first === 0x61 /* a */ && text.startsWith('mp', from + 1)) return '&';
  if (length === 4 && first === 0x71 /* q */ && text.startsWith('uot', from + 1)) return '"';
  if (length === 4 && first === 0x61 /* a */ && text.startsWith('pos', from + 1)) return "'";
  return null;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66);
}

function isNameStart(code: number): boolean {
  return ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) || code === 0x5f;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || isDigit(code) || code === 0x2e || code === 0x2d;
}
