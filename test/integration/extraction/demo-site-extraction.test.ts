import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type SiteServer, serveSite } from '../../../demo/serve-site';
import { createExtractionPool, type ExtractionPool } from '../../../shared/adapters/extraction-worker/extraction-pool';

// The bundled demo site over loopback HTTP, each page through a real extraction worker, checked
// against demo/site/expected (written with the site, not from Feedloom's output).
const SITE = resolve(import.meta.dirname, '../../../demo/site');
const ExpectedSchema = z.object({
  path: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  authors: z.array(z.string()),
  publishedAt: z.string().nullable(),
  modifiedAt: z.string().nullable(),
  section: z.string().nullable(),
  tags: z.array(z.string()),
  siteName: z.string().nullable(),
  language: z.string().nullable(),
  direction: z.enum(['ltr', 'rtl']).nullable(),
  image: z.object({ url: z.string(), caption: z.string().nullable(), credit: z.string().nullable(), alt: z.string().nullable() }).nullable(),
  wordCountApprox: z.number(),
  mustContain: z.array(z.string()),
  mustNotContain: z.array(z.string()),
  readingTimeMinutes: z.number(),
});
const pages = readdirSync(join(SITE, 'expected')).sort();

describe('demo site extraction', () => {
  let site: SiteServer;
  let pool: ExtractionPool;
  beforeAll(async () => {
    site = await serveSite({ root: SITE });
    pool = createExtractionPool({ size: 1 });
  });
  afterAll(async () => {
    await pool.close();
    await site.close();
  });

  it.each(pages)('%s', async (file) => {
    const expected = ExpectedSchema.parse(JSON.parse(readFileSync(join(SITE, 'expected', file), 'utf8')));
    const response = await fetch(`${site.origin}${expected.path}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const article = await pool.extract(bytes, {
      url: response.url,
      contentType: response.headers.get('content-type') ?? undefined,
      httpStatus: response.status,
      now: new Date('2022-06-01T00:00:00Z'),
    });
    const origin = (value: string): string => value.replaceAll('{{origin}}', site.origin);

    expect(article.status).toBe('extracted');
    expect(article).toMatchObject({
      title: expected.title,
      description: expected.description,
      authors: expected.authors,
      publishedAt: expected.publishedAt,
      modifiedAt: expected.modifiedAt,
      section: expected.section,
      tags: expected.tags,
      siteName: expected.siteName,
      language: expected.language,
      direction: expected.direction,
      readingTimeMinutes: expected.readingTimeMinutes,
    });
    if (expected.image) expect(article.image).toMatchObject({ ...expected.image, url: origin(expected.image.url) });
    else expect(article.image).toBeNull();
    // The demo's word counts are of the body alone (no captions, widgets or pull quotes).
    expect(Math.abs(article.wordCount - expected.wordCountApprox)).toBeLessThanOrEqual(expected.wordCountApprox * 0.05);
    for (const text of expected.mustContain) expect(article.contentText).toContain(text);
    for (const text of expected.mustNotContain) expect(article.contentText).not.toContain(text);
  });
});
