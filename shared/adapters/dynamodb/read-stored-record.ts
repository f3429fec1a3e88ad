import type { z } from 'zod';
import { describeZodIssues } from '../../describe-zod-issues';
import { StoredRecordError } from '../../ingestion/stored-record-error';

/**
 * Reads one stored item as its schema, or names why not: a {@link StoredRecordError} carrying the
 * item's key and feed (from `FEED#<id>`), so the caller can skip it and report it.
 */
export function readStoredRecord<T extends z.ZodTypeAny>(schema: T, item: Record<string, unknown>, kind: string): z.infer<T> | StoredRecordError {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const pk = String(item.pk ?? '');
  const feedId = pk.startsWith('FEED#') ? pk.slice('FEED#'.length) : null;
  return new StoredRecordError(kind, { pk, sk: String(item.sk ?? '') }, feedId, describeZodIssues(parsed.error, 'item', 5));
}
