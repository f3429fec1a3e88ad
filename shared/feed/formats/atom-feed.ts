import { resolveHttpUrl } from '../../article/resolve-url';
import { nonEmpty } from '../../text/strip-html';
import type { XmlElement } from '../xml/xml-node';
import { attributeOf, childNamed, elementsOf, namespaceKey, textOf } from '../xml/xml-query';
import type { FeedDraft, ItemDraft } from './finish-feed';
import { type FeedTextKind, readFeedHtml, readFeedText } from './read-feed-text';
import { readMedia } from './read-media';

/**
 * Atom 1.0 (RFC 4287) and Atom 0.3 (the pre-standard draft, `http://purl.org/atom/ns#`), as a
 * feed document or a lone entry document. Elements are matched in the root's namespace, so an Atom
 * document without a namespace declaration is read too.
 */
export function readAtomFeed(root: XmlElement, issues: string[]): FeedDraft {
  const kind: FeedTextKind = namespaceKey(root.ns) === 'atom03' || (attributeOf(root, 'version') ?? '').startsWith('0.') ? 'atom03' : 'atom';
  const ns = root.ns;
  const isEntryDocument = root.lname === 'entry';
  const feedAuthors = isEntryDocument ? [] : authorsOf(root, ns);
  const logo = own(root, ns, 'logo', 'icon');
  const entries: XmlElement[] = [];
  if (isEntryDocument) {
    entries.push(root);
    collectEntries(root, ns, entries);
  } else collectEntries(root, ns, entries);
  const items: ItemDraft[] = [];
  for (const entry of entries) items.push(readEntry(entry, kind, ns, feedAuthors));
  return {
    format: 'atom',
    title: isEntryDocument ? { text: null, html: null } : readFeedText(own(root, ns, 'title'), kind),
    homeUrl: isEntryDocument ? null : alternateLink(ownAll(root, ns, 'link')),
    description: readFeedText(own(root, ns, 'subtitle', 'tagline', 'info'), kind).text,
    language: nonEmpty(attributeOf(root, 'lang', 'xml')),
    imageUrl: logo ? resolveHttpUrl(textOf(logo), logo.base) : null,
    ttlMinutes: null,
    items,
    issues,
  };
}

// The helpers below are module functions taking the root's namespace `ns` (Atom elements are matched
// in it), not closures made per document: each closure is an allocation (and, in bundles built with
// keepNames, a name definition) on the path every entry of every feed takes.

/** The first child in `ns` named `a`, else `b`, else `c` (lower-case local names), in that order of names. */
function own(parent: XmlElement, ns: string, a: string, b?: string, c?: string): XmlElement | undefined {
  return ownOne(parent, ns, a) ?? (b === undefined ? undefined : ownOne(parent, ns, b)) ?? (c === undefined ? undefined : ownOne(parent, ns, c));
}

function ownOne(parent: XmlElement, ns: string, local: string): XmlElement | undefined {
  for (const child of elementsOf(parent)) if (child.ns === ns && child.lname === local) return child;
  return undefined;
}

function ownAll(parent: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of elementsOf(parent)) if (child.ns === ns && child.lname === local) out.push(child);
  return out;
}

/**
 * Appends the `<entry>` children of `parent` to `out`, each followed by the entries nested in it: an
 * unclosed <entry> makes the next one its child; entries never nest, so nested ones are taken out.
 */
function collectEntries(parent: XmlElement, ns: string, out: XmlElement[]): void {
  for (const child of elementsOf(parent)) {
    if (child.ns !== ns || child.lname !== 'entry') continue;
    out.push(child);
    collectEntries(child, ns, out);
  }
}

// Relations that never name the entry's (or the feed's) own web page: the feed document itself, an
// attachment, editing and paging endpoints (RFC 4287 section 4.2.7.2, RFC 5005, RFC 5023, WebSub).
const NOT_THE_PAGE = new Set([
  'self',
  'enclosure',
  'edit',
  'edit-media',
  'replies',
  'hub',
  'license',
  'next',
  'previous',
  'prev',
  'first',
  'last',
  'current',
  'payment',
  'search',
  'service',
  'via',
]);

function relOf(link: XmlElement): string {
  // RFC 4287 section 4.2.7.2: a link without rel is an alternate link; IANA relations may be written as full URIs.
  return (attributeOf(link, 'rel') ?? 'alternate')
    .trim()
    .toLowerCase()
    .replace(/^http:\/\/www\.iana\.org\/assignments\/relation\//, '');
}

/**
 * The page an entry or feed links to: its alternate link (an HTML one first when there are several),
 * else a link of another relation that can be a page ("related", an unknown one); never its self,
 * enclosure, editing or paging link, so an entry without a page is not given the feed's URL or an mp3.
 */
function alternateLink(links: XmlElement[]): string | null {
  let firstAlternate: XmlElement | undefined;
  let html: XmlElement | undefined;
  for (const link of links) {
    if (relOf(link) !== 'alternate') continue;
    firstAlternate ??= link;
    if (HTML_TYPE.test(attributeOf(link, 'type') ?? 'text/html')) {
      html = link;
      break;
    }
  }
  let chosen = html ?? firstAlternate;
  if (!chosen) {
    for (const link of links) {
      if (!NOT_THE_PAGE.has(relOf(link))) {
        chosen = link;
        break;
      }
    }
  }
  return chosen ? resolveHttpUrl(attributeOf(chosen, 'href') ?? textOf(chosen), chosen.base) : null;
}

const HTML_TYPE = /html/i;

function authorsOf(parent: XmlElement, ns: string): string[] {
  const names: string[] = [];
  for (const author of elementsOf(parent)) {
    if (author.ns !== ns || author.lname !== 'author') continue;
    const name = ownOne(author, ns, 'name');
    const value = nonEmpty(name ? textOf(name) : elementsOf(author).length ? null : textOf(author));
    if (value) names.push(value);
  }
  return names;
}

function textOfOrNull(element: XmlElement | undefined): string | null {
  return element ? nonEmpty(textOf(element)) : null;
}

function readEntry(entry: XmlElement, kind: FeedTextKind, ns: string, feedAuthors: string[]): ItemDraft {
  const media = readMedia(entry);
  const content = ownOne(entry, ns, 'content');
  const summary = readFeedText(ownOne(entry, ns, 'summary'), kind);
  const contentText = summary.text ? readFeedHtml(content, kind) : readFeedText(content, kind);
  const updated = textOfOrNull(own(entry, ns, 'updated', 'modified'));
  const authors = authorsOf(entry, ns);
  const categories: string[] = [];
  for (const category of elementsOf(entry)) {
    if (category.ns === ns && category.lname === 'category')
      categories.push(attributeOf(category, 'term') ?? attributeOf(category, 'label') ?? textOf(category));
  }
  return {
    guid: textOfOrNull(ownOne(entry, ns, 'id')),
    link: alternateLink(ownAll(entry, ns, 'link')),
    title: readFeedText(ownOne(entry, ns, 'title'), kind),
    summary: summary.text ? summary : contentText,
    contentHtml: contentText.html,
    authors: authors.length ? authors : feedAuthors,
    categories,
    publishedRaw: textOfOrNull(own(entry, ns, 'published', 'issued', 'created')) ?? textOfOrNull(childNamed(entry, 'dc', 'date')) ?? updated,
    modifiedRaw: updated,
    image: media.image,
    enclosures: media.enclosures,
  };
}
