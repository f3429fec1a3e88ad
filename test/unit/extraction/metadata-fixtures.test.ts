import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleSchema } from '../../../shared/article/article';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { FeedItemSchema } from '../../../shared/feed/feed';

// One folder per metadata rule under test/fixtures/metadata: input.html (a page written for the
// rule) and expected.json (how it is fetched, with the feed entry when it came from one, and the
// Article fields the rule decides). The body is the golden pages' concern, not checked here.
const CASES = resolve(import.meta.dirname, '../../fixtures/metadata');
const NOW = new Date('2024-06-01T12:00:00Z');

const CaseSchema = z.object({
  about: z.string(),
  request: z.object({ url: z.string(), item: FeedItemSchema.optional() }),
  article: z.record(z.string(), z.unknown()),
});

const cases = readdirSync(CASES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('metadata rules on fixture pages', () => {
  it.each(cases)('%s', async (name) => {
    const folder = join(CASES, name);
    const spec = CaseSchema.parse(JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')));
    const article = await extractArticle(new Uint8Array(readFileSync(join(folder, 'input.html'))), { ...spec.request, now: NOW });
    expect(ArticleSchema.parse(article)).toEqual(article);
    // A page with no story (an interstitial) says so in its expected status; every other case is extracted.
    expect(article.status).toBe(spec.article.status ?? 'extracted');
    expect(article).toMatchObject(spec.article);
  });
});
