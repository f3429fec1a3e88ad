import { availableParallelism } from 'node:os';
import { isStoreUnavailable } from '../../shared/adapters/dynamodb/store-availability';
import { createExtractionPool } from '../../shared/adapters/extraction-worker/extraction-pool';
import { createGuardedHttpClient } from '../../shared/adapters/http/guarded-http-client';
import { LocalQueue } from '../../shared/adapters/queue/local-queue';
import { FeedloomError } from '../../shared/errors';
import type { ExtractArticleJob, FetchFeedJob } from '../../shared/ingestion/jobs';
import type { Logger } from '../../shared/ingestion/ports';
import { DEFAULT_INGESTION_SETTINGS } from '../../shared/ingestion/settings';
import { subscribeFeeds } from '../../shared/ingestion/subscribe-feeds';
import type { CliIo } from '../cli-io';
import { formatSummary } from '../format-summary';
import { type CycleSummary, DEFAULT_PIPELINE_OPTIONS, runPipelineCycle } from '../local-runtime/local-pipeline';
import { StoreGate } from '../local-runtime/store-gate';
import { openLocalStores } from '../open-local-stores';
import { createProgressLine } from '../progress-line';
import { readFeedListFile } from './feeds-command';

/** Options of `feedloom run`. */
export interface RunOptions {
  feeds?: string | undefined;
  db?: string | undefined;
  endpoint?: string | undefined;
  once: boolean;
  all: boolean;
  allowPrivateNetwork: boolean;
  userAgent: string;
  verbose: boolean;
  json: boolean;
  concurrency?: string | undefined;
  /** Read no robots.txt before article pages (`--ignore-robots-txt`). */
  ignoreRobotsTxt?: boolean;
}

const systemClock = { now: () => new Date() };
/**
 * Longest wait for a host slot held by other processes before the job is retried later: locally
 * the wait costs nothing, while each retry uses one of the job's deliveries.
 */
const LOCAL_SLOT_WAIT_MS = 60_000;
/** Longest idle sleep between cycles of a continuous run, so new due feeds are noticed. */
const MAX_IDLE_MS = 60_000;
/** How long a run waits out an unreachable database before it gives up (FEEDLOOM_STORE_OUTAGE_SECONDS). */
const DEFAULT_STORE_OUTAGE_SECONDS = 60;

function storeOutageMs(env: Record<string, string | undefined>): number {
  const raw = env.FEEDLOOM_STORE_OUTAGE_SECONDS;
  const seconds = raw === undefined || raw === '' ? DEFAULT_STORE_OUTAGE_SECONDS : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new FeedloomError('USAGE', 'FEEDLOOM_STORE_OUTAGE_SECONDS must be a number of seconds');
  return seconds * 1000;
}

