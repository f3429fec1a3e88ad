import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticlePages } from '../../bench/support/article-pages';
import { type HostStats, type SyntheticSite, startSyntheticSite } from '../../bench/support/synthetic-site';
import type { CycleSummary } from '../../cli/local-runtime/local-pipeline';
import { GUARDED_HTTP_DEFAULTS } from '../../shared/adapters/http/guarded-http-client';
import { type Article, ArticleSchema } from '../../shared/article/article';
import { parseJsonLines, runFeedloom } from '../support/run-feedloom';

// The load test of bench/load-test.ts, scaled down to run with the suite: the same synthetic site and
// the same `feedloom run`, with correctness asserted and nothing timed.
const FEEDS = 30;
const ITEMS = 3;
const HOSTS = 3;
// More articles in flight than three hosts times the per-host limit, and answers slow enough to
// overlap, so the limit is reached and has to hold.
const CONCURRENCY = 8;
const DELAY_MS = 40;

describe('feedloom run on 30 feeds x 3 items over 3 loopback hosts', () => {
  let site: SyntheticSite;
  let work: string;
  let summary: CycleSummary;
  let articles: Article[];
  let hostStats: Record<string, HostStats>;

  beforeAll(async () => {
    site = await startSyntheticSite({ feeds: FEEDS, itemsPerFeed: ITEMS, hosts: HOSTS, pages: generateArticlePages(20), delayMs: DELAY_MS });
    work = await mkdtemp(join(tmpdir(), 'feedloom-load-small-'));
    await writeFile(join(work, 'feeds.txt'), site.feedUrls.join('\n'));
    const run = await runFeedloom(
      ['run', '--once', '--all', '--allow-private-network', '--feeds', 'feeds.txt', '--db', 'db', '--json', '--concurrency', String(CONCURRENCY)],
      { cwd: work },
    );
    expect(run.code, run.stderr).toBe(0);
    summary = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as CycleSummary;
    hostStats = site.stats();
    const listed = await runFeedloom(['articles', '--json', '--limit', '1000', '--db', 'db'], { cwd: work });
    expect(listed.code, listed.stderr).toBe(0);
    articles = parseJsonLines<unknown>(listed.stdout).map((line) => ArticleSchema.parse(line));
  });

  afterAll(async () => {
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('stores every entry as an extracted Article, each once', () => {
    expect(summary.feeds).toMatchObject({ dispatched: FEEDS, updated: FEEDS, failed: 0 });
    expect(articles).toHaveLength(FEEDS * ITEMS);
    expect(new Set(articles.map((article) => article.url))).toEqual(new Set(site.itemUrls));
    expect(articles.every((article) => article.status === 'extracted')).toBe(true);
  });

  it('dead-letters nothing', () => {
    expect(summary.deadLetters).toEqual([]);
    expect(existsSync(join(work, 'db', 'dead-letters.jsonl'))).toBe(false);
  });

  it('keeps every host at or under the per-host limit, and reaches it', () => {
    const limit = GUARDED_HTTP_DEFAULTS.maxConcurrentPerHost;
    expect(Object.keys(hostStats)).toHaveLength(HOSTS);
    for (const [host, stats] of Object.entries(hostStats)) {
      // Every feed and page once, and the host's robots.txt once (read before its first page, then cached).
      expect(stats.requests, host).toBe((FEEDS / HOSTS) * (1 + ITEMS) + 1);
      expect(stats.maxInFlight, host).toBeLessThanOrEqual(limit);
    }
    // Without this the bound above could hold only because requests never overlapped.
    expect(Math.max(...Object.values(hostStats).map((stats) => stats.maxInFlight))).toBe(limit);
  });
});
