import { LocalQueue, type ReceivedMessage } from '../../shared/adapters/queue/local-queue';
import type { ArticleStatus } from '../../shared/article/article';
import { dispatchDueFeeds } from '../../shared/ingestion/dispatch-due-feeds';
import { type ExtractAndStoreDeps, extractAndStoreArticle, storeSetAsideArticle } from '../../shared/ingestion/extract-and-store-article';
import { type ExtractArticleJob, ExtractArticleJobSchema, type FetchFeedJob, FetchFeedJobSchema } from '../../shared/ingestion/jobs';
import type { FeedStore } from '../../shared/ingestion/ports';
import { recordFeedSetAside, refreshFeed } from '../../shared/ingestion/refresh-feed';
import { drainQueue } from './drain-queue';
import type { StoreGate } from './store-gate';

/**
 * Collaborators of the local pipeline: those of extractAndStoreArticle (the HTTP client, the stores,
 * robots.txt, the retry ledger...; refreshFeed takes the same ones), plus the feeds and the run's queues.
 */
export interface LocalPipelineDeps extends ExtractAndStoreDeps {
  feeds: FeedStore;
  /** The run's article queue (durable: kept in the database); a fresh in-memory one when absent. */
  articleQueue?: LocalQueue<ExtractArticleJob>;
  /** The run's feed queue (durable like the article queue); a fresh in-memory one when absent. */
  feedQueue?: LocalQueue<FetchFeedJob>;
  /** Holds the run while the database is unreachable. */
  storeGate?: StoreGate;
}

/** Queue and concurrency knobs, mirroring the deployed event-source mappings. */
export interface LocalPipelineOptions {
  batchSize: number;
  feedConcurrency: number;
  articleConcurrency: number;
  maxReceiveCount: number;
  /**
   * Longest wait a run sits out for one job (Retry-After, a host cooldown, a backoff). A job that
   * must wait longer stays queued in the database and is taken by a later cycle or run.
   */
  maxWaitMs: number;
  /** Fetch every active feed now, due or not (conditional GET still applies), and take every waiting job now. */
  fetchAll?: boolean;
  onProgress?: (progress: CycleSummary) => void;
  /**
   * Once true, no further feed is refreshed (its lease lapses and it comes due again), while every
   * article already queued is still extracted and stored.
   */
  shouldStop?: () => boolean;
}

export const DEFAULT_PIPELINE_OPTIONS: LocalPipelineOptions = {
  batchSize: 10,
  feedConcurrency: 4,
  articleConcurrency: 4,
  maxReceiveCount: 5,
  maxWaitMs: 10_000,
};

/** A feed or article that did not come through, and why. */
export interface FailureNote {
  id: string;
  url: string;
  code: string;
  message: string;
  /** Articles only: what was stored instead of an extraction. */
  status?: ArticleStatus;
}

/** What one cycle did. */
export interface CycleSummary {
  feeds: {
    dispatched: number;
    updated: number;
    notModified: number;
    failed: number;
    skipped: number;
    /** Feed jobs left queued (in the database) for a later cycle or run: waiting out a Retry-After or host cooldown longer than the run's patience. */
    waiting: number;
  };
  articles: {
    created: number;
    updated: number;
    unchanged: number;
    byStatus: Record<ArticleStatus, number>;
    /** Jobs left queued (in the database) for a later cycle or run: waiting out a long Retry-After or host cooldown. */
    waiting: number;
    /** Articles queued again from the retry ledger (earlier feed-only or failed pages, for a passing reason). */
    retried: number;
  };
  /** Each feed that failed and each article stored without an extraction, with its reason code. */
  failures: { feeds: FailureNote[]; articles: FailureNote[] };
  retries: number;
  deadLetters: { queue: string; code: string; reason: string; body: string }[];
  durationMs: number;
}

function emptySummary(): CycleSummary {
  return {
    feeds: { dispatched: 0, updated: 0, notModified: 0, failed: 0, skipped: 0, waiting: 0 },
    articles: { created: 0, updated: 0, unchanged: 0, byStatus: { extracted: 0, 'feed-only': 0, failed: 0 }, waiting: 0, retried: 0 },
    failures: { feeds: [], articles: [] },
    retries: 0,
    deadLetters: [],
    durationMs: 0,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const FAR_FUTURE = new Date('9999-12-31T23:59:59Z');

/**
 * Runs `work`, waiting out a database outage (the gate probes it) and trying again; gives up with
 * the gate's StoreUnavailableError.
 */
async function throughOutages<R>(gate: StoreGate | undefined, work: () => Promise<R>): Promise<R> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!gate || gate.classify(error) === error) throw error;
      await gate.ready();
    }
  }
}

/**
 * One local cycle: finish the article jobs earlier runs left, dispatch every due feed, refresh
 * them, extract and store every queued article, with the queue semantics of the deployed pipeline
 * (batches, retries, dead letters) and its delivery policy.
 */
