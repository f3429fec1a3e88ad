import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FeedloomError } from '../../shared/errors';
import { parseFeedList } from '../../shared/feed/parse-feed-list';
import { changeFeedState, type FeedLifecycleAction } from '../../shared/ingestion/feed-lifecycle';
import { StoredRecordError } from '../../shared/ingestion/stored-record-error';
import { feedIdOf, findFeed, subscribeFeeds } from '../../shared/ingestion/subscribe-feeds';
import type { CliIo } from '../cli-io';
import { openLocalStores } from '../open-local-stores';
import { UsageError } from '../usage-error';

const systemClock = { now: () => new Date() };

/** Reads a feed list file (OPML, JSON or text) into subscriptions. */
export async function readFeedListFile(path: string, cwd: string): Promise<ReturnType<typeof parseFeedList>> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read feed list ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseFeedList(text);
}

const ACTIONS = ['list', 'add', 'remove', 'import', 'pause', 'resume', 'revive'];
const LIFECYCLE = new Set(['pause', 'resume', 'revive']);
const PAST: Record<FeedLifecycleAction, string> = { pause: 'paused', resume: 'resumed', revive: 'revived' };

/** `feedloom feeds list|add|remove|import|pause|resume|revive`. */
export async function feedsCommand(
  action: string | undefined,
  args: string[],
  options: { db?: string | undefined; endpoint?: string | undefined; category?: string[] | undefined; json: boolean },
  io: CliIo,
): Promise<number> {
  if (!action || !ACTIONS.includes(action))
    throw new UsageError('feeds needs one of: list, add URL..., remove URL_OR_ID..., import FILE, pause|resume|revive URL_OR_ID...');
  if (action !== 'list' && !args.length) throw new UsageError(`feeds ${action} needs at least one argument`);
  const entries =
    action === 'import'
      ? (await Promise.all(args.map((file) => readFeedListFile(file, io.cwd)))).flat()
      : action === 'add'
        ? parseFeedList(args.join('\n')).map((entry) => ({ ...entry, categories: options.category ?? [] }))
        : [];
  const stores = await openLocalStores({ ...options, cwd: io.cwd, env: io.env });
  try {
    if (action === 'list') {
      const { feeds, unreadable } = await stores.feeds.list();
      // A stored feed that no longer reads is listed too (it is not fetched): the operator mends it by
      // adding the feed again or drops it with `feeds remove ID`.
      for (const error of unreadable) {
        if (options.json) {
          io.stdout.write(`${JSON.stringify({ feedId: error.feedId, status: 'unreadable', error: { code: error.code, message: error.message } })}\n`);
          continue;
        }
        io.stdout.write(`${error.feedId ?? error.key.pk}  unreadable  not fetched\n    ${error.code}: ${error.message}\n`);
      }
      for (const feed of feeds) {
        if (options.json) {
          io.stdout.write(`${JSON.stringify(feed)}\n`);
          continue;
        }
        const error = feed.lastError ? `\n    last error: ${feed.lastError.code}: ${feed.lastError.message.slice(0, 200)} (${feed.lastError.at})` : '';
        io.stdout.write(
          `${feed.feedId}  ${feed.status.padEnd(6)}  ${feed.url}\n    ${feed.title ?? '(untitled)'}  next: ${feed.status === 'active' ? feed.nextFetchAt : '-'}  errors: ${feed.errorCount}${error}\n`,
        );
      }
      if (!feeds.length && !unreadable.length && !options.json) io.stdout.write('no feeds; add some with: feedloom feeds add URL\n');
      return 0;
    }
    if (LIFECYCLE.has(action)) {
      for (const target of args) {
        const feed = await findFeed(target, stores.feeds);
        if (!feed) throw new FeedloomError('NOT_FOUND', `no subscribed feed ${target}`);
        const changed = await changeFeedState(feed, action as FeedLifecycleAction, { feeds: stores.feeds, clock: systemClock });
        io.stdout.write(`${changed === feed ? `already ${feed.status}` : PAST[action as FeedLifecycleAction]}: ${feed.url}\n`);
      }
      return 0;
    }
    if (action === 'remove') {
      for (const target of args) {
        const feed = await findFeed(target, stores.feeds).catch((error: unknown) => {
          // A feed whose record no longer reads can still be removed by its id.
          if (error instanceof StoredRecordError && error.feedId) return { feedId: error.feedId, url: error.feedId };
          throw error;
        });
        if (!feed) throw new FeedloomError('NOT_FOUND', `no subscribed feed ${target}`);
        await stores.feeds.remove(feed.feedId);
        io.stdout.write(`removed ${feed.url}\n`);
      }
      return 0;
    }
    const { added, existing } = await subscribeFeeds(entries, { feeds: stores.feeds, clock: systemClock });
    io.stdout.write(`${added} feed${added === 1 ? '' : 's'} added, ${existing} already subscribed\n`);
    // An existing feed that is not fetched says so, with the way back.
    for (const entry of entries) {
      const feed = await stores.feeds.get(feedIdOf(entry.url));
      if (feed?.status === 'dead') io.stdout.write(`  dead: ${feed.url} (${feed.lastError?.code ?? 'failing'}): feedloom feeds revive ${feed.url}\n`);
      if (feed?.status === 'paused') io.stdout.write(`  paused: ${feed.url}: feedloom feeds resume ${feed.url}\n`);
    }
    return 0;
  } finally {
    await stores.close();
  }
}
