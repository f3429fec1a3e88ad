import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ExtractArticleJobSchema } from '../../shared/ingestion/jobs';
import { createSqsBatchHandler } from '../runtime/create-sqs-batch-handler';
import { type ExtractArticleRuntime, extractArticleRuntime, loadExtractAndStoreArticle } from '../runtime/dependencies';

const STATUS_METRICS = { extracted: 'ArticlesExtracted', 'feed-only': 'ArticlesFeedOnly', failed: 'ArticlesFailed' } as const;

/**
 * SQS batch of ExtractArticle jobs: fetch, extract and store each article. The last delivery
 * (ApproximateReceiveCount reaching the queue's maxReceiveCount) stores what it can instead of
 * asking for another retry, so a page that keeps failing still becomes an Article.
 */
export function createHandler(runtime: () => ExtractArticleRuntime) {
  return createSqsBatchHandler({
    schema: ExtractArticleJobSchema,
    runtime,
    process: async (job, delivery, { extract, metrics }) => {
      const extractAndStoreArticle = await loadExtractAndStoreArticle();
      const result = await extractAndStoreArticle(job, extract, { finalAttempt: delivery.finalAttempt });
      if (result.write !== 'unchanged') metrics.addMetric(STATUS_METRICS[result.status], MetricUnit.Count, 1);
      metrics.addMetric(result.write === 'unchanged' ? 'ArticlesUnchanged' : 'ArticlesWritten', MetricUnit.Count, 1);
    },
  });
}

export const handler = createHandler(extractArticleRuntime);
