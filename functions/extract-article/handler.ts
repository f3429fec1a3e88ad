import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ExtractArticleJobSchema } from '../../shared/ingestion/jobs';
import { siteOf } from '../../shared/ingestion/site-health';
import { createSqsBatchHandler } from '../runtime/create-sqs-batch-handler';
import {
  type ExtractArticleRuntime,
  extractArticleRuntime,
  loadExtractAndStoreArticle,
  loadKeepUnstartedJob,
  loadStoreSetAsideArticle,
} from '../runtime/dependencies';

/**
 * Records of a batch handled at once: their page downloads overlap (the function is billed while it
 * waits on them), while extraction itself stays on the one worker thread, one page after another.
 * Equal to the default batch size (infra/config.ts, 10: a wait shared by 10 records costs half what
 * it does shared by 5, docs/scaling.md), so a whole batch can download together.
 * Records of one site still run one after another, so an execution environment sends a site no
 * more requests at once than before (docs/security.md #47). Measured in docs/scaling.md.
 */
export const RECORD_CONCURRENCY = 10;

const STATUS_METRICS = { extracted: 'ArticlesExtracted', 'feed-only': 'ArticlesFeedOnly', failed: 'ArticlesFailed' } as const;

/**
 * SQS batch of ExtractArticle jobs: fetch, extract and store each article. The final attempt
 * (the fifth failed attempt, or the queue's last receive: delivery-policy.ts isFinalAttempt) stores what it can instead of
 * asking for another retry, so a page that keeps failing still becomes an Article; a job the
 * deadline kept from starting on every delivery waits in the retry ledger for its feed's next refresh.
 */
export function createHandler(runtime: () => ExtractArticleRuntime, options: { concurrency?: number } = {}) {
  return createSqsBatchHandler({
    schema: ExtractArticleJobSchema,
    runtime,
    concurrency: options.concurrency ?? RECORD_CONCURRENCY,
    concurrencyKey: (job) => (job.item.url ? siteOf(job.item.url) : null),
    process: async (job, delivery, { extract, metrics }) => {
      const extractAndStoreArticle = await loadExtractAndStoreArticle();
      const result = await extractAndStoreArticle(job, extract, { finalAttempt: delivery.finalAttempt });
      if (result.write !== 'unchanged') metrics.addMetric(STATUS_METRICS[result.status], MetricUnit.Count, 1);
      metrics.addMetric(result.write === 'unchanged' ? 'ArticlesUnchanged' : 'ArticlesWritten', MetricUnit.Count, 1);
    },
    keepUnstarted: async (job, { extract }) => (await loadKeepUnstartedJob())(job, extract),
    // A job set aside unfinished still leaves its entry stored from the feed, with the reason.
    onSetAside: async (job, reason, { extract }) => {
      await (await loadStoreSetAsideArticle())(job, reason, extract);
    },
  });
}

export const handler = createHandler(extractArticleRuntime);
