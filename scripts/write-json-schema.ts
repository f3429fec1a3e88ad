// Writes schema/article.v1.json from the zod ArticleSchema (the one source of truth).
// `npm run schema` regenerates it; test/unit/article/json-schema.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { articleJsonSchema } from '../shared/article/article-json-schema';

writeFileSync(new URL('../schema/article.v1.json', import.meta.url), `${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
