import Parser from 'rss-parser';
import type { ArticleImage } from '../../article/article';
import { cleanUrl } from '../../article/clean-url';
import { resolveHttpUrl } from '../../article/resolve-url';
import { parseDate } from '../../dates/parse-date';
import { nonEmpty, stripHtml } from '../../text/strip-html';
import type { Enclosure, FeedFormat, FeedItem, ParsedFeed } from '../feed';
import { FeedParseError } from '../feed-errors';
import { deriveItemIds } from '../item-identity';

// xml2js output: every element is an array of strings or of objects with `_` (text) and `$` (attributes).
type XmlValue = string | XmlNode;
interface XmlNode {
  _?: string;
  $?: Record<string, string>;
  [child: string]: unknown;
}
type RawItem = Record<string, unknown>;

const ITEM_FIELDS: [string, string, { keepArray: boolean }][] = [
  ['media:content', 'mediaContent', { keepArray: true }],
  ['media:thumbnail', 'mediaThumbnail', { keepArray: true }],
  ['media:group', 'mediaGroup', { keepArray: true }],
  ['media:description', 'mediaDescription', { keepArray: true }],
  ['media:credit', 'mediaCredit', { keepArray: true }],
  ['category', 'rawCategories', { keepArray: true }],
  ['dc:subject', 'dcSubject', { keepArray: true }],
  ['author', 'rawAuthors', { keepArray: true }],
  ['dc:creator', 'dcCreators', { keepArray: true }],
  ['updated', 'updated', { keepArray: false }],
  ['published', 'published', { keepArray: false }],
  ['dcterms:modified', 'dctermsModified', { keepArray: false }],
  ['itunes:image', 'itunesImage', { keepArray: true }],
  ['id', 'atomId', { keepArray: false }],
];

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object') {
    const node = value as XmlNode;
    if (typeof node._ === 'string') return node._;
    const name = node.name;
    if (name !== undefined) return text(name);
  }
  return null;
}

function attr(value: unknown, name: string): string | null {
  const node = (Array.isArray(value) ? value[0] : value) as XmlNode | undefined;
  return node && typeof node === 'object' ? (node.$?.[name] ?? null) : null;
}

function nodes(value: unknown): XmlValue[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as XmlValue[];
}

function categoriesOf(item: RawItem): string[] {
  const names = [...nodes(item.rawCategories), ...nodes(item.dcSubject)].flatMap((node) => {
    const value = typeof node === 'string' ? node : (node.$?.term ?? node.$?.label ?? node._ ?? null);
    const clean = nonEmpty(value);
    return clean ? [clean] : [];
  });
  return [...new Set(names)];
}

function authorsOf(item: RawItem): string[] {
  const names = [...nodes(item.dcCreators), ...nodes(item.rawAuthors)].flatMap((node) => {
    let value = text(node);
    // RSS 2.0 <author> is an e-mail address, often "mail@example.com (Name)".
    const paren = value ? /^\S+@\S+\s*\((.+)\)$/.exec(value.trim()) : null;
    if (paren?.[1]) value = paren[1];
    else if (value && /^\S+@\S+$/.test(value.trim())) value = null;
    const clean = nonEmpty(value ? stripHtml(value) : null);
    return clean ? [clean] : [];
  });
  return [...new Set(names)];
}

