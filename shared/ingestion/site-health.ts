import type { Article } from '../article/article';

/**
 * Per-site extraction health: what one site (URL host) gave on one UTC day, kept as counters (one
 * DynamoDB ADD per stored article), and the rule that tells a site whose extraction broke (a
 * redesign turning bodies into navigation text, or into feed-only fallbacks) from one that never
 * extracted well. Pure: no I/O, the day and the figures come in as arguments.
 */

/** The counters of one site on one day. */
export interface SiteDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** The page URL's host (with its port when not the default). */
  host: string;
  extracted: number;
  feedOnly: number;
  failed: number;
  /** Sum of `wordCount` over the extracted articles (their mean body length is words / extracted). */
  words: number;
}

/** One stored article, as the counters see it. */
export interface SiteObservation {
  day: string;
  host: string;
  status: Article['status'];
  words: number;
}

/** Thresholds of {@link findDegradedSites}. */
export interface SiteHealthRule {
  /** Days before the recent window that make a site's history (today excluded). */
  baselineDays: number;
  /** Days in the recent window, today included. */
  recentDays: number;
  /** A day counts in the history only with at least this many articles. */
  minDayArticles: number;
  /** "Used to extract well": at least this many history days had a good day... */
  minGoodDays: number;
  /** ...where at least this share of the articles was extracted. */
  goodExtractedShare: number;
  /** The recent window is judged only with at least this many articles. */
  minRecentArticles: number;
  /** Degraded when the recent extracted share falls below this... */
  degradedExtractedShare: number;
  /** ...or the recent mean body length falls below this fraction of the good days' median. */
  degradedWordsRatio: number;
}

export const DEFAULT_SITE_HEALTH_RULE: SiteHealthRule = {
  baselineDays: 14,
  recentDays: 1,
  minDayArticles: 3,
  minGoodDays: 3,
  goodExtractedShare: 0.8,
  minRecentArticles: 5,
  degradedExtractedShare: 0.5,
  degradedWordsRatio: 0.5,
};

/** Totals of a site over some days. */
export interface SiteTotals {
  host: string;
  articles: number;
  extracted: number;
  feedOnly: number;
  failed: number;
  /** Extracted / articles (0 when there are none). */
  extractedShare: number;
  /** Mean words of the extracted bodies, null when none was extracted. */
  meanWords: number | null;
}

/** A site that used to extract well and no longer does. */
export interface DegradedSite {
  host: string;
  /** Which test failed: too few extracted, or bodies much shorter than they used to be. */
  reasons: ('extracted-share' | 'word-count')[];
  recent: SiteTotals;
  baseline: { goodDays: number; extractedShare: number; medianWords: number | null };
}

const MS_PER_DAY = 86_400_000;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `count` consecutive UTC days ending with the day of `until` (oldest first). */
export function daysEnding(until: Date, count: number): string[] {
  const last = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate());
  return Array.from({ length: count }, (_, i) => dayOf(new Date(last - (count - 1 - i) * MS_PER_DAY)));
}

/**
 * The site an article belongs to: its page URL's host, lower case, without a leading `www.` (so a
 * site that moves between the two stays one row). Null for a URL that does not parse.
 */
export function siteOf(url: string): string | null {
  try {
    const host = new URL(url).host.toLowerCase();
    return host.startsWith('www.') ? host.slice(4) : host;
  } catch {
    return null;
  }
}

/** What the counters record for one stored article; null when its URL names no site. */
export function observeArticle(article: Pick<Article, 'url' | 'status' | 'wordCount'>, now: Date): SiteObservation | null {
  const host = siteOf(article.url);
  if (!host) return null;
  return { day: dayOf(now), host, status: article.status, words: article.status === 'extracted' ? Math.max(0, Math.round(article.wordCount)) : 0 };
}

/** Sums days of one or many sites into one row per site, sorted by host. */
export function totalBySite(rows: readonly SiteDay[]): SiteTotals[] {
  const sums = new Map<string, { extracted: number; feedOnly: number; failed: number; words: number }>();
  for (const row of rows) {
    const sum = sums.get(row.host) ?? { extracted: 0, feedOnly: 0, failed: 0, words: 0 };
    sum.extracted += row.extracted;
    sum.feedOnly += row.feedOnly;
    sum.failed += row.failed;
    sum.words += row.words;
    sums.set(row.host, sum);
  }
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([host, sum]) => totalsOf(host, sum));
}

function totalsOf(host: string, sum: { extracted: number; feedOnly: number; failed: number; words: number }): SiteTotals {
  const articles = sum.extracted + sum.feedOnly + sum.failed;
  return {
    host,
    articles,
    extracted: sum.extracted,
    feedOnly: sum.feedOnly,
    failed: sum.failed,
    extractedShare: articles ? sum.extracted / articles : 0,
    meanWords: sum.extracted ? sum.words / sum.extracted : null,
  };
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The sites that used to extract well and have stopped: the degraded-site rule.
 *
 * History: the `baselineDays` before the recent window. A site "used to extract well" when at
 * least `minGoodDays` of those days each had `minDayArticles` articles or more with an extracted
 * share of at least `goodExtractedShare`. Counting good days rather than pooling the history keeps
 * the judgement steady while a breakage ages into it: after a redesign the site is still reported
 * on the following days, for as long as enough good days remain in the history.
 *
 * Recent window: the last `recentDays` days up to `now`. With at least `minRecentArticles`
 * articles, the site is degraded when its extracted share is below `degradedExtractedShare` (pages
 * now fall back to the feed or fail) or the mean body of its extracted articles is shorter than
 * `degradedWordsRatio` x the median of the good days' means (bodies became navigation text). A
 * site that never extracted well is never reported: that is a known gap, not a change.
 */
export function findDegradedSites(rows: readonly SiteDay[], now: Date, rule: SiteHealthRule = DEFAULT_SITE_HEALTH_RULE): DegradedSite[] {
  const recentDays = new Set(daysEnding(now, rule.recentDays));
  const window = daysEnding(now, rule.recentDays + rule.baselineDays);
  const baselineDays = new Set(window.slice(0, rule.baselineDays));
  const byHost = new Map<string, SiteDay[]>();
  for (const row of rows) byHost.set(row.host, [...(byHost.get(row.host) ?? []), row]);

  const degraded: DegradedSite[] = [];
  for (const [host, days] of [...byHost.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [recent] = totalBySite(days.filter((d) => recentDays.has(d.day)));
    if (!recent || recent.articles < rule.minRecentArticles) continue;
    const goodDays = days
      .filter((d) => baselineDays.has(d.day))
      .map((d) => totalsOf(host, d))
      .filter((d) => d.articles >= rule.minDayArticles && d.extractedShare >= rule.goodExtractedShare);
    if (goodDays.length < rule.minGoodDays) continue;
    const medianWords = median(goodDays.flatMap((d) => (d.meanWords === null ? [] : [d.meanWords])));
    const reasons: DegradedSite['reasons'] = [];
    if (recent.extractedShare < rule.degradedExtractedShare) reasons.push('extracted-share');
    if (medianWords !== null && recent.meanWords !== null && recent.meanWords < rule.degradedWordsRatio * medianWords) reasons.push('word-count');
    if (!reasons.length) continue;
    const [pooled] = totalBySite(goodDays.map((d) => ({ day: '', host, extracted: d.extracted, feedOnly: d.feedOnly, failed: d.failed, words: 0 })));
    degraded.push({ host, reasons, recent, baseline: { goodDays: goodDays.length, extractedShare: pooled?.extractedShare ?? 0, medianWords } });
  }
  return degraded;
}
