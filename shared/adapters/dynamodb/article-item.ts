import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { type Article, ArticleSchema } from '../../article/article';
import { cleanUrl } from '../../article/clean-url';
import { articleSortKey, timeShardOf } from './table-design';

/** Bodies larger than this (characters of HTML plus text) are stored brotli-compressed. */
export const COMPRESS_ABOVE_CHARS = 32 * 1024;

/** The DynamoDB item of an article: the Article's fields plus index and storage attributes. */
export type ArticleItem = Record<string, unknown>;

const STORAGE_ATTRIBUTES = ['urlKey', 'sortKey', 'timeShard', 'contentHtmlBr', 'contentTextBr', 'previousContentHash', 'expiresAt'];

function compress(text: string): Uint8Array {
  return brotliCompressSync(Buffer.from(text, 'utf8'), { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: text.length } });
}

/** Maps an Article to its stored item (see docs/consumers.md for the attribute list). */
export function toArticleItem(article: Article, extra: { previousContentHash?: string | null; expiresAt?: number | null } = {}): ArticleItem {
  const item: ArticleItem = {
    ...article,
    urlKey: cleanUrl(article.url),
    sortKey: articleSortKey(article.publishedAt, article.fetchedAt, article.id),
    timeShard: timeShardOf(article.id),
  };
  if (extra.previousContentHash) item.previousContentHash = extra.previousContentHash;
  if (extra.expiresAt) item.expiresAt = extra.expiresAt;
  const size = (article.contentHtml?.length ?? 0) + (article.contentText?.length ?? 0);
  if (size > COMPRESS_ABOVE_CHARS) {
    // DynamoDB items are capped at 400 KB; text compresses 4-8x with brotli, and readers of this
    // library never see the difference. Raw-table readers decompress `contentHtmlBr`/`contentTextBr`.
    if (article.contentHtml !== null) item.contentHtmlBr = compress(article.contentHtml);
    if (article.contentText !== null) item.contentTextBr = compress(article.contentText);
    item.contentHtml = null;
    item.contentText = null;
  }
  return item;
}

/** Maps a stored item back to a validated Article (decompressing bodies, dropping storage attributes). */
export function fromArticleItem(item: ArticleItem): Article {
  const copy: Record<string, unknown> = { ...item };
  if (copy.contentHtmlBr instanceof Uint8Array) copy.contentHtml = brotliDecompressSync(copy.contentHtmlBr).toString('utf8');
  if (copy.contentTextBr instanceof Uint8Array) copy.contentText = brotliDecompressSync(copy.contentTextBr).toString('utf8');
  for (const name of STORAGE_ATTRIBUTES) delete copy[name];
  return ArticleSchema.parse(copy);
}
