import { z } from 'zod';
import { ARTICLE_SCHEMA_VERSION, type Article, ArticleSchema } from '../../article/article';
import { articleId, sha256Hex } from '../../article/article-id';
import { cleanUrl } from '../../article/clean-url';
import { describeZodIssues } from '../../describe-zod-issues';
import { FeedloomError, InvalidInputError } from '../../errors';
import { type ArticleBody, compressBody, splitBytes } from './article-body';
import { estimateItemBytes, MAX_ITEM_BYTES } from './item-size';
import { ARTICLES, articleSortKey, BODY_STORAGE, timeShardOf } from './table-design';

/** Bodies up to this many UTF-8 bytes (HTML plus text) may stay plain attributes, readable as they are. */
export const INLINE_BODY_MAX_BYTES = 32 * 1024;

/** Bodies under this many bytes stay plain without trying compression: it could not save a write unit. */
export const COMPRESS_MIN_BODY_BYTES = 512;

/** DynamoDB bills a write per started KB of the item (and of each index entry). */
const writeUnits = (bytes: number): number => Math.ceil(bytes / 1024);
/** Largest Articles item we write; the estimate is an upper bound, the rest is headroom. */
export const ARTICLE_ITEM_BUDGET_BYTES = 380 * 1024;
/** Size of one chunk of an offloaded body (a Bodies item stays far below the 400 KB cap). */
export const BODY_CHUNK_BYTES = 256 * 1024;

/** The DynamoDB item of an article: the Article's fields plus index and storage attributes. */
export type ArticleItem = Record<string, unknown>;

/** Attributes of an item that are not Article fields (docs/consumers.md lists each). */
export const STORAGE_ATTRIBUTES = [
  'urlKey',
  'sortKey',
  'timeShard',
  'previousContentHash',
  'bodyStorage',
  'bodyBr',
  'bodyKey',
  'bodyParts',
  'bodyBytes',
  ARTICLES.ttlAttribute,
] as const;

/** How an article's body will be stored, decided once per write (compression is the costly part). */
export type EncodedBody =
  | { storage: typeof BODY_STORAGE.inline }
  | { storage: typeof BODY_STORAGE.brotli; bytes: Uint8Array }
  | { storage: typeof BODY_STORAGE.chunks; bytes: Uint8Array; bodyKey: string; parts: Uint8Array[] };

/** Where a stored item says its body is. */
export const StoredBodySchema = z.discriminatedUnion('bodyStorage', [
  z.object({ bodyStorage: z.literal(BODY_STORAGE.inline) }),
  z.object({ bodyStorage: z.literal(BODY_STORAGE.brotli), bodyBr: z.instanceof(Uint8Array) }),
  z.object({
    bodyStorage: z.literal(BODY_STORAGE.chunks),
    bodyKey: z.string().min(1),
    bodyParts: z.number().int().positive(),
    bodyBytes: z.number().int().positive(),
  }),
]);
export type StoredBody = z.infer<typeof StoredBodySchema>;

/** Longest `urlKey` stored as the URL itself: DynamoDB refuses an index key over 2,048 bytes. */
export const MAX_URL_KEY_BYTES = 1024;

/**
 * The `urlKey` of a page URL: its cleaned form (or the URL as given when it does not parse); a URL
 * longer than {@link MAX_URL_KEY_BYTES} is keyed by `sha256:` and its hex digest instead, since
 * DynamoDB rejects an item whose index key exceeds 2,048 bytes and feeds can carry 8 KB links.
 */
export function urlKeyOf(url: string): string {
  let key: string;
  try {
    key = cleanUrl(url);
  } catch {
    key = url;
  }
  return Buffer.byteLength(key, 'utf8') > MAX_URL_KEY_BYTES ? `sha256:${sha256Hex(key)}` : key;
}

/**
 * The id a reader looks up first for a URL (docs/consumers.md "get by URL"): the id of the article
 * whose identity the cleaned URL is; null when the URL does not parse (a reader refuses it).
 */
export function directIdOfUrl(url: string): string | null {
  try {
    return articleId(cleanUrl(url));
  } catch {
    return null;
  }
}

/**
 * Whether an article needs a `byUrl` entry: only when "get by URL" cannot find it by key, i.e. its
 * id is not the one its page URL gives (a canonical URL other than the page's is its identity).
 * Most articles are their own page's identity, and each index entry is a write unit per write
 * (docs/scaling.md), so the index is sparse: the item carries `urlKey` only when it is needed.
 */
export function needsUrlKey(article: Pick<Article, 'id' | 'url'>): boolean {
  return directIdOfUrl(article.url) !== article.id;
}

function metadataItem(article: Article, extra: { previousContentHash?: string | null; expiresAt?: number | null }): ArticleItem {
  const { contentHtml: _html, contentText: _text, ...fields } = article;
  const item: ArticleItem = {
    ...fields,
    ...(needsUrlKey(article) ? { urlKey: urlKeyOf(article.url) } : {}),
    sortKey: articleSortKey(article.publishedAt, article.fetchedAt, article.id),
    timeShard: timeShardOf(article.id),
  };
  if (extra.previousContentHash) item.previousContentHash = extra.previousContentHash;
  if (extra.expiresAt) item[ARTICLES.ttlAttribute] = extra.expiresAt;
  return item;
}

