import { ARTICLE_SCHEMA_VERSION, type Article, type ArticleImage, type ArticleStatus, type ExtractionError, type FieldSource } from '../article/article';
import { hashKey, sha256Hex } from '../article/article-id';
import { cleanUrl } from '../article/clean-url';
import { countWords, readingTimeMinutes } from '../article/reading-time';
import { type ParsedDate, parseDate, parsePlausibleDate } from '../dates/parse-date';
import type { FeedItem } from '../feed/feed';
import { detectLanguage } from '../text/detect-language';
import { isCookieNotice, isOffTopic, repeatsTitle } from './check-description';
import { tokenF1 } from './choose-title';
import { choosePublishedDate } from './find-page-dates';
import type { PageMetadata, Sourced } from './read-metadata';
import { directionOfLanguage } from './read-metadata';

/** The feed an article came from; absent when a page is extracted on its own. */
export interface FeedRef {
  feedId: string;
  feedUrl: string;
}

/** Everything known about one page (or one feed entry) from which an Article is assembled. */
export interface ArticleParts {
  url: string;
  now: Date;
  item?: FeedItem | undefined;
  feed?: FeedRef | undefined;
  metadata: PageMetadata | null;
  /** Title Readability found, used when the page's metadata has none. */
  fallbackTitle?: string | null;
  contentHtml: string | null;
  contentText: string | null;
  status: ArticleStatus;
  method: Article['extraction']['method'];
  httpStatus: number | null;
  error: ExtractionError | null;
  durationMs: number;
}

// Prefixes of a site's own mirrors (mobile and AMP editions) whose canonical is the main site.
const MIRROR_PREFIX = /^(?:www\d*|m|mobile|amp)\./;

/**
 * Whether a page may name `canonical` as its identity: the same host once `www.` is set aside, or
 * the page is the site's mobile or AMP mirror of that host. Sibling hosts are refused even when
 * they share a suffix: `evil.co.uk` must not claim `bbc.co.uk`'s articles, nor
 * `attacker.github.io` those of `victim.github.io` (comparing the last two labels allowed both).
 */
function sameSite(pageHost: string, canonicalHost: string): boolean {
  const canonical = canonicalHost.replace(/^www\d*\./, '');
  return pageHost.replace(MIRROR_PREFIX, '') === canonical || pageHost === canonical;
}

/**
 * The URL an article is identified by: its canonical URL when that is plausible (same site, not
 * the home page), else the page URL. A canonical pointing elsewhere is a hint, not an identity:
 * trusting it would let one site claim another's articles.
 */
export function identityUrl(pageUrl: string, canonicalUrl: string | null): string {
  if (!canonicalUrl) return pageUrl;
  try {
    const page = new URL(pageUrl);
    const canonical = new URL(canonicalUrl);
    if (!sameSite(page.hostname, canonical.hostname)) return pageUrl;
    if (canonical.pathname === '/' && page.pathname !== '/') return pageUrl;
    return canonicalUrl;
  } catch {
    return pageUrl;
  }
}

// What the page states in its metadata (JSON-LD, OpenGraph, meta tags) wins; the feed's own
// value comes next; a guess from the page's markup (an <h1>, a byline-looking block) comes last.
function pick<T>(sources: Record<string, FieldSource>, field: string, page: Sourced<T> | null | undefined, feedValue: T | null | undefined): T | null {
  const hasFeedValue = feedValue !== null && feedValue !== undefined && !(Array.isArray(feedValue) && feedValue.length === 0);
  if (page && (page.source !== 'heuristic' || !hasFeedValue)) {
    sources[field] = page.source;
    return page.value;
  }
  if (hasFeedValue) {
    sources[field] = 'feed';
    return feedValue as T;
  }
  return null;
}

/** Above this a lead paragraph is cut at a sentence (else a word) boundary to serve as a description. */
const MAX_LEAD_CHARS = 300;
/** A first block shorter than this is a dateline, a caption or a label, not the lead. */
const MIN_LEAD_CHARS = 40;

// A meta line ("· Quickies · 7 Comments · October 29th, 2012") has few words between its separators; prose has
// at least six words, or is written in a script without spaces.
function isProse(paragraph: string): boolean {
  if (!/\p{L}/u.test(paragraph)) return false;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(paragraph)) return true;
  const words = paragraph.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word));
  const separators = (paragraph.match(/\s[·|•]\s/g) ?? []).length;
  // A long unbroken block is prose in whatever writing (or decoding) it comes.
  if (paragraph.length >= 120 && separators <= 2) return true;
  return words.length >= 6 && separators < words.length / 4;
}

