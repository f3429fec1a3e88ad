import { parseArgs } from 'node:util';
import { errorCode, errorMessage, FeedloomError } from '../shared/errors';
import type { CliIo } from './cli-io';
import { articleCommand } from './commands/article-command';
import { articlesCommand } from './commands/articles-command';
import { deadLettersCommand } from './commands/dead-letters-command';
import { extractCommand } from './commands/extract-command';
import { feedsCommand } from './commands/feeds-command';
import { invokeCommand } from './commands/invoke-command';
import { parseCommand } from './commands/parse-command';
import { reextractCommand } from './commands/reextract-command';
import { runCommand } from './commands/run-command';
import { serveCommand } from './commands/serve-command';
import { sitesCommand } from './commands/sites-command';
import { UsageError } from './usage-error';

export const USAGE = `Usage: feedloom <command> [options]

  run [--feeds FILE] [--db DIR | --endpoint URL] [--once] [--all] [--allow-private-network]
      [--concurrency N] [--user-agent UA] [--ignore-robots-txt] [--verbose] [--json]
                                  fetch due feeds, extract and store their articles
                                  (article pages obey robots.txt unless --ignore-robots-txt)
  extract FILE_OR_URL [--url URL] [--allow-private-network]
                                  one page -> Article JSON (no database)
  parse FILE_OR_URL [--url URL] [--allow-private-network]
                                  one feed -> ParsedFeed JSON
  articles [--db DIR | --endpoint URL] [--feed URL_OR_ID] [--since ISO] [--until ISO]
           [--limit N] [--cursor C] [--json]
                                  stored articles, newest first (--json: JSON Lines)
  article ID_OR_URL [--db DIR | --endpoint URL]
                                  one stored article as JSON
  feeds list|add URL...|remove URL_OR_ID...|import FILE [--category C] [--db DIR | --endpoint URL]
  invoke dispatch|fetch-feed|extract-article|sync-feeds --event FILE|- [--db DIR | --endpoint URL]
         [--allow-private-network]
                                  run one Lambda handler on an event (or a bare job) against the local
                                  database; prints { response, sent, ... } (examples/events/)
  serve [--db DIR | --endpoint URL] [--port N]
                                  read-only web viewer of the stored articles on 127.0.0.1
  sites [--db DIR | --endpoint URL] [--days N] [--json]
                                  per site: extracted / feed-only / failed, mean words, degraded sites
  feeds pause|resume|revive URL_OR_ID... [--db DIR | --endpoint URL]
                                  stop fetching a feed, start again, or revive a dead one
  dead-letters list|replay [--db DIR | --endpoint URL] [--json]
                                  jobs set aside for good, kept in the database; replay queues them again
  reextract [--status S] [--feed F] [--site HOST] [--since T] [--until T] [--before-version V]
            [--db DIR | --endpoint URL] [--queue-url URL] [--json]
                                  queue stored articles for extraction again (the next run extracts them;
                                  --queue-url: onto a deployed ArticleQueue)

  --db DIR defaults to .feedloom/ (embedded DynamoDB); --endpoint uses any DynamoDB.
  Private and loopback addresses are refused unless --allow-private-network is given.
`;

export const DEFAULT_USER_AGENT = 'Feedloom/0.1 (+https://github.com/feedloom/feedloom; news ingestion)';

