import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleJsonSchema } from '../../../shared/article/article-json-schema';

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