/**
 * The article's lead paragraph as a description, for pages that state none: the first block of the
 * body text long enough to be prose, cut at the last sentence end (else word) within 300 characters.
 */
export function leadParagraph(text: string | null, title: string | null = null): string | null {
  if (!text) return null;
  const block = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .find((paragraph) => paragraph.length >= MIN_LEAD_CHARS && isProse(paragraph) && !isCookieNotice(paragraph) && !(title && repeatsTitle(paragraph, title)));
  if (!block) return null;
  if (block.length <= MAX_LEAD_CHARS) return block;
  const head = block.slice(0, MAX_LEAD_CHARS);
  const sentenceEnd = Math.max(...['. ', '! ', '? ', '。', '؟ '].map((mark) => head.lastIndexOf(mark)));
  if (sentenceEnd >= MIN_LEAD_CHARS) return head.slice(0, sentenceEnd + 1).trim();
  const space = head.lastIndexOf(' ');
  return `${head.slice(0, space > MIN_LEAD_CHARS ? space : MAX_LEAD_CHARS).replace(/[\s,;:–—-]+$/, '')}…`;
}

/**
 * The article's language: the declared one (html lang, JSON-LD inLanguage, og:locale, content-language, in
 * that order) that agrees with the language the body text is written in; a page's interface language often
 * differs from an article's (a German post on an English-language platform, an English syndicated story on
 * a German edition). The text decides alone only when the page declares nothing, or when it is strong
 * evidence and no declaration agrees with it.
 */
function chooseLanguage(meta: PageMetadata | null, text: string | null): Sourced<string> | null {
  const declared = meta?.declaredLanguages ?? [];
  const detected = detectLanguage(text);
  if (!detected) return declared[0] ?? null;
  const agreeing = declared.find((candidate) => candidate.value.split('-')[0] === detected.language);
  if (agreeing) return agreeing;
  if (!declared.length || detected.strength === 'strong') return { value: detected.language, source: 'heuristic' };
  return declared[0] ?? null;
}

