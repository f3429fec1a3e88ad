import type { Context } from 'aws-lambda';
import { boundFields, type Observability } from '../../functions/runtime/observability';

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;

/**
 * Observability for a handler run by `feedloom invoke`: log lines shaped like the Powertools ones
 * (JSON, one a line) go to stderr, because stdout carries the invocation's result; metrics are
 * summed into `metrics` (name -> total) instead of being printed as EMF. POWERTOOLS_LOG_LEVEL is
 * honoured as in Lambda (SILENT hides everything).
 */
export function createLocalObservability(
  serviceName: string,
  options: { stderr: { write(text: string): unknown }; env: Record<string, string | undefined>; metrics: Record<string, number> },
): Observability {
  const threshold = LEVELS[(options.env.POWERTOOLS_LOG_LEVEL ?? 'INFO').toUpperCase() as keyof typeof LEVELS] ?? LEVELS.INFO;
  let requestId: string | undefined;
  const write = (level: 'INFO' | 'WARN' | 'ERROR', message: string, fields: Record<string, unknown>[]) => {
    if (LEVELS[level] < threshold) return;
    const merged = Object.assign({}, ...fields.map((field) => boundFields(field)));
    const line = {
      level,
      message,
      timestamp: new Date().toISOString(),
      service: serviceName,
      ...(requestId ? { function_request_id: requestId } : {}),
      ...merged,
    };
    options.stderr.write(`${JSON.stringify(line)}\n`);
  };
  return {
    powertools: {
      addContext: (context: Context) => {
        requestId = context.awsRequestId;
      },
      info: (message, ...fields) => write('INFO', message, fields),
      warn: (message, ...fields) => write('WARN', message, fields),
      error: (message, ...fields) => write('ERROR', message, fields),
    },
    metrics: {
      addMetric: (name, _unit, value) => {
        options.metrics[name] = (options.metrics[name] ?? 0) + value;
      },
      publishStoredMetrics: () => undefined,
    },
    logger: {
      info: (message, fields) => write('INFO', message, fields ? [fields] : []),
      warn: (message, fields) => write('WARN', message, fields ? [fields] : []),
      error: (message, fields) => write('ERROR', message, fields ? [fields] : []),
    },
  };
}
