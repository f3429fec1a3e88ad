import { resolveHttpUrl } from '../../article/resolve-url';
import { nonEmpty, stripHtml } from '../../text/strip-html';
import type { XmlElement } from '../xml/xml-node';
import { attributeOf, childNamed, elementsOf, namespaceKey, textOf } from '../xml/xml-query';
import type { FeedDraft, ItemDraft } from './finish-feed';
import { type FeedText, readFeedHtml, readFeedText } from './read-feed-text';
import { readMedia } from './read-media';

/**
 * The RSS family: RSS 0.90 and RSS 1.0 (RDF, with their own namespaces), RSS 0.91-0.94 and 2.0
 * (no namespace, or a default namespace some publishers invented), `<rss>` without a version, and
 * Microsoft CDF (`<channel href>`), which feed readers have always accepted as RSS.
 */
export function readRssFeed(root: XmlElement, issues: string[]): FeedDraft {
  const rootNs = root.ns;
  const channel = root.lname === 'channel' ? root : (core(root, 'channel', rootNs) ?? root);
  const items: XmlElement[] = [];
  collectItems(channel, rootNs, items);
  if (channel !== root) collectItems(root, rootNs, items);
  const drafts: ItemDraft[] = [];
  for (const item of items) drafts.push(readRssItem(item, rootNs));

  const image = core(channel, 'image', rootNs) ?? (channel === root ? undefined : core(root, 'image', rootNs));
  const imageUrl = image ? core(image, 'url', rootNs) : undefined;
  const itunesImage = childNamed(channel, 'itunes', 'image');
  const ttlElement = core(channel, 'ttl', rootNs);
  // RSS 2.0: <ttl> is optional; without it the publisher asked for nothing (the channel's own text is not a ttl).
  const ttl = ttlElement ? Number.parseInt(textOf(ttlElement).trim(), 10) : Number.NaN;
  const language = childNamed(channel, null, 'language') ?? childNamed(channel, 'dc', 'language');
  const rootLanguage = attributeOf(root, 'lang', 'xml') ?? attributeOf(channel, 'lang', 'xml');

  return {
    format: root.lname === 'rdf' ? 'rdf' : 'rss',
    title: firstText(core(channel, 'title', rootNs), childNamed(channel, 'dc', 'title')),
    homeUrl: linkOf(channel, rootNs),
    description:
      readFeedText(core(channel, 'description', rootNs) ?? core(channel, 'abstract', rootNs), 'rss-html').text ??
      plain(childNamed(channel, 'dc', 'description') ?? childNamed(channel, 'itunes', 'summary') ?? childNamed(channel, 'itunes', 'subtitle')),
    language: nonEmpty(language ? textOf(language) : rootLanguage),
    imageUrl:
      (imageUrl ? resolveHttpUrl(textOf(imageUrl), imageUrl.base) : null) ??
      (itunesImage ? resolveHttpUrl(attributeOf(itunesImage, 'href'), itunesImage.base) : null),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: drafts,
    issues,
  };
}

// The helpers below are module functions taking the root's namespace, not closures made per document:
// the readers run once per entry of every feed, and each closure is an allocation (and, in bundles
// built with keepNames, a name definition) on the hot path.

/** Whether an element is in the RSS family's own vocabulary: RSS 1.0 / 0.90, the root's namespace, or none. */
function isCore(element: XmlElement, rootNs: string): boolean {
  const ns = element.ns;
  if (ns === rootNs || ns === '') return true;
  const key = namespaceKey(ns);
  return key === 'rss10' || key === 'rss090';
}

/**
 * The first core child with this (lower-case) local name. Called several times per item: scans the
 * children in place rather than copying the element list.
 */
function core(parent: XmlElement, local: string, rootNs: string): XmlElement | undefined {
  for (const child of parent.children) {
    if (typeof child !== 'string' && child.lname === local && isCore(child, rootNs)) return child;
  }
  return undefined;
}

/**
 * Appends the core `<item>` children of `parent` to `out`, each followed by the items nested in it:
 * an unclosed <item> makes the next one its child; items never nest, so nested ones are taken out.
 */
function collectItems(parent: XmlElement, rootNs: string, out: XmlElement[]): void {
  for (const child of elementsOf(parent)) {
    if (child.lname !== 'item' || !isCore(child, rootNs)) continue;
    out.push(child);
    collectItems(child, rootNs, out);
  }
}

function linkOf(element: XmlElement, rootNs: string): string | null {
  const link = core(element, 'link', rootNs);
  const fromText = link ? resolveHttpUrl(textOf(link), link.base) : null;
  if (fromText) return fromText;
  if (link && attributeOf(link, 'href')) return resolveHttpUrl(attributeOf(link, 'href'), link.base);
  for (const child of elementsOf(element)) {
    if (child.local === 'link' && namespaceKey(child.ns) === 'atom' && (attributeOf(child, 'rel') ?? 'alternate') === 'alternate') {
      return resolveHttpUrl(attributeOf(child, 'href'), child.base);
    }
  }
  // CDF puts the link in an HREF attribute of the channel or item itself.
  return resolveHttpUrl(attributeOf(element, 'href'), element.base);
}

