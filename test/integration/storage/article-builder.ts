import { readFileSync } from 'node:fs';
import { seededRandom } from '../../../bench/support/seeded-random';
import { type Article, ArticleSchema } from '../../../shared/article/article';
import { articleId, sha256Hex } from '../../../shared/article/article-id';

export { seededRandom };

const base = ArticleSchema.parse(JSON.parse(readFileSync(new URL('./fixtures/article/article.json', import.meta.url), 'utf8')));

/** What a test varies in an article; the id and content hash follow from `url` and the body. */
export interface ArticleShape {
  url?: string;
  feedId?: string;
  publishedAt?: string | null;
  fetchedAt?: string;
  contentText?: string | null;
  contentHtml?: string | null;
  title?: string;
  status?: Article['status'];
}

/** The fixture article changed as asked, with a consistent `id`, `canonicalUrl` and `contentHash`. */
export function anArticle(shape: ArticleShape = {}): Article {
  const url = shape.url ?? base.url;
  const contentText = shape.contentText === undefined ? base.contentText : shape.contentText;
  const contentHtml = shape.contentHtml === undefined ? base.contentHtml : shape.contentHtml;
  const title = shape.title ?? base.title;
  return ArticleSchema.parse({
    ...base,
    id: articleId(url),
    url,
    canonicalUrl: url,
    feedId: shape.feedId ?? 'feed-a',
    feedUrl: `https://meridian-ledger.example/feeds/${shape.feedId ?? 'feed-a'}.rss`,
    title,
    publishedAt: shape.publishedAt === undefined ? base.publishedAt : shape.publishedAt,
    fetchedAt: shape.fetchedAt ?? base.fetchedAt,
    contentText,
    contentHtml,
    status: shape.status ?? base.status,
    contentHash: sha256Hex(contentText ?? `${title}\n${base.description ?? ''}`),
  });
}

/**
 * Paragraphs of made-up prose about `bytes` long: words drawn from a 5,000-word vocabulary with a
 * skewed frequency, like real text, so brotli compresses it about as much as a real article (5-7x),
 * not the 1000x of a repeated paragraph.
 */
export function proseParagraphs(bytes: number, seed: number): string[] {
  const random = seededRandom(seed);
  const syllables = ['ka', 'lo', 'mi', 'ran', 'te', 'sor', 'vi', 'an', 'del', 'por', 'shi', 'nu', 'tra', 'el', 'go', 'ber', 'qua', 'lin', 'fe', 'mon'];
  const vocabulary = Array.from({ length: 5000 }, () =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join(''),
  );
  const word = (): string => vocabulary[Math.floor(vocabulary.length * random() ** 2.5)] as string;
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentences = Array.from({ length: 3 + Math.floor(random() * 5) }, () => {
      const words = Array.from({ length: 8 + Math.floor(random() * 15) }, word).join(' ');
      return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
    });
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs;
}

/** An article whose body is `bytes` of prose (text) and the same prose as HTML paragraphs. */
export function aBigArticle(bytes: number, seed: number, shape: ArticleShape = {}): Article {
  const paragraphs = proseParagraphs(bytes, seed);
  return anArticle({ ...shape, contentText: paragraphs.join('\n\n'), contentHtml: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n') });
}
