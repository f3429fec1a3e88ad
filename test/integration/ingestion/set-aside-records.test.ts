import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtractArticleJob } from '../../../bench/support/build-extract-article-job';
import { DEFAULT_PIPELINE_OPTIONS, runPipelineCycle } from '../../../cli/local-runtime/local-pipeline';
import { DynamoQueueJournal } from '../../../shared/adapters/dynamodb/queue-journal';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { LocalQueue } from '../../../shared/adapters/queue/local-queue';
import { articleId } from '../../../shared/article/article-id';
import { extractArticle } from '../../../shared/extraction/extract-article';
import type { ExtractArticleJob, FetchFeedJob } from '../../../shared/ingestion/jobs';
import { DEFAULT_INGESTION_SETTINGS } from '../../../shared/ingestion/settings';
import { newSubscription } from '../../../shared/ingestion/subscribe-feeds';
import { startTestStores } from '../../support/local-stores';

describe('a job set aside unfinished still leaves its entry stored (local runner)', () => {
  let stores: Awaited<ReturnType<typeof startTestStores>>;
  beforeAll(async () => {
    stores = await startTestStores();
  });
  afterAll(async () => {
    await stores.close();
  });

  it('TAKEN_WITHOUT_FINISHING: the entry is stored from the feed with that reason, then the job is dead-lettered', async () => {
    const url = 'http://127.0.0.1:9/crashing-story.html';
    const job = buildExtractArticleJob({
      feedUrl: 'http://127.0.0.1:9/feed.xml',
      item: { url, title: 'A story whose page kills the process', summary: 'What the feed says of it.' },
    });
    const journal = new DynamoQueueJournal({ client: stores.documents, tableName: stores.names.feeds, queue: 'articles' });
    // Taken five times by runs that each died while running it.
    await journal.put([{ messageId: 'crashing', body: JSON.stringify(job), receiveCount: 5, visibleAt: 0 }]);
    const articleQueue = new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: 'articles', journal });
    await articleQueue.load({ visibleNow: true });

    const summary = await runPipelineCycle(
      {
        feeds: stores.feeds,
        http: createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true }),
        articles: stores.articles,
        clock: { now: () => new Date('2026-03-01T10:00:00Z') },
        settings: DEFAULT_INGESTION_SETTINGS,
        extract: extractArticle,
        feedQueue: new LocalQueue<FetchFeedJob>({ maxReceiveCount: 5, name: 'feeds' }),
        articleQueue,
      },
      DEFAULT_PIPELINE_OPTIONS,
    );
    expect(summary.deadLetters.map((letter) => letter.code)).toEqual(['TAKEN_WITHOUT_FINISHING']);
    expect(await stores.articles.get(articleId(url))).toMatchObject({
      status: 'feed-only',
      title: 'A story whose page kills the process',
      itemId: job.item.itemId,
      extraction: { error: { code: 'TAKEN_WITHOUT_FINISHING' }, retry: { retryable: false } },
    });
  });

  it('TAKEN_WITHOUT_FINISHING of a feed job: recorded on the feed as a failed fetch, so it backs off and says why, instead of coming back on every lease', async () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const feed = {
      ...newSubscription({ url: 'http://127.0.0.1:9/crashing-feed.xml', title: null, categories: [] }, now),
      nextFetchAt: '2026-03-01T10:15:00.000Z',
    };
    await stores.feeds.put(feed);
    const job: FetchFeedJob = { kind: 'fetch-feed', version: 1, feedId: feed.feedId, url: feed.url, window: '2026-03-01T09:45' };
    const journal = new DynamoQueueJournal({ client: stores.documents, tableName: stores.names.feeds, queue: 'feeds' });
    await journal.put([{ messageId: 'crashing-feed', body: JSON.stringify(job), receiveCount: 5, visibleAt: 0 }]);
    const feedQueue = new LocalQueue<FetchFeedJob>({ maxReceiveCount: 5, name: 'feeds', journal });
    await feedQueue.load({ visibleNow: true });

    const summary = await runPipelineCycle(
      {
        feeds: stores.feeds,
        http: createGuardedHttpClient({ userAgent: 'test', allowPrivateNetwork: true }),
        articles: stores.articles,
        clock: { now: () => now },
        settings: DEFAULT_INGESTION_SETTINGS,
        extract: extractArticle,
        feedQueue,
        articleQueue: new LocalQueue<ExtractArticleJob>({ maxReceiveCount: 5, name: 'articles' }),
      },
      DEFAULT_PIPELINE_OPTIONS,
    );
    expect(summary.deadLetters.map((letter) => letter.code)).toEqual(['TAKEN_WITHOUT_FINISHING']);
    const stored = await stores.feeds.get(feed.feedId);
    expect(stored).toMatchObject({ status: 'active', errorCount: 1, failingSince: now.toISOString(), lastError: { code: 'TAKEN_WITHOUT_FINISHING' } });
    expect(Date.parse(stored?.nextFetchAt ?? '')).toBeGreaterThan(now.getTime());
  });
});
