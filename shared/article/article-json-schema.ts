import { z } from 'zod';
import { ARTICLE_SCHEMA_VERSION, ArticleSchema } from './article';

/** The published JSON Schema (draft 2020-12) of the Article record, generated from ArticleSchema. */
export function articleJsonSchema(): Record<string, unknown> {
  return {
    title: `Feedloom Article, schema version ${ARTICLE_SCHEMA_VERSION}`,
    ...z.toJSONSchema(ArticleSchema, { target: 'draft-2020-12', io: 'output' }),
  };
}