function uniqueTags(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface ReadDate {
  iso: string | null;
  precision: 'instant' | 'day' | null;
  local: string | null;
}

const NO_DATE: ReadDate = { iso: null, precision: null, local: null };

function instant(raw: string | null, now: Date): ReadDate {
  const parsed = parsePlausibleDate(raw, now);
  return parsed ? readDate(parsed) : NO_DATE;
}

function readDate(parsed: ParsedDate): ReadDate {
  return { iso: parsed.instant.toISOString(), precision: parsed.precision, local: parsed.local };
}

// The feed entry's date, as the feed wrote it when it can be read again (its local day), else its instant.
function feedDate(item: FeedItem | undefined): ParsedDate | null {
  return parseDate(item?.publishedRaw) ?? parseDate(item?.publishedAt);
}

/**
 * The publication date: the page's candidates weighed against `now` and the feed entry's date
 * (choosePublishedDate); the raw string kept is the one the chosen date was read from.
 */
function publication(
  meta: PageMetadata | null,
  item: FeedItem | undefined,
  now: Date,
  sources: Record<string, FieldSource>,
): { raw: string | null; date: ReadDate } {
  const chosen = choosePublishedDate(meta?.publishedCandidates ?? [], { now, feedDate: feedDate(item) });
  if (chosen?.candidate) {
    sources.publishedAt = chosen.candidate.source;
    return { raw: chosen.candidate.raw, date: readDate(chosen.date) };
  }
  const raw = item?.publishedRaw ?? item?.publishedAt ?? null;
  const date = chosen ? readDate(chosen.date) : instant(raw, now);
  if (date.iso) sources.publishedAt = 'feed';
  return { raw, date };
}

// A URL that does not parse still names the page the caller asked about; it is kept as given
// (the Article records the failure) rather than lost to an exception.
function cleanOrRaw(url: string): string {
  try {
    return cleanUrl(url);
  } catch {
    return url;
  }
}

/** Builds a schema-valid Article from what was found, choosing each field's best source. */
export function assembleArticle(parts: ArticleParts): Article {
  const { metadata: meta, item, now } = parts;
  const sources: Record<string, FieldSource> = {};
  const url = cleanOrRaw(parts.url);
  const canonicalUrl = meta?.canonicalUrl ? cleanOrRaw(meta.canonicalUrl.value) : null;
  if (meta?.canonicalUrl) sources.canonicalUrl = meta.canonicalUrl.source;

  // A title read only from <title> or the markup that disagrees with the feed entry's is the
  // page's (a section front, a landing page), not the entry's.
  const pageTitle =
    meta?.title && (meta.title.source === 'jsonld' || meta.title.source === 'opengraph' || !item?.title || tokenF1(meta.title.value, item.title) >= 0.5)
      ? meta.title
      : null;
  let title = pick(sources, 'title', pageTitle, item?.title);
  if (!title && parts.fallbackTitle) {
    title = parts.fallbackTitle;
    sources.title = 'readability';
  }
  // A stated description about something else (the site's tagline, a stale summary) or only repeating the
  // headline says nothing about this article: the lead paragraph does better.
  const pageDescription =
    meta?.description &&
    !repeatsTitle(meta.description.value, title) &&
    !isOffTopic(meta.description.value, title, parts.status === 'extracted' ? parts.contentText : null)
      ? meta.description
      : null;
  let description = pick(sources, 'description', pageDescription, item?.summary);
  const lead = description ? null : leadParagraph(parts.contentText, title);
  if (lead) {
    description = lead;
    sources.description = 'readability';
  }
  const authors = pick(sources, 'authors', meta?.authors, item?.authors) ?? [];

  const { raw: publishedRaw, date: published } = publication(meta, item, now, sources);
  const modifiedRaw = pick(sources, 'modifiedAt', meta?.modified, item?.modifiedRaw ?? item?.modifiedAt);
  let modified = instant(modifiedRaw, now);
  // A "modification" at or before publication is no edit: Atom requires <updated> and most feeds
  // and CMSs copy the publication time into it. The raw string stays in `dates.modifiedRaw`.
  if (modified.iso && published.iso && modified.iso <= published.iso) modified = NO_DATE;
  if (!published.iso) delete sources.publishedAt;
  if (!modified.iso) delete sources.modifiedAt;

  const pageTags = meta?.tags?.value ?? [];
  const tags = uniqueTags([...pageTags, ...(item?.categories ?? [])]);
  if (pageTags.length && meta?.tags) sources.tags = meta.tags.source;
  else if (tags.length) sources.tags = 'feed';

  const chosenLanguage = chooseLanguage(meta, parts.contentText);
  const language = pick(sources, 'language', chosenLanguage, null);
  // A direction the page states (dir=) stands; one derived from a declared language follows the language chosen.
  const statedDirection = meta?.direction?.source === 'heuristic' ? null : meta?.direction;
  let direction = pick(sources, 'direction', statedDirection, null);
  if (!direction && language) {
    direction = directionOfLanguage(language);
    sources.direction = 'heuristic';
  }
  const pageImage = meta?.image ?? null;
  const image: ArticleImage | null = pick(sources, 'image', pageImage, item?.image ?? null);

  const text = parts.contentText?.trim() ? parts.contentText : null;
  const wordCount = text ? countWords(text) : 0;
  const identity = identityUrl(url, canonicalUrl);
  const itemId = item?.itemId ?? hashKey(`link:${url}`);
  const hashBasis = text ?? `${title ?? ''}\n${description ?? ''}`;

  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: hashKey(cleanOrRaw(identity)),
    feedId: parts.feed?.feedId ?? '',
    feedUrl: parts.feed?.feedUrl ?? '',
    itemId,
    url,
    canonicalUrl,
    title: title ?? url,
    description,
    authors,
    publishedAt: published.iso,
    modifiedAt: modified.iso,
    dates: { publishedRaw, publishedLocal: published.local, modifiedRaw, precision: published.precision },
    fetchedAt: now.toISOString(),
    siteName: pick(sources, 'siteName', meta?.siteName, null),
    section: pick(sources, 'section', meta?.section, null),
    tags,
    language,
    direction,
    image,
    contentHtml: parts.contentHtml?.trim() ? parts.contentHtml : null,
    contentText: text,
    wordCount,
    readingTimeMinutes: text ? readingTimeMinutes(text) : 0,
    contentHash: sha256Hex(hashBasis),
    revision: 1,
    status: parts.status,
    extraction: {
      method: parts.method,
      httpStatus: parts.httpStatus,
      error: parts.error,
      durationMs: Math.round(parts.durationMs * 10) / 10,
      fieldSources: sources,
    },
  };
}
