import type { z } from 'zod';
import { describeZodIssues } from '../describe-zod-issues';

/** A message body that can never be processed, and why. */
export interface PoisonMessage {
  ok: false;
  code: 'POISON_MALFORMED_JSON' | 'POISON_UNKNOWN_VERSION' | 'POISON_INVALID_JOB';
  message: string;
}

/**
 * Parses a queue message body with its job schema, classifying a failure: not JSON at all, a job of
 * a version this code does not know (a newer producer, or an old message after a breaking change),
 * or a body that fails the schema. Every one of these is permanent: retrying cannot help.
 */
export function classifyMessage<T>(schema: z.ZodType<T>, body: string): { ok: true; job: T } | PoisonMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, code: 'POISON_MALFORMED_JSON', message: `body is not JSON: ${(error as Error).message}`.slice(0, 300) };
  }
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (version !== undefined && version !== 1) {
    return { ok: false, code: 'POISON_UNKNOWN_VERSION', message: `job version ${JSON.stringify(version)?.slice(0, 40)} is not supported (expected 1)` };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, job: parsed.data };
  return { ok: false, code: 'POISON_INVALID_JOB', message: `job fails its schema: ${describeZodIssues(parsed.error, '(body)', 5)}`.slice(0, 500) };
}
