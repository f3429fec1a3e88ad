import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFeedItem } from '../../../bench/support/build-feed-item';
import { articleJsonSchema } from '../../../shared/article/article-json-schema';
import { jobJsonSchemas } from '../../../shared/ingestion/job-json-schemas';
import { ExtractArticleJobSchema, FetchFeedJobSchema } from '../../../shared/ingestion/jobs';

describe('published JSON Schema', () => {
  it('matches the zod ArticleSchema (run `npm run schema` after changing the schema)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../schema/article.v1.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(articleJsonSchema());
  });

  it('names every field of DESIGN "The Article record" as required', () => {
    const schema = articleJsonSchema() as { required: string[] };
    expect([...schema.required].sort()).toEqual(
      [
        'schemaVersion',
        'id',
        'feedId',
        'feedUrl',
        'itemId',
        'url',
        'canonicalUrl',
        'title',
        'description',
        'authors',
        'publishedAt',
        'modifiedAt',
        'dates',
        'fetchedAt',
        'siteName',
        'section',
        'tags',
        'language',
        'direction',
        'image',
        'contentHtml',
        'contentText',
        'wordCount',
        'readingTimeMinutes',
        'contentHash',
        'revision',
        'status',
        'extraction',
      ].sort(),
    );
  });
});

describe('published JSON Schemas of the queue messages', () => {
  it.each(Object.entries(jobJsonSchemas()))('schema/%s matches its zod schema (run `npm run schema` after changing it)', (file, schema) => {
    const committed = JSON.parse(readFileSync(new URL(`../../../schema/${file}`, import.meta.url), 'utf8'));
    expect(committed).toEqual(schema);
  });

  it('names the two job messages and requires their identity fields', () => {
    const schemas = jobJsonSchemas() as Record<string, { required: string[]; properties: Record<string, { const?: unknown }> }>;
    expect(Object.keys(schemas).sort()).toEqual(['extract-article-job.v1.json', 'fetch-feed-job.v1.json']);
    for (const [file, kind] of [
      ['fetch-feed-job.v1.json', 'fetch-feed'],
      ['extract-article-job.v1.json', 'extract-article'],
    ] as const) {
      const schema = schemas[file];
      expect(schema?.properties.kind?.const).toBe(kind);
      expect(schema?.properties.version?.const).toBe(1);
      expect(schema?.required).toEqual(expect.arrayContaining(['kind', 'version', 'feedId']));
    }
  });

  // Messages in flight survive a deploy (docs/consumers.md "Job messages"): a consumer ignores fields it
  // does not know yet, so a producer may add optional fields before every consumer is updated.
  it('lets a consumer accept a job carrying a field it does not know', () => {
    const feedJob = { kind: 'fetch-feed', version: 1, feedId: 'f', url: 'https://example.com/feed', window: '2026-01-01T00:00', addedLater: true };
    expect(FetchFeedJobSchema.safeParse(feedJob).success).toBe(true);
    const item = { ...buildFeedItem({ itemId: 'i', url: 'https://example.com/a', title: null }), addedLater: 1 };
    const articleJob = {
      kind: 'extract-article',
      version: 1,
      feedId: 'f',
      feedUrl: 'https://example.com/feed',
      discoveredAt: '2026-01-01T00:00:00Z',
      item,
      extra: 'x',
    };
    expect(ExtractArticleJobSchema.safeParse(articleJob).success).toBe(true);
  });
});
