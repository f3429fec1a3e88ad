import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { FetchFeedJobSchema } from '../../shared/ingestion/jobs';
import { recordFeedSetAside, refreshFeed } from '../../shared/ingestion/refresh-feed';
import { siteOf } from '../../shared/ingestion/site-health';
import { createSqsBatchHandler } from '../runtime/create-sqs-batch-handler';
import { type FetchFeedRuntime, fetchFeedRuntime } from '../runtime/dependencies';

const OUTCOME_METRICS = { updated: 'FeedsUpdated', 'not-modified': 'FeedsNotModified', failed: 'FeedFetchFailures', skipped: 'FeedsSkipped' } as const;

/**
 * Records of a batch handled at once, so their feed downloads overlap (the function is billed while
 * it waits on them); equal to the default batch size (infra/config.ts feedBatchSize). Records of one
 * site still run one after another, so an environment sends a site no more requests at once than
 * before; the shared host slots (Hosts table) bound every environment together. docs/scaling.md.
 */
export const RECORD_CONCURRENCY = 5;

/** SQS batch of FetchFeed jobs: refresh each feed (conditional GET, parse, queue new entries). */
export function createHandler(runtime: () => FetchFeedRuntime, options: { concurrency?: number } = {}) {
  return createSqsBatchHandler({
    schema: FetchFeedJobSchema,
    runtime,
    concurrency: options.concurrency ?? RECORD_CONCURRENCY,
    concurrencyKey: (job) => siteOf(job.url),
    process: async (job, delivery, { refresh, metrics }) => {
      const result = await refreshFeed(job, refresh, { finalAttempt: delivery.finalAttempt });
      metrics.addMetric(OUTCOME_METRICS[result.outcome], MetricUnit.Count, 1);
      metrics.addMetric('EntriesQueued', MetricUnit.Count, result.newItems + result.changedItems);
    },
    // A feed job is only a prompt: the feed's schedule in the Feeds table is the lasting record of the
    // work, and a job that never started moved nothing in it, so the dispatcher sends the feed again
    // once its lease lapses. Acknowledged rather than dead-lettered unrun.
    keepUnstarted: async () => true,
    // A job that crashed on every attempt is a failed fetch of its feed: recorded, so the feed backs
    // off and is said to fail, instead of being dispatched again on every lease.
    onSetAside: async (job, reason, { refresh }) => recordFeedSetAside(job, reason, refresh),
  });
}

export const handler = createHandler(fetchFeedRuntime);
