import { resolveHttpUrl } from '../../article/resolve-url';
import { nonEmpty, stripHtml } from '../../text/strip-html';
import type { FeedFormat } from '../feed';
import type { XmlElement } from '../xml/xml-node';
import { attributeOf, elementsOf, firstChild, leadingNumberOf, type NamespaceKey, namespaceKey, textOf } from '../xml/xml-query';
import type { FeedDraft, ItemDraft } from './finish-feed';
import { type FeedText, readFeedHtml, readFeedText } from './read-feed-text';
import { readMedia } from './read-media';

/**
 * The RSS family: RSS 0.90 and RSS 1.0 (RDF, with their own namespaces), RSS 0.91-0.94 and 2.0
 * (no namespace, or a default namespace some publishers invented), `<rss>` without a version, and
 * Microsoft CDF (`<channel href>`), which feed readers have always accepted as RSS.
 */
export function readRssFeed(root: XmlElement, issues: string[]): FeedDraft {
  const isRdf = root.lname === 'rdf';
  const isCore = (element: XmlElement): boolean => {
    const key = namespaceKey(element.ns);
    return key === 'rss10' || key === 'rss090' || element.ns === root.ns || element.ns === '';
  };
  // Called several times per item: scans the children in place rather than copying the element list.
  const core = (parent: XmlElement, local: string): XmlElement | undefined => {
    for (const child of parent.children) if (typeof child !== 'string' && child.lname === local && isCore(child)) return child;
    return undefined;
  };
  const coreAll = (parent: XmlElement, local: string): XmlElement[] => elementsOf(parent).filter((child) => child.lname === local && isCore(child));

  const channel = root.lname === 'channel' ? root : (core(root, 'channel') ?? root);
  // An unclosed <item> makes the next one its child; items never nest, so nested ones are taken out.
  const withNested = (item: XmlElement): XmlElement[] => [item, ...coreAll(item, 'item').flatMap(withNested)];
  const items = [...coreAll(channel, 'item'), ...(channel === root ? [] : coreAll(root, 'item'))].flatMap(withNested);
  const format: FeedFormat = isRdf ? 'rdf' : 'rss';

  const linkOf = (element: XmlElement): string | null => {
    const link = core(element, 'link');
    const fromText = link ? resolveHttpUrl(textOf(link), link.base) : null;
    if (fromText) return fromText;
    if (link && attributeOf(link, 'href')) return resolveHttpUrl(attributeOf(link, 'href'), link.base);
    const atomLink = elementsOf(element).find(
      (child) => namespaceKey(child.ns) === 'atom' && child.local === 'link' && (attributeOf(child, 'rel') ?? 'alternate') === 'alternate',
    );
    if (atomLink) return resolveHttpUrl(attributeOf(atomLink, 'href'), atomLink.base);
    // CDF puts the link in an HREF attribute of the channel or item itself.
    return resolveHttpUrl(attributeOf(element, 'href'), element.base);
  };
  const plain = (element: XmlElement | undefined): string | null => (element ? stripHtml(textOf(element)) || null : null);

  const image = core(channel, 'image') ?? (channel === root ? undefined : core(root, 'image'));
  const imageUrl = image ? core(image, 'url') : undefined;
  const itunesImage = firstChild(channel, ['itunes', 'image']);
  const ttlElement = core(channel, 'ttl');
  const ttl = Number.parseInt((ttlElement ? textOf(ttlElement) : leadingNumberOf(channel)).trim(), 10);
  const language = firstChild(channel, [null, 'language'], ['dc', 'language']);
  const rootLanguage = attributeOf(root, 'lang', 'xml') ?? attributeOf(channel, 'lang', 'xml');

  return {
    format,
    title: firstText([
      [core(channel, 'title'), 'rss-text'],
      [firstChild(channel, ['dc', 'title']), 'rss-text'],
    ]),
    homeUrl: linkOf(channel),
    description:
      readFeedText(core(channel, 'description') ?? core(channel, 'abstract'), 'rss-html').text ??
      plain(firstChild(channel, ['dc', 'description'], ['itunes', 'summary'], ['itunes', 'subtitle'])),
    language: nonEmpty(language ? textOf(language) : rootLanguage),
    imageUrl:
      (imageUrl ? resolveHttpUrl(textOf(imageUrl), imageUrl.base) : null) ??
      (itunesImage ? resolveHttpUrl(attributeOf(itunesImage, 'href'), itunesImage.base) : null),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: items.map((item) => readRssItem(item, core, linkOf)),
    issues,
  };
}

