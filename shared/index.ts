// The public library API of Feedloom (DESIGN "Library API"): what `import ... from 'feedloom'` gives.

export {
  type ArticleChange,
  type ArticlePage,
  ArticleReader,
  type ArticleReaderOptions,
  type ChangesFrom,
  type ChangesOptions,
  type ConnectOptions,
  type ListOptions,
} from './adapters/dynamodb/article-reader';
export { ARTICLES, BODIES, BODY_STORAGE, DEFAULT_TABLE_NAMES, FEEDS, type TableNames } from './adapters/dynamodb/table-design';
export { ARTICLE_SCHEMA_VERSION, type Article, type ArticleImage, ArticleSchema, type ArticleStatus, type FieldSource } from './article/article';
export { articleId } from './article/article-id';
export { cleanUrl } from './article/clean-url';
export { FeedloomError } from './errors';
export { type ExtractArticleOptions, extractArticle } from './extraction/extract-article';
export { ExtractionError } from './extraction/extraction-error';
export { type FeedItem, FeedItemSchema, type ParsedFeed, ParsedFeedSchema } from './feed/feed';
export { FeedParseError } from './feed/feed-errors';
export { type ParseFeedOptions, parseFeed } from './feed/parse-feed';
export { type FeedListEntry, parseFeedList } from './feed/parse-feed-list';
