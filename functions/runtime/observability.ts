import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricUnit } from '@aws-lambda-powertools/metrics/types';
import type { Context } from 'aws-lambda';
import type { Logger } from '../../shared/ingestion/ports';

/**
 * What the handlers use of the Powertools logger. Narrowed to these calls so a local invocation
 * (`feedloom invoke`) can log to stderr instead: Powertools always writes to stdout.
 */
export interface FunctionLog {
  addContext(context: Context): void;
  info(message: string, ...fields: Record<string, unknown>[]): void;
  warn(message: string, ...fields: Record<string, unknown>[]): void;
  error(message: string, ...fields: Record<string, unknown>[]): void;
}

/** What the handlers use of Powertools metrics (EMF on stdout in Lambda; recorded by `feedloom invoke`). */
export interface FunctionMetrics {
  addMetric(name: string, unit: MetricUnit, value: number): unknown;
  publishStoredMetrics(): unknown;
}

/** The logger and metrics of one function, and the port-shaped logger the use cases take. */
export interface Observability {
  powertools: FunctionLog;
  metrics: FunctionMetrics;
  logger: Logger;
}

/** Metric namespace of every Feedloom function (the stack's dashboards and alarms use it). */
export const METRICS_NAMESPACE = 'Feedloom';

/** Longest string a log field keeps: a hostile feed's 100 KB URL must not become a 100 KB log line. */
export const MAX_LOG_FIELD_CHARS = 500;

/** The fields with every long string cut to {@link MAX_LOG_FIELD_CHARS} (and its length noted). */
export function boundFields(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const bounded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields ?? {})) {
    bounded[name] =
      typeof value === 'string' && value.length > MAX_LOG_FIELD_CHARS ? `${value.slice(0, MAX_LOG_FIELD_CHARS)}... (${value.length} chars)` : value;
  }
  return bounded;
}

/**
 * Builds the Powertools logger and metrics for one function. Called from the composition root on the
 * first invocation, because both read their settings (POWERTOOLS_*, AWS_LAMBDA_*) from the environment.
 */
export function createObservability(serviceName: string): Observability {
  const powertools = new PowertoolsLogger({ serviceName });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  const logger: Logger = {
    info: (message, fields) => powertools.info(message, boundFields(fields)),
    warn: (message, fields) => powertools.warn(message, boundFields(fields)),
    error: (message, fields) => powertools.error(message, boundFields(fields)),
  };
  return { powertools, metrics, logger };
}
