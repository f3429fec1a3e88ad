import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, serveSite } from '../../../demo/serve-site';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { estimateItemBytes, MAX_ITEM_BYTES } from '../../../shared/adapters/dynamodb/item-size';
import { BODY_STORAGE, DEFAULT_TABLE_NAMES } from '../../../shared/adapters/dynamodb/table-design';
import { type Article, ArticleSchema } from '../../../shared/article/article';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { parseFeed } from '../../../shared/feed/parse-feed';
import { feedIdOf } from '../../../shared/ingestion/subscribe-feeds';
import { engineEndpoint } from '../../support/dynamodb-engines';
import { proseParagraphs } from './article-builder';
import { runFeedloomInProcess } from './cli-runner';

const fixture = new URL('./fixtures/big-article-site/', import.meta.url);

// The only storage test on the default table names of DynamoDB Local: `feedloom --endpoint` uses them.
describe('a 2 MB article through the pipeline and `feedloom article` on DynamoDB Local', () => {
  let work: string;
  let site: SiteServer;
  let paragraphs: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'feedloom-big-'));
    const root = join(work, 'site');
    await mkdir(join(root, 'news'), { recursive: true });
    await copyFile(new URL('feed.rss', fixture), join(root, 'feed.rss'));
    paragraphs = proseParagraphs(2 * 1024 * 1024, 2025);
    const page = (await readFile(new URL('page.html', fixture), 'utf8')).replace('{{paragraphs}}', paragraphs.map((p) => `        <p>${p}</p>`).join('\n'));
    await writeFile(join(root, 'news', 'longest-report.html'), page);
    site = await serveSite({ root });
    await writeFile(join(work, 'feeds.txt'), `${site.origin}/feed.rss\n`);
  });
  afterAll(async () => {
    await site.close();
    await rm(work, { recursive: true, force: true });
  });

  it('stores the article whole and prints it back byte for byte', async () => {
    const endpoint = engineEndpoint('dynamodb-local');
    const run = await runFeedloomInProcess(['run', '--feeds', 'feeds.txt', '--endpoint', endpoint, '--once', '--allow-private-network', '--json'], work);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1) as string)).toMatchObject({ articles: { created: 1 }, deadLetters: [] });

    const pageUrl = `${site.origin}/news/longest-report.html`;
    const printed = await runFeedloomInProcess(['article', pageUrl, '--endpoint', endpoint], work);
    expect(printed.code, printed.stderr).toBe(0);
    const stored = ArticleSchema.parse(JSON.parse(printed.stdout));

    // What extraction makes of the same bytes, outside the pipeline and without storage.
    const feedBytes = await (await fetch(`${site.origin}/feed.rss`)).arrayBuffer();
    const feed = await parseFeed(new Uint8Array(feedBytes), { url: `${site.origin}/feed.rss` });
    const pageBytes = new Uint8Array(await (await fetch(pageUrl)).arrayBuffer());
    const extracted = await extractArticle(pageBytes, {
      url: pageUrl,
      contentType: 'text/html',
      httpStatus: 200,
      item: feed.items[0],
      feed: { feedId: feedIdOf(`${site.origin}/feed.rss`), feedUrl: `${site.origin}/feed.rss` },
      now: new Date(stored.fetchedAt),
    });
    const comparable = (article: Article) => ({ ...article, extraction: { ...article.extraction, durationMs: 0 } });
    expect(comparable(stored)).toEqual(comparable({ ...extracted, revision: 1 }));
    expect(stored.contentText?.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(stored.contentText).toContain(paragraphs.at(-1));

    // DynamoDB Local enforces the 400 KB item limit: the body went to the Bodies table.
    const { documents, client } = createDynamoClients({ endpoint });
    try {
      const { Item } = await documents.send(new GetCommand({ TableName: DEFAULT_TABLE_NAMES.articles, Key: { id: stored.id } }));
      expect(Item?.bodyStorage).toBe(BODY_STORAGE.chunks);
      expect(estimateItemBytes(Item ?? {})).toBeLessThan(MAX_ITEM_BYTES);
    } finally {
      client.destroy();
    }
  });
});
