import { type Article, ArticleStatusSchema } from '../article/article';
import { InvalidInputError } from '../errors';
import type { FeedItem } from '../feed/feed';
import type { ExtractArticleJob } from './jobs';

/** Which stored articles `reextract` queues again (every criterion given must hold). */
export interface ReextractCriteria {
  status?: Article['status'] | undefined;
  /** Host of the article's page URL (`www.example.com`, or `example.com` for it and its subdomains). */
  site?: string | undefined;
  /** Only articles whose `extraction.extractorVersion` is below this (absent counts as 0). */
  beforeVersion?: number | undefined;
}

/** Validates the criteria a user typed. */
export function parseReextractCriteria(raw: { status?: string | undefined; site?: string | undefined; beforeVersion?: string | undefined }): ReextractCriteria {
  const criteria: ReextractCriteria = {};
  if (raw.status !== undefined) {
    const status = ArticleStatusSchema.safeParse(raw.status);
    if (!status.success) throw new InvalidInputError('USAGE', `--status must be one of ${ArticleStatusSchema.options.join(', ')}`);
    criteria.status = status.data;
  }
  if (raw.site !== undefined) {
    const site = raw.site
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '');
    if (!site) throw new InvalidInputError('USAGE', '--site needs a host name');
    criteria.site = site;
  }
  if (raw.beforeVersion !== undefined) {
    const version = Number(raw.beforeVersion);
    if (!Number.isInteger(version) || version < 0) throw new InvalidInputError('USAGE', '--before-version must be a whole number');
    criteria.beforeVersion = version;
  }
  return criteria;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether a stored article is selected, and can be fetched again (an entry without a link cannot). */
export function isSelectedForReextract(article: Article, criteria: ReextractCriteria): boolean {
  if (article.extraction.error?.code === 'NO_URL') return false;
  if (criteria.status && article.status !== criteria.status) return false;
  if (criteria.beforeVersion !== undefined && (article.extraction.extractorVersion ?? 0) >= criteria.beforeVersion) return false;
  if (criteria.site) {
    const host = hostOf(article.url);
    if (!host || (host !== criteria.site && !host.endsWith(`.${criteria.site}`))) return false;
  }
  return true;
}

/**
 * The extract job that fetches and extracts a stored article's page again. The feed entry is
 * rebuilt from the record (its identity, link, title, summary, dates, authors and tags), so a page
 * that still fails keeps what the article had; the feed it was first seen in stays its feed.
 */
export function reextractJob(article: Article, now: Date): ExtractArticleJob {
  const item: FeedItem = {
    itemId: article.itemId,
    guid: null,
    url: article.url,
    title: article.title || null,
    titleHtml: null,
    summary: article.description,
    // Only a feed-only record's body is the feed's own content, the fallback if the page still fails.
    contentHtml: article.status === 'feed-only' ? article.contentHtml : null,
    authors: article.authors,
    categories: article.tags,
    publishedAt: article.publishedAt,
    modifiedAt: article.modifiedAt,
    publishedRaw: article.dates.publishedRaw,
    modifiedRaw: article.dates.modifiedRaw,
    publishedPrecision: article.dates.precision,
    image: article.image,
    enclosures: [],
  };
  return { kind: 'extract-article', version: 1, feedId: article.feedId, feedUrl: article.feedUrl, item, discoveredAt: now.toISOString() };
}
