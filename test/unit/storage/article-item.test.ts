import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decompressBody } from '../../../shared/adapters/dynamodb/article-body';
import {
  ARTICLE_ITEM_BUDGET_BYTES,
  BODY_CHUNK_BYTES,
  encodeArticleBody,
  needsUrlKey,
  storedBodyOf,
  toArticleItem,
} from '../../../shared/adapters/dynamodb/article-item';
import { estimateItemBytes } from '../../../shared/adapters/dynamodb/item-size';
import { articleSortKey, sortKeyCeiling } from '../../../shared/adapters/dynamodb/table-design';
import { type Article, ArticleSchema } from '../../../shared/article/article';
import { articleId } from '../../../shared/article/article-id';

const article = ArticleSchema.parse(JSON.parse(readFileSync(new URL('../../integration/storage/fixtures/article/article.json', import.meta.url), 'utf8')));
const withBody = (text: string): Article => ({ ...article, contentText: text, contentHtml: `<p>${text}</p>` });
/** Text that compresses like prose, not like a repeated string: distinct numbered sentences. */
const prose = (bytes: number): string => {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `Sentence ${i * 7919} mentions ${(i * 104729) % 99991} harbour cranes and ${i % 13} ferries. `;
  return text;
};

describe('encodeArticleBody', () => {
  it('keeps a short body as plain attributes: compressing it would save no write unit', () => {
    const short = withBody('A two-line brief: the ferry runs again from Monday, the harbour master said.');
    expect(encodeArticleBody(short, () => 'k')).toEqual({ storage: 'inline' });
    expect(toArticleItem(short, { storage: 'inline' })).toMatchObject({ bodyStorage: 'inline', contentText: short.contentText });
  });

  it('compresses a typical article into the item when that makes it cost fewer write units', () => {
    const body = encodeArticleBody(article, () => 'k');
    expect(body.storage).toBe('brotli');
    if (body.storage !== 'brotli') return;
    const units = (item: object) => Math.ceil(estimateItemBytes(item as Record<string, unknown>) / 1024);
    expect(units(toArticleItem(article, body))).toBeLessThan(units(toArticleItem(article, { storage: 'inline' })));
    expect(decompressBody(body.bytes)).toEqual({ contentHtml: article.contentHtml, contentText: article.contentText });
  });

  it('compresses a body above 32 KB into the item when it fits', () => {
    const body = encodeArticleBody(withBody(prose(60_000)), () => 'k');
    expect(body.storage).toBe('brotli');
    if (body.storage !== 'brotli') return;
    expect(decompressBody(body.bytes)).toEqual({ contentText: prose(60_000), contentHtml: `<p>${prose(60_000)}</p>` });
    const item = toArticleItem(withBody(prose(60_000)), body);
    expect(item).not.toHaveProperty('contentText');
    expect(estimateItemBytes(item)).toBeLessThanOrEqual(ARTICLE_ITEM_BUDGET_BYTES);
  });

  it('splits a body that does not fit compressed into chunks under a fresh key', () => {
    const body = encodeArticleBody(withBody(randomBytes(700_000).toString('base64')), () => 'key-1');
    expect(body.storage).toBe('chunks');
    if (body.storage !== 'chunks') return;
    expect(body.bodyKey).toBe('key-1');
    expect(body.parts.every((part) => part.byteLength <= BODY_CHUNK_BYTES)).toBe(true);
    expect(Buffer.concat(body.parts).equals(Buffer.from(body.bytes))).toBe(true);
    expect(toArticleItem(withBody('x'), body)).toMatchObject({
      bodyStorage: 'chunks',
      bodyKey: 'key-1',
      bodyParts: body.parts.length,
      bodyBytes: body.bytes.byteLength,
    });
  });

  it('refuses, with a typed error, an article whose fields besides the body cannot fit an item', () => {
    const huge = { ...article, description: 'd'.repeat(450_000) };
    expect(() => encodeArticleBody(huge, () => 'k')).toThrow(expect.objectContaining({ name: 'InvalidInputError', code: 'ARTICLE_TOO_LARGE' }));
  });
});

describe('needsUrlKey (the sparse byUrl index)', () => {
  it('leaves out an article that its page URL identifies, tracking parameters and fragment included', () => {
    const url = 'https://meridian-ledger.example/news/story.html?utm_source=feed#top';
    const own = { ...article, url, id: articleId(url) };
    expect(needsUrlKey(own)).toBe(false);
    expect(toArticleItem(own, { storage: 'inline' })).not.toHaveProperty('urlKey');
  });

  it('keys an article whose identity is another URL, and one whose page URL does not parse', () => {
    const amp = { ...article, url: 'https://meridian-ledger.example/amp/story.html', id: articleId('https://meridian-ledger.example/news/story.html') };
    expect(needsUrlKey(amp)).toBe(true);
    expect(toArticleItem(amp, { storage: 'inline' }).urlKey).toBe('https://meridian-ledger.example/amp/story.html');
    expect(needsUrlKey({ ...article, url: 'not a url' })).toBe(true);
  });
});

describe('estimateItemBytes', () => {
  it('counts names and values as DynamoDB does, numbers at their 21-byte maximum', () => {
    expect(estimateItemBytes({ id: 'abc' })).toBe(5);
    expect(estimateItemBytes({ n: 1, ok: true, none: null })).toBe(1 + 21 + 2 + 1 + 4 + 1);
    expect(estimateItemBytes({ b: new Uint8Array(10) })).toBe(11);
    expect(estimateItemBytes({ é: 'ü' })).toBe(4);
    expect(estimateItemBytes({ l: ['ab', 'c'] })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(estimateItemBytes({ m: { k: 'v' } })).toBe(1 + 3 + (1 + 1 + 1));
  });
});

describe('articleSortKey', () => {
  it('orders by time whatever the instant was written like, then by id', () => {
    const keys = [
      articleSortKey('2025-06-01T10:00:00Z', '2025-07-01T00:00:00Z', 'b'),
      articleSortKey('2025-06-01T10:00:00.500Z', '2025-07-01T00:00:00Z', 'a'),
      articleSortKey('2025-06-01T10:00:00.000Z', '2025-07-01T00:00:00Z', 'a'),
      articleSortKey(null, '2025-06-01T09:59:59Z', 'z'),
    ];
    expect([...keys].sort()).toEqual([keys[3], keys[2], keys[0], keys[1]]);
    expect(keys[0]).toBe('2025-06-01T10:00:00.000Z#b');
    expect(sortKeyCeiling('2025-06-01T10:00:00.000Z') > articleSortKey('2025-06-01T10:00:00Z', '', 'zzzz_-9')).toBe(true);
  });
});

describe('storedBodyOf', () => {
  it('reads items without bodyStorage (pre-release) as inline, and refuses their compressed bodies rather than empty them', () => {
    expect(storedBodyOf({ id: 'a', contentText: 'x' })).toEqual({ bodyStorage: 'inline' });
    expect(() => storedBodyOf({ id: 'a', contentTextBr: new Uint8Array(3) })).toThrow(expect.objectContaining({ code: 'INVALID_STORED_ARTICLE' }));
    expect(() => storedBodyOf({ id: 'a', bodyStorage: 'zip' })).toThrow(expect.objectContaining({ code: 'INVALID_STORED_ARTICLE' }));
    expect(() => storedBodyOf({ id: 'a', bodyStorage: 'chunks', bodyKey: 'k' })).toThrow(expect.objectContaining({ code: 'INVALID_STORED_ARTICLE' }));
  });
});
