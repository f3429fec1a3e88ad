import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, serveSite } from '../../demo/serve-site';
import { type Article, ArticleSchema } from '../../shared/article/article';
import { parseJsonLines, runFeedloom } from '../support/run-feedloom';

const siteRoot = fileURLToPath(new URL('../../demo/site', import.meta.url));
const FEEDS = ['world.rss', 'tech.atom', 'culture.json'];

interface Expected {
  path: string;
  title: string;
  description: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  section: string | null;
  tags: string[];
  siteName: string | null;
  language: string | null;
  direction: 'ltr' | 'rtl' | null;
  image: { url: string; caption: string | null; credit: string | null; alt: string | null } | null;
  wordCountApprox: number;
  mustContain: string[];
  mustNotContain: string[];
  readingTimeMinutes: number;
}

describe('feedloom run, twice, against a loopback news site', () => {
  let site: SiteServer;
  let work: string;
  let expected: Expected[];
  let firstRun: { code: number; summary: Record<string, unknown> };
  let articles: Article[];
  let requestsBeforeSecondRun: number;
  let secondSummary: { feeds: Record<string, number>; articles: Record<string, number> };
  let articlesAfterSecondRun: Article[];

  const listArticles = async (): Promise<Article[]> => {
    const out = await runFeedloom(['articles', '--json', '--limit', '1000', '--db', 'db'], { cwd: work });
    expect(out.code, out.stderr).toBe(0);
    return parseJsonLines<unknown>(out.stdout).map((line) => ArticleSchema.parse(line));
  };
  const byPath = (list: Article[], path: string): Article | undefined => list.find((article) => article.url === `${site.origin}${path}`);

  beforeAll(async () => {
    site = await serveSite({ root: siteRoot });
    work = await mkdtemp(join(tmpdir(), 'feedloom-e2e-'));
    await writeFile(join(work, 'feeds.txt'), FEEDS.map((name) => `${site.origin}/feeds/${name}`).join('\n'));
    const files = await readdir(join(siteRoot, 'expected'));
    expected = await Promise.all(files.map(async (file) => JSON.parse(await readFile(join(siteRoot, 'expected', file), 'utf8')) as Expected));

    const run = await runFeedloom(['run', '--once', '--allow-private-network', '--feeds', 'feeds.txt', '--db', 'db', '--json'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    firstRun = { code: run.code, summary: JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') };
    articles = await listArticles();

    requestsBeforeSecondRun = site.requests.length;
    const second = await runFeedloom(['run', '--once', '--all', '--allow-private-network', '--db', 'db', '--json'], { cwd: work });
    expect(second.code, second.stderr).toBe(0);
    secondSummary = JSON.parse(second.stdout.trim().split('\n').pop() ?? '{}');
    articlesAfterSecondRun = await listArticles();
  });

  afterAll(async () => {
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('stores one Article per page, plus the feed-only one for the missing page', () => {
    expect(firstRun.summary).toMatchObject({ feeds: { dispatched: 3, updated: 3, failed: 0 } });
    expect(articles).toHaveLength(expected.length + 1);
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
  });

  it('lists articles newest first', () => {
    const times = articles.map((a) => a.publishedAt ?? a.fetchedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('gets every field of the reference article right', () => {
    const article = byPath(articles, '/news/mena/iran-china-agree-to-step-up-military-cooperation.html');
    expect(article).toBeDefined();
    expect(article).toMatchObject({
      status: 'extracted',
      title: 'Iran, China agree to step up military cooperation',
      section: 'MENA',
      publishedAt: '2022-04-28T10:42:00.000Z',
      readingTimeMinutes: 2,
      language: 'en',
      direction: 'ltr',
      image: { credit: 'Getty' },
      extraction: { httpStatus: 200, error: null, method: 'readability' },
    });
    expect(article?.description).toMatch(/^Iran and China agreed on Wednesday to step up/);
    expect(article?.image?.caption).not.toMatch(/Getty|source/i);
    expect(article?.contentText).not.toContain(article?.description ?? '');
    expect(article?.contentText).not.toMatch(/Live Story|2 min read|28 April, 2022|\[source: Getty\]/);
  });

  it('matches the demo site truth for every page, field by field', () => {
    const problems: string[] = [];
    const check = (where: string, field: string, ok: boolean, got: unknown, want: unknown): void => {
      if (!ok) problems.push(`${where} ${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    for (const truth of expected) {
      const where = truth.path;
      const article = byPath(articles, truth.path);
      if (!article) {
        problems.push(`${where}: no article`);
        continue;
      }
      for (const field of [
        'status',
        'title',
        'description',
        'authors',
        'publishedAt',
        'modifiedAt',
        'section',
        'siteName',
        'language',
        'direction',
        'readingTimeMinutes',
      ] as const) {
        const want = field === 'status' ? 'extracted' : truth[field];
        check(where, field, same(article[field], want), article[field], want);
      }
      const missingTags = truth.tags.filter((tag) => !article.tags.includes(tag));
      check(where, 'tags', missingTags.length === 0, article.tags, truth.tags);
      const image = truth.image ? { ...truth.image, url: truth.image.url.replace('{{origin}}', site.origin) } : null;
      const gotImage = article.image ? { url: article.image.url, caption: article.image.caption, credit: article.image.credit, alt: article.image.alt } : null;
      check(where, 'image', same(gotImage, image), gotImage, image);
      const drift = Math.abs(article.wordCount - truth.wordCountApprox) / truth.wordCountApprox;
      check(where, 'wordCount', drift < 0.1, article.wordCount, truth.wordCountApprox);
      for (const sentence of truth.mustContain) check(where, 'contentText contains', article.contentText?.includes(sentence) === true, null, sentence);
      for (const junk of truth.mustNotContain) check(where, 'contentText lacks', article.contentText?.includes(junk) === false, junk, null);
    }
    expect(problems).toEqual([]);
  });

  it('keeps a page that answers 404 as a feed-only Article with its status code', () => {
    const article = byPath(articles, '/news/world/missing-story.html');
    expect(article).toMatchObject({ status: 'feed-only', extraction: { httpStatus: 404, error: { code: 'HTTP_STATUS' }, method: 'feed' } });
    expect(article?.contentText?.length).toBeGreaterThan(100);
    expect(article?.title).toBeTruthy();
  });

  it('makes one Article of a guid repeated in a feed and of a page linked from two feeds', () => {
    const urls = articles.map((a) => a.url);
    expect(urls.length).toBe(new Set(urls).size);
    const inTwoFeeds = byPath(articles, '/news/features/the-keepers-of-skerrow-point.html');
    expect(inTwoFeeds).toBeDefined();
  });

  it('decodes a windows-1252 page declared only in <meta> (curly quotes, dash, euro)', () => {
    const legacy = articles.find((a) => a.url.includes('harbour-cafe'));
    expect(legacy?.title).toMatch(/[“”‘’]/u);
    expect(legacy?.contentText).toMatch(/€/u);
    expect(legacy?.contentText).not.toMatch(/[\u0080-\u009f]/u);
  });

  it('sends conditional GETs on the second run and rewrites nothing', () => {
    const feedRequests = site.requests.slice(requestsBeforeSecondRun).filter((r) => r.path.startsWith('/feeds/'));
    expect(feedRequests).toHaveLength(3);
    for (const request of feedRequests) {
      expect(request.headers['if-none-match']).toBeTruthy();
      expect(request.headers['if-modified-since']).toBeTruthy();
      expect(request.status).toBe(304);
    }
    expect(secondSummary.feeds).toMatchObject({ dispatched: 3, notModified: 3 });
    expect(secondSummary.articles).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(articlesAfterSecondRun).toEqual(articles);
  });
});