function firstText(candidates: [XmlElement | undefined, 'rss-text' | 'rss-html'][]): FeedText {
  for (const [element, kind] of candidates) {
    const text = readFeedText(element, kind);
    if (text.text) return text;
  }
  return { text: null, html: null };
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

function readRssItem(
  item: XmlElement,
  core: (parent: XmlElement, local: string) => XmlElement | undefined,
  linkOf: (element: XmlElement) => string | null,
): ItemDraft {
  const media = readMedia(item);
  const guidElement = core(item, 'guid');
  const guid = textOfOrNull(guidElement) ?? nonEmpty(attributeOf(item, 'about', 'rdf')) ?? textOfOrNull(firstChild(item, ['atom', 'id'], ['dc', 'identifier']));
  let link = linkOf(item);
  // RSS 2.0: a guid is a permalink unless isPermaLink="false"; readers use it when <link> is missing.
  if (!link && guidElement && (attributeOf(guidElement, 'ispermalink') ?? 'true').trim().toLowerCase() !== 'false') {
    link = resolveHttpUrl(guid && /^https?:\/\//i.test(guid) ? guid : null, guidElement.base);
  }
  const contentEncoded = firstChild(item, ['content', 'encoded']);
  const xhtmlBody = firstChild(item, ['xhtml', 'body']);
  const content = readFeedHtml(contentEncoded ?? xhtmlBody, 'rss-html').html;
  const description = readFeedText(core(item, 'description') ?? core(item, 'abstract'), 'rss-html');
  const summaryFallback = firstChild(item, ['dc', 'description'], ['itunes', 'summary'], ['itunes', 'subtitle']);
  const dateOf = (...names: [NamespaceKey | null, string][]): string | null => {
    for (const [key, local] of names) {
      const element = key === null ? core(item, local) : firstChild(item, [key, local]);
      const text = element ? nonEmpty(textOf(element)) : null;
      if (text) return text;
    }
    return null;
  };
  const authors = [
    ...elementsOf(item).flatMap((child) => {
      const key = namespaceKey(child.ns);
      const local = child.lname;
      if ((local === 'author' && key === null) || (key === 'dc' && (local === 'creator' || local === 'author')) || (key === 'itunes' && local === 'author')) {
        const name = firstChild(child, ['atom', 'name'], [null, 'name']);
        return [authorName(textOf(name ?? child))];
      }
      if (key === 'atom' && local === 'author') return [textOfOrNull(firstChild(child, ['atom', 'name']))];
      return [];
    }),
  ].filter((name): name is string => Boolean(name));
  const categories = elementsOf(item).flatMap((child) => {
    const key = namespaceKey(child.ns);
    const local = child.lname;
    if ((local === 'category' && key === null) || (key === 'dc' && local === 'subject')) return [stripHtml(textOf(child))];
    if (key === 'atom' && local === 'category') return [attributeOf(child, 'term') ?? ''];
    return [];
  });
  return {
    guid,
    link,
    title: firstText([
      [core(item, 'title'), 'rss-text'],
      [firstChild(item, ['dc', 'title']), 'rss-text'],
      [firstChild(item, ['itunes', 'title']), 'rss-text'],
      [media.mediaTitle, 'rss-text'],
    ]),
    summary: description.text ? description : summaryOf(summaryFallback, content),
    contentHtml: content,
    authors,
    categories,
    publishedRaw: dateOf(
      [null, 'pubdate'],
      ['dc', 'date'],
      ['dcterms', 'issued'],
      ['dcterms', 'created'],
      ['atom', 'published'],
      [null, 'lastmod'],
      ['atom', 'updated'],
    ),
    modifiedRaw: dateOf(['dcterms', 'modified'], ['atom', 'updated']),
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
