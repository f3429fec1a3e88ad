import type { Article } from '../../article/article';
import { FeedloomError } from '../../errors';
import { type ArticleBody, decompressBody } from './article-body';
import { type ArticleItem, fromArticleItem, storedBodyOf } from './article-item';
import type { BodyStore } from './body-store';
import { BODY_STORAGE } from './table-design';

/**
 * Turns a stored Articles item into a validated Article, reading an offloaded body from the
 * Bodies table. Returns null when the item points at chunks that are gone (its revision was
 * superseded and cleaned up after the item was read): the caller reads the item again.
 */
export async function loadArticle(item: ArticleItem, bodies: BodyStore): Promise<Article | null> {
  const stored = storedBodyOf(item);
  let body: ArticleBody;
  if (stored.bodyStorage === BODY_STORAGE.inline) {
    body = { contentHtml: (item.contentHtml ?? null) as string | null, contentText: (item.contentText ?? null) as string | null };
  } else if (stored.bodyStorage === BODY_STORAGE.brotli) {
    body = decode(item, stored.bodyBr);
  } else {
    const bytes = await bodies.read({ id: String(item.id), bodyKey: stored.bodyKey, parts: stored.bodyParts, bytes: stored.bodyBytes });
    if (!bytes) return null;
    body = decode(item, bytes);
  }
  return fromArticleItem(item, body);
}

function decode(item: ArticleItem, bytes: Uint8Array): ArticleBody {
  try {
    return decompressBody(bytes);
  } catch (error) {
    throw new FeedloomError('INVALID_STORED_ARTICLE', `stored item ${String(item.id)}: its compressed body does not decode`, { cause: error });
  }
}