export async function runPipelineCycle(deps: LocalPipelineDeps, options: LocalPipelineOptions = DEFAULT_PIPELINE_OPTIONS): Promise<CycleSummary> {
  const started = performance.now();
  const summary = emptySummary();
  const feedQueue = deps.feedQueue ?? new LocalQueue<FetchFeedJob>({ maxReceiveCount: options.maxReceiveCount, name: 'feeds' });
  const articleQueue = deps.articleQueue ?? new LocalQueue<ExtractArticleJob>({ maxReceiveCount: options.maxReceiveCount, name: 'articles' });
  const lettersBefore = { feeds: feedQueue.deadLetters.length, articles: articleQueue.deadLetters.length };
  const report = (): void => options.onProgress?.({ ...summary, durationMs: performance.now() - started });
  const gate = deps.storeGate;
  const drainBase = { batchSize: options.batchSize, maxWaitMs: options.maxWaitMs, onRetry: () => summary.retries++, ...(gate ? { storeGate: gate } : {}) };

  // A job that ended the process on every take is set aside unrun: its entry is stored from the feed
  // first, with that reason, so it is not missing until someone replays the job.
  articleQueue.onSetAside(async (letter) => {
    const job = ExtractArticleJobSchema.safeParse(JSON.parse(letter.body));
    if (!job.success) return;
    await storeSetAsideArticle(
      job.data,
      { code: letter.code, message: letter.message },
      {
        articles: deps.articles,
        clock: deps.clock,
        logger: deps.logger,
        ...(deps.entries ? { entries: deps.entries } : {}),
      },
    );
  });
  feedQueue.onSetAside(async (letter) => {
    const job = FetchFeedJobSchema.safeParse(JSON.parse(letter.body));
    if (!job.success) return;
    await recordFeedSetAside(job.data, { code: letter.code, message: letter.message }, deps);
  });
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
        ...(deps.retries ? { retries: deps.retries } : {}),
        ...(deps.entries ? { entries: deps.entries } : {}),
        ...(deps.robots ? { robots: deps.robots } : {}),
        ...(deps.siteHealth ? { siteHealth: deps.siteHealth } : {}),
      },
      { finalAttempt: message.receiveCount >= options.maxReceiveCount },
    );
    summary.articles[result.write]++;
    if (result.write !== 'unchanged') summary.articles.byStatus[result.status]++;
    if (result.status !== 'extracted' && result.error) {
      summary.failures.articles.push({ id: result.articleId, url: result.url, status: result.status, ...result.error });
    }
    report();
  };
  const drainArticles = (keepWaiting?: () => boolean): Promise<void> =>
    drainQueue(
      articleQueue,
      ExtractArticleJobSchema,
      { ...drainBase, concurrency: options.articleConcurrency, ...(keepWaiting ? { keepWaiting } : {}) },
      processArticle,
    );

  // Work an earlier run left (a crash, a kill, an outage, a long Retry-After) goes first, so a feed
  // that answers 429 at once cannot put a host's cooldown in front of it again.
  if (articleQueue.size > 0 && !options.shouldStop?.()) await drainArticles();

  const { dispatched } = await throughOutages(gate, () =>
    dispatchDueFeeds({
      feeds: deps.feeds,
      feedJobs: feedQueue,
      clock: deps.clock,
      settings: deps.settings,
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(options.fetchAll ? { dueBy: FAR_FUTURE } : {}),
    }),
  );
  summary.feeds.dispatched = dispatched;
  report();

  let feedsFinished = false;
  const feedsDone = drainQueue(
    feedQueue,
    FetchFeedJobSchema,
    { ...drainBase, concurrency: options.feedConcurrency, ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) },
    async (job, message) => {
      const result = await refreshFeed(
        job,
        {
          feeds: deps.feeds,
          http: deps.http,
          articleJobs: articleQueue,
          clock: deps.clock,
          settings: deps.settings,
          logger: deps.logger,
          ...(deps.retries ? { retries: deps.retries } : {}),
          ...(options.fetchAll ? { retriesDueBy: FAR_FUTURE } : {}),
        },
        { finalAttempt: message.receiveCount >= options.maxReceiveCount },
      );
      if (result.outcome === 'updated') summary.feeds.updated++;
      else if (result.outcome === 'not-modified') summary.feeds.notModified++;
      else if (result.outcome === 'failed') summary.feeds.failed++;
      else summary.feeds.skipped++;
      summary.articles.retried += result.retriedItems ?? 0;
      if (result.outcome === 'failed' && result.error) summary.failures.feeds.push({ id: result.feedId, url: result.url ?? job.url, ...result.error });
      report();
    },
  ).finally(() => {
    feedsFinished = true;
  });
  // Articles are drained while feeds are still being refreshed, then until none is due within the wait.
  const articlesDone = drainArticles(() => !feedsFinished);
  await Promise.all([feedsDone, articlesDone]);
  // A feed that finished last may have queued jobs the drain above no longer waited for.
  if (articleQueue.nextVisibleInMs() !== null) await drainArticles();
  while (articleQueue.inFlightCount > 0) await sleep(5);

  for (const queue of [feedQueue, articleQueue]) {
    const from = queue === feedQueue ? lettersBefore.feeds : lettersBefore.articles;
    for (const letter of queue.deadLetters.slice(from)) {
      summary.deadLetters.push({ queue: letter.queue, code: letter.code, reason: `${letter.code}: ${letter.message}`, body: letter.body });
    }
  }
  summary.feeds.waiting = feedQueue.size;
  summary.articles.waiting = articleQueue.size;
  summary.durationMs = performance.now() - started;
  return summary;
}
