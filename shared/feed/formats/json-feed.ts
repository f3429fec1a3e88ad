import { resolveHttpUrl } from '../../article/resolve-url';
import { nonEmpty, stripHtml } from '../../text/strip-html';
import { cleanFeedHtml } from '../clean-feed-html';
import { FeedParseError } from '../feed-errors';
import type { FeedDraft, ItemDraft } from './finish-feed';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);

function authorNames(record: Json): string[] {
  // JSON Feed 1.1 uses `authors`; 1.0 had a single `author` object.
  const list = Array.isArray(record.authors) ? record.authors : isObject(record.author) ? [record.author] : [];
  return list.flatMap((author) => {
    const name = isObject(author) ? nonEmpty(str(author.name)) : null;
    return name ? [name] : [];
  });
}

function readItem(item: Json, base: string | null, feedAuthors: string[], issues: string[]): ItemDraft {
  const contentHtml = nonEmpty(str(item.content_html)) ? cleanFeedHtml(str(item.content_html) as string, base) : null;
  const summaryText = str(item.summary) ?? str(item.content_text) ?? contentHtml;
  const image = resolveHttpUrl(str(item.image) ?? str(item.banner_image), base);
  const authors = authorNames(item);
  if (item.id === undefined) issues.push('item without the required "id"');
  return {
    guid: str(item.id),
    link: resolveHttpUrl(str(item.url) ?? str(item.external_url), base),
    title: { text: nonEmpty(str(item.title)), html: null },
    summary: { text: summaryText ? nonEmpty(stripHtml(summaryText)) : null, html: null },
    contentHtml,
    authors: authors.length ? authors : feedAuthors,
    categories: Array.isArray(item.tags) ? item.tags.map(str).filter((tag): tag is string => tag !== null) : [],
    publishedRaw: str(item.date_published),
    modifiedRaw: str(item.date_modified),
    image: image ? { url: image, caption: null, credit: null, alt: null, width: null, height: null } : null,
    enclosures: Array.isArray(item.attachments)
      ? item.attachments.filter(isObject).flatMap((attachment) => {
          const url = resolveHttpUrl(str(attachment.url), base);
          const size = typeof attachment.size_in_bytes === 'number' && attachment.size_in_bytes >= 0 ? Math.floor(attachment.size_in_bytes) : null;
          return url ? [{ url, type: str(attachment.mime_type), length: size }] : [];
        })
      : [],
  };
}

/** Reads a JSON Feed 1.0 / 1.1 document (https://www.jsonfeed.org/version/1.1/). */
export function readJsonFeed(text: string, baseUrl: string | null): FeedDraft {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FeedParseError('FEED_MALFORMED', `invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(doc) || !Array.isArray(doc.items)) {
    throw new FeedParseError('UNSUPPORTED_CONTENT', 'JSON document is not a JSON Feed (no "items" array)');
  }
  const issues: string[] = [];
  if (!/^https:\/\/jsonfeed\.org\/version\/1(?:\.1)?$/.test(str(doc.version) ?? '')) issues.push('missing or unknown JSON Feed version');
  // Relative URLs resolve against the feed's own URL (JSON Feed 1.1, "feed_url"), else where it was fetched.
  const base = resolveHttpUrl(str(doc.feed_url), baseUrl) ?? baseUrl;
  const feedAuthors = authorNames(doc);
  return {
    format: 'json',
    title: { text: nonEmpty(str(doc.title)), html: null },
    homeUrl: resolveHttpUrl(str(doc.home_page_url), base),
    description: nonEmpty(str(doc.description)),
    language: nonEmpty(str(doc.language)),
    imageUrl: resolveHttpUrl(str(doc.icon) ?? str(doc.favicon), base),
    ttlMinutes: null,
    items: doc.items.filter(isObject).map((item) => readItem(item, base, feedAuthors, issues)),
    issues: [...new Set(issues)],
  };
}
