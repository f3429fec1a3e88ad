import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { dispatchDueFeeds } from '../../shared/ingestion/dispatch-due-feeds';
import { type DispatchRuntime, dispatchRuntime } from '../runtime/dependencies';

/** The schedule's payload (infra/constructs/dispatch-schedule.ts): the tick's scheduled time. */
export const DispatchEventSchema = z.object({ scheduledTime: z.string().optional() });
export type DispatchEvent = z.infer<typeof DispatchEventSchema>;

/**
 * Invoked by EventBridge Scheduler: queues a fetch job for every due feed. A failure is thrown, so
 * the asynchronous invocation is retried and finally lands on the dispatch dead-letter queue.
 */
export function createHandler(runtime: () => DispatchRuntime) {
  return async (event: unknown, context: Context): Promise<{ dispatched: number }> => {
    const { powertools, metrics, dispatch } = runtime();
    powertools.addContext(context);
    const parsed = DispatchEventSchema.safeParse(event);
    // The payload only labels the tick; an unexpected one is logged, never a reason to skip a tick.
    if (!parsed.success) powertools.warn('unexpected schedule payload', { issues: parsed.error.issues.length });
    try {
      const result = await dispatchDueFeeds(dispatch);
      metrics.addMetric('FeedsDispatched', MetricUnit.Count, result.dispatched);
      // Stored feeds that no longer read (each logged with STORED_RECORD_UNREADABLE by the use case).
      if (result.unreadable) metrics.addMetric('FeedsUnreadable', MetricUnit.Count, result.unreadable);
      powertools.info('dispatch done', { dispatched: result.dispatched, unreadable: result.unreadable, scheduledTime: parsed.data?.scheduledTime });
      return { dispatched: result.dispatched };
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

export const handler = createHandler(dispatchRuntime);
