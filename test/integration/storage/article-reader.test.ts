import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticlePage, ArticleReader, type ListOptions } from '../../../shared/adapters/dynamodb/article-reader';
import type { Article } from '../../../shared/article/article';
import { ENGINES, type EngineClients, engineClients, openTestTables, type TestTables } from '../../support/dynamodb-engines';
import { anArticle, seededRandom } from './article-builder';

const COUNT = 1_200;
const FEEDS = ['feed-0', 'feed-1', 'feed-2', 'feed-3', 'feed-4'];
const BASE = Date.parse('2025-06-01T00:00:00.000Z');

/**
 * 1,200 articles over five feeds. Times repeat (400 distinct minutes, three articles each) so that
 * pages must break ties by id; one in ten has no published time and sorts by its fetch time; and
 * half the instants are written without milliseconds, as sources do ("...:00Z").
 */
function corpus(): Article[] {
  const random = seededRandom(7);
  return Array.from({ length: COUNT }, (_, i) => {
    const minute = Math.floor(random() * 400);
    const instant = new Date(BASE + minute * 60_000).toISOString();
    const written = i % 2 ? instant : instant.replace('.000Z', 'Z');
    const undated = i % 10 === 3;
    return anArticle({
      url: `https://meridian-ledger.example/news/corpus/${i}.html`,
      feedId: FEEDS[i % FEEDS.length],
      publishedAt: undated ? null : written,
      fetchedAt: undated ? written : '2025-07-01T00:00:00.000Z',
      contentText: `Article ${i} of the pagination corpus.`,
    });
  });
}

