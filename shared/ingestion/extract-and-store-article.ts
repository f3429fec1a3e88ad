import type { Article } from '../article/article';
import { articleId } from '../article/article-id';
import { errorCode, errorMessage, FeedloomError, InvalidInputError } from '../errors';
import { articleFromFeedItem, type ExtractArticleOptions } from '../extraction/extract-article';
import { EXTRACTOR_VERSION } from '../extraction/extractor-version';
import { retryPlan } from './article-retry-policy';
import { type RobotsCache, robotsGate } from './check-robots';
import { FetchError } from './fetch-error';
import type { ExtractArticleJob } from './jobs';
import type { ArticleRetryLedger, ArticleStore, Clock, EntryArticleIds, HttpClient, Logger, PutArticleResult, SiteHealthStore } from './ports';
import { RetryLaterError } from './retry-later-error';
import type { IngestionSettings } from './settings';
import { observeArticle } from './site-health';
import { transientAnswer } from './transient-answer';

/** Turns page bytes into an Article; in-process or in a worker with a deadline. */
export type ExtractPage = (input: Uint8Array, options: ExtractArticleOptions) => Promise<Article>;

/** Collaborators of {@link extractAndStoreArticle}. */
export interface ExtractAndStoreDeps {
  http: HttpClient;
  articles: ArticleStore;
  clock: Clock;
  settings: IngestionSettings;
  extract: ExtractPage;
  logger?: Logger;
  /**
   * robots.txt of article pages (`settings.respectRobotsTxt`): the shared cache and the User-Agent
   * the HTTP client sends. Without it no robots.txt is read (a caller with no database).
   */
  robots?: { cache: RobotsCache; userAgent: string };
  /** Per-site extraction counters; absent, nothing is counted. */
  siteHealth?: SiteHealthStore;
  /** Where a page that failed for a passing reason waits for a later cycle; without one it is not retried. */
  retries?: ArticleRetryLedger;
  /**
   * Where an entry's extraction under another id than its link's is noted, so a failed refetch of
   * the entry keeps that extraction instead of storing a second, feed-only record; absent, it is not.
   */
  entries?: EntryArticleIds;
}

/** Delivery context: whether the queue will deliver this job again if it fails now. */
export interface Delivery {
  finalAttempt: boolean;
}

/** What happened to one extract job. */
export interface ExtractAndStoreResult {
  articleId: string;
  url: string;
  status: Article['status'];
  write: PutArticleResult['outcome'];
  revision: number;
  /** Why the page could not be used (feed-only and failed articles). */
  error: { code: string; message: string } | null;
}

/**
 * The URL standing for an entry without a link: the feed's URL naming the entry in a query
 * parameter. It is never fetched; it gives each such entry its own article id, since the id comes
 * from the cleaned URL and cleaning drops a fragment (`#item-...` made every link-less entry of a
 * feed one article, each overwriting the last).
 */
function entryUrl(feedUrl: string, itemId: string): string {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch (error) {
    throw new InvalidInputError('BAD_JOB', `the job's feed URL is not a URL: ${feedUrl.slice(0, 200)}`, { cause: error });
  }
  url.hash = '';
  url.searchParams.append('feedloom-item', itemId);
  return url.href;
}

/**
 * Adds a stored article to its site's counters. The counters are statistics for an alarm, not
 * data: a failed increment is logged and the job still succeeds (retrying it would fetch and store
 * the page again for one counter).
 */
async function countForSite(article: Article, now: Date, deps: ExtractAndStoreDeps): Promise<void> {
  if (!deps.siteHealth) return;
  const observation = observeArticle(article, now);
  if (!observation) return;
  try {
    await deps.siteHealth.record(observation);
  } catch (error) {
    deps.logger?.warn('site health not counted', { host: observation.host, code: errorCode(error), error: errorMessage(error).slice(0, 300) });
  }
}

