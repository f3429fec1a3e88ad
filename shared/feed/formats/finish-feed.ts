import type { ArticleImage } from '../../article/article';
import { MAX_FUTURE_SKEW_MS, parseDate } from '../../dates/parse-date';
import { nonEmpty } from '../../text/strip-html';
import type { Enclosure, FeedFormat, FeedItem, ParsedFeed } from '../feed';
import { deriveItemIds } from '../item-identity';
import type { FeedText } from './read-feed-text';

/** One entry as a format reader found it, before identity and dates are derived. */
export interface ItemDraft {
  guid: string | null;
  /** Absolute http(s) link to the entry's page. */
  link: string | null;
  title: FeedText;
  summary: FeedText;
  contentHtml: string | null;
  authors: string[];
  categories: string[];
  publishedRaw: string | null;
  modifiedRaw: string | null;
  image: ArticleImage | null;
  enclosures: Enclosure[];
}

/** A whole feed as a format reader found it. */
export interface FeedDraft {
  format: FeedFormat;
  title: FeedText;
  homeUrl: string | null;
  description: string | null;
  language: string | null;
  imageUrl: string | null;
  ttlMinutes: number | null;
  items: ItemDraft[];
  issues: string[];
}

function readDate(raw: string | null, now: Date | null): { iso: string | null; precision: 'instant' | 'day' | null } {
  const parsed = parseDate(raw);
  if (!parsed) return { iso: null, precision: null };
  // A date more than a day after the fetch is a publisher's clock or time-zone error: the fetch time
  // is the best estimate of when the entry appeared (the raw string is kept beside it).
  if (now && parsed.instant.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) return { iso: now.toISOString(), precision: 'instant' };
  return { iso: parsed.instant.toISOString(), precision: parsed.precision };
}

// Caps on fields that are labels, not content (catalogue 26: 10k categories, 1 MB titles). Summaries
// and content HTML are not cut: they are the article when its page cannot be fetched.
const MAX_LABEL_CHARS = 1_000;
const MAX_LABELS = 100;

function label(value: string | null): string | null {
  return value && value.length > MAX_LABEL_CHARS ? `${value.slice(0, MAX_LABEL_CHARS - 1)}\u2026` : value;
}

/** Unique, trimmed, non-empty strings in first-seen order, at most 100, each at most 1,000 characters. */
export function uniqueStrings(values: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const clean = label(nonEmpty(value));
    if (clean) out.add(clean);
    if (out.size >= MAX_LABELS) break;
  }
  return [...out];
}

/**
 * Turns a reader's draft into the public ParsedFeed: links kept as the feed wrote them (made absolute
 * against xml:base and the feed's URL, nothing removed: tracking parameters and fragments are cleaned
 * where an identity is derived, in deriveItemIds and in the Article's url), dates parsed (and, when the fetch time `now` is known, a date more than a day ahead replaced by it),
 * and every entry given its identity (see deriveItemIds).
 */
export function finishFeed(draft: FeedDraft, now: Date | null): ParsedFeed {
  const items: FeedItem[] = [];
  for (const item of draft.items) {
    const published = readDate(item.publishedRaw, now);
    const modified = readDate(item.modifiedRaw, now);
    items.push({
      // Set below, once every entry is known; first so that the keys keep their order.
      itemId: '',
      guid: nonEmpty(item.guid),
      url: item.link,
      title: label(item.title.text),
      titleHtml: item.title.html && item.title.html.length > MAX_LABEL_CHARS ? null : item.title.html,
      summary: item.summary.text,
      contentHtml: item.contentHtml && /\S/.test(item.contentHtml) ? item.contentHtml : null,
      authors: uniqueStrings(item.authors),
      categories: uniqueStrings(item.categories),
      publishedAt: published.iso,
      modifiedAt: modified.iso,
      publishedRaw: nonEmpty(item.publishedRaw),
      modifiedRaw: nonEmpty(item.modifiedRaw),
      publishedPrecision: published.precision,
      image: item.image,
      enclosures: item.enclosures,
    });
  }
  const ids = deriveItemIds(items);
  for (let i = 0; i < items.length; i++) (items[i] as FeedItem).itemId = ids[i] ?? '';
  return {
    format: draft.format,
    title: label(draft.title.text),
    titleHtml: draft.title.html && draft.title.html.length > MAX_LABEL_CHARS ? null : draft.title.html,
    homeUrl: draft.homeUrl,
    description: draft.description,
    language: draft.language,
    imageUrl: draft.imageUrl,
    ttlMinutes: draft.ttlMinutes,
    items,
    issues: draft.issues,
  };
}