const timeOf = (article: Article): string => new Date(article.publishedAt ?? article.fetchedAt).toISOString();
/** The order every list promises: newest first, ties by id descending. */
function newestFirst(articles: Article[]): Article[] {
  return [...articles].sort((a, b) => {
    const byTime = timeOf(b).localeCompare(timeOf(a));
    return byTime !== 0 ? byTime : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}

async function pageThrough(
  list: (options: ListOptions) => Promise<ArticlePage>,
  options: ListOptions,
  limit: number,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: ArticlePage = await list({ ...options, limit, cursor });
    expect(page.articles.length).toBeLessThanOrEqual(limit);
    if (page.cursor) expect(page.articles.length).toBeGreaterThan(0);
    ids.push(...page.articles.map((article) => article.id));
    cursor = page.cursor;
    pages++;
  } while (cursor);
  return { ids, pages };
}

describe.each(ENGINES)('ArticleReader over 1,200 articles on %s', (engine) => {
  let t: TestTables;
  let readerClients: EngineClients;
  let reader: ArticleReader;
  const articles = corpus();
  const stored = articles.map((article) => ({ ...article, revision: 1 }));

  beforeAll(async () => {
    t = await openTestTables(engine, 'reader');
    for (let start = 0; start < stored.length; start += 24) await Promise.all(articles.slice(start, start + 24).map((article) => t.store.put(article)));
    readerClients = engineClients(engine);
    reader = new ArticleReader({ client: readerClients.documents, tableName: t.names.articles, bodiesTableName: t.names.bodies });
  });
  afterAll(() => {
    // Every read path is GetItem, Query or BatchGetItem: none of the reads above scanned the table.
    expect(new Set(readerClients.commands)).toEqual(new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand']));
    readerClients.destroy();
    t.destroy();
  });

  it.each([7, 100, 1000])('pages through the newest across all feeds, %i at a time, each article once and in order', async (limit) => {
    const { ids, pages } = await pageThrough((options) => reader.listLatest(options), {}, limit);
    expect(ids).toEqual(newestFirst(stored).map((article) => article.id));
    expect(pages).toBe(Math.ceil(COUNT / limit));
  });

  it('returns whole, valid Articles in the pages', async () => {
    const page = await reader.listLatest({ limit: 50 });
    expect(page.articles).toEqual(newestFirst(stored).slice(0, 50));
  });

  it.each(FEEDS)("pages through %s's articles newest first", async (feedId) => {
    const { ids } = await pageThrough((options) => reader.listByFeed(feedId, options), {}, 37);
    expect(ids).toEqual(newestFirst(stored.filter((article) => article.feedId === feedId)).map((article) => article.id));
    expect(ids.length).toBe(COUNT / FEEDS.length);
  });

  it('reads a published-time window with inclusive bounds, across feeds and in one feed', async () => {
    // Bounds on minutes that hold articles, written with and without milliseconds.
    const since = new Date(BASE + 100 * 60_000).toISOString().replace('.000Z', 'Z');
    const until = new Date(BASE + 180 * 60_000).toISOString();
    const inWindow = (article: Article): boolean => timeOf(article) >= new Date(since).toISOString() && timeOf(article) <= until;
    const expected = newestFirst(stored.filter(inWindow));
    expect(expected.some((article) => timeOf(article) === until)).toBe(true);
    expect(expected.some((article) => timeOf(article) === new Date(since).toISOString())).toBe(true);

    const all = await pageThrough((options) => reader.listLatest(options), { since, until }, 13);
    expect(all.ids).toEqual(expected.map((article) => article.id));
    const oneFeed = await pageThrough((options) => reader.listByFeed('feed-2', options), { since, until }, 9);
    expect(oneFeed.ids).toEqual(expected.filter((article) => article.feedId === 'feed-2').map((article) => article.id));
    const onlySince = await pageThrough((options) => reader.listLatest(options), { since }, 250);
    expect(onlySince.ids).toEqual(newestFirst(stored.filter((article) => timeOf(article) >= new Date(since).toISOString())).map((article) => article.id));
  });

  it('gets every article by id, and by URL with or without tracking parameters', async () => {
    for (const article of stored) expect((await reader.getById(article.id))?.url).toBe(article.url);
    for (const article of stored.slice(0, 60)) {
      expect(await reader.getByUrl(`${article.url}?utm_source=newsletter&utm_medium=email`)).toEqual(article);
    }
    expect(await reader.getById('no-such-article')).toBeNull();
    expect(await reader.getByUrl('https://meridian-ledger.example/news/corpus/unknown.html')).toBeNull();
  });

  it('finds an article by its page URL when its identity is another (canonical) URL', async () => {
    const moved = { ...anArticle({ url: 'https://meridian-ledger.example/amp/story.html' }), canonicalUrl: 'https://meridian-ledger.example/story.html' };
    // The id follows the canonical URL, as extraction makes it; the page URL is only in byUrl.
    const article = { ...moved, id: anArticle({ url: 'https://meridian-ledger.example/story.html' }).id };
    await t.store.put(article);
    expect((await reader.getByUrl('https://meridian-ledger.example/amp/story.html'))?.id).toBe(article.id);
    expect((await reader.getByUrl('https://meridian-ledger.example/story.html'))?.id).toBe(article.id);
  });

  it('writes a byUrl entry only when the page URL is not the identity, and the documented "get by URL" query finds both kinds', async () => {
    const own = anArticle({ url: 'https://meridian-ledger.example/news/own-identity.html' });
    const amp = {
      ...anArticle({ url: 'https://meridian-ledger.example/amp/other-identity.html' }),
      canonicalUrl: 'https://meridian-ledger.example/news/other-identity.html',
      id: anArticle({ url: 'https://meridian-ledger.example/news/other-identity.html' }).id,
    };
    await t.store.put(own);
    await t.store.put(amp);
    const raw = async (id: string) => (await readerClients.documents.send(new GetCommand({ TableName: t.names.articles, Key: { id } }))).Item;
    expect(await raw(own.id)).not.toHaveProperty('urlKey');
    expect((await raw(amp.id))?.urlKey).toBe('https://meridian-ledger.example/amp/other-identity.html');

    // docs/consumers.md "get by URL", step by step with the plain SDK: GetItem on the id the cleaned
    // URL gives (SHA-256, base64url, first 22 characters), else Query byUrl on the cleaned URL.
    const getByUrlAsDocumented = async (cleanedUrl: string): Promise<string | null> => {
      const direct = await raw(createHash('sha256').update(cleanedUrl).digest('base64url').slice(0, 22));
      if (direct) return String(direct.id);
      const hits = await readerClients.documents.send(
        new QueryCommand({
          TableName: t.names.articles,
          IndexName: 'byUrl',
          KeyConditionExpression: 'urlKey = :u',
          ExpressionAttributeValues: { ':u': cleanedUrl },
        }),
      );
      return hits.Items?.[0] ? String(hits.Items[0].id) : null;
    };
    expect(await getByUrlAsDocumented('https://meridian-ledger.example/news/own-identity.html')).toBe(own.id);
    expect(await getByUrlAsDocumented('https://meridian-ledger.example/amp/other-identity.html')).toBe(amp.id);
    expect(await getByUrlAsDocumented('https://meridian-ledger.example/news/other-identity.html')).toBe(amp.id);
    expect(await getByUrlAsDocumented('https://meridian-ledger.example/news/nobody.html')).toBeNull();
    // And through the reader, with tracking parameters.
    expect((await reader.getByUrl('https://meridian-ledger.example/news/own-identity.html?utm_source=x'))?.id).toBe(own.id);
    expect((await reader.getByUrl('https://meridian-ledger.example/amp/other-identity.html?fbclid=1'))?.id).toBe(amp.id);
  });

  it('refuses bad options and foreign or tampered cursors with typed errors', async () => {
    const feedPage = await reader.listByFeed('feed-1', { limit: 5 });
    expect(feedPage.cursor).not.toBeNull();
    const cursor = feedPage.cursor as string;
    await expect(reader.listByFeed('feed-3', { cursor })).rejects.toMatchObject({ name: 'InvalidInputError', code: 'BAD_CURSOR' });
    await expect(reader.listLatest({ cursor })).rejects.toMatchObject({ code: 'BAD_CURSOR' });
    await expect(reader.listByFeed('feed-1', { cursor, since: '2025-06-01T00:00:00Z' })).rejects.toMatchObject({ code: 'BAD_CURSOR' });
    await expect(reader.listLatest({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_CURSOR' });
    await expect(reader.listLatest({ limit: 0 })).rejects.toMatchObject({ code: 'BAD_LIST_OPTIONS' });
    await expect(reader.listLatest({ limit: 1001 })).rejects.toMatchObject({ code: 'BAD_LIST_OPTIONS' });
    await expect(reader.listLatest({ since: 'yesterday' })).rejects.toMatchObject({ code: 'BAD_LIST_OPTIONS' });
    await expect(reader.listLatest({ since: '2025-06-02T00:00:00Z', until: '2025-06-01T00:00:00Z' })).rejects.toMatchObject({ code: 'BAD_LIST_OPTIONS' });
    await expect(reader.getById('not an id')).rejects.toMatchObject({ code: 'BAD_ID' });
    await expect(reader.getByUrl('not a url')).rejects.toMatchObject({ code: 'BAD_URL' });
    // The same cursor with the same query keeps working.
    expect((await reader.listByFeed('feed-1', { cursor, limit: 5 })).articles).toHaveLength(5);
  });
});
