import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, serveSite } from '../../../demo/serve-site';
import { type ArticleChange, ArticleReader } from '../../../shared/adapters/dynamodb/article-reader';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { estimateItemBytes, MAX_ITEM_BYTES } from '../../../shared/adapters/dynamodb/item-size';
import { BODY_STORAGE, DEFAULT_TABLE_NAMES } from '../../../shared/adapters/dynamodb/table-design';
import { type Article, ArticleSchema } from '../../../shared/article/article';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { EXTRACTOR_VERSION } from '../../../shared/extraction/extractor-version';
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
    // The pipeline adds what only it knows: which extractor version stored it, and no retry pending.
    const pipelineFields = { extractorVersion: EXTRACTOR_VERSION, retry: null };
    expect(comparable(stored)).toEqual(comparable({ ...extracted, revision: 1, extraction: { ...extracted.extraction, ...pipelineFields } }));
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

describe('a changed page through the pipeline on DynamoDB Local', () => {
  const site = new URL('./fixtures/changed-page-site/', import.meta.url);
  let work: string;
  let root: string;
  let server: SiteServer;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'feedloom-changed-'));
    root = join(work, 'site');
    await mkdir(join(root, 'news'), { recursive: true });
    await copyFile(new URL('feed.rss', site), join(root, 'feed.rss'));
    await copyFile(new URL('ferry-timetable.html', site), join(root, 'news', 'ferry-timetable.html'));
    await copyFile(new URL('crane-vote.html', site), join(root, 'news', 'crane-vote.html'));
    server = await serveSite({ root });
    await writeFile(join(work, 'feeds.txt'), `${server.origin}/feed.rss\n`);
  });
  afterAll(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it('gives the changed article revision 2 under the same id and writes no other article', async () => {
    const endpoint = engineEndpoint('dynamodb-local');
    const run = (...extra: string[]) =>
      runFeedloomInProcess(['run', '--feeds', 'feeds.txt', '--endpoint', endpoint, '--once', '--allow-private-network', '--json', ...extra], work);
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    const ferryUrl = `${server.origin}/news/ferry-timetable.html`;
    const before = ArticleSchema.parse(JSON.parse((await runFeedloomInProcess(['article', ferryUrl, '--endpoint', endpoint], work)).stdout));
    expect(before.revision).toBe(1);

    const reader = ArticleReader.connect({ endpoint, tables: DEFAULT_TABLE_NAMES });
    const { documents, client } = createDynamoClients({ endpoint });
    try {
      const itemsBefore = await allArticleItems(documents);
      const mark = (await collectChanges(reader.changes({ from: 'oldest', follow: false }))).at(-1)?.cursor as string;

      await copyFile(new URL('feed-edited.rss', site), join(root, 'feed.rss'));
      await copyFile(new URL('ferry-timetable-edited.html', site), join(root, 'news', 'ferry-timetable.html'));
      const second = await run('--all');
      expect(second.code, second.stderr).toBe(0);
      expect(JSON.parse(second.stdout.trim().split('\n').at(-1) as string)).toMatchObject({ articles: { created: 0, updated: 1 } });

      const after = ArticleSchema.parse(JSON.parse((await runFeedloomInProcess(['article', ferryUrl, '--endpoint', endpoint], work)).stdout));
      expect(after).toMatchObject({ id: before.id, revision: 2 });
      expect(after.contentText).toContain('late safety inspection');
      expect(after.contentHash).not.toBe(before.contentHash);

      // Every other item of the table (the crane story, and the 2 MB article above) is byte for byte as it was.
      const itemsAfter = await allArticleItems(documents);
      expect(itemsAfter.size).toBe(itemsBefore.size);
      for (const [id, item] of itemsBefore) if (id !== before.id) expect(itemsAfter.get(id)).toEqual(item);
      expect(itemsAfter.get(before.id)).toMatchObject({ revision: 2, previousContentHash: before.contentHash });
      // And the stream saw exactly one write: the new revision.
      const changes = await collectChanges(reader.changes({ from: { cursor: mark }, follow: false }));
      expect(changes.map((change) => [change.type, change.id, change.oldRevision, change.newRevision])).toEqual([['MODIFY', before.id, 1, 2]]);
    } finally {
      reader.close();
      client.destroy();
    }
  });
});

async function collectChanges(changes: AsyncIterable<ArticleChange>): Promise<ArticleChange[]> {
  const seen: ArticleChange[] = [];
  for await (const change of changes) seen.push(change);
  return seen;
}

// Test-only census of the whole table, to prove what was not written; read paths never scan.
async function allArticleItems(documents: DynamoDBDocumentClient): Promise<Map<string, Record<string, unknown>>> {
  const items = new Map<string, Record<string, unknown>>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: DEFAULT_TABLE_NAMES.articles, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) items.set(String(item.id), item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
