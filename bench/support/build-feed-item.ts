import { type FeedItem, FeedItemSchema } from '../../shared/feed/feed';

// Benchmarks and tests both build feed entries by hand; this is the one place that spells out every
// field of a FeedItem, so a field added to the schema is added here once. It lives under bench/
// because tests may import bench/support but nothing may import test/ (.dependency-cruiser.cjs).
const PLAIN_ITEM: FeedItem = {
  itemId: 'item-1',
  guid: null,
  url: 'https://news.example/story',
  title: 'A story',
  summary: null,
  contentHtml: null,
  authors: [],
  categories: [],
  publishedAt: null,
  modifiedAt: null,
  publishedRaw: null,
  modifiedRaw: null,
  image: null,
  enclosures: [],
};

/** A feed entry with no dates, media or content, changed as asked; checked against the FeedItem schema. */
export function buildFeedItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return FeedItemSchema.parse({ ...PLAIN_ITEM, ...overrides });
}
