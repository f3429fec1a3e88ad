import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decompressBody } from '../../../shared/adapters/dynamodb/article-body';
import { BODY_CHUNK_BYTES, INLINE_BODY_MAX_BYTES } from '../../../shared/adapters/dynamodb/article-item';
import { estimateItemBytes, MAX_ITEM_BYTES } from '../../../shared/adapters/dynamodb/item-size';
import { ARTICLES, BODIES, BODY_STORAGE } from '../../../shared/adapters/dynamodb/table-design';
import { ENGINES, openTestTables, type TestTables } from '../../support/dynamodb-engines';
import { aBigArticle, anArticle } from './article-builder';

const url = (name: string): string => `https://meridian-ledger.example/news/big/${name}.html`;
const MB = 1024 * 1024;

describe.each(ENGINES)('bodies beyond the 400 KB item limit on %s', (engine) => {
  let t: TestTables;

  beforeAll(async () => {
    t = await openTestTables(engine, 'bodies');
  });
  afterAll(() => t.destroy());

  const rawItem = async (id: string): Promise<Record<string, unknown>> => {
    const { Item } = await t.documents.send(new GetCommand({ TableName: t.names.articles, Key: { [ARTICLES.partitionKey]: id }, ConsistentRead: true }));
    if (!Item) throw new Error(`no item ${id}`);
    return Item;
  };
  const chunkItems = async (id: string): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await t.documents.send(
        new QueryCommand({
          TableName: t.names.bodies,
          KeyConditionExpression: '#id = :id',
          ExpressionAttributeNames: { '#id': BODIES.partitionKey },
          ExpressionAttributeValues: { ':id': id },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };

  it('keeps a short body as plain attributes and compresses a medium one into the item', async () => {
    // Compressing a short body would save no write unit, so it stays readable as it is.
    const short = 'The ferry runs again from Monday, the harbour master said.';
    const small = anArticle({ url: url('small'), contentText: short, contentHtml: `<p>${short}</p>` });
    const medium = aBigArticle(100 * 1024, 1, { url: url('medium') });
    await t.store.put(small);
    await t.store.put(medium);

    expect(await rawItem(small.id)).toMatchObject({ bodyStorage: BODY_STORAGE.inline, contentText: small.contentText, contentHtml: small.contentHtml });
    const item = await rawItem(medium.id);
    expect(item).toMatchObject({ bodyStorage: BODY_STORAGE.brotli });
    expect(item).not.toHaveProperty('contentText');
    expect(decompressBody(item.bodyBr as Uint8Array)).toEqual({ contentHtml: medium.contentHtml, contentText: medium.contentText });
    expect(await t.reader.getById(medium.id)).toEqual({ ...medium, revision: 1 });
    expect(Buffer.byteLength(small.contentHtml ?? '') + Buffer.byteLength(small.contentText ?? '')).toBeLessThanOrEqual(INLINE_BODY_MAX_BYTES);
    // A typical article's body (a few KB of prose) goes compressed: its item costs fewer write units.
    const typical = anArticle({ url: url('typical') });
    await t.store.put(typical);
    expect(await rawItem(typical.id)).toMatchObject({ bodyStorage: BODY_STORAGE.brotli });
    expect(await t.reader.getById(typical.id)).toEqual({ ...typical, revision: 1 });
  });

  it('round-trips a 2 MB article intact through the store and every read path, its body in chunks', async () => {
    const big = aBigArticle(2 * MB, 2, { url: url('two-megabytes'), feedId: 'feed-big', publishedAt: '2030-01-01T00:00:00.000Z' });
    expect(big.contentText?.length).toBeGreaterThanOrEqual(2 * MB);
    expect(await t.store.put(big)).toEqual({ outcome: 'created', revision: 1 });

    const item = await rawItem(big.id);
    expect(item).toMatchObject({ bodyStorage: BODY_STORAGE.chunks });
    expect(estimateItemBytes(item)).toBeLessThan(MAX_ITEM_BYTES);
    const chunks = await chunkItems(big.id);
    expect(chunks).toHaveLength(item.bodyParts as number);
    expect(chunks.every((chunk) => (chunk[BODIES.dataAttribute] as Uint8Array).byteLength <= BODY_CHUNK_BYTES)).toBe(true);

    const expected = { ...big, revision: 1 };
    expect(await t.store.get(big.id)).toEqual(expected);
    expect(await t.reader.getById(big.id)).toEqual(expected);
    expect(await t.reader.getByUrl(`${big.url}?utm_source=test`)).toEqual(expected);
    expect((await t.reader.listByFeed('feed-big')).articles).toEqual([expected]);
    expect((await t.reader.listLatest({ since: '2030-01-01T00:00:00Z', limit: 5 })).articles).toEqual([expected]);
  });

  it('stores 2 MB of incompressible text, which no single item could hold even compressed', async () => {
    const noise = randomBytes(1.5 * MB).toString('base64');
    const article = anArticle({ url: url('incompressible'), contentText: noise, contentHtml: `<pre>${noise}</pre>` });
    await t.store.put(article);
    const item = await rawItem(article.id);
    expect(item.bodyStorage).toBe(BODY_STORAGE.chunks);
    expect(item.bodyBytes as number).toBeGreaterThan(MAX_ITEM_BYTES);
    expect(await t.reader.getById(article.id)).toEqual({ ...article, revision: 1 });
  });

  it('decodes raw images as a Lambda stream event carries them (base64 binaries) for all three body tiers', async () => {
    const articles = [
      anArticle({ url: url('image-small') }),
      aBigArticle(100 * 1024, 5, { url: url('image-medium') }),
      aBigArticle(2 * MB, 6, { url: url('image-big') }),
    ];
    for (const article of articles) {
      await t.store.put(article);
      const image = marshall(await rawItem(article.id)) as Record<string, { B?: Uint8Array }>;
      const lambdaImage = JSON.parse(
        JSON.stringify(image, (_key, value) => (value?.B instanceof Uint8Array ? { B: Buffer.from(value.B).toString('base64') } : value)),
      );
      expect(await t.reader.decodeImage(lambdaImage)).toEqual({ ...article, revision: 1 });
      expect(await t.reader.decodeImage(image)).toEqual({ ...article, revision: 1 });
    }
  });

  it('keeps the superseded body readable for a grace period when a big article changes, and only then lets TTL remove it', async () => {
    const now = new Date('2026-05-01T12:00:00.000Z');
    const { store, destroy } = t.newStore({ now: () => now });
    try {
      const first = aBigArticle(2 * MB, 3, { url: url('big-revised') });
      const second = aBigArticle(2 * MB, 4, { url: url('big-revised') });
      await store.put(first);
      const firstKey = (await rawItem(first.id)).bodyKey as string;
      expect(await store.put(second)).toEqual({ outcome: 'updated', revision: 2 });
      const secondKey = (await rawItem(first.id)).bodyKey as string;
      expect(secondKey).not.toBe(firstKey);

      const chunks = await chunkItems(first.id);
      const old = chunks.filter((chunk) => String(chunk[BODIES.sortKey]).startsWith(`${firstKey}#`));
      const current = chunks.filter((chunk) => String(chunk[BODIES.sortKey]).startsWith(`${secondKey}#`));
      expect(old.length).toBeGreaterThan(0);
      expect(old.every((chunk) => chunk[BODIES.ttlAttribute] === now.getTime() / 1000 + BODIES.supersededGraceSeconds)).toBe(true);
      expect(current.every((chunk) => !(BODIES.ttlAttribute in chunk))).toBe(true);
      expect(old.length + current.length).toBe(chunks.length);
      expect(await t.reader.getById(first.id)).toEqual({ ...second, revision: 2 });
    } finally {
      destroy();
    }
  });

  it('leaves no forgotten chunks when two writers race with the same and with different big bodies', async () => {
    const writers = [t.newStore(), t.newStore()];
    try {
      for (let round = 0; round < 2; round++) {
        // The same body from both (a redelivered job): the loser deletes the chunks it wrote.
        const same = aBigArticle(1.5 * MB, 200 + round, { url: url('big-race') });
        await Promise.all(writers.map(({ store }) => store.put(same)));
        // Different bodies: both are applied, one after the other.
        await Promise.all(writers.map(({ store }, writer) => store.put(aBigArticle(1.5 * MB, 100 + round * 2 + writer, { url: url('big-race') }))));
      }
      expect(writers.flatMap((writer) => writer.errors)).toContain('ConditionalCheckFailedException');
      const item = await rawItem(anArticle({ url: url('big-race') }).id);
      expect(item).toMatchObject({ revision: 6, bodyStorage: BODY_STORAGE.chunks });
      const chunks = await chunkItems(item.id as string);
      const unreferenced = chunks.filter((chunk) => !String(chunk[BODIES.sortKey]).startsWith(`${String(item.bodyKey)}#`));
      // Every chunk is the current body's or a superseded one waiting for TTL: none is forgotten.
      expect(unreferenced.every((chunk) => typeof chunk[BODIES.ttlAttribute] === 'number')).toBe(true);
      expect(chunks.length - unreferenced.length).toBe(item.bodyParts);
    } finally {
      for (const writer of writers) writer.destroy();
    }
  });
});

describe('the 400 KB limit on DynamoDB Local', () => {
  it('is real: DynamoDB Local refuses a plain 500 KB item, the one Feedloom never writes', async () => {
    const t = await openTestTables('dynamodb-local', 'limit');
    try {
      const plain = { ...anArticle({ url: url('plain') }), contentText: 'x'.repeat(500 * 1024) };
      await expect(t.documents.send(new PutCommand({ TableName: t.names.articles, Item: plain }))).rejects.toMatchObject({ name: 'ValidationException' });
      await t.store.put(plain);
      expect((await t.reader.getById(plain.id))?.contentText).toBe(plain.contentText);
    } finally {
      t.destroy();
    }
  });
});
