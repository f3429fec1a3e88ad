import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { openLocalStores } from '../../cli/open-local-stores';
import { type SiteServer, serveSite } from '../../demo/serve-site';
import { type Article, ArticleSchema } from '../../shared/article/article';
import { type Browser, launchChromium } from './support/chromium';
import { type ServeProcess, startFeedloomServe } from './support/feedloom-server';

// The viewer in headless Chromium over the demo data (`npm start`'s pipeline run), plus one stored
// article full of script vectors, as if the table had been written by something hostile.

const REFERENCE_TITLE = 'Iran, China agree to step up military cooperation';
const HOSTILE_ID = 'hostile-article-0001';
// A 1x1 transparent PNG: the "evil" host answers every request with it, so a request that got through
// shows up in its log and not as a console error.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

function hostileArticle(evil: string): Article {
  const body = `<p>Before the vectors.</p>
<script>window.__pwned = 'script'</script>
<script src="${evil}/script.js"></script>
<img src="${evil}/img.png" onerror="window.__pwned='onerror'" alt="remote">
<img src="x" onerror="window.__pwned='onerror2'">
<a id="js-link" href="javascript:window.__pwned='js-url'">click me</a>
<a href="  JaVaScRiPt:window.__pwned='js-url-2'">and me</a>
<svg onload="window.__pwned='svg-onload'"><circle r="1"/></svg>
<svg><script>window.__pwned='svg-script'</script><a xlink:href="javascript:window.__pwned='svg-link'"><text>svg link</text></a></svg>
<meta http-equiv="refresh" content="0;url=${evil}/refresh">
<iframe src="${evil}/frame.html"></iframe>
<iframe srcdoc="&lt;script&gt;parent.__pwned='srcdoc'&lt;/script&gt;"></iframe>
<object data="${evil}/object"></object><embed src="${evil}/embed">
<form action="${evil}/form"><button formaction="javascript:window.__pwned='form'">go</button></form>
<details open ontoggle="window.__pwned='toggle'"><summary>s</summary>x</details>
<style>body { background: url(${evil}/style-bg.png) }</style>
<p style="background: url(${evil}/inline-style.png)">styled</p>
<base href="${evil}/">
<link rel="stylesheet" href="${evil}/style.css">
<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'"></style></mglyph></table></mtext></math>
<p>After the vectors.</p>`;
  return ArticleSchema.parse({
    schemaVersion: 1,
    id: HOSTILE_ID,
    feedId: 'hostile-feed',
    feedUrl: `${evil}/feed.xml`,
    itemId: 'hostile',
    url: `${evil}/page?"><script>window.__pwned='url'</script>`,
    canonicalUrl: "javascript:window.__pwned='canonical'",
    title: `<script>window.__pwned='title'</script>Hostile "title" & <b>markup</b>`,
    description: `<img src=x onerror="window.__pwned='description'">`,
    authors: [`<b onmouseover="window.__pwned='author'">Mallory</b>`],
    publishedAt: '2030-01-01T00:00:00.000Z',
    modifiedAt: null,
    dates: { publishedRaw: '<script>x</script>', modifiedRaw: null, precision: 'instant' },
    fetchedAt: '2030-01-01T00:00:00.000Z',
    siteName: `<iframe src="${evil}/site"></iframe>`,
    section: '<svg onload=alert(1)>',
    tags: ['<script>alert(1)</script>'],
    language: 'en"><script>alert(1)</script>',
    direction: null,
    image: {
      url: "javascript:window.__pwned='image'",
      caption: '<svg onload=alert(1)>caption',
      credit: '"><script>alert(1)</script>',
      alt: null,
      width: null,
      height: null,
    },
    contentHtml: body,
    contentText: 'Before the vectors.\n\nAfter the vectors.',
    wordCount: 6,
    readingTimeMinutes: 1,
    contentHash: 'hostile',
    revision: 1,
    status: 'extracted',
    extraction: { method: 'readability', httpStatus: 200, error: null, durationMs: 1, fieldSources: { title: 'jsonld', '<script>': 'meta' } },
  });
}

