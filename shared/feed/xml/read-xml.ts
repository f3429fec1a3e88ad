import { FeedParseError } from '../feed-errors';
import { createForwardSearch } from './create-forward-search';
import { decodeXmlEntities, type EntityBudget } from './decode-xml-entities';
import { readDoctype } from './read-doctype';
import { scanAttributeName, skipSpace } from './scan-text';
import type { XmlAttribute, XmlDocument, XmlElement } from './xml-node';

/** Limits of {@link readXml}. */
export interface ReadXmlOptions {
  /** The document's URL: the base every `xml:base` resolves against. */
  baseUrl?: string | null;
  /** Elements nested deeper than this reject the document (FEED_TOO_DEEP). */
  maxDepth?: number;
  /** Characters that entity declarations may add in total before the document is refused. */
  maxEntityExpansion?: number;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// Prefixes feeds use without declaring them. Reading them as their usual namespace is what every
// tolerant reader does; the document is still flagged as not well-formed.
const CONVENTIONAL_PREFIXES: Record<string, string> = {
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  atom: 'http://www.w3.org/2005/Atom',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xhtml: 'http://www.w3.org/1999/xhtml',
};

// HTML elements that never have content: an unclosed one inside feed text (`<br>`) must not swallow
// the text after it. `link` and `meta` are left out because RSS and Atom use those names for elements.
const HTML_VOID = new Set(['br', 'img', 'hr', 'input', 'area', 'base', 'col', 'embed', 'param', 'source', 'track', 'wbr']);

// Characters XML 1.0 section 2.2 forbids; feeds contain them anyway (copy-pasted control codes).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are exactly what XML forbids
const ILLEGAL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
// The same class without the global flag, to test for one without reading and resetting lastIndex.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are exactly what XML forbids
const HAS_ILLEGAL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

const NO_DECLARATIONS: ReadonlyMap<string, string> = new Map();
// Most elements have no attributes: they share one list, frozen so that nothing can write into it.
const NO_ATTRIBUTES = Object.freeze([]) as unknown as XmlAttribute[];

const UNQUOTED_VALUE = /[^\s>]*/y;

/**
 * The end of an XML-ish name starting at `from` (`[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*`),
 * or -1 when no name starts there. Tolerant: any code unit from U+00C0 up counts as a name character.
 */
function scanName(text: string, from: number): number {
  if (from >= text.length) return -1;
  const first = text.charCodeAt(from);
  if (!((first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a) || first === 0x5f || first === 0x3a || first >= 0xc0)) return -1;
  let i = from + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x5f ||
      code === 0x2e ||
      code === 0x3a ||
      code === 0x2d ||
      code === 0xb7 ||
      code >= 0xc0
    ) {
      i++;
    } else break;
  }
  return i;
}

function resolveBase(href: string, parent: string | null): string | null {
  try {
    return parent ? new URL(href.trim(), parent).href : new URL(href.trim()).href;
  } catch {
    return parent;
  }
}

function splitName(qualified: string): [prefix: string | null, local: string] {
  const colon = qualified.indexOf(':');
  return colon > 0 ? [qualified.slice(0, colon), qualified.slice(colon + 1)] : [null, qualified];
}

/** How many open elements have a name that lower-cases to one key (shared by its spellings). */
interface OpenCount {
  open: number;
}

/** What an element name splits into, worked out once per distinct name in a document. */
interface ElementName {
  prefix: string | null;
  local: string;
  lname: string;
  count: OpenCount;
}

/**
 * Reads XML the way a tolerant feed reader must: every well-formed document exactly as XML 1.0 and
 * Namespaces in XML say, and the common breakage (HTML entities, stray `&` and `<`, unclosed or
 * mismatched tags, junk before the prolog, undeclared prefixes, illegal characters) recovered with a
 * note in `issues` instead of a failure. Internal entity declarations are expanded within a budget;
 * external entities are never fetched and nested ones are refused (billion laughs). Linear in the
 * input; no recursion, so depth only matters through `maxDepth`.
 */