/**
 * Fetches an entry's page, extracts the article and stores it idempotently. A page that cannot be
 * used still yields an Article (`feed-only` or `failed`, with the reason and HTTP status), so
 * nothing is lost; transient failures are thrown as RetryLaterError while the queue will retry,
 * and recorded as such on the final attempt.
 */
export async function extractAndStoreArticle(job: ExtractArticleJob, deps: ExtractAndStoreDeps, delivery: Delivery): Promise<ExtractAndStoreResult> {
  const { item } = job;
  const feed = { feedId: job.feedId, feedUrl: job.feedUrl };
  const now = deps.clock.now();
  const store = async (extracted: Article): Promise<ExtractAndStoreResult> => {
    const article = await withRetryPlan(extracted, job, deps, now);
    const written = await deps.articles.put(article);
    deps.logger?.info('article stored', {
      articleId: article.id,
      url: article.url,
      status: article.status,
      write: written.outcome,
      revision: written.revision,
      error: article.extraction.error?.code,
    });
    // Counted like the ArticlesExtracted metrics: a redelivery or a rerun that writes nothing is not counted again.
    if (written.outcome !== 'unchanged') await countForSite(article, now, deps);
    return {
      articleId: article.id,
      url: article.url,
      status: article.status,
      write: written.outcome,
      revision: written.revision,
      error: article.extraction.error,
    };
  };
  const fallback = async (error: { code: string; message: string }, httpStatus: number | null, url: string): Promise<ExtractAndStoreResult> => {
    const article = articleFromFeedItem({ url, item, feed, now, httpStatus, error });
    const extraction = await extractionOfEntry(article.id, job, deps);
    return extraction ? keepExtraction(extraction, article, job, deps, now) : store(article);
  };

  if (!item.url) {
    return fallback({ code: 'NO_URL', message: 'the feed entry has no link' }, null, entryUrl(job.feedUrl, item.itemId));
  }

  let crawlDelayMs: number | null = null;
  if (deps.robots && deps.settings.respectRobotsTxt) {
    const gate = await robotsGate(item.url, { ...deps.robots, http: deps.http, clock: deps.clock, logger: deps.logger }, delivery.finalAttempt);
    if (gate.blocked) return fallback(gate.blocked, null, item.url);
    crawlDelayMs = gate.crawlDelayMs;
  }

  let response: Awaited<ReturnType<HttpClient['get']>>;
  try {
    response = await deps.http.get({
      url: item.url,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      maxBytes: deps.settings.pageMaxBytes,
      timeoutMs: deps.settings.pageTimeoutMs,
      ...(crawlDelayMs !== null ? { minGapMs: crawlDelayMs } : {}),
    });
  } catch (error) {
    if (!(error instanceof FeedloomError)) throw error;
    if (error.retryable && !delivery.finalAttempt) {
      const delayMs = error instanceof FetchError ? error.retryAfterMs : null;
      throw new RetryLaterError(error.code, error.message, { cause: error, delayMs });
    }
    return fallback({ code: errorCode(error), message: errorMessage(error) }, null, item.url);
  }

  if (response.status < 200 || response.status >= 300) {
    const transient = transientAnswer(response, now);
    if (transient && !delivery.finalAttempt) {
      throw new RetryLaterError('HTTP_STATUS', `page answered HTTP ${response.status}`, { delayMs: transient.delayMs });
    }
    return fallback({ code: 'HTTP_STATUS', message: `page answered HTTP ${response.status}` }, response.status, response.url);
  }

  const article = await deps.extract(response.body, {
    url: response.url,
    contentType: response.headers['content-type'],
    item,
    feed,
    now,
    httpStatus: response.status,
  });
  const stored = await store(article);
  if (stored.status === 'extracted') {
    await removeSupersededRecords(stored.articleId, [item.url, ...response.redirects.map((hop) => hop.url), response.url], job, deps);
    await noteEntryArticle(stored.articleId, job, deps);
  }
  return stored;
}

