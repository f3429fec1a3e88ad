import type { Article } from '../../shared/article/article';
import { FeedloomError } from '../../shared/errors';
import { findFeed } from '../../shared/ingestion/subscribe-feeds';
import type { CliIo } from '../cli-io';
import { openLocalStores } from '../open-local-stores';
import { UsageError } from '../usage-error';

/** Options of `feedloom articles`. */
export interface ArticlesOptions {
  db?: string | undefined;
  endpoint?: string | undefined;
  feed?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit?: string | undefined;
  cursor?: string | undefined;
  json: boolean;
}

function isoOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!Number.isFinite(time)) throw new UsageError(`--${name} must be an ISO 8601 date or instant, got "${value}"`);
  return new Date(time).toISOString();
}

function line(article: Article): string {
  const when = (article.publishedAt ?? article.fetchedAt).slice(0, 16).replace('T', ' ');
  const status = article.status === 'extracted' ? '' : ` [${article.status}${article.extraction.error ? `: ${article.extraction.error.code}` : ''}]`;
  return `${when}  ${article.id}  ${article.title}${status}\n    ${article.url}\n`;
}

/** `feedloom articles`: stored Articles, newest first, as a list or JSON Lines. */
export async function articlesCommand(options: ArticlesOptions, io: CliIo): Promise<number> {
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be an integer from 1 to 1000');
  const list = { since: isoOption('since', options.since), until: isoOption('until', options.until), limit, cursor: options.cursor ?? null };
  const stores = await openLocalStores({ ...options, cwd: io.cwd });
  try {
    let page: Awaited<ReturnType<typeof stores.reader.listLatest>>;
    if (options.feed) {
      const feed = await findFeed(options.feed, stores.feeds);
      if (!feed) throw new FeedloomError('NOT_FOUND', `no subscribed feed ${options.feed}`);
      page = await stores.reader.listByFeed(feed.feedId, list);
    } else {
      page = await stores.reader.listLatest(list);
    }
    for (const article of page.articles) io.stdout.write(options.json ? `${JSON.stringify(article)}\n` : line(article));
    if (!options.json && !page.articles.length) io.stdout.write('no articles\n');
    if (page.cursor) io.stderr.write(`more: --cursor ${page.cursor}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}
