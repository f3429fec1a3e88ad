import type { FeedItem } from '../../shared/feed/feed';
import { type ExtractArticleJob, ExtractArticleJobSchema } from '../../shared/ingestion/jobs';
import { buildFeedItem } from './build-feed-item';

/** What a benchmark or test varies in an extract job: its envelope, and the entry's fields over `buildFeedItem`'s. */
export interface ExtractArticleJobShape {
  feedId?: string;
  feedUrl: string;
  discoveredAt?: string;
  cycle?: number;
  item?: Partial<FeedItem>;
}

/** An extract-article job as fetch-feed queues it, checked against its schema. */
export function buildExtractArticleJob(shape: ExtractArticleJobShape): ExtractArticleJob {
  const { item, feedId = 'feed-1', discoveredAt = '2026-01-15T10:00:00.000Z', ...rest } = shape;
  return ExtractArticleJobSchema.parse({ kind: 'extract-article', version: 1, feedId, discoveredAt, ...rest, item: buildFeedItem(item) });
}
