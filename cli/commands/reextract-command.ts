import type { ArticlePage } from '../../shared/adapters/dynamodb/article-reader';
import { LocalQueue } from '../../shared/adapters/queue/local-queue';
import { createSqsClient } from '../../shared/adapters/sqs/create-sqs-client';
import { SqsJobQueue } from '../../shared/adapters/sqs/sqs-job-queue';
import type { ExtractArticleJob } from '../../shared/ingestion/jobs';
import type { JobQueue } from '../../shared/ingestion/ports';
import { isSelectedForReextract, parseReextractCriteria, reextractJob } from '../../shared/ingestion/reextract';
import { feedIdOf, findFeed } from '../../shared/ingestion/subscribe-feeds';
import type { CliIo } from '../cli-io';
import { DEFAULT_PIPELINE_OPTIONS } from '../local-runtime/local-pipeline';
import { openLocalStores } from '../open-local-stores';
import { UsageError } from '../usage-error';

/** Options of `feedloom reextract`. */
export interface ReextractOptions {
  db?: string | undefined;
  endpoint?: string | undefined;
  status?: string | undefined;
  feed?: string | undefined;
  site?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  beforeVersion?: string | undefined;
  /** The deployed ArticleQueue (AWS): jobs go there instead of the local run's queue. */
  queueUrl?: string | undefined;
  json: boolean;
}

const PAGE = 200;
/** Jobs sent at once. */
const SEND_BATCH = 50;

function isoOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!Number.isFinite(time)) throw new UsageError(`--${name} must be an ISO 8601 date or instant, got "${value}"`);
  return new Date(time).toISOString();
}

/**
 * `feedloom reextract`: queues the selected stored articles for extraction again (the extractor
 * improved, a site recovered). Locally the jobs go into the run's durable queue, and the next
 * `feedloom run` extracts them; with `--queue-url` (or FEEDLOOM_ARTICLE_QUEUE_URL) they go onto the
 * deployed ArticleQueue, where the extract-article function takes them.
 */
export async function reextractCommand(options: ReextractOptions, io: CliIo): Promise<number> {
  const criteria = parseReextractCriteria(options);
  const since = isoOption('since', options.since);
  const until = isoOption('until', options.until);
  if (since && until && since > until) throw new UsageError(`--since (${since}) is after --until (${until})`);
  const queueUrl = options.queueUrl ?? io.env.FEEDLOOM_ARTICLE_QUEUE_URL;
  const stores = await openLocalStores({ ...options, cwd: io.cwd, env: io.env });
  try {
    const queue: JobQueue<ExtractArticleJob> = queueUrl
      ? new SqsJobQueue<ExtractArticleJob>({ client: createSqsClient(), queueUrl })
      : new LocalQueue<ExtractArticleJob>({ maxReceiveCount: DEFAULT_PIPELINE_OPTIONS.maxReceiveCount, name: 'articles', journal: stores.journal('articles') });
    let feedId: string | null = null;
    if (options.feed)
      feedId = (await findFeed(options.feed, stores.feeds))?.feedId ?? (/^https?:\/\//i.test(options.feed) ? feedIdOf(options.feed) : options.feed);
    const now = new Date();
    let scanned = 0;
    let queued = 0;
    let pending: ExtractArticleJob[] = [];
    const flush = async (): Promise<void> => {
      if (!pending.length) return;
      await queue.send(pending);
      queued += pending.length;
      pending = [];
    };
    let cursor: string | null = null;
    do {
      const list = { since, until, limit: PAGE, cursor };
      const page: ArticlePage = feedId ? await stores.reader.listByFeed(feedId, list) : await stores.reader.listLatest(list);
      for (const article of page.articles) {
        scanned++;
        if (!isSelectedForReextract(article, criteria)) continue;
        pending.push(reextractJob(article, now));
        if (options.json) io.stdout.write(`${JSON.stringify({ id: article.id, url: article.url, status: article.status })}\n`);
        if (pending.length >= SEND_BATCH) await flush();
      }
      cursor = page.cursor;
    } while (cursor);
    await flush();
    if (!options.json) {
      io.stdout.write(
        `${queued} of ${scanned} stored article${scanned === 1 ? '' : 's'} queued for extraction again${
          queueUrl ? ` on ${queueUrl}` : queued ? ': `feedloom run --once` extracts them' : ''
        }\n`,
      );
    }
    return 0;
  } finally {
    await stores.close();
  }
}
