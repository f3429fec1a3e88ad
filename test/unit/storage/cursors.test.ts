import { describe, expect, it } from 'vitest';
import { decodeListCursor, encodeListCursor, queryFingerprint } from '../../../shared/adapters/dynamodb/list-cursor';
import { decodeStreamCursor, encodeStreamCursor } from '../../../shared/adapters/dynamodb/stream-cursor';

describe('list cursors', () => {
  const query = queryFingerprint(['byFeed', 'feed-1', null, '2025-01-01T00:00:00.000Z']);

  it('are URL-safe and give back the bounds for the same query', () => {
    const cursor = encodeListCursor(query, { 'feed-1': '2024-12-31T23:00:00.000Z#abc' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(cursor, query)).toEqual({ 'feed-1': '2024-12-31T23:00:00.000Z#abc' });
  });

  it('are refused for another query, and when malformed or tampered with', () => {
    const cursor = encodeListCursor(query, { 'feed-1': 'x' });
    const other = queryFingerprint(['byFeed', 'feed-2', null, '2025-01-01T00:00:00.000Z']);
    expect(() => decodeListCursor(cursor, other)).toThrow(expect.objectContaining({ code: 'BAD_CURSOR' }));
    expect(() => decodeListCursor('%%%', query)).toThrow(expect.objectContaining({ code: 'BAD_CURSOR' }));
    const tampered = Buffer.from(JSON.stringify({ v: 1, q: query, u: { 'feed-1': 5 } })).toString('base64url');
    expect(() => decodeListCursor(tampered, query)).toThrow(expect.objectContaining({ name: 'InvalidInputError', code: 'BAD_CURSOR' }));
  });
});

describe('stream cursors', () => {
  it('round-trip the stream, shard positions and finished shards', () => {
    const position = { streamArn: 'arn:aws:dynamodb:eu-west-1:1:table/a/stream/x', sequences: { 'shard-2': '0002' }, done: ['shard-1'] };
    expect(decodeStreamCursor(encodeStreamCursor(position))).toEqual(position);
    expect(() => decodeStreamCursor('e30')).toThrow(expect.objectContaining({ code: 'BAD_CURSOR' }));
  });
});
