import { z } from 'zod';
import { InvalidInputError } from '../../errors';

/**
 * Where a stream reader stands: the stream, the last sequence number read in each shard, and the
 * shards read to their end. Shards absent from it are new and read from their start.
 */
export interface StreamPosition {
  streamArn: string;
  sequences: Record<string, string>;
  done: string[];
}

const StreamCursorSchema = z.object({ v: z.literal(1), a: z.string(), p: z.record(z.string(), z.string()), d: z.array(z.string()) });

/** An opaque, URL-safe cursor for `changes({ from })`. */
export function encodeStreamCursor(position: StreamPosition): string {
  return Buffer.from(JSON.stringify({ v: 1, a: position.streamArn, p: position.sequences, d: position.done }), 'utf8').toString('base64url');
}

/** Decodes a cursor of {@link encodeStreamCursor}; InvalidInputError BAD_CURSOR otherwise. */
export function decodeStreamCursor(cursor: string): StreamPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidInputError('BAD_CURSOR', 'the stream cursor is not one this reader issued', { cause: error });
  }
  const parsed = StreamCursorSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError('BAD_CURSOR', 'the stream cursor is not one this reader issued');
  return { streamArn: parsed.data.a, sequences: parsed.data.p, done: parsed.data.d };
}
