import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, serveSite } from '../../demo/serve-site';
import { ArticleSchema } from '../../shared/article/article';
import { runFeedloom } from '../support/run-feedloom';
import { type Browser, launchChromium } from './support/chromium';
import { type ServeProcess, startFeedloomServe } from './support/feedloom-server';

// The user's path end to end, every step a real `feedloom` process: a news page on 127.0.0.1, a
// hand-written ExtractArticleJob for it, `invoke extract-article`, `article`, then `serve` opened in
// headless Chromium.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('invoke a bare job, read the Article, view it in a browser', () => {
  let site: SiteServer;
  let work: string;
  let browser: Browser;
  let viewer: ServeProcess | undefined;
  const pagePath = '/news/science/microbes-thrive-beneath-arctic-glacier.html';

  beforeAll(async () => {
    site = await serveSite({ root: fileURLToPath(new URL('../../demo/site', import.meta.url)) });
    work = await mkdtemp(join(tmpdir(), 'feedloom-invoke-view-'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await viewer?.stop();
    await browser?.close();
    await site?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('stores the page with invoke extract-article and shows it with article and serve', async () => {
    const url = `${site.origin}${pagePath}`;
    // As little as a person would write by hand: the item's other fields are filled in.
    const job = { kind: 'extract-article', version: 1, feedId: 'hand-written', feedUrl: `${site.origin}/feeds/tech.atom`, item: { url } };
    await writeFile(join(work, 'job.json'), JSON.stringify(job));

    const invoked = await runFeedloom(['invoke', 'extract-article', '--event', 'job.json', '--db', 'db', '--allow-private-network'], { cwd: work });
    expect(invoked.code, invoked.stderr).toBe(0);
    const output = JSON.parse(invoked.stdout);
    expect(output.response.batchItemFailures).toEqual([]);

    const shown = await runFeedloom(['article', url, '--db', 'db'], { cwd: work });
    expect(shown.code, shown.stderr).toBe(0);
    const article = ArticleSchema.parse(JSON.parse(shown.stdout));
    expect(article).toMatchObject({ status: 'extracted', url, feedId: 'hand-written' });

    viewer = await startFeedloomServe(['--db', 'db', '--port', String(await freePort())], { cwd: work });
    expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await browser.open();
    const list = await page.goto(viewer.url);
    expect(list?.status()).toBe(200);
    await page.getByRole('link', { name: article.title }).click();
    await page.waitForURL(/\/articles\//);
    const response = await page.reload();
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    await expect(page.locator('h1').textContent()).resolves.toBe(article.title);
    const firstParagraph = (article.contentText ?? '').split('\n')[0]?.slice(0, 60) ?? '';
    expect(firstParagraph.length).toBeGreaterThan(20);
    await expect(page.locator('.body').textContent()).resolves.toContain(firstParagraph);
    expect(browser.errors).toEqual([]);
    // Three `feedloom` processes through tsx: generous on a loaded machine (each is a few seconds alone).
  }, 300_000);
});