function dimension(value: string | null): number | null {
  const n = value ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

function imageOf(item: RawItem, enclosures: Enclosure[], base: string | null): ArticleImage | null {
  const groups = nodes(item.mediaGroup).flatMap((g) => (typeof g === 'string' ? [] : nodes(g['media:content'])));
  const media = [...nodes(item.mediaContent), ...groups].find((node) => {
    const medium = attr(node, 'medium');
    const type = attr(node, 'type');
    return medium === 'image' || type?.startsWith('image/') || (!medium && !type && attr(node, 'url'));
  });
  const caption = nonEmpty(text(item.mediaDescription) ?? (media && typeof media !== 'string' ? text(media['media:description']) : null));
  const credit = nonEmpty(text(item.mediaCredit) ?? (media && typeof media !== 'string' ? text(media['media:credit']) : null));
  const candidates: [string | null, string | null, string | null][] = [
    [attr(media, 'url'), attr(media, 'width'), attr(media, 'height')],
    [attr(item.mediaThumbnail, 'url'), attr(item.mediaThumbnail, 'width'), attr(item.mediaThumbnail, 'height')],
    [enclosures.find((e) => e.type?.startsWith('image/'))?.url ?? null, null, null],
    [attr(item.itunesImage, 'href'), null, null],
  ];
  for (const [url, width, height] of candidates) {
    const absolute = resolveHttpUrl(url, base);
    if (absolute) {
      return { url: absolute, caption: caption ? stripHtml(caption) : null, credit, alt: null, width: dimension(width), height: dimension(height) };
    }
  }
  return null;
}

function detectXmlFormat(xml: string): FeedFormat {
  const head = xml.slice(0, 4096).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '');
  const root = /<([A-Za-z_][\w.:-]*)/.exec(head)?.[1]?.toLowerCase();
  if (root === 'rss') return 'rss';
  if (root === 'feed') return 'atom';
  if (root === 'rdf:rdf' || root?.endsWith(':rdf')) return 'rdf';
  if (root === 'html') throw new FeedParseError('UNSUPPORTED_CONTENT', 'document is an HTML page, not a feed');
  throw new FeedParseError('UNSUPPORTED_CONTENT', root ? `unknown feed root element <${root}>` : 'no XML root element');
}

/** Parses RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom with rss-parser, then normalises the result. */
export async function parseRssAtomFeed(xml: string, baseUrl: string | null): Promise<ParsedFeed> {
  const format = detectXmlFormat(xml);
  // A fresh parser per document: rss-parser instances keep state that can leave a later parse unsettled.
  const parser = new Parser<Record<string, unknown>, RawItem>({ customFields: { item: ITEM_FIELDS as never, feed: ['ttl', 'language', 'icon', 'logo'] } });
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    throw new FeedParseError('FEED_MALFORMED', `malformed ${format} feed: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const home = resolveHttpUrl(text(feed.link), baseUrl);
  const base = baseUrl ?? home;
  const drafts = feed.items.map((raw) => {
    const item = raw as RawItem & Parser.Item & { 'content:encoded'?: string; atomId?: unknown; id?: string };
    const link = resolveHttpUrl(text(item.link), base);
    const enclosures: Enclosure[] = [];
    const enclosureUrl = resolveHttpUrl(item.enclosure?.url, base);
    if (enclosureUrl) {
      const length = Number(item.enclosure?.length);
      enclosures.push({ url: enclosureUrl, type: item.enclosure?.type ?? null, length: Number.isFinite(length) && length >= 0 ? Math.floor(length) : null });
    }
    const contentHtml = nonEmpty(item['content:encoded'] ?? (format === 'atom' ? item.content : null));
    const summarySource = format === 'atom' ? (item.summary ?? item.content) : item.content;
    const publishedRaw = nonEmpty(text(item.published) ?? item.pubDate ?? text(item['dc:date']));
    const modifiedRaw = nonEmpty(text(item.updated) ?? text(item.dctermsModified));
    return {
      guid: nonEmpty(text(item.guid) ?? text(item.atomId) ?? item.id ?? null),
      url: link ? cleanUrl(link) : null,
      title: nonEmpty(item.title ? stripHtml(item.title) : null),
      summary: nonEmpty(summarySource ? stripHtml(summarySource) : null),
      contentHtml,
      authors: authorsOf(item),
      categories: categoriesOf(item),
      publishedAt: parseDate(publishedRaw)?.instant.toISOString() ?? null,
      modifiedAt: parseDate(modifiedRaw)?.instant.toISOString() ?? null,
      publishedRaw,
      modifiedRaw,
      image: imageOf(item, enclosures, base),
      enclosures,
    } satisfies Omit<FeedItem, 'itemId'>;
  });
  const ids = deriveItemIds(drafts);
  const ttl = Number.parseInt(text(feed.ttl) ?? '', 10);
  return {
    format,
    title: nonEmpty(feed.title ? stripHtml(feed.title) : null),
    homeUrl: home,
    description: nonEmpty(feed.description ? stripHtml(feed.description) : null),
    language: nonEmpty(text(feed.language)),
    imageUrl: resolveHttpUrl(feed.image?.url ?? text(feed.logo) ?? text(feed.icon), base),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: drafts.map((draft, i) => ({ itemId: ids[i] ?? '', ...draft })),
  };
}
