import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateArticlePages } from '../../../bench/support/article-pages';
import { type SyntheticSite, startSyntheticSite } from '../../../bench/support/synthetic-site';
import { createHandler as createFetchFeedHandler, RECORD_CONCURRENCY } from '../../../functions/fetch-feed/handler';
import { buildFetchFeedRuntime, type FetchFeedRuntime } from '../../../functions/runtime/dependencies';
import { FetchFeedEnvSchema, parseEnv } from '../../../functions/runtime/env';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { feedIdOf, subscribeFeeds } from '../../../shared/ingestion/subscribe-feeds';
import { type Harness, startHarness } from './support/harness';
import { lambdaContext } from './support/lambda-context';
import { sqsEvent, sqsRecord } from './support/sqs-event';

/** One site more than the records run at once, so the limit, not the sites, caps the overlap. */
const HOSTS = RECORD_CONCURRENCY + 1;

let h: Harness;
let runtime: FetchFeedRuntime;
let site: SyntheticSite;

beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  h = await startHarness();
  runtime = buildFetchFeedRuntime(parseEnv(FetchFeedEnvSchema, h.env));
  // The feeds live on 127.0.0.1 .. 127.0.0.<HOSTS>, one site per address; the deployed client trusts none.
  runtime.refresh.http = createGuardedHttpClient({ userAgent: 'Feedloom-test/1', allowPrivateNetwork: true });
  // Each answer comes after 300 ms, so requests that overlap are seen in flight together.
  site = await startSyntheticSite({ feeds: HOSTS * 2, itemsPerFeed: 2, pages: generateArticlePages(4), hosts: HOSTS, delayMs: 300 });
  await subscribeFeeds(
    site.feedUrls.map((url) => ({ url, title: null, categories: [] })),
    { feeds: runtime.refresh.feeds, clock: { now: () => new Date() } },
  );
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await site?.close();
  await h?.close();
});

describe('fetch-feed runs the records of a batch concurrently', () => {
  it('overlaps at most RECORD_CONCURRENCY feed downloads, one per site, and refreshes every feed', async () => {
    // The first feed of each host, then a second feed of the first host (feed n is on host n % HOSTS).
    const feeds = [...site.feedUrls.slice(0, HOSTS), site.feedUrls[HOSTS] as string];
    expect(new Set(feeds.map((url) => new URL(url).host)).size).toBe(HOSTS);
    const records = feeds.map((url, n) =>
      sqsRecord(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(url), url, window: '2026-12-07T13:00:00Z' }), { messageId: `feed-${n}` }),
    );

    const response = await createFetchFeedHandler(() => runtime)(sqsEvent(records), lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    expect(site.maxInFlightTotal()).toBe(RECORD_CONCURRENCY);
    expect(Object.values(site.stats()).map((host) => host.maxInFlight)).toEqual(Array(HOSTS).fill(1));
    for (const url of feeds) expect((await runtime.refresh.feeds.get(feedIdOf(url)))?.lastFetchedAt, url).toBeTruthy();
    // Two entries a feed, each queued once.
    expect(h.sqs.drain('articles')).toHaveLength(feeds.length * 2);
  });
});
