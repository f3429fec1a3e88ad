import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleReader } from '../../../shared/adapters/dynamodb/article-reader';
import { ARTICLES } from '../../../shared/adapters/dynamodb/table-design';
import type { Article } from '../../../shared/article/article';
import { ENGINES, openTestTables, type TestTables } from '../../support/dynamodb-engines';
import { anArticle } from './article-builder';

const url = (n: number | string): string => `https://meridian-ledger.example/news/store/${n}.html`;

describe.each(ENGINES)('DynamoArticleStore on %s', (engine) => {
  let t: TestTables;

  beforeAll(async () => {
    t = await openTestTables(engine, 'store');
  });
  afterAll(() => t.destroy());

  const rawItem = async (id: string): Promise<Record<string, unknown> | undefined> =>
    (await t.documents.send(new GetCommand({ TableName: t.names.articles, Key: { [ARTICLES.partitionKey]: id }, ConsistentRead: true }))).Item;

  // Test-only census of a table: the read paths under test never scan (see the reader tests).
  const allItems = async (): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await t.documents.send(new ScanCommand({ TableName: t.names.articles, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };

  it('creates revision 1, then writes nothing for the same content redelivered later', async () => {
    const first = anArticle({ url: url('redelivered'), fetchedAt: '2026-01-01T00:00:00.000Z' });
    expect(await t.store.put(first)).toEqual({ outcome: 'created', revision: 1 });
    const stored = await rawItem(first.id);

    const redelivered = { ...first, fetchedAt: '2026-01-02T00:00:00.000Z' };
    expect(await t.store.put(redelivered)).toEqual({ outcome: 'unchanged', revision: 1 });

    expect(await rawItem(first.id)).toEqual(stored);
    expect(await t.store.get(first.id)).toEqual({ ...first, revision: 1 });
  });

  it('gives changed content revision 2 under the same id, keeps the previous hash and first feed, and rewrites no other article', async () => {
    const others = [anArticle({ url: url('bystander-1') }), anArticle({ url: url('bystander-2'), feedId: 'feed-b' })];
    for (const other of others) await t.store.put(other);
    const before = await Promise.all(others.map((other) => rawItem(other.id)));

    const original = anArticle({ url: url('edited'), contentText: 'First version of the story.' });
    await t.store.put(original);
    const edited = anArticle({ url: url('edited'), feedId: 'feed-z', contentText: 'Second version of the story, with a correction.' });
    expect(edited.id).toBe(original.id);

    expect(await t.store.put(edited)).toEqual({ outcome: 'updated', revision: 2 });

    const item = await rawItem(edited.id);
    expect(item).toMatchObject({ id: original.id, revision: 2, contentHash: edited.contentHash, previousContentHash: original.contentHash, feedId: 'feed-a' });
    expect(await t.store.get(edited.id)).toEqual({ ...edited, revision: 2, feedId: original.feedId, feedUrl: original.feedUrl });
    expect(await Promise.all(others.map((other) => rawItem(other.id)))).toEqual(before);
    expect((await allItems()).filter((stored) => stored.id === original.id)).toHaveLength(1);
  });

  it('does not let a failed re-fetch replace a good extraction', async () => {
    const good = anArticle({ url: url('refetch'), contentText: 'The full story.' });
    await t.store.put(good);
    const failed = anArticle({ url: url('refetch'), contentText: null, status: 'failed' });
    expect(await t.store.put(failed)).toEqual({ outcome: 'unchanged', revision: 1 });
    expect((await t.store.get(good.id))?.contentText).toBe('The full story.');
  });

  it('refuses an invalid article with a typed error and writes nothing', async () => {
    const bad = { ...anArticle({ url: url('invalid') }), publishedAt: 'last Tuesday' } as Article;
    await expect(t.store.put(bad)).rejects.toMatchObject({ name: 'InvalidInputError', code: 'INVALID_ARTICLE' });
    expect(await rawItem(bad.id)).toBeUndefined();
  });

  it('keeps articles forever by default and sets the TTL attribute only when a retention is given', async () => {
    const kept = anArticle({ url: url('kept') });
    await t.store.put(kept);
    expect(await rawItem(kept.id)).not.toHaveProperty(ARTICLES.ttlAttribute);

    const { store, destroy } = t.newStore({ retentionSeconds: 86_400 });
    try {
      const expiring = anArticle({ url: url('expiring'), fetchedAt: '2026-03-01T00:00:00.000Z' });
      await store.put(expiring);
      expect((await rawItem(expiring.id))?.[ARTICLES.ttlAttribute]).toBe(Date.parse('2026-03-02T00:00:00.000Z') / 1000);
      // Readers treat it as gone once expired, before (or, on dynalite, without) TTL deleting it.
      const reader = (now: string) =>
        new ArticleReader({ client: t.documents, tableName: t.names.articles, bodiesTableName: t.names.bodies, now: () => new Date(now) });
      expect((await reader('2026-03-01T23:59:59.000Z').getById(expiring.id))?.id).toBe(expiring.id);
      expect(await reader('2026-03-02T00:00:00.000Z').getById(expiring.id)).toBeNull();
      expect((await reader('2026-03-02T00:00:00.000Z').listByFeed(expiring.feedId, { limit: 1000 })).articles.map((a) => a.id)).not.toContain(expiring.id);
      expect((await reader('2026-03-01T00:00:00.000Z').listByFeed(expiring.feedId, { limit: 1000 })).articles.map((a) => a.id)).toContain(expiring.id);
    } finally {
      destroy();
    }
  });

  it('two writers delivering the same job 50 times in a row leave one item at revision 50', async () => {
    const writers = [t.newStore(), t.newStore()];
    try {
      const outcomes: string[] = [];
      for (let round = 1; round <= 50; round++) {
        const article = anArticle({ url: url('race-same'), contentText: `Version ${round} of a story edited fifty times.` });
        const results = await Promise.all(writers.map(({ store }) => store.put(article)));
        outcomes.push(
          results
            .map((result) => result.outcome)
            .sort()
            .join('+'),
        );
        expect(results.map((result) => result.revision)).toEqual([round, round]);
      }
      // The writers really raced: conditional writes were refused and decided again.
      expect(writers.flatMap((writer) => writer.errors).filter((name) => name === 'ConditionalCheckFailedException').length).toBeGreaterThan(0);
      // One writer writes each version, the other finds it written.
      expect(outcomes[0]).toBe('created+unchanged');
      expect(new Set(outcomes.slice(1))).toEqual(new Set(['unchanged+updated']));
      const items = (await allItems()).filter((item) => String(item.url) === url('race-same'));
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ revision: 50 });
    } finally {
      for (const writer of writers) writer.destroy();
    }
  });

  it('two writers with different content racing 50 times apply every write: revision 100, no revision skipped', async () => {
    const writers = [t.newStore(), t.newStore()];
    try {
      const revisions: number[] = [];
      for (let round = 1; round <= 50; round++) {
        const results = await Promise.all(
          writers.map(({ store }, writer) => store.put(anArticle({ url: url('race-different'), contentText: `Round ${round}, writer ${writer}.` }))),
        );
        revisions.push(...results.map((result) => result.revision));
        expect(results.every((result) => result.outcome !== 'unchanged')).toBe(true);
      }
      expect(writers.flatMap((writer) => writer.errors).filter((name) => name === 'ConditionalCheckFailedException').length).toBeGreaterThan(0);
      expect(revisions.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      const items = (await allItems()).filter((item) => String(item.url) === url('race-different'));
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ revision: 100 });
    } finally {
      for (const writer of writers) writer.destroy();
    }
  });
});