/** The id a URL gives, or null when it does not clean. */
function idOfUrl(url: string): string | null {
  try {
    return articleId(url);
  } catch {
    return null;
  }
}

/**
 * Notes on the entry's state where its extraction was stored, when that is not its link's id (a
 * redirect, a canonical link): nothing else leads from the entry to that record. Only then, so
 * most extractions cost no write. A failure is logged: it loses only the note.
 */
async function noteEntryArticle(storedId: string, job: ExtractArticleJob, deps: ExtractAndStoreDeps): Promise<void> {
  if (!deps.entries || !job.item.url || idOfUrl(job.item.url) === storedId) return;
  try {
    await deps.entries.recordArticleId(job.feedId, job.item.itemId, storedId);
  } catch (error) {
    deps.logger?.warn("entry's article id not noted", {
      articleId: storedId,
      itemId: job.item.itemId,
      code: errorCode(error),
      error: errorMessage(error).slice(0, 300),
    });
  }
}

/**
 * The extracted record of this entry under another id than `fallbackId` (noted by
 * {@link noteEntryArticle}), or null: only a record that is extracted and of the same feed entry.
 */
async function extractionOfEntry(fallbackId: string, job: ExtractArticleJob, deps: Pick<ExtractAndStoreDeps, 'articles' | 'entries'>): Promise<Article | null> {
  if (!deps.entries) return null;
  const id = await deps.entries.articleIdOf(job.feedId, job.item.itemId);
  if (!id || id === fallbackId) return null;
  const article = await deps.articles.get(id);
  return article?.status === 'extracted' && article.feedId === job.feedId && article.itemId === job.item.itemId ? article : null;
}

/**
 * A refetch of an entry already extracted under another id failed: the extraction stays the
 * entry's one record, and no feed-only record is written beside it under the link's id (two
 * records for one entry, the new one saying the article failed). A passing failure still goes to
 * the retry ledger (withRetryPlan), so the edit arrives once the site answers again.
 */
async function keepExtraction(
  extraction: Article,
  failed: Article,
  job: ExtractArticleJob,
  deps: Pick<ExtractAndStoreDeps, 'retries' | 'logger'>,
  now: Date,
): Promise<ExtractAndStoreResult> {
  const planned = await withRetryPlan(failed, job, deps, now);
  deps.logger?.info('refetch failed: the entry keeps its extraction, no feed-only record written', {
    articleId: extraction.id,
    url: failed.url,
    error: planned.extraction.error?.code,
    retryAt: planned.extraction.retry?.nextAttemptAt ?? null,
  });
  return {
    articleId: extraction.id,
    url: extraction.url,
    status: extraction.status,
    write: 'unchanged',
    revision: extraction.revision,
    error: planned.extraction.error,
  };
}

/**
 * An entry stored without an extraction under one URL's id (its link, or where a redirect led
 * before a failure), then extracted under another (a redirect, a canonical link), would leave two
 * records for one entry, the stale one still saying `retryable: true`. Once the extraction is
 * stored, the earlier record of the same feed entry under any URL this fetch went through is
 * removed (a stream REMOVE), so a consumer sees one record per entry. Only a record of this entry
 * that is still not extracted goes, and only at the revision read; a failure to remove it is
 * logged, never a reason to fetch the page again.
 */
async function removeSupersededRecords(keptId: string, urls: readonly string[], job: ExtractArticleJob, deps: ExtractAndStoreDeps): Promise<void> {
  // A URL that does not clean has no record under its id.
  const ids = new Set(urls.map(idOfUrl).filter((id): id is string => id !== null));
  ids.delete(keptId);
  for (const id of ids) {
    try {
      const earlier = await deps.articles.get(id);
      if (!earlier || earlier.status === 'extracted' || earlier.feedId !== job.feedId || earlier.itemId !== job.item.itemId) continue;
      if (await deps.articles.removeSuperseded(id, { revision: earlier.revision })) {
        deps.logger?.info('feed-only record superseded by the extraction: removed', { removedId: id, articleId: keptId, itemId: job.item.itemId });
      }
    } catch (error) {
      deps.logger?.warn('superseded feed-only record not removed', {
        removedId: id,
        articleId: keptId,
        code: errorCode(error),
        error: errorMessage(error).slice(0, 300),
      });
    }
  }
}

