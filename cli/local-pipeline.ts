import { LocalQueue, type ReceivedMessage } from '../shared/adapters/queue/local-queue';
import type { ArticleStatus } from '../shared/article/article';
import type { RobotsCache } from '../shared/ingestion/check-robots';
import { dispatchDueFeeds } from '../shared/ingestion/dispatch-due-feeds';
import { type ExtractPage, extractAndStoreArticle } from '../shared/ingestion/extract-and-store-article';
import { type ExtractArticleJob, ExtractArticleJobSchema, type FetchFeedJob, FetchFeedJobSchema } from '../shared/ingestion/jobs';
import type { ArticleStore, Clock, FeedStore, HttpClient, Logger, SiteHealthStore } from '../shared/ingestion/ports';
import { refreshFeed } from '../shared/ingestion/refresh-feed';
import type { IngestionSettings } from '../shared/ingestion/settings';
import { drainQueue } from './drain-queue';

/** Collaborators of the local pipeline. */
export interface LocalPipelineDeps {
  feeds: FeedStore;
  articles: ArticleStore;
  http: HttpClient;
  clock: Clock;
  settings: IngestionSettings;
  extract: ExtractPage;
  logger?: Logger;
  /** robots.txt cache and the User-Agent whose group applies (settings.respectRobotsTxt turns it on). */
  robots?: { cache: RobotsCache; userAgent: string };
  siteHealth?: SiteHealthStore;
}

/** Queue and concurrency knobs, mirroring the deployed event-source mappings. */
export interface LocalPipelineOptions {
  batchSize: number;
  feedConcurrency: number;
  articleConcurrency: number;
  maxReceiveCount: number;
  /** Longest local wait before a retry, whatever Retry-After asked (a local run should finish). */
  maxRetryDelayMs: number;
  /** Fetch every active feed now, due or not (conditional GET still applies). */
  fetchAll?: boolean;
  onProgress?: (progress: CycleSummary) => void;
  /**
   * Once true, no further feed is refreshed (its lease lapses and it comes due again), while every
   * article already queued is still extracted and stored: the entries of a refreshed feed are
   * recorded as seen, so their jobs, which live only in this process, must not be dropped.
   */
  shouldStop?: () => boolean;
}

export const DEFAULT_PIPELINE_OPTIONS: LocalPipelineOptions = {
  batchSize: 10,
  feedConcurrency: 4,
  articleConcurrency: 4,
  maxReceiveCount: 5,
  maxRetryDelayMs: 2_000,
};

/** What one cycle did. */
export interface CycleSummary {
  feeds: { dispatched: number; updated: number; notModified: number; failed: number; skipped: number };
  articles: { created: number; updated: number; unchanged: number; byStatus: Record<ArticleStatus, number> };
  retries: number;
  deadLetters: { queue: 'feeds' | 'articles'; reason: string; body: string }[];
  durationMs: number;
}

function emptySummary(): CycleSummary {
  return {
    feeds: { dispatched: 0, updated: 0, notModified: 0, failed: 0, skipped: 0 },
    articles: { created: 0, updated: 0, unchanged: 0, byStatus: { extracted: 0, 'feed-only': 0, failed: 0 } },
    retries: 0,
    deadLetters: [],
    durationMs: 0,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One local cycle: dispatch every due feed, refresh them, extract and store every queued article,
 * with the queue semantics of the deployed pipeline (batches, retries, dead letters).
 */
export async function runPipelineCycle(deps: LocalPipelineDeps, options: LocalPipelineOptions = DEFAULT_PIPELINE_OPTIONS): Promise<CycleSummary> {
  const started = performance.now();
  const summary = emptySummary();
  const feedQueue = new LocalQueue<FetchFeedJob>({ maxReceiveCount: options.maxReceiveCount });
  const articleQueue = new LocalQueue<ExtractArticleJob>({ maxReceiveCount: options.maxReceiveCount });
  const report = (): void => options.onProgress?.({ ...summary, durationMs: performance.now() - started });

  const { dispatched } = await dispatchDueFeeds({
    feeds: deps.feeds,
    feedJobs: feedQueue,
    clock: deps.clock,
    settings: deps.settings,
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(options.fetchAll ? { dueBy: new Date('9999-12-31T23:59:59Z') } : {}),
  });
  summary.feeds.dispatched = dispatched;
  report();

  const feedsDone = drainQueue(
    feedQueue,
    FetchFeedJobSchema,
    { ...options, concurrency: options.feedConcurrency, onRetry: () => summary.retries++, ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) },
    async (job) => {
      const result = await refreshFeed(job, {
        feeds: deps.feeds,
        http: deps.http,
        articleJobs: articleQueue,
        clock: deps.clock,
        settings: deps.settings,
        logger: deps.logger,
      });
      if (result.outcome === 'updated') summary.feeds.updated++;
      else if (result.outcome === 'not-modified') summary.feeds.notModified++;
      else if (result.outcome === 'failed') summary.feeds.failed++;
      else summary.feeds.skipped++;
      report();
    },
  );
  const processArticle = async (job: ExtractArticleJob, message: ReceivedMessage): Promise<void> => {
    const result = await extractAndStoreArticle(
      job,
      {
        http: deps.http,
        articles: deps.articles,
        clock: deps.clock,
        settings: deps.settings,
        extract: deps.extract,
        logger: deps.logger,
        ...(deps.robots ? { robots: deps.robots } : {}),
        ...(deps.siteHealth ? { siteHealth: deps.siteHealth } : {}),
      },
      { finalAttempt: message.receiveCount >= options.maxReceiveCount },
    );
    summary.articles[result.write]++;
    if (result.write !== 'unchanged') summary.articles.byStatus[result.status]++;
    report();
  };
  // Articles are drained while feeds are still being refreshed, and again until both are empty.
  let feedsFinished = false;
  void feedsDone.finally(() => {
    feedsFinished = true;
  });
  while (!feedsFinished || articleQueue.size > 0) {
    await drainQueue(
      articleQueue,
      ExtractArticleJobSchema,
      { ...options, concurrency: options.articleConcurrency, onRetry: () => summary.retries++, shouldStop: undefined },
      processArticle,
    );
    if (!feedsFinished) await Promise.race([feedsDone, sleep(20)]);
  }
  await feedsDone;

  for (const letter of feedQueue.deadLetters) summary.deadLetters.push({ queue: 'feeds', reason: letter.reason, body: letter.body });
  for (const letter of articleQueue.deadLetters) summary.deadLetters.push({ queue: 'articles', reason: letter.reason, body: letter.body });
  summary.durationMs = performance.now() - started;
  return summary;
}
