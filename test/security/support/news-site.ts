import type { IncomingMessage } from 'node:http';
import { buildExtractArticleJob } from '../../../bench/support/build-extract-article-job';
import type { HostileRoute } from './hostile-server';

/** An ordinary article page with a title of its own (a real article for the extractor, a few KB). */
export function articlePage(title: string): string {
  const paragraph = (n: number) =>
    `<p>${title}: paragraph ${n}. The regional council met on Tuesday to discuss the plan, which would add two bus lines and a night service, and heard from residents who had waited years for a connection to the hospital.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta property="article:published_time" content="2026-01-14T08:00:00Z"></head><body><article><h1>${title}</h1>${[1, 2, 3, 4].map(paragraph).join('')}</article></body></html>`;
}

/** A route answering `/a/<slug>` with an article page titled after the slug. */
export const articleRoute = (request: IncomingMessage): HostileRoute => {
  const slug = decodeURIComponent(new URL(request.url ?? '/', 'http://h').pathname.split('/').pop() ?? '');
  return { headers: { 'content-type': 'text/html; charset=utf-8' }, body: articlePage(`Story ${slug}`) };
};

/** The extract job, as JSON, that a feed would queue for the `/a/<slug>` page of `origin`. */
export function articleJob(origin: string, slug: string, feed: { feedId: string; feedUrl: string }): string {
  const itemId = `item-${slug}`;
  return JSON.stringify(
    buildExtractArticleJob({ ...feed, item: { itemId, guid: itemId, url: `${origin}/a/${slug}`, title: `Story ${slug}`, summary: `Summary ${slug}.` } }),
  );
}

/** An RSS feed whose entries link to `links` (absolute), with optional guids and dates. */
export function rssFeed(title: string, entries: { link: string; guid?: string; title?: string; pubDate?: string }[]): string {
  const items = entries
    .map(
      (entry, n) =>
        `<item><title>${entry.title ?? `${title} entry ${n}`}</title><link>${entry.link}</link>${entry.guid ? `<guid isPermaLink="false">${entry.guid}</guid>` : ''}${entry.pubDate !== undefined ? `<pubDate>${entry.pubDate}</pubDate>` : ''}<description>Summary of ${entry.title ?? `entry ${n}`}.</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://news.example/</link><description>d</description>\n${items}\n</channel></rss>\n`;
}
