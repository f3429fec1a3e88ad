import { FeedParseError } from '../feed-errors';
import { decodeXmlEntities, type EntityBudget } from './decode-xml-entities';
import { ForwardSearch } from './forward-search';
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

// Slots of the start-tag name memory (a power of two).
const RECENT_NAME_SLOTS = 64;

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

/** How many open elements have a name that lower-cases to one key (shared by its spellings). */
interface OpenCount {
  open: number;
}

/** What an element name splits into, worked out once per distinct name in a document. */
interface ElementName {
  /** The qualified name as written. */
  name: string;
  prefix: string | null;
  local: string;
  lname: string;
  count: OpenCount;
}

/** Records an issue once, at most 50 (bound to a document's issue list: it is the readers' `note`). */
function noteIssue(this: string[], issue: string): void {
  if (this.length < 50 && !this.includes(issue)) this.push(issue);
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
  return new XmlReader(input, options).read();
}

/**
 * One document's reading state. A class rather than closures inside readXml: a closure is a new
 * function object per document (and, in bundles built with keepNames as tsx and the Lambda builds
 * are, a property definition on each), which on a corpus of small feeds was a tenth of the cost.
 */
class XmlReader {
  private readonly text: string;
  readonly issues: string[] = [];
  private readonly note: (issue: string) => void;
  private readonly maxDepth: number;
  private readonly documentNode: XmlElement;
  private readonly stack: XmlElement[];
  private readonly scopes: ReadonlyMap<string, string>[] = [new Map([['xml', XML_NS]])];
  // The default namespace in scope at each open element, so an unprefixed name needs no walk up the scopes.
  private readonly defaultNamespaces: string[] = [''];
  private readonly budget: EntityBudget;
  private sawRoot = false;
  // How many elements of each lower-cased name are open: an end tag that closes nothing is recognised
  // without walking the stack, so hostile runs of stray end tags stay linear. A document repeats a few
  // dozen names, so each one is split and lower-cased once (names) and its count found without a lookup
  // when it closes (openCounts, beside the stack).
  private readonly names = new Map<string, ElementName>();
  private readonly countsByLowerName = new Map<string, OpenCount>();
  private readonly openCounts: OpenCount[] = [{ open: 0 }];
  private readonly recentNames: (ElementName | undefined)[] = new Array(RECENT_NAME_SLOTS);
  private readonly search: ForwardSearch;
  // Attribute names and values of the start tag being read, reused from tag to tag.
  // Only the first attributeCount entries belong to the current tag (setting an array's length is a
  // runtime call, so the lists are never truncated).
  private readonly attributeNames: string[] = [];
  private readonly attributeValues: string[] = [];
  private attributeCount = 0;

  constructor(input: string, options: ReadXmlOptions) {
    this.note = noteIssue.bind(this.issues);
    this.maxDepth = options.maxDepth ?? 512;
    let text = input;
    if (HAS_ILLEGAL_CHAR.test(text)) {
      this.note('characters not allowed in XML were removed');
      text = text.replace(ILLEGAL_CHARS, '');
    }
    // Lone surrogates (from broken bytes or references) cannot be stored or serialised: replace them.
    const unicode = text as string & { isWellFormed(): boolean; toWellFormed(): string };
    if (!unicode.isWellFormed()) text = unicode.toWellFormed();
    this.text = text;
    this.documentNode = {
      name: '#document',
      local: '#document',
      lname: '#document',
      ns: '',
      attributes: [],
      children: [],
      base: options.baseUrl ?? null,
      parent: null,
      elementChildren: undefined,
    };
    this.stack = [this.documentNode];
    this.budget = { entities: new Map(), remaining: options.maxEntityExpansion ?? 1_000_000 + input.length };
    this.search = new ForwardSearch(text);
  }

  private top(): XmlElement {
    return this.stack[this.stack.length - 1] as XmlElement;
  }

