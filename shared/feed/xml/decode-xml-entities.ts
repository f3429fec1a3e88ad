import { decodeHTMLStrict } from 'entities';
import { FeedParseError } from '../feed-errors';

/** Entities declared by the document, and how many characters their expansion may still add. */
export interface EntityBudget {
  entities: Map<string, string>;
  remaining: number;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// Every `&`, with the reference it starts if any.
const AMPERSAND = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z_][\w.-]{0,40}))?(;?)/g;

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
  if (!text.includes('&')) return text;
  let out = '';
  let last = 0;
  // exec with lastIndex rather than matchAll, which clones the pattern and its iterator on every call:
  // a feed's text comes in many short pieces. resolveNamed never comes back here, so the shared
  // pattern's position is not disturbed.
  AMPERSAND.lastIndex = 0;
  for (let match = AMPERSAND.exec(text); match; match = AMPERSAND.exec(text)) {
    const [whole, decimal, hex, name, semicolon] = match;
    let replacement: string | null = null;
    if (!semicolon || (decimal === undefined && hex === undefined && name === undefined)) note('an "&" that starts no reference');
    else if (decimal !== undefined) replacement = fromCodePoint(Number(decimal));
    else if (hex !== undefined) replacement = fromCodePoint(Number.parseInt(hex, 16));
    else if (name !== undefined) replacement = resolveNamed(name, whole, budget, note);
    if (replacement === null) continue;
    out += text.slice(last, match.index) + replacement;
    last = match.index + whole.length;
  }
  return last === 0 ? text : out + text.slice(last);
}
