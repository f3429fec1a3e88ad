import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodIssues } from '../../shared/describe-zod-issues';

const Schema = z.object({ name: z.string(), tags: z.array(z.string()), size: z.number() });

function errorOf(value: unknown): z.ZodError {
  const parsed = Schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be rejected');
  return parsed.error;
}

describe('describeZodIssues', () => {
  it('names each problem by its dotted path, in order', () => {
    const text = describeZodIssues(errorOf({ name: 1, tags: ['a', 2], size: 3 }), '(root)');
    expect(text).toMatch(/^name: .+; tags\.1: .+$/);
  });

  it('names the value itself by `root` when a problem has no path', () => {
    expect(describeZodIssues(errorOf('not an object'), '(event)')).toMatch(/^\(event\): /);
  });

  it('keeps only the first `limit` problems', () => {
    const error = errorOf({});
    expect(error.issues).toHaveLength(3);
    expect(describeZodIssues(error, '(root)', 1)).toMatch(/^name: [^;]+$/);
    expect(describeZodIssues(error, '(root)', 2).split('; ')).toHaveLength(2);
  });
});
