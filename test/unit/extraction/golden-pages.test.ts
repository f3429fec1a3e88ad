import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArticleSchema } from '../../../shared/article/article';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { sanitizeHtml } from '../../../shared/extraction/sanitize-html';
import { FeedItemSchema } from '../../../shared/feed/feed';

// One folder per case under test/fixtures/pages: input.html (the page's bytes, in whatever charset
// it declares), expected.json (how it is fetched, the Article fields it must yield, HTML checks) and
// expected.txt (the exact contentText; absent when the page yields none).
const PAGES = resolve(import.meta.dirname, '../../fixtures/pages');
const NOW = new Date('2024-06-01T12:00:00Z');

const CaseSchema = z.object({
  about: z.string().optional(),
  request: z.object({ url: z.string(), contentType: z.string().optional(), item: FeedItemSchema.optional() }),
  article: z.record(z.string(), z.unknown()),
  htmlContains: z.array(z.string()).default([]),
  htmlNotContains: z.array(z.string()).default([]),
});

const cases = readdirSync(PAGES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('golden pages', () => {
  it('has at least fifteen cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('%s', async (name) => {
    const folder = join(PAGES, name);
    const spec = CaseSchema.parse(JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')));
    const bytes = new Uint8Array(readFileSync(join(folder, 'input.html')));
    const article = await extractArticle(bytes, { ...spec.request, now: NOW });

    expect(ArticleSchema.parse(article)).toEqual(article);
    expect(article).toMatchObject(spec.article);
    const textFile = join(folder, 'expected.txt');
    const expectedText = existsSync(textFile) ? readFileSync(textFile, 'utf8').trimEnd() : null;
    expect(article.contentText).toBe(expectedText);

    const html = article.contentHtml ?? '';
    for (const fragment of spec.htmlContains) expect(html).toContain(fragment);
    for (const fragment of spec.htmlNotContains) expect(html).not.toContain(fragment);
    // Stored HTML is a fixed point of the sanitiser.
    if (article.contentHtml) expect(sanitizeHtml(article.contentHtml, { baseUrl: article.url })).toBe(article.contentHtml);
  });
});
