import type { Article } from '../../shared/article/article';
import { FeedloomError, InvalidInputError } from '../../shared/errors';
import { feedIdOf, findFeed } from '../../shared/ingestion/subscribe-feeds';
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

/** The feed id `--feed` names: a subscribed feed's id or URL, else (for a removed feed) the id its URL would have. */
async function resolveFeedId(feed: string, stores: Awaited<ReturnType<typeof openLocalStores>>): Promise<{ feedId: string; subscribed: boolean }> {
  const subscription = await findFeed(feed, stores.feeds);
  if (subscription) return { feedId: subscription.feedId, subscribed: true };
  if (/^https?:\/\//i.test(feed)) return { feedId: feedIdOf(feed), subscribed: false };
  return { feedId: feed, subscribed: false };
}

/** `feedloom articles`: stored Articles, newest first, as a list or JSON Lines (one Article a line). */
export async function articlesCommand(options: ArticlesOptions, io: CliIo): Promise<number> {
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be an integer from 1 to 1000');
  const since = isoOption('since', options.since);
  const until = isoOption('until', options.until);
  if (since && until && since > until) throw new UsageError(`--since (${since}) is after --until (${until})`);
  const list = { since, until, limit, cursor: options.cursor ?? null };
  const stores = await openLocalStores({ ...options, cwd: io.cwd, env: io.env });
  try {
    let page: Awaited<ReturnType<typeof stores.reader.listLatest>>;
    try {
      if (options.feed) {
        const { feedId, subscribed } = await resolveFeedId(options.feed, stores);
        page = await stores.reader.listByFeed(feedId, list);
        // Articles outlive their feed's subscription; only a name that matches nothing at all is an error.
        if (!subscribed && !page.articles.length && !options.cursor) throw new FeedloomError('NOT_FOUND', `no feed ${options.feed} and no articles from it`);
      } else {
        page = await stores.reader.listLatest(list);
      }
    } catch (error) {
      if (error instanceof InvalidInputError) throw new UsageError(error.code === 'BAD_CURSOR' ? `--cursor: ${error.message}` : error.message);
      throw error;
    }
    for (const article of page.articles) io.stdout.write(options.json ? `${JSON.stringify(article)}\n` : line(article));
    if (!options.json && !page.articles.length) io.stdout.write('no articles\n');
    if (page.cursor) io.stderr.write(`more: --cursor ${page.cursor}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}
