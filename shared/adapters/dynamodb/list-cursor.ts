import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError } from '../../errors';

/**
 * The state a list query resumes from: for each index partition still to read, the exclusive upper
 * bound of the sort keys already returned. Bound to the query it came from (`q`), so a cursor
 * reused with other filters is refused instead of silently paging something else.
 */
const ListCursorSchema = z.object({ v: z.literal(1), q: z.string(), u: z.record(z.string(), z.string()) });

/** A short fingerprint of what a list query asks for (index, partition, window). */
export function queryFingerprint(parts: readonly (string | null | undefined)[]): string {
  return createHash('sha256')
    .update(JSON.stringify(parts.map((part) => part ?? null)))
    .digest('base64url')
    .slice(0, 12);
}

/** An opaque, URL-safe cursor. */
export function encodeListCursor(query: string, upperBounds: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ v: 1, q: query, u: upperBounds }), 'utf8').toString('base64url');
}

/** Decodes a cursor of {@link encodeListCursor} issued for the same query; InvalidInputError BAD_CURSOR otherwise. */
export function decodeListCursor(cursor: string, query: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidInputError('BAD_CURSOR', 'the cursor is not one this reader issued', { cause: error });
  }
  const parsed = ListCursorSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError('BAD_CURSOR', 'the cursor is not one this reader issued');
  if (parsed.data.q !== query) throw new InvalidInputError('BAD_CURSOR', 'the cursor belongs to a query with other filters (feed, since or until)');
  return parsed.data.u;
}
