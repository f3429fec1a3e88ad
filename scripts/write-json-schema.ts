// Writes the published JSON Schemas from their zod schemas (the one source of truth):
// schema/article.v1.json from ArticleSchema, and the queue messages' schema/*-job.v1.json.
// `npm run schema` regenerates them; test/unit/article/json-schema.test.ts fails when one is stale.
import { writeFileSync } from 'node:fs';
import { articleJsonSchema } from '../shared/article/article-json-schema';
import { jobJsonSchemas } from '../shared/ingestion/job-json-schemas';

const write = (file: string, schema: Record<string, unknown>): void => {
  writeFileSync(new URL(`../schema/${file}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
};

write('article.v1.json', articleJsonSchema());
for (const [file, schema] of Object.entries(jobJsonSchemas())) write(file, schema);
