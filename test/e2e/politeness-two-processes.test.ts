import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Article, ArticleSchema } from '../../shared/article/article';
import { type DynamoProcess, startDynamoProcess } from '../security/support/dynamo-process';
import { type CliRun, parseJsonLines, runFeedloom } from '../support/run-feedloom';
import { type SlowNewsHost, startSlowNewsHost } from './support/slow-news-host';

const FEEDS = 3;
const ITEMS = 5;
const CRAWL_DELAY_MS = 100;

/**
 * The bar of issue 16: two `feedloom run` processes at once on one standalone DynamoDB (dynalite in
 * its own process) and one slow news host. Each process has feeds and articles tables of its own
 * (FEEDLOOM_FEEDS_TABLE, FEEDLOOM_ARTICLES_TABLE) and the Hosts table in common, so both are sure to
 * fetch every page of the host at the same time: without the politeness they share through the
 * database, each would allow 2 requests of its own (4 in flight on the host).
 */
describe('two feedloom run processes sharing one DynamoDB and one slow news host', () => {
  let dynamo: DynamoProcess;
  let host: SlowNewsHost;
  let work: string;
  let runs: CliRun[];
  const articles: Record<string, Article[]> = {};
  const WORKERS = ['a', 'b'] as const;
  const envOf = (worker: string): Record<string, string> => ({
    FEEDLOOM_FEEDS_TABLE: `feeds-${worker}`,
    FEEDLOOM_ARTICLES_TABLE: `articles-${worker}`,
    FEEDLOOM_HOSTS_TABLE: 'shared-hosts',
  });

  beforeAll(async () => {
    dynamo = await startDynamoProcess();
    host = await startSlowNewsHost({
      feeds: FEEDS,
      itemsPerFeed: ITEMS,
      pageDelayMs: 300,
      robotsTxt: `User-agent: *\nDisallow: /private/\nCrawl-delay: ${CRAWL_DELAY_MS / 1000}\n`,
    });
    work = await mkdtemp(join(tmpdir(), 'feedloom-politeness-'));
    await writeFile(join(work, 'feeds.txt'), host.feedUrls.join('\n'));
    const endpoint = ['--endpoint', dynamo.endpoint];
    runs = await Promise.all(
      WORKERS.map((worker) =>
        runFeedloom(['run', '--once', '--feeds', 'feeds.txt', '--allow-private-network', ...endpoint, '--json'], { cwd: work, env: envOf(worker) }),
      ),
    );
    for (const worker of WORKERS) {
      const listed = await runFeedloom(['articles', '--json', '--limit', '1000', ...endpoint], { cwd: work, env: envOf(worker) });
      expect(listed.code, listed.stderr).toBe(0);
      articles[worker] = parseJsonLines<unknown>(listed.stdout).map((line) => ArticleSchema.parse(line));
    }
  }, 180_000);

  afterAll(async () => {
    await host?.close();
    await dynamo?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('both processes finish, each storing every entry, and every page was fetched by both', () => {
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
      expect(summary.articles.created).toBe(FEEDS * (ITEMS + 1));
      expect(summary.deadLetters).toEqual([]);
    }
    const pages = host.requests.filter((request) => request.path.startsWith('/articles/'));
    expect(pages).toHaveLength(2 * FEEDS * ITEMS);
  });

  it('the host never sees more than 2 requests in flight, summed over both processes', () => {
    expect(host.maxInFlight()).toBeLessThanOrEqual(2);
    // Without this the bound above could hold only because requests never overlapped.
    expect(host.maxInFlight()).toBe(2);
  });

  it('a page disallowed by robots.txt is never requested and is stored feed-only with ROBOTS_DISALLOWED', () => {
    expect(host.requests.filter((request) => request.path.startsWith('/private/'))).toEqual([]);
    for (const worker of WORKERS) {
      const stored = articles[worker] ?? [];
      const disallowed = stored.filter((article) => article.url.includes('/private/'));
      expect(disallowed).toHaveLength(FEEDS);
      for (const article of disallowed) {
        expect(article.status).toBe('feed-only');
        expect(article.extraction.error?.code).toBe('ROBOTS_DISALLOWED');
        expect(article.description ?? article.contentText).toMatch(/Feed summary of story/);
      }
      const allowed = stored.filter((article) => article.url.includes('/articles/'));
      expect(allowed).toHaveLength(FEEDS * ITEMS);
      expect(allowed.every((article) => article.status === 'extracted')).toBe(true);
    }
  });

  it('robots.txt is read at most once per process, with the product token, and its Crawl-delay spaces the page requests', () => {
    const robots = host.requests.filter((request) => request.path === '/robots.txt');
    expect(robots.length).toBeGreaterThanOrEqual(1);
    expect(robots.length).toBeLessThanOrEqual(2);
    expect(robots.every((request) => request.userAgent.startsWith('Feedloom/'))).toBe(true);
    // Each request after a page request waits out the Crawl-delay, so the page requests of both
    // processes together span at least (pages - 1) delays (less an allowance for the time between
    // taking a slot and the request reaching the server).
    const pageStarts = host.requests.filter((request) => request.path.startsWith('/articles/')).map((request) => request.startedAt);
    const span = Math.max(...pageStarts) - Math.min(...pageStarts);
    expect(span).toBeGreaterThanOrEqual((pageStarts.length - 1) * CRAWL_DELAY_MS - 200);
  });
});