  private nameOf(qualified: string): ElementName {
    let known = this.names.get(qualified);
    if (known === undefined) {
      const colon = qualified.indexOf(':');
      const prefix = colon > 0 ? qualified.slice(0, colon) : null;
      const local = colon > 0 ? qualified.slice(colon + 1) : qualified;
      const lower = qualified.toLowerCase();
      let count = this.countsByLowerName.get(lower);
      if (count === undefined) {
        count = { open: 0 };
        this.countsByLowerName.set(lower, count);
      }
      known = { name: qualified, prefix, local, lname: local.toLowerCase(), count };
      this.names.set(qualified, known);
    }
    return known;
  }

  /**
   * The name of the start tag whose name runs from `from` to `to`. The name last seen with the same
   * first character and length is compared in place first: a document repeats a few dozen names, and
   * this spares a copy of the name and a hash lookup for nearly every tag.
   */
  private startTagName(from: number, to: number): ElementName {
    const text = this.text;
    const slot = (text.charCodeAt(from) * 31 + (to - from)) & (RECENT_NAME_SLOTS - 1);
    const recent = this.recentNames[slot];
    if (recent !== undefined && recent.name.length === to - from && text.startsWith(recent.name, from)) return recent;
    const known = this.nameOf(text.slice(from, to));
    this.recentNames[slot] = known;
    return known;
  }

  private lookupPrefix(prefix: string): string | undefined {
    const scopes = this.scopes;
    for (let s = scopes.length - 1; s >= 0; s--) {
      const scope = scopes[s] as ReadonlyMap<string, string>;
      if (scope === NO_DECLARATIONS) continue;
      const uri = scope.get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  }

  private namespaceOf(prefix: string | null, isElement: boolean): string {
    if (prefix === null) return isElement ? (this.defaultNamespaces[this.defaultNamespaces.length - 1] as string) : '';
    if (prefix === 'xmlns') return XMLNS_NS;
    const uri = this.lookupPrefix(prefix);
    if (uri !== undefined && uri !== '') return uri;
    this.note(`undeclared namespace prefix "${prefix}"`);
    return CONVENTIONAL_PREFIXES[prefix.toLowerCase()] ?? `urn:undeclared:${prefix}`;
  }

  private addText(value: string): void {
    if (!value) return;
    const parent = this.top();
    if (parent === this.documentNode) {
      if (/\S/.test(value)) this.note('text outside the root element');
      return;
    }
    const children = parent.children;
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + value;
    else children.push(value);
  }

  private popTo(index: number): void {
    const stack = this.stack;
    // Elements closed implicitly: an unclosed HTML void element gives its content back to its parent.
    while (stack.length - 1 > index) {
      const element = stack.pop() as XmlElement;
      this.scopes.pop();
      this.defaultNamespaces.pop();
      (this.openCounts.pop() as OpenCount).open--;
      if (HTML_VOID.has(element.lname) && element.children.length && element.parent) {
        const siblings = element.parent.children;
        siblings.push(...element.children);
        element.children = [];
      }
    }
  }

  read(): XmlDocument {
    const text = this.text;
    const n = text.length;
    const search = this.search;
    const budget = this.budget;
    const note = this.note;
    const stack = this.stack;
    let i = 0;
    while (i < n) {
      const lt = text.indexOf('<', i);
      if (lt === -1) {
        this.addText(decodeXmlEntities(text.slice(i), budget, note));
        break;
      }
      if (lt > i) this.addText(decodeXmlEntities(text.slice(i, lt), budget, note));
      i = lt;
      const next = text.charCodeAt(i + 1);
      if (next === 0x21 /* ! */) i = this.readMarkupDeclaration(i);
      else if (next === 0x3f /* ? */) {
        const end = search.find('?>', i + 2);
        i = end === -1 ? n : end + 2;
      } else if (next === 0x2f /* / */) {
        // The usual end tag closes the open element by its exact name: no name scan is needed.
        const current = stack[stack.length - 1] as XmlElement;
        if (current !== this.documentNode && text.startsWith(current.name, i + 2) && text.charCodeAt(i + 2 + current.name.length) === 0x3e /* > */) {
          i += current.name.length + 3;
          this.popTo(stack.length - 2);
        } else i = this.readEndTag(i);
      } else i = this.readStartTag(i);
    }
    if (stack.length > 1) note(`element <${(stack[1] as XmlElement).name}> not closed at the end of the document`);
    this.popTo(0);
    const elements: XmlElement[] = [];
    for (const child of this.documentNode.children) if (typeof child !== 'string') elements.push(child);
    return { elements, issues: this.issues };
  }

  /** `<!` at `i`: a comment, CDATA section, DOCTYPE or other declaration; returns the index after it. */
  private readMarkupDeclaration(i: number): number {
    const text = this.text;
    const n = text.length;
    if (text.startsWith('<!--', i)) {
      const end = this.search.find('-->', i + 4);
      if (end === -1) {
        this.note('unclosed comment');
        return n;
      }
      return end + 3;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = this.search.find(']]>', i + 9);
      if (end === -1) {
        this.note('unclosed CDATA section');
        this.addText(text.slice(i + 9));
        return n;
      }
      this.addText(text.slice(i + 9, end));
      return end + 3;
    }
    if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) return readDoctype(text, i, this.budget, this.note);
    const end = this.search.find('>', i);
    this.note('unknown markup declaration');
    return end === -1 ? n : end + 1;
  }