/**
 * Decides where the body goes: plain attributes when small and compressing would not make the
 * item cost fewer write units, brotli bytes in the item when the compressed body fits (a typical
 * news article's item, HTML plus text, is 2-3 times smaller and costs 4-5 write units instead of
 * 10-11: docs/scaling.md), else the same bytes in chunks of the Bodies table under a key unique to
 * this write (so a writer that loses a race can delete its chunks without touching anyone else's).
 * Never truncates: an article whose fields other than the body exceed the item cap is refused.
 */
export function encodeArticleBody(article: Article, newBodyKey: () => string): EncodedBody {
  const metadataBytes = estimateItemBytes(metadataItem(article, { previousContentHash: article.contentHash, expiresAt: 1 })) + 200;
  if (metadataBytes > ARTICLE_ITEM_BUDGET_BYTES) {
    throw new InvalidInputError(
      'ARTICLE_TOO_LARGE',
      `article ${article.id}: its fields other than the body take about ${metadataBytes} bytes, more than a DynamoDB item can hold (${MAX_ITEM_BYTES})`,
    );
  }
  const bodyBytes = Buffer.byteLength(article.contentHtml ?? '', 'utf8') + Buffer.byteLength(article.contentText ?? '', 'utf8');
  const inlineFits = bodyBytes <= INLINE_BODY_MAX_BYTES && metadataBytes + bodyBytes + 64 <= ARTICLE_ITEM_BUDGET_BYTES;
  if (inlineFits && bodyBytes < COMPRESS_MIN_BODY_BYTES) return { storage: BODY_STORAGE.inline };
  const bytes = compressBody({ contentHtml: article.contentHtml, contentText: article.contentText });
  if (inlineFits && writeUnits(metadataBytes + bodyBytes + 64) <= writeUnits(metadataBytes + bytes.byteLength + 64)) return { storage: BODY_STORAGE.inline };
  if (metadataBytes + bytes.byteLength <= ARTICLE_ITEM_BUDGET_BYTES) return { storage: BODY_STORAGE.brotli, bytes };
  return { storage: BODY_STORAGE.chunks, bytes, bodyKey: newBodyKey(), parts: splitBytes(bytes, BODY_CHUNK_BYTES) };
}

/** Maps an Article to its stored item (see docs/consumers.md for the attribute list). */
export function toArticleItem(
  article: Article,
  body: EncodedBody,
  extra: { previousContentHash?: string | null; expiresAt?: number | null } = {},
): ArticleItem {
  const item = metadataItem(article, extra);
  item.bodyStorage = body.storage;
  if (body.storage === BODY_STORAGE.inline) {
    item.contentHtml = article.contentHtml;
    item.contentText = article.contentText;
  } else if (body.storage === BODY_STORAGE.brotli) {
    item.bodyBr = body.bytes;
  } else {
    item.bodyKey = body.bodyKey;
    item.bodyParts = body.parts.length;
    item.bodyBytes = body.bytes.byteLength;
  }
  return item;
}

/** Where an item's body is; a typed error when the item is not one Feedloom wrote. */
export function storedBodyOf(item: ArticleItem): StoredBody {
  if (item.bodyStorage === undefined) {
    // Items of the pre-release scaffold: plain bodies read as inline; its compressed ones are refused, not emptied.
    if ('contentHtmlBr' in item || 'contentTextBr' in item) throw invalidStored(item, 'body stored by a pre-release Feedloom (delete the local database)');
    return { bodyStorage: BODY_STORAGE.inline };
  }
  const parsed = StoredBodySchema.safeParse(item);
  if (!parsed.success) throw invalidStored(item, `bad body attributes: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
}

/** Maps a stored item and its body back to a validated Article, dropping storage attributes. */
export function fromArticleItem(item: ArticleItem, body: ArticleBody): Article {
  if (item.schemaVersion !== ARTICLE_SCHEMA_VERSION) {
    throw new FeedloomError(
      'UNSUPPORTED_SCHEMA_VERSION',
      `article ${String(item.id)} has schemaVersion ${String(item.schemaVersion)}; this reader knows version ${ARTICLE_SCHEMA_VERSION} (upgrade feedloom)`,
    );
  }
  const copy: Record<string, unknown> = { ...item, contentHtml: body.contentHtml, contentText: body.contentText };
  for (const name of STORAGE_ATTRIBUTES) delete copy[name];
  const parsed = ArticleSchema.safeParse(copy);
  if (!parsed.success) throw invalidStored(item, describeZodIssues(parsed.error, ''));
  return parsed.data;
}

function invalidStored(item: ArticleItem, detail: string): FeedloomError {
  return new FeedloomError('INVALID_STORED_ARTICLE', `stored item ${String(item.id)} is not a valid Article v${ARTICLE_SCHEMA_VERSION}: ${detail}`);
}
