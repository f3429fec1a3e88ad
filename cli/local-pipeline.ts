import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { z } from 'zod';
import { LocalQueue, type ReceivedMessage } from '../shared/adapters/queue/local-queue';
import type { ArticleStatus } from '../shared/article/article';
import { errorCode, errorMessage } from '../shared/errors';
import { dispatchDueFeeds } from '../shared/ingestion/dispatch-due-feeds';
import { type ExtractPage, extractAndStoreArticle } from '../shared/ingestion/extract-and-store-article';
import { type ExtractArticleJob, ExtractArticleJobSchema, type FetchFeedJob, FetchFeedJobSchema } from '../shared/ingestion/jobs';
import type { ArticleStore, Clock, FeedStore, HttpClient, Logger } from '../shared/ingestion/ports';
import { refreshFeed } from '../shared/ingestion/refresh-feed';
import { RetryLaterError } from '../shared/ingestion/retry-later-error';
import type { IngestionSettings } from '../shared/ingestion/settings';

/** Collaborators of the local pipeline. */
export interface LocalPipelineDeps {
  feeds: FeedStore;
  articles: ArticleStore;
  http: HttpClient;
  clock: Clock;
  settings: IngestionSettings;
  extract: ExtractPage;
  logger?: Logger;
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
 * Drains a queue like an SQS event-source mapping: batches of `batchSize`, up to `concurrency`
 * records in flight, each body parsed with its schema (a malformed body is poison: dead-lettered
 * at once), failures returned to the queue with a delay until `maxReceiveCount`.
 */
async function drain<T>(
  queue: LocalQueue<T>,
  schema: z.ZodType<T>,
  concurrency: number,
  options: LocalPipelineOptions,
  summary: CycleSummary,
  process: (job: T, message: ReceivedMessage) => Promise<void>,
): Promise<void> {
  const active = new Set<Promise<void>>();
  for (;;) {
    const room = concurrency - active.size;
    const batch = room > 0 ? queue.receive(Math.min(room, options.batchSize)) : [];
    for (const message of batch) {
      const task = (async () => {
        let job: T;
        try {
          job = schema.parse(JSON.parse(message.body));
        } catch (error) {
          queue.reject(message.messageId, `POISON_MESSAGE: ${errorMessage(error).slice(0, 200)}`);
          return;
        }
        try {
          await process(job, message);
          queue.ack(message.messageId);
        } catch (error) {
          summary.retries++;
          const delay = error instanceof RetryLaterError && error.delayMs !== null ? error.delayMs : 250 * 2 ** (message.receiveCount - 1);
          queue.fail(message.messageId, `${errorCode(error)}: ${errorMessage(error)}`, Math.min(delay, options.maxRetryDelayMs));
        }
        // jsdom frees a window only after the event loop turns (DESIGN traps).
        await yieldToEventLoop();
      })();
      active.add(task);
      void task.finally(() => active.delete(task));
    }
    if (active.size) {
      await Promise.race(active);
      continue;
    }
    const wait = queue.nextVisibleInMs();
    if (wait === null) return;
    await sleep(Math.max(5, wait));
  }
}

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

  const feedsDone = drain(feedQueue, FetchFeedJobSchema, options.feedConcurrency, options, summary, async (job) => {
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
  });
  const processArticle = async (job: ExtractArticleJob, message: ReceivedMessage): Promise<void> => {
    const result = await extractAndStoreArticle(
      job,
      { http: deps.http, articles: deps.articles, clock: deps.clock, settings: deps.settings, extract: deps.extract, logger: deps.logger },
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
    await drain(articleQueue, ExtractArticleJobSchema, options.articleConcurrency, options, summary, processArticle);
    if (!feedsFinished) await Promise.race([feedsDone, sleep(20)]);
  }
  await feedsDone;

  for (const letter of feedQueue.deadLetters) summary.deadLetters.push({ queue: 'feeds', reason: letter.reason, body: letter.body });
  for (const letter of articleQueue.deadLetters) summary.deadLetters.push({ queue: 'articles', reason: letter.reason, body: letter.body });
  summary.durationMs = performance.now() - started;
  return summary;
}
