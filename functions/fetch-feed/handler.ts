import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { FetchFeedJobSchema } from '../../shared/ingestion/jobs';
import { refreshFeed } from '../../shared/ingestion/refresh-feed';
import { createSqsBatchHandler } from '../runtime/create-sqs-batch-handler';
import { type FetchFeedRuntime, fetchFeedRuntime } from '../runtime/dependencies';

const OUTCOME_METRICS = { updated: 'FeedsUpdated', 'not-modified': 'FeedsNotModified', failed: 'FeedFetchFailures', skipped: 'FeedsSkipped' } as const;

/** SQS batch of FetchFeed jobs: refresh each feed (conditional GET, parse, queue new entries). */
export function createHandler(runtime: () => FetchFeedRuntime) {
  return createSqsBatchHandler({
    schema: FetchFeedJobSchema,
    runtime,
    process: async (job, _delivery, { refresh, metrics }) => {
      const result = await refreshFeed(job, refresh);
      metrics.addMetric(OUTCOME_METRICS[result.outcome], MetricUnit.Count, 1);
      metrics.addMetric('EntriesQueued', MetricUnit.Count, result.newItems + result.changedItems);
    },
  });
}

export const handler = createHandler(fetchFeedRuntime);