describe('feedloom serve in a real browser', () => {
  let site: SiteServer;
  let evil: Server;
  let evilOrigin: string;
  const evilRequests: string[] = [];
  let work: string;
  let browser: Browser;
  let viewer: ServeProcess;
  let articles: Article[];

  beforeAll(async () => {
    site = await serveSite({ root: fileURLToPath(new URL('../../demo/site', import.meta.url)) });
    evil = createServer((req, res) => {
      evilRequests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PIXEL);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', () => resolve()));
    evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    work = await mkdtemp(join(tmpdir(), 'feedloom-viewer-'));
    await writeFile(join(work, 'feeds.txt'), ['world.rss', 'tech.atom', 'culture.json'].map((name) => `${site.origin}/feeds/${name}`).join('\n'));
    const quiet = { write: () => true };
    const code = await runCli(['run', '--once', '--all', '--allow-private-network', '--feeds', 'feeds.txt', '--db', 'db'], {
      stdout: quiet,
      stderr: quiet,
      cwd: work,
      env: {},
    });
    expect(code).toBe(0);
    const stores = await openLocalStores({ db: 'db', cwd: work });
    try {
      await stores.articles.put(hostileArticle(evilOrigin));
      articles = [];
      let cursor: string | null = null;
      do {
        const page = await stores.reader.listLatest({ limit: 100, cursor });
        articles.push(...page.articles);
        cursor = page.cursor;
      } while (cursor);
    } finally {
      await stores.close();
    }
    site.requests.length = 0;
    viewer = await startFeedloomServe(['--db', 'db'], { cwd: work });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await viewer?.stop();
    await browser?.close();
    await site?.close();
    await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
    await rm(work, { recursive: true, force: true });
  });

  const demoArticles = () => articles.filter((article) => article.id !== HOSTILE_ID);

  it('lists every stored article, newest first, each title linking to its page', async () => {
    const page = await browser.open();
    const response = await page.goto(viewer.url);
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'; script-src 'none'/);
    const titles = await page.locator('.article-row .title').allTextContents();
    expect(demoArticles().length).toBeGreaterThan(10);
    expect(titles).toHaveLength(articles.length);
    expect(titles).toContain(REFERENCE_TITLE);
    const dates = await page.locator('.article-row time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    expect(dates).toEqual([...dates].sort().reverse());
    const hrefs = await page.locator('.article-row .title').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(new Set(hrefs)).toEqual(new Set(articles.map((article) => `/articles/${article.id}`)));
    await page.close();
  });

  it('shows an article with its title, body, lead image caption and credit, and every field with its source', async () => {
    const reference = articles.find((article) => article.title === REFERENCE_TITLE) as Article;
    const page = await browser.open();
    await page.goto(viewer.url);
    await page.getByRole('link', { name: REFERENCE_TITLE }).click();
    await page.waitForURL(`**/articles/${reference.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(REFERENCE_TITLE);
    await expect(page.locator('.standfirst').textContent()).resolves.toBe(reference.description);
    await expect(page.locator('.body').textContent()).resolves.toContain('The defence ministers of Iran and China agreed in Tehran');
    await expect(page.locator('.lead-image figcaption').textContent()).resolves.toContain(reference.image?.caption as string);
    await expect(page.locator('.lead-image .credit').textContent()).resolves.toBe('Credit: Getty');
    await expect(page.locator('a.original-link').getAttribute('href')).resolves.toBe(reference.url);
    const rows = await page
      .locator('section.fields tbody tr')
      .evaluateAll((nodes) => nodes.map((node) => [...node.children].map((cell) => (cell as HTMLElement).textContent.trim())));
    const byField = new Map(rows.map(([field, value, source]) => [field, { value, source }]));
    for (const field of Object.keys(ArticleSchema.shape).filter((name) => name !== 'extraction')) expect(byField.has(field), field).toBe(true);
    expect(byField.get('section')?.value).toBe('MENA');
    for (const [field, source] of Object.entries(reference.extraction.fieldSources)) expect(byField.get(field)?.source, field).toBe(source);
    expect(byField.get('extraction.method')?.value).toBe('readability');
    await page.close();
  });

  it('loads no remote image until asked, then loads them', async () => {
    const reference = articles.find((article) => article.title === REFERENCE_TITLE) as Article;
    const page = await browser.open();
    site.requests.length = 0;
    await page.goto(`${viewer.url}articles/${reference.id}`);
    await expect(page.locator('img').count()).resolves.toBe(0);
    await expect(page.locator('.lead-image .media-placeholder').count()).resolves.toBe(1);
    expect(site.requests).toEqual([]);
    await page.getByRole('link', { name: 'show images' }).first().click();
    await page.waitForURL('**?images=1');
    await page.waitForLoadState('load');
    const loaded = await page.locator('.lead-image img').evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);
    expect(loaded).toBe(true);
    expect(site.requests.map((request) => request.path)).toContain(new URL(reference.image?.url as string).pathname);
    // The docs' screenshot (docs/images/viewer-article.png) comes from here:
    // FEEDLOOM_SCREENSHOT_DIR=docs/images npx vitest run --project browser test/browser/viewer.test.ts
    if (process.env.FEEDLOOM_SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.FEEDLOOM_SCREENSHOT_DIR, 'viewer-article.png') });
    await page.close();
  });

  it('filters by status, by text and by feed with the form', async () => {
    const page = await browser.open();
    await page.goto(viewer.url);
    await page.locator('select[name=status]').selectOption('feed-only');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL('**status=feed-only**');
    const feedOnly = articles.filter((article) => article.status === 'feed-only');
    expect(feedOnly.length).toBeGreaterThan(0);
    await expect(page.locator('.article-row .title').allTextContents()).resolves.toEqual(feedOnly.map((article) => article.title));

    await page.goto(viewer.url);
    await page.locator('input[name=q]').fill('LANTERN');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL('**q=LANTERN**');
    const lanternTitles = await page.locator('.article-row .title').allTextContents();
    expect(lanternTitles.length).toBeGreaterThan(0);
    expect(lanternTitles.length).toBeLessThan(articles.length);
    expect(lanternTitles.some((title) => /lantern/i.test(title))).toBe(true);

    const culture = demoArticles().find((article) => article.feedUrl.endsWith('/feeds/culture.json')) as Article;
    await page.goto(viewer.url);
    await page.locator('select[name=feed]').selectOption(culture.feedId);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(`**feed=${culture.feedId}**`);
    const cultureTitles = articles.filter((article) => article.feedId === culture.feedId).map((article) => article.title);
    await expect(page.locator('.article-row .title').allTextContents()).resolves.toEqual(cultureTitles);
    await page.close();
  });

  it("shows each feed's state, last error and next fetch", async () => {
    const page = await browser.open();
    await page.goto(viewer.url);
    await page.getByRole('link', { name: 'Feeds' }).click();
    await page.waitForURL('**/feeds');
    const rows = await page.locator('table.feeds tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatch(/active/);
      expect(row).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC\s*$/);
    }
    await page.close();
  });

  it('runs none of the script vectors of a hostile stored article, and loads nothing from its host', async () => {
    for (const query of ['', '?images=1']) {
      const page = await browser.open();
      evilRequests.length = 0;
      const response = await page.goto(`${viewer.url}articles/${HOSTILE_ID}${query}`);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('load');
      await page
        .locator('#js-link, a:has-text("click me")')
        .first()
        .click({ timeout: 2_000 })
        .catch(() => undefined);
      await page.waitForTimeout(1_500); // time for a meta refresh or a late handler to fire
      expect(page.url()).toBe(`${viewer.url}articles/${HOSTILE_ID}${query}`);
      await expect(page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).resolves.toBeUndefined();
      await expect(page.locator('h1').textContent()).resolves.toBe(`<script>window.__pwned='title'</script>Hostile "title" & <b>markup</b>`);
      const dangerous = await page.evaluate(
        () =>
          document.querySelectorAll(
            'script, iframe, object, embed, base, style, link[rel=stylesheet]:not([href="/style.css"]), meta[http-equiv], form[action*="//"], [style], [onerror], [onload], [ontoggle], [onmouseover], a[href^="javascript" i], svg',
          ).length,
      );
      expect(dangerous).toBe(0);
      await expect(page.locator('.body').textContent()).resolves.toContain('After the vectors.');
      // Remote images only when asked for; nothing else from the hostile host, ever.
      expect(evilRequests.filter((path) => !/^\/(img\.png|x)$/.test(path))).toEqual([]);
      if (!query) expect(evilRequests).toEqual([]);
      await page.close();
    }
    expect(browser.dialogs).toEqual([]);
  });

  it('would block a script that reached the page anyway: the CSP itself forbids inline scripts', async () => {
    const page = await browser.open();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text());
    });
    // Play a sanitiser bug: add an inline script and a handler to the served HTML, keeping the headers.
    await page.route(`${viewer.url}articles/**`, async (route) => {
      const original = await route.fetch();
      const body = (await original.text()).replace(
        '</main>',
        `<script>window.__pwned='injected'</script><img src="/favicon.ico" onload="window.__pwned='handler'"></main>`,
      );
      await route.fulfill({ response: original, body });
    });
    await page.goto(`${viewer.url}articles/${HOSTILE_ID}`);
    await page.waitForLoadState('load');
    await expect(page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).resolves.toBeUndefined();
    expect(violations.some((text) => /Content Security Policy/i.test(text))).toBe(true);
    await page.close();
    // These violations were provoked on purpose; they are not counted as the viewer's own errors.
    browser.errors.splice(0, browser.errors.length, ...browser.errors.filter((text) => !/Content Security Policy/i.test(text)));
  });

  it('is read-only and answers only to its own host name', async () => {
    const post = await fetch(viewer.url, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    // fetch() sets Host itself; a DNS-rebinding page's request carries the attacker's name.
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL(viewer.url);
      request({ host: '127.0.0.1', port: url.port, path: '/', headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(421);
    for (const path of ['', 'feeds', 'style.css', 'articles/nope', `articles/${HOSTILE_ID}`]) {
      const response = await fetch(`${viewer.url}${path}`);
      expect(response.headers.get('content-security-policy'), path).toMatch(/script-src 'none'/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('logged no console errors on any page', () => {
    expect(browser.errors).toEqual([]);
  });
});
