import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateArticlePages } from '../../../bench/support/article-pages';
import { buildExtractArticleJob } from '../../../bench/support/build-extract-article-job';
import { type SyntheticSite, startSyntheticSite } from '../../../bench/support/synthetic-site';
import { createHandler as createExtractHandler, RECORD_CONCURRENCY } from '../../../functions/extract-article/handler';
import { buildExtractArticleRuntime, type ExtractArticleRuntime } from '../../../functions/runtime/dependencies';
import { ExtractArticleEnvSchema, parseEnv } from '../../../functions/runtime/env';
import { ArticleReader } from '../../../shared/adapters/dynamodb/article-reader';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { type Harness, loadEvent, startHarness } from './support/harness';
import { lambdaContext } from './support/lambda-context';
import { sqsEvent, sqsRecord } from './support/sqs-event';

/** One site more than the records run at once, so the limit, not the sites, caps the overlap. */
const HOSTS = RECORD_CONCURRENCY + 1;
let h: Harness;
let runtime: ExtractArticleRuntime;

/** One extract job per page URL, as fetch-feed would queue it. */
function jobFor(url: string, n: number): string {
  const job = buildExtractArticleJob({
    feedId: `feed-${n}`,
    feedUrl: `${new URL(url).origin}/feeds/f${n}.rss`,
    discoveredAt: '2026-01-01T00:00:00.000Z',
    item: { itemId: `item-${n}`, url, title: `Synthetic story ${n}`, summary: 'The summary of the story, as the feed describes it.' },
  });
  return JSON.stringify(job);
}

beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  h = await startHarness();
  runtime = buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, h.env));
  // The pages live on 127.0.0.1 .. 127.0.0.<HOSTS>, one site per address; the deployed client trusts none.
  runtime.extract.http = createGuardedHttpClient({ userAgent: 'Feedloom-test/1', allowPrivateNetwork: true });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await h?.close();
});

describe('extract-article runs the records of a batch concurrently', () => {
  let site: SyntheticSite;
  beforeAll(async () => {
    // Each page answers after 300 ms, so requests that overlap are seen in flight together.
    site = await startSyntheticSite({ feeds: HOSTS * 2, itemsPerFeed: 2, pages: generateArticlePages(4), hosts: HOSTS, delayMs: 300 });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('overlaps at most RECORD_CONCURRENCY downloads, one per site, still reports exactly the failed record, and dead-letters the poison one', async () => {
    // The first item of the first HOSTS feeds (one per host), then the second item of feed 0 (the first host again).
    const pages = [...site.itemUrls.filter((url) => url.endsWith('/i0.html')).slice(0, HOSTS), site.itemUrls[1] as string];
    expect(new Set(pages.map((url) => new URL(url).host)).size).toBe(HOSTS);
    const records = [
      ...pages.map((url, n) => sqsRecord(jobFor(url, n), { messageId: `page-${n}` })),
      sqsRecord(await loadEvent('retry-later/job.json', h.busy.origin), { messageId: 'busy' }),
      sqsRecord('{}', { messageId: 'poison' }),
    ];
    const deadLetters = vi.spyOn(runtime.deadLetters, 'send');
    const visibility = vi.spyOn(runtime.visibility, 'hide');

    const response = await createExtractHandler(() => runtime)(sqsEvent(records), lambdaContext());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'busy' }]);
    expect(visibility).toHaveBeenCalledTimes(1);
    expect(deadLetters.mock.calls.map(([, reason]) => reason.sourceMessageId)).toEqual(['poison']);
    // HOSTS + 1 pages on HOSTS hosts, RECORD_CONCURRENCY records at a time: that many downloads were in
    // flight together, never more, and never two to one host from this environment (its records ran one after another).
    expect(site.maxInFlightTotal()).toBe(RECORD_CONCURRENCY);
    expect(Object.values(site.stats()).map((host) => host.maxInFlight)).toEqual(Array(HOSTS).fill(1));
    expect(site.stats()[new URL(pages[0] as string).host]?.pageRequests).toBe(2);
    const reader = new ArticleReader({ client: h.clients.documents, tableName: h.tables.articles });
    for (const url of pages) expect(await reader.getByUrl(url), url).toMatchObject({ status: 'extracted' });
    deadLetters.mockRestore();
    visibility.mockRestore();
  });

  it('with a concurrency of 1, handles records one after another as before', async () => {
    const fresh = await startSyntheticSite({ feeds: HOSTS, itemsPerFeed: 1, pages: generateArticlePages(4), hosts: HOSTS, delayMs: 300 });
    try {
      const urls = fresh.itemUrls.filter((url) => url.endsWith('/i0.html')).slice(0, 3);
      const response = await createExtractHandler(() => runtime, { concurrency: 1 })(
        sqsEvent(urls.map((url, n) => sqsRecord(jobFor(url, 100 + n), { messageId: `one-${n}` }))),
        lambdaContext(),
      );
      expect(response.batchItemFailures).toEqual([]);
      expect(fresh.maxInFlightTotal()).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
