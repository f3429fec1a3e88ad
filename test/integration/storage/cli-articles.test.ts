import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStores } from '../../../cli/open-local-stores';
import { type Article, ArticleSchema } from '../../../shared/article/article';
import { feedIdOf, newSubscription } from '../../../shared/ingestion/subscribe-feeds';
import { engineEndpoint } from '../../support/dynamodb-engines';
import { anArticle } from './article-builder';
import { runFeedloomInProcess } from './cli-runner';

const subscribedFeed = 'https://meridian-ledger.example/feeds/world.rss';
const removedFeed = 'https://meridian-ledger.example/feeds/gone.rss';
const BASE = Date.parse('2025-09-01T00:00:00.000Z');

/** 45 articles, an hour apart: 30 from a subscribed feed, 15 from a feed since removed. */
const articles: Article[] = Array.from({ length: 45 }, (_, i) => {
  const feedUrl = i % 3 === 2 ? removedFeed : subscribedFeed;
  return {
    ...anArticle({ url: `https://meridian-ledger.example/news/cli/${i}.html`, publishedAt: new Date(BASE + i * 3_600_000).toISOString(), title: `Story ${i}` }),
    feedId: feedIdOf(feedUrl),
    feedUrl,
  };
});
const newestFirst = [...articles].reverse().map((article) => ({ ...article, revision: 1 }));
const jsonLines = (text: string): Article[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => ArticleSchema.parse(JSON.parse(line)));
const cursorIn = (stderr: string): string | null => /more: --cursor (\S+)/.exec(stderr)?.[1] ?? null;

// The same commands on the embedded database (--db) and on a DynamoDB endpoint (--endpoint).
describe.each(['--db', '--endpoint'] as const)('feedloom articles and article with %s', (mode) => {
  let work: string;
  let target: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'feedloom-articles-'));
    target = mode === '--db' ? ['--db', join(work, 'db')] : ['--endpoint', engineEndpoint('dynalite')];
    const stores = await openLocalStores(mode === '--db' ? { db: join(work, 'db'), cwd: work } : { endpoint: engineEndpoint('dynalite'), cwd: work });
    try {
      await stores.feeds.put(newSubscription({ url: subscribedFeed, title: null, categories: [] }, new Date(BASE)));
      for (const article of articles) await stores.articles.put(article);
    } finally {
      await stores.close();
    }
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const feedloom = (...args: string[]) => runFeedloomInProcess([...args, ...target], work);

  it('prints JSON Lines newest first, page by page with --limit and --cursor', async () => {
    const seen: Article[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const out = await feedloom('articles', '--json', '--limit', '20', ...(cursor ? ['--cursor', cursor] : []));
      expect(out.code, out.stderr).toBe(0);
      seen.push(...jsonLines(out.stdout));
      cursor = cursorIn(out.stderr);
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst);
  });

  it('lists one feed by URL or id, also a feed no longer subscribed', async () => {
    const subscribed = await feedloom('articles', '--json', '--limit', '100', '--feed', subscribedFeed);
    expect(jsonLines(subscribed.stdout).map((article) => article.id)).toEqual(newestFirst.filter((a) => a.feedUrl === subscribedFeed).map((a) => a.id));
    const removed = await feedloom('articles', '--json', '--limit', '100', '--feed', removedFeed);
    expect(jsonLines(removed.stdout).map((article) => article.id)).toEqual(newestFirst.filter((a) => a.feedUrl === removedFeed).map((a) => a.id));
    const byId = await feedloom('articles', '--json', '--limit', '100', '--feed', feedIdOf(removedFeed));
    expect(byId.stdout).toBe(removed.stdout);
    const unknown = await feedloom('articles', '--feed', 'https://meridian-ledger.example/feeds/never.rss');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^feedloom: NOT_FOUND: /);
  });

  it('reads a time window with --since and --until, both inclusive', async () => {
    const out = await feedloom('articles', '--json', '--since', '2025-09-01T05:00:00Z', '--until', '2025-09-01T09:00:00.000Z');
    expect(jsonLines(out.stdout).map((article) => article.title)).toEqual(['Story 9', 'Story 8', 'Story 7', 'Story 6', 'Story 5']);
  });

  it('prints a readable list without --json', async () => {
    const out = await feedloom('articles', '--limit', '2');
    expect(out.stdout).toBe(
      `2025-09-02 20:00  ${newestFirst[0]?.id}  Story 44\n    ${newestFirst[0]?.url}\n2025-09-02 19:00  ${newestFirst[1]?.id}  Story 43\n    ${newestFirst[1]?.url}\n`,
    );
    const none = await feedloom('articles', '--since', '2030-01-01');
    expect(none.stdout).toBe('no articles\n');
  });

  it('prints one article by id or URL, and fails clearly for unknown or malformed ones', async () => {
    const expected = newestFirst[10] as Article;
    const byId = await feedloom('article', expected.id);
    expect(byId.code, byId.stderr).toBe(0);
    expect(JSON.parse(byId.stdout)).toEqual(expected);
    const byUrl = await feedloom('article', `${expected.url}?utm_campaign=x#comments`);
    expect(byUrl.stdout).toBe(byId.stdout);
    const unknown = await feedloom('article', 'AAAAAAAAAAAAAAAAAAAAAA');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'feedloom: NOT_FOUND: no article AAAAAAAAAAAAAAAAAAAAAA\n']);
    const malformed = await feedloom('article', 'not an id');
    expect(malformed.code).toBe(2);
  });

  it.each([
    [['--cursor', 'garbage'], /--cursor: the cursor is not one this reader issued/],
    [['--since', 'soon'], /--since must be an ISO 8601 date/],
    [['--since', '2025-09-02', '--until', '2025-09-01'], /--since .* is after --until/],
    [['--limit', '0'], /--limit must be an integer from 1 to 1000/],
  ])('refuses %j as bad usage (exit 2, one line)', async (args, message) => {
    const out = await feedloom('articles', ...args);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});
