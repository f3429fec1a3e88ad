import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { z } from 'zod';

/** The two body fields of an Article, the part that can outgrow a DynamoDB item. */
export const ArticleBodySchema = z.object({ contentHtml: z.string().nullable(), contentText: z.string().nullable() });
export type ArticleBody = z.infer<typeof ArticleBodySchema>;

/**
 * Brotli quality of stored bodies. Measured on the Zyte benchmark's 181 real pages
 * (scripts/measure-article-writes.ts, docs/scaling.md): quality 9 took 12.2 ms of CPU per article
 * and quality 5 about 1 ms, for items 0.02 write units larger on average (4.873 against 4.851):
 * the CPU is billed Lambda time, the write units are not worth it.
 */
export const BODY_BROTLI_QUALITY = 5;

/**
 * The stored body bytes: brotli over the UTF-8 JSON `{ "contentHtml": ..., "contentText": ... }`.
 * One blob rather than two so the HTML and its text share one compression window (the text
 * repeats the HTML's words, so it costs almost nothing more).
 */
export function compressBody(body: ArticleBody): Uint8Array {
  const json = Buffer.from(JSON.stringify({ contentHtml: body.contentHtml, contentText: body.contentText }), 'utf8');
  return brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: BODY_BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
}

/** Reverses {@link compressBody}; throws when the bytes are not a body it wrote. */
export function decompressBody(bytes: Uint8Array): ArticleBody {
  return ArticleBodySchema.parse(JSON.parse(brotliDecompressSync(bytes).toString('utf8')));
}

/** Splits bytes into parts of at most `size` bytes (views, no copies). */
export function splitBytes(bytes: Uint8Array, size: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += size) parts.push(bytes.subarray(offset, Math.min(offset + size, bytes.byteLength)));
  return parts;
}
