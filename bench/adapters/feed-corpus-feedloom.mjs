// Adapter for <bench data>/tools/feed-corpus.mjs: Feedloom's parseFeed on the raw bytes.
// The scorer runs adapters in worker threads, and on Node 20 a worker does not inherit the
// `--import tsx` hooks of the main thread, so tsx is registered here before the TypeScript loads.
import { register } from 'tsx/esm/api';

register();
const { parseFeed: parseFeedloom } = await import('../../shared/feed/parse-feed.ts');

export async function parseFeed(bytes, url) {
  const feed = await parseFeedloom(bytes, { url });
  return {
    // feedparser's `title` is markup when the feed marked it up; Feedloom keeps that form in titleHtml.
    title: feed.titleHtml ?? feed.title,
    link: feed.homeUrl,
    // feedparser's "bozo": the document was not clean (the tolerant reader recovered from something).
    bozo: (feed.issues ?? []).length > 0,
    items: feed.items.map((item) => ({
      title: item.titleHtml ?? item.title,
      link: item.url,
      guid: item.guid,
      published: item.publishedRaw ?? item.publishedAt,
      author: item.authors[0],
    })),
  };
}
