import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticleChange, ArticleReader } from '../../../shared/adapters/dynamodb/article-reader';
import { ARTICLES } from '../../../shared/adapters/dynamodb/table-design';
import { engineEndpoint, openTestTables, type TestTables } from '../../support/dynamodb-engines';
import { aBigArticle, anArticle } from './article-builder';

const url = (name: string): string => `https://meridian-ledger.example/news/changes/${name}.html`;

async function collect(changes: AsyncIterable<ArticleChange>): Promise<ArticleChange[]> {
  const seen: ArticleChange[] = [];
  for await (const change of changes) seen.push(change);
  return seen;
}

/** What a change says, without the article body and the position fields. */
const summary = (change: ArticleChange): string => `${change.type} ${change.id} ${change.oldRevision ?? '-'}->${change.newRevision ?? '-'}`;

describe('ArticleReader.changes on the DynamoDB Local stream', () => {
  let t: TestTables;
  const first = anArticle({ url: url('story'), contentText: 'The first telling.' });
  const second = anArticle({ url: url('story'), contentText: 'The second telling, corrected.' });
  const big = aBigArticle(2 * 1024 * 1024, 11, { url: url('big') });

  beforeAll(async () => {
    t = await openTestTables('dynamodb-local', 'changes');
    await t.store.put(first);
    await t.store.put(second);
    await t.store.put({ ...second, fetchedAt: '2027-01-01T00:00:00.000Z' }); // redelivered: no write, no record
    await t.store.put(big);
  });
  afterAll(() => t.destroy());

  it('sees INSERT then MODIFY with the old and new revision, and nothing for an unchanged write', async () => {
    const changes = await collect(t.reader.changes({ from: 'oldest', follow: false }));
    expect(changes.map(summary)).toEqual([`INSERT ${first.id} -->1`, `MODIFY ${first.id} 1->2`, `INSERT ${big.id} -->1`]);
    const [inserted, modified] = changes;
    expect(inserted?.article).toEqual({ ...first, revision: 1 });
    expect(modified).toMatchObject({ type: 'MODIFY', previousContentHash: first.contentHash, article: { ...second, revision: 2 } });
    expect(modified?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('puts an offloaded 2 MB body back into the changed article', async () => {
    const changes = await collect(t.reader.changes({ from: 'oldest', follow: false }));
    expect(changes.at(-1)?.article).toEqual({ ...big, revision: 1 });
  });

  it('resumes after a change from its cursor, without repeating it', async () => {
    const changes = await collect(t.reader.changes({ from: 'oldest', follow: false }));
    const cursor = changes[1]?.cursor as string;
    const resumed = await collect(t.reader.changes({ from: { cursor }, follow: false }));
    expect(resumed.map(summary)).toEqual([`INSERT ${big.id} -->1`]);
    const atEnd = await collect(t.reader.changes({ from: { cursor: resumed[0]?.cursor as string }, follow: false }));
    expect(atEnd).toEqual([]);
  });

  it("from 'latest' follows only what is written after it started, until aborted", async () => {
    const controller = new AbortController();
    const iterator = t.reader.changes({ from: 'latest', pollIntervalMs: 20, signal: controller.signal });
    const next = iterator.next();
    // Write once the reader is polling the shard, so the write is certainly after its start.
    const polls = (): number => t.commands.filter((name) => name === 'GetRecordsCommand').length;
    const before = polls();
    while (polls() === before) await new Promise((resolve) => setTimeout(resolve, 10));
    const late = anArticle({ url: url('late') });
    await t.store.put(late);
    const result = await next;
    expect(result.done).toBe(false);
    expect(summary(result.value as ArticleChange)).toBe(`INSERT ${late.id} -->1`);
    controller.abort();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('reports a deleted article as REMOVE with its last revision', async () => {
    const doomed = anArticle({ url: url('doomed') });
    await t.store.put(doomed);
    const start = (await collect(t.reader.changes({ from: 'oldest', follow: false }))).at(-1)?.cursor as string;
    await t.documents.send(new DeleteCommand({ TableName: t.names.articles, Key: { [ARTICLES.partitionKey]: doomed.id } }));
    const changes = await collect(t.reader.changes({ from: { cursor: start }, follow: false }));
    expect(changes).toEqual([expect.objectContaining({ type: 'REMOVE', id: doomed.id, oldRevision: 1, newRevision: null, article: null, expired: false })]);
  });

  it('shows every revision exactly once, in order, when two writers race 25 times', async () => {
    const start = (await collect(t.reader.changes({ from: 'oldest', follow: false }))).at(-1)?.cursor as string;
    const writers = [t.newStore(), t.newStore()];
    try {
      for (let round = 0; round < 25; round++) {
        await Promise.all(writers.map(({ store }, writer) => store.put(anArticle({ url: url('raced'), contentText: `Round ${round} by writer ${writer}.` }))));
      }
    } finally {
      for (const writer of writers) writer.destroy();
    }
    const changes = (await collect(t.reader.changes({ from: { cursor: start }, follow: false }))).filter((change) => change.type !== 'REMOVE');
    expect(changes.map((change) => [change.oldRevision, change.newRevision])).toEqual(Array.from({ length: 50 }, (_, i) => [i === 0 ? null : i, i + 1]));
  });

  it('works the same through ArticleReader.connect with only an endpoint and table names', async () => {
    const reader = ArticleReader.connect({ endpoint: engineEndpoint('dynamodb-local'), tables: { articles: t.names.articles, bodies: t.names.bodies } });
    try {
      expect(await reader.getById(big.id)).toEqual({ ...big, revision: 1 });
      const changes = await collect(reader.changes({ from: 'oldest', follow: false }));
      expect(changes.slice(0, 2).map(summary)).toEqual([`INSERT ${first.id} -->1`, `MODIFY ${first.id} 1->2`]);
    } finally {
      reader.close();
    }
  });
});

describe('ArticleReader.changes without a stream', () => {
  it('fails with STREAM_UNAVAILABLE on dynalite, which has no streams', async () => {
    const t = await openTestTables('dynalite', 'nostream');
    try {
      await expect(t.reader.changes({ from: 'oldest' }).next()).rejects.toMatchObject({ code: 'STREAM_UNAVAILABLE' });
    } finally {
      t.destroy();
    }
  });

  it('fails with NO_STREAMS_CLIENT when the reader was given no streams client', async () => {
    const t = await openTestTables('dynamodb-local', 'noclient');
    try {
      const reader = new ArticleReader({ client: t.documents, tableName: t.names.articles });
      await expect(reader.changes().next()).rejects.toMatchObject({ code: 'NO_STREAMS_CLIENT' });
    } finally {
      t.destroy();
    }
  });
});