  /** An end tag at `i` that does not close the current element by its exact name; returns the index after it. */
  private readEndTag(start: number): number {
    const text = this.text;
    const stack = this.stack;
    const nameEnd = scanName(text, start + 2);
    const end = this.search.find('>', start + 2);
    if (nameEnd === -1 || end === -1) {
      this.note('malformed end tag');
      this.addText('</');
      return start + 2;
    }
    const name = text.slice(start + 2, nameEnd);
    let index = -1;
    const count = this.names.get(name)?.count ?? this.countsByLowerName.get(name.toLowerCase());
    if (count?.open) {
      // An element of exactly this name if one is open, else one whose name differs only in case.
      for (let s = stack.length - 1; s > 0; s--) {
        if ((stack[s] as XmlElement).name === name) {
          index = s;
          break;
        }
      }
      for (let s = stack.length - 1; index === -1 && s > 0; s--) {
        if (this.openCounts[s] === count) index = s;
      }
    }
    if (index === -1) {
      this.note(`end tag </${name}> without a start tag`);
      return end + 1;
    }
    if (index !== stack.length - 1) this.note(`element <${this.top().name}> not closed before </${name}>`);
    this.popTo(index - 1);
    return end + 1;
  }

  /** `<` at `start`: a start tag (name, attributes, then `>` or `/>`), or a stray `<`; returns the index after it. */
  private readStartTag(start: number): number {
    const text = this.text;
    const n = text.length;
    const nameEnd = scanName(text, start + 1);
    if (nameEnd === -1) {
      this.note('a "<" that starts no tag');
      this.addText('<');
      return start + 1;
    }
    const elementName = this.startTagName(start + 1, nameEnd);
    const name = elementName.name;
    const attributeNames = this.attributeNames;
    const attributeValues = this.attributeValues;
    let count = 0;
    let j = nameEnd;
    let selfClosing = false;
    let closed = false;
    while (j < n) {
      j = skipSpace(text, j);
      const c = text.charCodeAt(j);
      if (c === 0x3e /* > */) {
        j++;
        closed = true;
        break;
      }
      if (c === 0x2f /* / */ && text.charCodeAt(j + 1) === 0x3e) {
        j += 2;
        selfClosing = true;
        closed = true;
        break;
      }
      if (c === 0x3c /* < */) break;
      const attributeEnd = scanAttributeName(text, j);
      if (attributeEnd === j) {
        j++;
        continue;
      }
      const attributeName = text.slice(j, attributeEnd);
      j = attributeEnd;
      const afterName = skipSpace(text, j);
      let value = '';
      if (text.charCodeAt(afterName) === 0x3d /* = */) {
        j = skipSpace(text, afterName + 1);
        const quote = text[j];
        if (quote === '"' || quote === "'") {
          const end = this.search.find(quote, j + 1);
          if (end === -1) {
            this.note('unterminated attribute value');
            const stop = this.search.find('>', j + 1);
            value = text.slice(j + 1, stop === -1 ? n : stop);
            j = stop === -1 ? n : stop;
          } else {
            value = text.slice(j + 1, end);
            j = end + 1;
          }
        } else {
          this.note('unquoted attribute value');
          UNQUOTED_VALUE.lastIndex = j;
          value = (UNQUOTED_VALUE.exec(text)?.[0] ?? '').replace(/\/$/, '');
          j = UNQUOTED_VALUE.lastIndex;
          if (text[j - 1] === '/' && text[j] === '>') j--;
        }
      } else {
        this.note('attribute without a value');
      }
      const decoded = normalizeAttributeSpace(decodeXmlEntities(value, this.budget, this.note));
      let duplicate = false;
      for (let a = 0; a < count && !duplicate; a++) duplicate = attributeNames[a] === attributeName;
      if (duplicate) this.note('duplicate attribute');
      else {
        attributeNames[count] = attributeName;
        attributeValues[count] = decoded;
        count++;
      }
    }
    this.attributeCount = count;
    if (!closed) this.note(`start tag <${name}> not terminated`);
    this.openElement(elementName, selfClosing);
    return j;
  }

