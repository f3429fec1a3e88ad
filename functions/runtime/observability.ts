import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '../../shared/ingestion/ports';

/** The Powertools logger and metrics of one function, and the port-shaped logger the use cases take. */
export interface Observability {
  powertools: PowertoolsLogger;
  metrics: Metrics;
  logger: Logger;
}

/** Metric namespace of every Feedloom function (the stack's dashboards and alarms use it). */
export const METRICS_NAMESPACE = 'Feedloom';

/**
 * Builds the Powertools logger and metrics for one function. Called from the composition root on the
 * first invocation, because both read their settings (POWERTOOLS_*, AWS_LAMBDA_*) from the environment.
 */
export function createObservability(serviceName: string): Observability {
  const powertools = new PowertoolsLogger({ serviceName });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  const logger: Logger = {
    info: (message, fields) => powertools.info(message, { ...fields }),
    warn: (message, fields) => powertools.warn(message, { ...fields }),
    error: (message, fields) => powertools.error(message, { ...fields }),
  };
  return { powertools, metrics, logger };
}