/**
 * Stores the entry of an extract job that is being set aside unfinished (its every attempt ended
 * the process or the invocation: ATTEMPTS_EXHAUSTED, TAKEN_WITHOUT_FINISHING) from the feed alone,
 * with that reason, as every other final failure is: the entry is then visible to consumers (and
 * replaceable by a replay or an edit) instead of missing until someone redrives the job. Nothing is
 * fetched or extracted, since that is what kept failing. An extracted record of the page is never
 * replaced (ArticleStore.put).
 */
export async function storeSetAsideArticle(
  job: ExtractArticleJob,
  reason: { code: string; message: string },
  deps: Pick<ExtractAndStoreDeps, 'articles' | 'clock' | 'logger' | 'retries' | 'entries'>,
): Promise<PutArticleResult> {
  const now = deps.clock.now();
  const url = job.item.url ?? entryUrl(job.feedUrl, job.item.itemId);
  const fallback = articleFromFeedItem({ url, item: job.item, feed: { feedId: job.feedId, feedUrl: job.feedUrl }, now, httpStatus: null, error: reason });
  const extraction = await extractionOfEntry(fallback.id, job, deps);
  if (extraction) return { outcome: 'unchanged', revision: (await keepExtraction(extraction, fallback, job, deps, now)).revision };
  const article = await withRetryPlan(fallback, job, deps, now);
  const written = await deps.articles.put(article);
  deps.logger?.warn('job set aside unfinished: entry stored from the feed', { articleId: article.id, url, code: reason.code, write: written.outcome });
  return written;
}

/**
 * Keeps an extract job that never started on its queue's last delivery (the invocation's deadline
 * came first each time) in the retry ledger, due now and in the same cycle, so its feed's next
 * refresh queues it again as a new message. SQS cannot uncount those receives, and a job that never
 * ran has not failed: the dead-letter queue is no place for it. False without a ledger.
 */
export async function keepUnstartedJob(job: ExtractArticleJob, deps: Pick<ExtractAndStoreDeps, 'retries' | 'clock' | 'logger'>): Promise<boolean> {
  if (!deps.retries) return false;
  await deps.retries.schedule({ feedId: job.feedId, itemId: job.item.itemId, dueAt: deps.clock.now().toISOString(), job });
  deps.logger?.warn("job never started on its last delivery: kept for its feed's next refresh", { feedId: job.feedId, itemId: job.item.itemId });
  return true;
}

/**
 * Stamps the extractor version and, on a page that could not be used, the retry plan (retryable or
 * not, next attempt). A passing failure is written to the retry ledger before the Article, so a
 * crash in between still retries the page; the ledger is what brings it back on a later cycle.
 */
async function withRetryPlan(article: Article, job: ExtractArticleJob, deps: Pick<ExtractAndStoreDeps, 'retries'>, now: Date): Promise<Article> {
  const error = article.extraction.error;
  const cycle = job.cycle ?? 1;
  const retry = article.status === 'extracted' || !error ? null : retryPlan({ code: error.code, httpStatus: article.extraction.httpStatus }, cycle, now);
  if (retry?.retryable && retry.nextAttemptAt) {
    if (deps.retries) {
      await deps.retries.schedule({ feedId: job.feedId, itemId: job.item.itemId, dueAt: retry.nextAttemptAt, job: { ...job, cycle: cycle + 1 } });
    } else {
      retry.retryable = false;
      retry.nextAttemptAt = null;
    }
  }
  return { ...article, extraction: { ...article.extraction, extractorVersion: EXTRACTOR_VERSION, retry } };
}