  /** Adds the element whose start tag was just read (its attributes in attributeNames / attributeValues). */
  private openElement(elementName: ElementName, selfClosing: boolean): void {
    const attributeNames = this.attributeNames;
    const attributeValues = this.attributeValues;
    const count = this.attributeCount;
    const parent = this.top();
    if (parent === this.documentNode) {
      if (this.sawRoot) this.note('more than one root element');
      this.sawRoot = true;
    }
    // Most elements declare no namespace: they share one empty scope instead of a Map each.
    let scope: Map<string, string> | null = null;
    for (let a = 0; a < count; a++) {
      const attributeName = attributeNames[a] as string;
      const prefix = attributeName === 'xmlns' ? '' : attributeName.startsWith('xmlns:') ? attributeName.slice(6) : null;
      if (prefix === null) continue;
      scope ??= new Map();
      scope.set(prefix, (attributeValues[a] as string).trim());
    }
    this.scopes.push(scope ?? NO_DECLARATIONS);
    const defaultNamespaces = this.defaultNamespaces;
    const declaredDefault = scope?.get('');
    defaultNamespaces.push(declaredDefault ?? (defaultNamespaces[defaultNamespaces.length - 1] as string));
    let attributes = NO_ATTRIBUTES;
    let xmlBase: string | undefined;
    if (count) {
      // Filled by push: an array made with a length is "holey" to V8, a different shape at every reader of attributes.
      attributes = [];
      for (let a = 0; a < count; a++) {
        const attributeName = attributeNames[a] as string;
        const colon = attributeName.indexOf(':');
        const local = colon > 0 ? attributeName.slice(colon + 1) : attributeName;
        const ns = attributeName === 'xmlns' ? XMLNS_NS : this.namespaceOf(colon > 0 ? attributeName.slice(0, colon) : null, false);
        const value = attributeValues[a] as string;
        attributes.push({ name: attributeName, local, ns, value });
        if (xmlBase === undefined && ns === XML_NS && local === 'base') xmlBase = value;
      }
    }
    const element: XmlElement = {
      name: elementName.name,
      local: elementName.local,
      lname: elementName.lname,
      ns: this.namespaceOf(elementName.prefix, true),
      attributes,
      children: [],
      base: xmlBase !== undefined ? resolveBase(xmlBase, parent.base) : parent.base,
      parent,
      elementChildren: undefined,
    };
    parent.children.push(element);
    if (selfClosing) {
      this.scopes.pop();
      defaultNamespaces.pop();
      return;
    }
    this.stack.push(element);
    this.openCounts.push(elementName.count);
    elementName.count.open++;
    if (this.stack.length - 1 > this.maxDepth) throw new FeedParseError('FEED_TOO_DEEP', `elements nested deeper than ${this.maxDepth} levels`);
  }
}

const HAS_ATTRIBUTE_SPACE = /[\t\n\r]/;

/** Attribute-value normalisation (XML 1.0 section 3.3.3) as this reader does it: tab, CR and LF become spaces. */
function normalizeAttributeSpace(value: string): string {
  return HAS_ATTRIBUTE_SPACE.test(value) ? value.replace(/[\t\n\r]/g, ' ') : value;
}