function jsonLogger(io: CliIo): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>): void => {
    io.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), message, ...fields })}\n`);
  };
  return { info: (m, f) => write('info', m, f), warn: (m, f) => write('warn', m, f), error: (m, f) => write('error', m, f) };
}

/** `feedloom run`: the local pipeline on the embedded (or given) DynamoDB, once or continuously. */
export async function runCommand(options: RunOptions, io: CliIo): Promise<{ code: number; summaries: CycleSummary[] }> {
  const outageMs = storeOutageMs(io.env);
  const concurrency = options.concurrency === undefined ? DEFAULT_PIPELINE_OPTIONS.articleConcurrency : Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new FeedloomError('USAGE', '--concurrency must be an integer from 1 to 64');
  const entries = options.feeds ? await readFeedListFile(options.feeds, io.cwd) : [];
  const stores = await openLocalStores({ db: options.db, endpoint: options.endpoint, cwd: io.cwd, env: io.env });
  const summaries: CycleSummary[] = [];
  // Pages are extracted in worker threads, so a page that makes Readability spin is cut off at its
  // deadline instead of stalling the run.
  const extraction = createExtractionPool({ size: Math.min(concurrency, availableParallelism()) });
  try {
    if (entries.length) await subscribeFeeds(entries, { feeds: stores.feeds, clock: systemClock });
    const subscribed = await stores.feeds.list();
    if (!subscribed.feeds.length && !subscribed.unreadable.length)
      throw new FeedloomError('NO_FEEDS', 'no feeds to fetch: pass --feeds FILE or add some with: feedloom feeds add URL');
    // Per-host slots, gaps and cooldowns: shared with every other process on the same --endpoint.
    const http = createGuardedHttpClient({
      userAgent: options.userAgent,
      allowPrivateNetwork: options.allowPrivateNetwork,
      politeness: stores.politeness,
      maxSlotWaitMs: LOCAL_SLOT_WAIT_MS,
    });
    const logger = options.verbose ? jsonLogger(io) : undefined;
    const deps = {
      feeds: stores.feeds,
      articles: stores.articles,
      siteHealth: stores.siteHealth,
      http,
      clock: systemClock,
      settings: { ...DEFAULT_INGESTION_SETTINGS, respectRobotsTxt: !options.ignoreRobotsTxt },
      extract: extraction.extract,
      robots: { cache: stores.robots, userAgent: options.userAgent },
      ...(logger ? { logger } : {}),
      // Jobs live in the database until their Article is stored: a kill, a crash or an outage loses none.
      feedQueue: new LocalQueue<FetchFeedJob>({ maxReceiveCount: DEFAULT_PIPELINE_OPTIONS.maxReceiveCount, name: 'feeds', journal: stores.journal('feeds') }),
      articleQueue: new LocalQueue<ExtractArticleJob>({
        maxReceiveCount: DEFAULT_PIPELINE_OPTIONS.maxReceiveCount,
        name: 'articles',
        journal: stores.journal('articles'),
      }),
      retries: stores.retries,
      entries: stores.feeds,
      storeGate: new StoreGate({
        probe: stores.probe,
        isOutage: isStoreUnavailable,
        giveUpAfterMs: outageMs,
        describe: stores.endpoint,
        onOutage: () => io.stderr.write(`feedloom: the database at ${stores.endpoint} is unreachable: waiting for it (every job is kept)\n`),
        onRecovered: (downMs) => io.stderr.write(`feedloom: the database is back after ${(downMs / 1000).toFixed(1)} s: resuming\n`),
      }),
    };
    const carried = (await deps.feedQueue.load({ visibleNow: options.all })) + (await deps.articleQueue.load({ visibleNow: options.all }));
    if (carried && !options.json) io.stdout.write(`resuming ${carried} job${carried === 1 ? '' : 's'} an earlier run left\n`);

    // A signal stops the run at a safe point: no further feed in this cycle, no next cycle.
    let stopping = false;
    void io.interrupted?.then(() => {
      stopping = true;
    });
    for (;;) {
      const progress = createProgressLine(io);
      const summary = await runPipelineCycle(deps, {
        ...DEFAULT_PIPELINE_OPTIONS,
        articleConcurrency: concurrency,
        fetchAll: options.all && summaries.length === 0,
        onProgress: progress.update,
        shouldStop: () => stopping,
      });
      progress.done();
      summaries.push(summary);
      io.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
      if (!summary.feeds.dispatched && !options.json)
        io.stdout.write('no feed was due (feedloom feeds list shows when each is next; --all fetches them now)\n');
      if (options.once || stopping) return { code: 0, summaries };

      const due = (await stores.feeds.list()).feeds.filter((feed) => feed.status === 'active').map((feed) => Date.parse(feed.nextFetchAt));
      for (const queue of [deps.feedQueue, deps.articleQueue]) {
        const queued = queue.nextVisibleInMs();
        if (queued !== null) due.push(Date.now() + queued);
      }
      const wait = Math.min(MAX_IDLE_MS, Math.max(1_000, (due.length ? Math.min(...due) : Date.now() + MAX_IDLE_MS) - Date.now()));
      if (!options.json) io.stdout.write(`next check in ${Math.round(wait / 1000)} s (Ctrl-C to stop)\n`);
      let timer: NodeJS.Timeout | undefined;
      const stop = await Promise.race([
        new Promise<false>((done) => {
          timer = setTimeout(() => done(false), wait);
        }),
        (io.interrupted ?? new Promise<never>(() => undefined)).then(() => true),
      ]);
      clearTimeout(timer);
      if (stop) return { code: 0, summaries };
    }
  } finally {
    await extraction.close();
    await stores.close();
  }
}
