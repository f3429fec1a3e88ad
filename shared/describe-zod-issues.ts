import type { z } from 'zod';

/**
 * One line naming a schema's first `limit` problems ("path: message; ..."), so every edge that rejects
 * a value (config, events, jobs, stored items, model files) words it the same way. `root` stands for
 * the value itself when a problem has no path.
 */
export function describeZodIssues(error: z.ZodError, root: string, limit = Number.POSITIVE_INFINITY): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.join('.') || root}: ${issue.message}`)
    .join('; ');
}
