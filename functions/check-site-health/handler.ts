import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { checkSiteHealth } from '../../shared/ingestion/check-site-health';
import { type CheckSiteHealthRuntime, checkSiteHealthRuntime } from '../runtime/dependencies';

/** The metric the stack's site-health alarm watches (infra/constructs/site-health-check.ts). */
export const DEGRADED_SITES_METRIC = 'DegradedSites';

/**
 * Invoked by EventBridge Scheduler: applies the degraded-site rule to the per-site counters and
 * publishes how many sites are degraded as one metric without a per-site dimension (a dimension per
 * host would be a custom metric per host, billed each month); the sites themselves, with their
 * figures, are in the log lines ("site extraction degraded"). A failure is thrown, so the
 * asynchronous invocation is retried and the function's Errors alarm fires.
 */
export function createHandler(runtime: () => CheckSiteHealthRuntime) {
  return async (_event: unknown, context: Context): Promise<{ sitesSeen: number; degraded: string[] }> => {
    const { powertools, metrics, check } = runtime();
    powertools.addContext(context);
    try {
      const result = await checkSiteHealth(check);
      metrics.addMetric(DEGRADED_SITES_METRIC, MetricUnit.Count, result.degraded.length);
      metrics.addMetric('SitesSeen', MetricUnit.Count, result.sitesSeen);
      const degraded = result.degraded.map((site) => site.host);
      powertools.info('site health checked', { sitesSeen: result.sitesSeen, degraded });
      return { sitesSeen: result.sitesSeen, degraded };
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

export const handler = createHandler(checkSiteHealthRuntime);
