import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, serveSite } from '../../demo/serve-site';
import { type Article, ArticleSchema } from '../../shared/article/article';
import { parseJsonLines, runFeedloom } from '../support/run-feedloom';

const siteRoot = fileURLToPath(new URL('../../demo/site', import.meta.url));

describe('feedloom sites after feedloom run', () => {
  let site: SiteServer;
  let work: string;

  beforeAll(async () => {
    site = await serveSite({ root: siteRoot });
    work = await mkdtemp(join(tmpdir(), 'feedloom-sites-'));
    await writeFile(join(work, 'feeds.txt'), ['world.rss', 'tech.atom', 'culture.json'].map((name) => `${site.origin}/feeds/${name}`).join('\n'));
    const run = await runFeedloom(['run', '--once', '--allow-private-network', '--feeds', 'feeds.txt', '--db', 'db'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('counts every stored article under its site, with the extracted bodies mean length', async () => {
    const listed = await runFeedloom(['articles', '--json', '--limit', '1000', '--db', 'db'], { cwd: work });
    const articles = parseJsonLines<unknown>(listed.stdout).map((line) => ArticleSchema.parse(line));
    const extracted = articles.filter((a: Article) => a.status === 'extracted');
    expect(extracted.length).toBeGreaterThan(10);

    const out = await runFeedloom(['sites', '--json', '--db', 'db'], { cwd: work });
    expect(out.code, out.stderr).toBe(0);
    const rows = parseJsonLines<Record<string, unknown>>(out.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      host: new URL(site.origin).host,
      articles: articles.length,
      extracted: extracted.length,
      feedOnly: articles.filter((a) => a.status === 'feed-only').length,
      failed: articles.filter((a) => a.status === 'failed').length,
      degraded: null,
    });
    const meanWords = extracted.reduce((sum, a) => sum + a.wordCount, 0) / extracted.length;
    expect(rows[0]?.meanWords).toBeCloseTo(meanWords, 6);

    const text = await runFeedloom(['sites', '--db', 'db'], { cwd: work });
    expect(text.stdout).toContain(new URL(site.origin).host);
    expect(text.stdout).not.toContain('DEGRADED');
  });

  it('refuses a bad --days with a usage error', async () => {
    const out = await runFeedloom(['sites', '--days', '0', '--db', 'db'], { cwd: work });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--days must be an integer from 1 to 35');
  });
});
