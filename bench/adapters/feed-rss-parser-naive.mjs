// Adapter for <bench data>/tools/feed-corpus.mjs: rss-parser 3.13 used as a naive user drives it
// (one shared instance, `parseString` on the bytes decoded as UTF-8), the baseline Feedloom is compared to.
import Parser from 'rss-parser';

const parser = new Parser();

export async function parseFeed(bytes) {
  const feed = await parser.parseString(bytes.toString('utf8'));
  return {
    title: feed.title,
    link: feed.link,
    items: (feed.items ?? []).map((item) => ({
      title: item.title,
      link: item.link,
      guid: item.guid ?? item.id,
      published: item.isoDate ?? item.pubDate,
      author: item.creator ?? item.author,
    })),
  };
}