const OPTIONS = {
  feeds: { type: 'string' },
  db: { type: 'string' },
  endpoint: { type: 'string' },
  once: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  'allow-private-network': { type: 'boolean', default: false },
  url: { type: 'string' },
  feed: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  json: { type: 'boolean', default: false },
  category: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  'user-agent': { type: 'string' },
  'ignore-robots-txt': { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  event: { type: 'string' },
  port: { type: 'string' },
  days: { type: 'string' },
  status: { type: 'string' },
  site: { type: 'string' },
  'before-version': { type: 'string' },
  'queue-url': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

// Which options each command accepts; anything else is a usage error.
const ALLOWED: Record<string, readonly string[]> = {
  run: ['feeds', 'db', 'endpoint', 'once', 'all', 'allow-private-network', 'concurrency', 'user-agent', 'ignore-robots-txt', 'verbose', 'json'],
  extract: ['url', 'allow-private-network', 'user-agent'],
  parse: ['url', 'allow-private-network', 'user-agent'],
  articles: ['db', 'endpoint', 'feed', 'since', 'until', 'limit', 'cursor', 'json'],
  article: ['db', 'endpoint'],
  feeds: ['db', 'endpoint', 'category', 'json'],
  invoke: ['db', 'endpoint', 'event', 'allow-private-network', 'user-agent'],
  serve: ['db', 'endpoint', 'port'],
  sites: ['db', 'endpoint', 'days', 'json'],
  'dead-letters': ['db', 'endpoint', 'json'],
  reextract: ['db', 'endpoint', 'status', 'feed', 'site', 'since', 'until', 'before-version', 'queue-url', 'json'],
};
const ALWAYS = new Set(['help', 'once', 'all', 'allow-private-network', 'ignore-robots-txt', 'json', 'verbose']);

/** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
    }
    const { values, positionals } = parsed;
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      io.stdout.write(USAGE);
      return command || values.help ? 0 : 2;
    }
    const allowed = ALLOWED[command];
    if (!allowed) throw new UsageError(`unknown command "${command}"`);
    for (const [name, value] of Object.entries(values)) {
      const given = Array.isArray(value) ? value.length > 0 : ALWAYS.has(name) ? value === true : value !== undefined;
      if (given && name !== 'help' && !allowed.includes(name)) throw new UsageError(`${command} does not take --${name}`);
    }
    if (values.db !== undefined && values.endpoint !== undefined) throw new UsageError('give --db or --endpoint, not both');
    const userAgent = values['user-agent'] ?? io.env.FEEDLOOM_USER_AGENT ?? DEFAULT_USER_AGENT;
    const store = { db: values.db, endpoint: values.endpoint };
    const one = (what: string): string => {
      if (rest.length !== 1) throw new UsageError(`${command} takes exactly one ${what}`);
      return rest[0] as string;
    };
    switch (command) {
      case 'run':
        if (rest.length) throw new UsageError('run takes no positional arguments (use --feeds FILE)');
        return (
          await runCommand(
            {
              ...store,
              feeds: values.feeds,
              once: values.once,
              all: values.all,
              allowPrivateNetwork: values['allow-private-network'],
              userAgent,
              verbose: values.verbose,
              json: values.json,
              concurrency: values.concurrency,
              ignoreRobotsTxt: values['ignore-robots-txt'],
            },
            io,
          )
        ).code;
      case 'extract':
        return await extractCommand(one('FILE_OR_URL'), { url: values.url, allowPrivateNetwork: values['allow-private-network'], userAgent }, io);
      case 'parse':
        return await parseCommand(one('FILE_OR_URL'), { url: values.url, allowPrivateNetwork: values['allow-private-network'], userAgent }, io);
      case 'articles':
        if (rest.length) throw new UsageError('articles takes no positional arguments');
        return await articlesCommand(
          { ...store, feed: values.feed, since: values.since, until: values.until, limit: values.limit, cursor: values.cursor, json: values.json },
          io,
        );
      case 'article':
        return await articleCommand(one('ID_OR_URL'), store, io);
      case 'invoke':
        if (rest.length > 1) throw new UsageError('invoke takes one function name (give the event with --event FILE)');
        return await invokeCommand(rest[0], { ...store, event: values.event, allowPrivateNetwork: values['allow-private-network'], userAgent }, io);
      case 'serve':
        if (rest.length) throw new UsageError('serve takes no positional arguments');
        return await serveCommand({ ...store, port: values.port }, io);
      case 'sites':
        if (rest.length) throw new UsageError('sites takes no positional arguments');
        return await sitesCommand({ ...store, days: values.days, json: values.json }, io);
      case 'dead-letters':
        if (rest.length !== 1) throw new UsageError('dead-letters takes one of: list, replay');
        return await deadLettersCommand(rest[0], { ...store, json: values.json }, io);
      case 'reextract':
        if (rest.length) throw new UsageError('reextract takes no positional arguments');
        return await reextractCommand(
          {
            ...store,
            status: values.status,
            feed: values.feed,
            site: values.site,
            since: values.since,
            until: values.until,
            beforeVersion: values['before-version'],
            queueUrl: values['queue-url'],
            json: values.json,
          },
          io,
        );
      default:
        return await feedsCommand(rest[0], rest.slice(1), { ...store, category: values.category, json: values.json }, io);
    }
  } catch (error) {
    const usage = error instanceof UsageError;
    const known = error instanceof FeedloomError;
    io.stderr.write(`feedloom: ${usage ? '' : `${errorCode(error)}: `}${errorMessage(error)}${usage ? ' (feedloom --help for usage)' : ''}\n`);
    if (!known && io.env.FEEDLOOM_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return usage ? 2 : 1;
  }
}
