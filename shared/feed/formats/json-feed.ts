import { cleanUrl } from '../../article/clean-url';
import { resolveHttpUrl } from '../../article/resolve-url';
import { parseDate } from '../../dates/parse-date';
import { nonEmpty, stripHtml } from '../../text/strip-html';
import type { ParsedFeed } from '../feed';
import { FeedParseError } from '../feed-errors';
import { deriveItemIds } from '../item-identity';

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

function cleanOrNull(url: string | null): string | null {
  return url ? cleanUrl(url) : null;
}

/** Maps a JSON Feed 1.0 / 1.1 document (https://www.jsonfeed.org/version/1.1/) to a ParsedFeed. */
export function parseJsonFeed(text: string, baseUrl: string | null): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError('FEED_MALFORMED', `invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!isObject(doc) || !Array.isArray(doc.items)) {
    throw new FeedParseError('UNSUPPORTED_CONTENT', 'JSON document is not a JSON Feed (no "items" array)');
  }
  const homeUrl = resolveHttpUrl(str(doc.home_page_url), baseUrl);
  const base = resolveHttpUrl(str(doc.feed_url), baseUrl) ?? baseUrl;
  const feedAuthors = authorNames(doc);
  const raw = doc.items.filter(isObject).map((item) => {
    const url = resolveHttpUrl(str(item.url) ?? str(item.external_url), base);
    const contentHtml = nonEmpty(str(item.content_html));
    const summaryText = str(item.summary) ?? str(item.content_text) ?? (contentHtml ? stripHtml(contentHtml) : null);
    const published = str(item.date_published);
    const modified = str(item.date_modified);
    const image = resolveHttpUrl(str(item.image) ?? str(item.banner_image), base);
    const authors = authorNames(item);
    return {
      guid: nonEmpty(str(item.id)),
      url: cleanOrNull(url),
      title: nonEmpty(stripHtml(str(item.title) ?? '')),
      summary: nonEmpty(summaryText ? stripHtml(summaryText) : null),
      contentHtml,
      authors: authors.length ? authors : feedAuthors,
      categories: Array.isArray(item.tags) ? [...new Set(item.tags.map(str).flatMap((t) => (t ? [t.trim()] : [])))] : [],
      publishedAt: parseDate(published)?.instant.toISOString() ?? null,
      modifiedAt: parseDate(modified)?.instant.toISOString() ?? null,
      publishedRaw: published,
      modifiedRaw: modified,
      image: image ? { url: image, caption: null, credit: null, alt: null, width: null, height: null } : null,
      enclosures: Array.isArray(item.attachments)
        ? item.attachments.filter(isObject).flatMap((a) => {
            const u = resolveHttpUrl(str(a.url), base);
            const size = typeof a.size_in_bytes === 'number' && a.size_in_bytes >= 0 ? Math.floor(a.size_in_bytes) : null;
            return u ? [{ url: u, type: str(a.mime_type), length: size }] : [];
          })
        : [],
    };
  });
  const ids = deriveItemIds(raw);
  return {
    format: 'json',
    title: nonEmpty(str(doc.title)),
    homeUrl,
    description: nonEmpty(str(doc.description)),
    language: nonEmpty(str(doc.language)),
    imageUrl: resolveHttpUrl(str(doc.icon) ?? str(doc.favicon), base),
    ttlMinutes: null,
    items: raw.map((item, i) => ({ itemId: ids[i] ?? '', ...item })),
  };
}
