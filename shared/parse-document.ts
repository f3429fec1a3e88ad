import type { z } from 'zod';
import { describeZodIssues } from './describe-zod-issues';
import { InvalidInputError } from './errors';

/**
 * Validates a data document the code loads (the block model, the site rules: shipped JSON or a
 * deployment's own file) against its schema; throws InvalidInputError with `code`, naming the
 * document and its first problem.
 */
export function parseDocument<S extends z.ZodTypeAny>(schema: S, value: unknown, document: { code: string; name: string }): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(document.code, `${document.name}: ${describeZodIssues(parsed.error, '(root)', 1)}`);
  return parsed.data;
}
