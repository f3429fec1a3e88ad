import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Article, ArticleSchema } from '../../../shared/article/article';
import { InvalidInputError } from '../../../shared/errors';
import { ExtractArticleJobSchema } from '../../../shared/ingestion/jobs';
import { isSelectedForReextract, parseReextractCriteria, reextractJob } from '../../../shared/ingestion/reextract';

const base = ArticleSchema.parse(JSON.parse(readFileSync(resolve(__dirname, '../../integration/storage/fixtures/article/article.json'), 'utf8')));
const article = (changes: Omit<Partial<Article>, 'extraction'> & { extraction?: Partial<Article['extraction']> } = {}): Article => ({
  ...base,
  feedId: 'feed-1',
  feedUrl: 'https://news.example.com/feed.xml',
  ...changes,
  extraction: { ...base.extraction, ...changes.extraction },
});

describe('reextract selection', () => {
  it('selects by status, site (and its subdomains) and extractor version; absent version counts as 0', () => {
    const feedOnly = article({ status: 'feed-only', url: 'https://news.example.com/a', extraction: { extractorVersion: 1 } });
    const old = article({ status: 'extracted', url: 'https://other.example/b', extraction: { extractorVersion: undefined } });
    expect(isSelectedForReextract(feedOnly, parseReextractCriteria({ status: 'feed-only' }))).toBe(true);
    expect(isSelectedForReextract(old, parseReextractCriteria({ status: 'feed-only' }))).toBe(false);
    expect(isSelectedForReextract(feedOnly, parseReextractCriteria({ site: 'example.com' }))).toBe(true);
    expect(isSelectedForReextract(feedOnly, parseReextractCriteria({ site: 'https://news.example.com/' }))).toBe(true);
    expect(isSelectedForReextract(old, parseReextractCriteria({ site: 'example.com' }))).toBe(false);
    expect(isSelectedForReextract(old, parseReextractCriteria({ beforeVersion: '1' }))).toBe(true);
    expect(isSelectedForReextract(feedOnly, parseReextractCriteria({ beforeVersion: '1' }))).toBe(false);
  });

  it('never selects an entry without a link, and refuses bad criteria with a typed error', () => {
    expect(isSelectedForReextract(article({ status: 'feed-only', extraction: { error: { code: 'NO_URL', message: 'no link' } } }), {})).toBe(false);
    expect(() => parseReextractCriteria({ status: 'done' })).toThrow(InvalidInputError);
    expect(() => parseReextractCriteria({ beforeVersion: 'v2' })).toThrow(InvalidInputError);
  });

  it('builds a valid job for the same feed entry and page, keeping a feed-only body as the fallback', () => {
    const stored = article({ status: 'feed-only', contentHtml: '<p>From the feed</p>' });
    const job = ExtractArticleJobSchema.parse(reextractJob(stored, new Date('2026-03-01T00:00:00Z')));
    expect(job).toMatchObject({
      feedId: stored.feedId,
      feedUrl: stored.feedUrl,
      item: { itemId: stored.itemId, url: stored.url, contentHtml: '<p>From the feed</p>' },
    });
    expect(reextractJob(article({ status: 'extracted' }), new Date()).item.contentHtml).toBeNull();
  });
});