export function readXml(input: string, options: ReadXmlOptions = {}): XmlDocument {
  const issues: string[] = [];
  const note = (issue: string): void => {
    if (issues.length < 50 && !issues.includes(issue)) issues.push(issue);
  };
  const maxDepth = options.maxDepth ?? 512;
  let text = input;
  if (HAS_ILLEGAL_CHAR.test(text)) {
    note('characters not allowed in XML were removed');
    text = text.replace(ILLEGAL_CHARS, '');
  }
  // Lone surrogates (from broken bytes or references) cannot be stored or serialised: replace them.
  const unicode = text as string & { isWellFormed(): boolean; toWellFormed(): string };
  if (!unicode.isWellFormed()) text = unicode.toWellFormed();

  const documentNode: XmlElement = {
    name: '#document',
    local: '#document',
    lname: '#document',
    ns: '',
    attributes: [],
    children: [],
    base: options.baseUrl ?? null,
    parent: null,
  };
  const stack: XmlElement[] = [documentNode];
  const scopes: ReadonlyMap<string, string>[] = [new Map([['xml', XML_NS]])];
  const budget: EntityBudget = { entities: new Map(), remaining: options.maxEntityExpansion ?? 1_000_000 + input.length };
  let sawRoot = false;

  const top = (): XmlElement => stack[stack.length - 1] as XmlElement;
  // How many elements of each lower-cased name are open: an end tag that closes nothing is recognised
  // without walking the stack, so hostile runs of stray end tags stay linear. A document repeats a few
  // dozen names, so each one is split and lower-cased once (names) and its count found without a lookup
  // when it closes (openCounts, beside the stack).
  const names = new Map<string, ElementName>();
  const countsByLowerName = new Map<string, OpenCount>();
  const openCounts: OpenCount[] = [{ open: 0 }];
  const nameOf = (qualified: string): ElementName => {
    let known = names.get(qualified);
    if (known === undefined) {
      const [prefix, local] = splitName(qualified);
      const lower = qualified.toLowerCase();
      let count = countsByLowerName.get(lower);
      if (count === undefined) {
        count = { open: 0 };
        countsByLowerName.set(lower, count);
      }
      known = { prefix, local, lname: local.toLowerCase(), count };
      names.set(qualified, known);
    }
    return known;
  };
  // The default namespace in scope at each open element, so an unprefixed name needs no walk up the scopes.
  const defaultNamespaces: string[] = [''];
  const lookupPrefix = (prefix: string): string | undefined => {
    for (let s = scopes.length - 1; s >= 0; s--) {
      const scope = scopes[s] as ReadonlyMap<string, string>;
      if (scope === NO_DECLARATIONS) continue;
      const uri = scope.get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  };
  const namespaceOf = (prefix: string | null, isElement: boolean): string => {
    if (prefix === null) return isElement ? (defaultNamespaces[defaultNamespaces.length - 1] as string) : '';
    if (prefix === 'xmlns') return XMLNS_NS;
    const uri = lookupPrefix(prefix);
    if (uri !== undefined && uri !== '') return uri;
    note(`undeclared namespace prefix "${prefix}"`);
    return CONVENTIONAL_PREFIXES[prefix.toLowerCase()] ?? `urn:undeclared:${prefix}`;
  };
  const addText = (value: string): void => {
    if (!value) return;
    const parent = top();
    if (parent === documentNode) {
      if (/\S/.test(value)) note('text outside the root element');
      return;
    }
    const children = parent.children;
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + value;
    else children.push(value);
  };
  const popTo = (index: number): void => {
    // Elements closed implicitly: an unclosed HTML void element gives its content back to its parent.
    while (stack.length - 1 > index) {
      const element = stack.pop() as XmlElement;
      scopes.pop();
      defaultNamespaces.pop();
      (openCounts.pop() as OpenCount).open--;
      if (HTML_VOID.has(element.lname) && element.children.length && element.parent) {
        const siblings = element.parent.children;
        siblings.push(...element.children);
        element.children = [];
      }
    }
  };

  const n = text.length;
  const find = createForwardSearch(text);
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      addText(decodeXmlEntities(text.slice(i), budget, note));
      break;
    }
    if (lt > i) addText(decodeXmlEntities(text.slice(i, lt), budget, note));
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', i)) {
        const end = find('-->', i + 4);
        if (end === -1) {
          note('unclosed comment');
          i = n;
        } else i = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', i)) {
        const end = find(']]>', i + 9);
        if (end === -1) {
          note('unclosed CDATA section');
          addText(text.slice(i + 9));
          i = n;
        } else {
          addText(text.slice(i + 9, end));
          i = end + 3;
        }
        continue;
      }
      if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
        i = readDoctype(text, i, budget, note);
        continue;
      }
      const end = find('>', i);
      note('unknown markup declaration');
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = find('?>', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (next === 0x2f /* / */) {
      // The usual end tag closes the open element by its exact name: no name scan is needed.
      const current = top();
      if (current !== documentNode && text.startsWith(current.name, i + 2) && text.charCodeAt(i + 2 + current.name.length) === 0x3e /* > */) {
        i += current.name.length + 3;
        popTo(stack.length - 2);
        continue;
      }
      const nameEnd = scanName(text, i + 2);
      const end = find('>', i + 2);
      if (nameEnd === -1 || end === -1) {
        note('malformed end tag');
        addText('</');
        i += 2;
        continue;
      }
      const name = text.slice(i + 2, nameEnd);
      i = end + 1;
      let index = -1;
      const count = names.get(name)?.count ?? countsByLowerName.get(name.toLowerCase());
      if (count?.open) {
        // An element of exactly this name if one is open, else one whose name differs only in case.
        for (let s = stack.length - 1; s > 0; s--) {
          if ((stack[s] as XmlElement).name === name) {
            index = s;
            break;
          }
        }
        for (let s = stack.length - 1; index === -1 && s > 0; s--) {
          if (openCounts[s] === count) index = s;
        }
      }
      if (index === -1) {
        note(`end tag </${name}> without a start tag`);
        continue;
      }
      if (index !== stack.length - 1) note(`element <${top().name}> not closed before </${name}>`);
      popTo(index - 1);
      continue;
    }
    const nameEnd = scanName(text, i + 1);
    if (nameEnd === -1) {
      note('a "<" that starts no tag');
      addText('<');
      i += 1;
      continue;
    }
    // Start tag: name, attributes, then `>` or `/>`.
    const name = text.slice(i + 1, nameEnd);
    let j = nameEnd;
    const raw: [string, string][] = [];
    let selfClosing = false;
    let closed = false;
    while (j < n) {
      j = skipSpace(text, j);
      const c = text[j];
      if (c === '>') {
        j++;
        closed = true;
        break;
      }
      if (c === '/' && text[j + 1] === '>') {
        j += 2;
        selfClosing = true;
        closed = true;
        break;
      }
      if (c === '<') break;
      const attributeEnd = scanAttributeName(text, j);
      if (attributeEnd === j) {
        j++;
        continue;
      }
      const attributeName = text.slice(j, attributeEnd);
      j = attributeEnd;
      const afterName = skipSpace(text, j);
      let value = '';
      if (text[afterName] === '=') {
        j = skipSpace(text, afterName + 1);
        const quote = text[j];
        if (quote === '"' || quote === "'") {
          const end = find(quote, j + 1);
          if (end === -1) {
            note('unterminated attribute value');
            const stop = find('>', j + 1);
            value = text.slice(j + 1, stop === -1 ? n : stop);
            j = stop === -1 ? n : stop;
          } else {
            value = text.slice(j + 1, end);
            j = end + 1;
          }
        } else {
          note('unquoted attribute value');
          UNQUOTED_VALUE.lastIndex = j;
          value = (UNQUOTED_VALUE.exec(text)?.[0] ?? '').replace(/\/$/, '');
          j = UNQUOTED_VALUE.lastIndex;
          if (text[j - 1] === '/' && text[j] === '>') j--;
        }
      } else {
        note('attribute without a value');
      }
      const decoded = decodeXmlEntities(value, budget, note).replace(/[\t\n\r]/g, ' ');
      if (raw.some(([existing]) => existing === attributeName)) note('duplicate attribute');
      else raw.push([attributeName, decoded]);
    }
    if (!closed) note(`start tag <${name}> not terminated`);
    i = j;

    const parent = top();
    if (parent === documentNode) {
      if (sawRoot) note('more than one root element');
      sawRoot = true;
    }
    // Most elements declare no namespace: they share one empty scope instead of a Map each.
    let scope: Map<string, string> | null = null;
    for (const [attributeName, value] of raw) {
      const prefix = attributeName === 'xmlns' ? '' : attributeName.startsWith('xmlns:') ? attributeName.slice(6) : null;
      if (prefix === null) continue;
      scope ??= new Map();
      scope.set(prefix, value.trim());
    }
    scopes.push(scope ?? NO_DECLARATIONS);
    const declaredDefault = scope?.get('');
    defaultNamespaces.push(declaredDefault ?? (defaultNamespaces[defaultNamespaces.length - 1] as string));
    const elementName = nameOf(name);
    const attributes: XmlAttribute[] = raw.length
      ? raw.map(([attributeName, value]) => {
          const [attributePrefix, attributeLocal] = splitName(attributeName);
          return { name: attributeName, local: attributeLocal, ns: attributeName === 'xmlns' ? XMLNS_NS : namespaceOf(attributePrefix, false), value };
        })
      : NO_ATTRIBUTES;
    const xmlBase = attributes.length ? attributes.find((a) => a.ns === XML_NS && a.local === 'base')?.value : undefined;
    const element: XmlElement = {
      name,
      local: elementName.local,
      lname: elementName.lname,
      ns: namespaceOf(elementName.prefix, true),
      attributes,
      children: [],
      base: xmlBase !== undefined ? resolveBase(xmlBase, parent.base) : parent.base,
      parent,
    };
    parent.children.push(element);
    if (selfClosing) {
      scopes.pop();
      defaultNamespaces.pop();
      continue;
    }
    stack.push(element);
    openCounts.push(elementName.count);
    elementName.count.open++;
    if (stack.length - 1 > maxDepth) throw new FeedParseError('FEED_TOO_DEEP', `elements nested deeper than ${maxDepth} levels`);
  }
  if (stack.length > 1) note(`element <${(stack[1] as XmlElement).name}> not closed at the end of the document`);
  popTo(0);
  return { elements: documentNode.children.filter((c): c is XmlElement => typeof c !== 'string'), issues };
}
