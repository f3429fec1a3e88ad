import type { XmlElement } from './xml-node';

/** Namespaces feeds use, by the short key the format readers match on. */
export const NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;
export type NamespaceKey = keyof typeof NAMESPACES;

// Spellings seen in the wild for the same namespace (trailing slash, case, old versions, typos).
const ALIASES: Record<string, NamespaceKey> = {
  'http://purl.org/dc/elements/1.0': 'dc',
  'http://purl.org/dc/elements/1.1': 'dc',
  'http://purl.org/dc/terms': 'dcterms',
  'http://purl.org/rss/1.0/modules/content': 'content',
  'http://search.yahoo.com/mrss': 'media',
  'http://video.search.yahoo.com/mrss': 'media',
  'http://tools.search.yahoo.com/mrss': 'media',
  'http://rssboard.org/media-rss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'https://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/rss/1.0': 'rss10',
  'http://my.netscape.com/rdf/simple/0.9': 'rss090',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.w3.org/xml/1998/namespace': 'xml',
};

const keyCache = new Map<string, NamespaceKey | null>();
let lastUri = '';
let lastKey: NamespaceKey | null = null;

/** The short key of a namespace URI, tolerant of the usual spelling variants; null when unknown. */
export function namespaceKey(uri: string): NamespaceKey | null {
  if (!uri) return null;
  if (uri === lastUri) return lastKey;
  const cached = keyCache.get(uri);
  if (cached !== undefined) {
    lastUri = uri;
    lastKey = cached;
    return cached;
  }
  // Publishers write the scheme as https and add or drop "www." and a trailing slash or hash.
  const clean = uri
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, 'http://')
    .replace(/^http:\/\/www\.(?=search\.yahoo\.com|rssboard\.org)/, 'http://')
    .replace(/[/#]+$/, '');
  // Atom 0.3 drafts append the draft name after the hash.
  const key = clean.startsWith('http://purl.org/atom/ns') ? 'atom03' : (ALIASES[clean] ?? null);
  if (keyCache.size < 1000) keyCache.set(uri, key);
  return key;
}

/**
 * Child elements (text skipped). The format readers ask for the same element's children many times
 * (once per field lookup): the list is made once and kept on the element, read-only.
 */
export function elementsOf(element: XmlElement): readonly XmlElement[] {
  let list = element.elementChildren;
  if (list === undefined) {
    const elements: XmlElement[] = [];
    for (const child of element.children) if (typeof child !== 'string') elements.push(child);
    list = elements;
    element.elementChildren = list;
  }
  return list;
}

/** Whether an element has this local name (case-insensitively: feeds get case wrong) in this namespace. */
export function isElement(element: XmlElement, key: NamespaceKey | null, local: string): boolean {
  return element.lname === local && namespaceKey(element.ns) === key;
}

/** The first child matching one of the (namespace key, local name) pairs, in the order of the pairs. */
export function firstChild(element: XmlElement, ...names: [NamespaceKey | null, string][]): XmlElement | undefined {
  for (const [key, local] of names) {
    for (const child of element.children) {
      if (typeof child !== 'string' && isElement(child, key, local)) return child;
    }
  }
  return undefined;
}

/**
 * The first child with this local name in this namespace: {@link firstChild} for one name, without
 * the argument arrays (the format readers make tens of these lookups per entry).
 */
export function childNamed(element: XmlElement, key: NamespaceKey | null, local: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.lname === local && namespaceKey(child.ns) === key) return child;
  }
  return undefined;
}

/** All children with this local name in this namespace. */
export function childrenNamed(element: XmlElement, key: NamespaceKey | null, local: string): XmlElement[] {
  return elementsOf(element).filter((child) => isElement(child, key, local));
}

/** All text inside an element, markup ignored. */
export function textOf(element: XmlElement): string {
  // Most elements hold one text node: return it without the walk's allocations.
  const children = element.children;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  if (children.length === 0) return '';
  let out = '';
  const pending: (XmlElement | string)[] = [element];
  // Iterative walk: document depth is bounded by readXml, but a call stack per level is not needed.
  while (pending.length) {
    const node = pending.pop() as XmlElement | string;
    if (typeof node === 'string') out += node;
    else for (let c = node.children.length - 1; c >= 0; c--) pending.push(node.children[c] as XmlElement | string);
  }
  return out;
}

/** An attribute value by local name (case-insensitive), in no namespace unless one is given. */
export function attributeOf(element: XmlElement, local: string, key: NamespaceKey | null = null): string | null {
  // A loop, not find() with a closure: this runs for every attribute lookup of every entry.
  for (const a of element.attributes) {
    if ((a.local === local || a.local.toLowerCase() === local) && (key === null ? a.ns === '' : namespaceKey(a.ns) === key)) return a.value;
  }
  return null;
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

/**
 * The markup inside an element, re-serialised (for XHTML content and for HTML that a feed embedded
 * without escaping). Namespace declarations are dropped; XHTML and un-namespaced elements lose
 * their prefix so the result reads as HTML.
 */
export function innerMarkup(element: XmlElement): string {
  let out = '';
  const pending: (XmlElement | string | { close: string })[] = [...element.children].reverse();
  while (pending.length) {
    const node = pending.pop() as XmlElement | string | { close: string };
    if (typeof node === 'string') {
      out += escapeText(node);
      continue;
    }
    if ('close' in node) {
      out += node.close;
      continue;
    }
    const key = namespaceKey(node.ns);
    const name = key === 'xhtml' || node.ns === '' ? node.local : node.name;
    const attributes = node.attributes
      .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
      .map((a) => ` ${a.ns === '' ? a.local : a.name}="${escapeAttribute(a.value)}"`)
      .join('');
    out += `<${name}${attributes}>`;
    pending.push({ close: `</${name}>` });
    for (let c = node.children.length - 1; c >= 0; c--) pending.push(node.children[c] as XmlElement | string);
  }
  return out;
}