function plain(element: XmlElement | undefined): string | null {
  return element ? stripHtml(textOf(element)) || null : null;
}

const NO_TEXT: FeedText = { text: null, html: null };

/** The first of the candidates (read as RSS plain text) that has text. */
function firstText(...candidates: (XmlElement | undefined)[]): FeedText {
  for (const element of candidates) {
    if (!element) continue;
    const text = readFeedText(element, 'rss-text');
    if (text.text) return text;
  }
  return NO_TEXT;
}

// RSS 2.0 <author> is an e-mail address, often "mail@example.com (Name)" and as often "Name
// (mail@example.com)" or "Name <mail@example.com>"; the name is what readers want.
export function authorName(raw: string): string | null {
  const value = stripHtml(raw);
  const emailFirst = /^<?\S+@[^\s()<>]+>?\s*\((.+)\)$/.exec(value);
  if (emailFirst?.[1]?.trim()) return emailFirst[1].trim();
  const nameFirst = /^(.+?)\s*[(<]\s*(?:mailto:)?\S+@[^\s()<>]+\s*[)>]$/.exec(value);
  if (nameFirst?.[1]?.trim()) return nameFirst[1].trim();
  return value;
}

function readRssItem(item: XmlElement, rootNs: string): ItemDraft {
  const media = readMedia(item);
  const guidElement = core(item, 'guid', rootNs);
  const guid =
    textOfOrNull(guidElement) ??
    nonEmpty(attributeOf(item, 'about', 'rdf')) ??
    textOfOrNull(childNamed(item, 'atom', 'id') ?? childNamed(item, 'dc', 'identifier'));
  let link = linkOf(item, rootNs);
  // RSS 2.0: a guid is a permalink unless isPermaLink="false"; readers use it when <link> is missing.
  if (!link && guidElement && (attributeOf(guidElement, 'ispermalink') ?? 'true').trim().toLowerCase() !== 'false') {
    link = resolveHttpUrl(guid && /^https?:\/\//i.test(guid) ? guid : null, guidElement.base);
  }
  const contentEncoded = childNamed(item, 'content', 'encoded');
  const content = readFeedHtml(contentEncoded ?? childNamed(item, 'xhtml', 'body'), 'rss-html').html;
  const description = readFeedText(core(item, 'description', rootNs) ?? core(item, 'abstract', rootNs), 'rss-html');
  const authors: string[] = [];
  const categories: string[] = [];
  for (const child of elementsOf(item)) {
    const local = child.lname;
    if (local !== 'author' && local !== 'creator' && local !== 'category' && local !== 'subject') continue;
    const key = namespaceKey(child.ns);
    if ((local === 'author' && key === null) || (key === 'dc' && (local === 'creator' || local === 'author')) || (key === 'itunes' && local === 'author')) {
      const name = authorName(textOf(childNamed(child, 'atom', 'name') ?? childNamed(child, null, 'name') ?? child));
      if (name) authors.push(name);
    } else if (key === 'atom' && local === 'author') {
      const name = textOfOrNull(childNamed(child, 'atom', 'name'));
      if (name) authors.push(name);
    } else if ((local === 'category' && key === null) || (key === 'dc' && local === 'subject')) {
      categories.push(stripHtml(textOf(child)));
    } else if (key === 'atom' && local === 'category') {
      categories.push(attributeOf(child, 'term') ?? '');
    }
  }
  return {
    guid,
    link,
    title: firstText(core(item, 'title', rootNs), childNamed(item, 'dc', 'title'), childNamed(item, 'itunes', 'title'), media.mediaTitle),
    summary: description.text
      ? description
      : summaryOf(childNamed(item, 'dc', 'description') ?? childNamed(item, 'itunes', 'summary') ?? childNamed(item, 'itunes', 'subtitle'), content),
    contentHtml: content,
    authors,
    categories,
    publishedRaw:
      textOfOrNull(core(item, 'pubdate', rootNs)) ??
      textOfOrNull(childNamed(item, 'dc', 'date')) ??
      textOfOrNull(childNamed(item, 'dcterms', 'issued')) ??
      textOfOrNull(childNamed(item, 'dcterms', 'created')) ??
      textOfOrNull(childNamed(item, 'atom', 'published')) ??
      textOfOrNull(core(item, 'lastmod', rootNs)) ??
      textOfOrNull(childNamed(item, 'atom', 'updated')),
    modifiedRaw: textOfOrNull(childNamed(item, 'dcterms', 'modified')) ?? textOfOrNull(childNamed(item, 'atom', 'updated')),
    image: media.image,
    enclosures: media.enclosures,
  };
}

/** The summary when there is no description: the fallback element read once, else the content's text. */
function summaryOf(fallback: XmlElement | undefined, content: string | null): FeedText {
  const text = readFeedText(fallback, 'rss-text');
  return text.text ? text : { text: content ? stripHtml(content) : null, html: null };
}

function textOfOrNull(element: XmlElement | undefined): string | null {
  return element ? nonEmpty(textOf(element)) : null;
}
