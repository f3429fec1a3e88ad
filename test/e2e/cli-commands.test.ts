import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleSchema } from '../../shared/article/article';
import { ParsedFeedSchema } from '../../shared/feed/feed';
import { runFeedloom } from '../support/run-feedloom';

const root = fileURLToPath(new URL('../..', import.meta.url));
const referencePage = join(root, 'demo/site/news/mena/iran-china-agree-to-step-up-military-cooperation.html');

describe('feedloom commands', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'feedloom-cli-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('extract prints a valid Article for a page file', async () => {
    const out = await runFeedloom(['extract', referencePage, '--url', 'https://example.com/a'], { cwd: work });
    expect(out.code, out.stderr).toBe(0);
    const article = ArticleSchema.parse(JSON.parse(out.stdout));
    expect(article).toMatchObject({
      url: 'https://example.com/a',
      status: 'extracted',
      title: 'Iran, China agree to step up military cooperation',
      section: 'MENA',
    });
    expect(article.feedId).toBe('');
  });

  it('parse prints a ParsedFeed for RSS, Atom and JSON Feed files', async () => {
    for (const [file, format] of [
      ['world.rss', 'rss'],
      ['tech.atom', 'atom'],
      ['culture.json', 'json'],
    ] as const) {
      const out = await runFeedloom(['parse', join(root, 'demo/site/feeds', file), '--url', 'https://example.com/feed'], { cwd: work });
      expect(out.code, out.stderr).toBe(0);
      const feed = ParsedFeedSchema.parse(JSON.parse(out.stdout));
      expect(feed.format).toBe(format);
      expect(feed.items.length).toBeGreaterThan(2);
    }
  });

  it('parse rejects a document that is not a feed with a one-line typed error', async () => {
    const out = await runFeedloom(['parse', referencePage], { cwd: work });
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^feedloom: UNSUPPORTED_CONTENT: /);
  });

  it.each([
    [['bogus'], /unknown command "bogus"/],
    [['extract'], /exactly one FILE_OR_URL/],
    [['run', '--nope'], /Unknown option '--nope'/],
    [['articles', '--db', 'a', '--endpoint', 'http://127.0.0.1:1'], /--db or --endpoint, not both/],
    [['articles', '--limit', 'ten'], /--limit must be an integer/],
    [['extract', 'x.html', '--once'], /extract does not take --once/],
    [['extract', 'no-such-file.html'], /cannot read no-such-file.html: ENOENT/],
  ])('reports bad usage %j in one line with exit code 2', async (args, message) => {
    const out = await runFeedloom(args, { cwd: work });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses loopback URLs unless --allow-private-network is given', async () => {
    const out = await runFeedloom(['extract', 'http://127.0.0.1/page.html'], { cwd: work });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^feedloom: SSRF_BLOCKED: /);
  });

  it('manages feeds: import OPML with categories, add, list, remove', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>
      <outline text="News"><outline text="World" type="rss" xmlUrl="https://example.com/world.rss"/></outline>
      <outline text="Tech" type="rss" xmlUrl="https://example.com/tech.atom"/></body></opml>`;
    await writeFile(join(work, 'list.opml'), opml);
    const db = ['--db', 'feeds-db'];
    expect((await runFeedloom(['feeds', 'import', 'list.opml', ...db], { cwd: work })).stdout).toMatch(/2 feeds added, 0 already subscribed/);
    expect((await runFeedloom(['feeds', 'add', 'https://example.com/world.rss', 'https://example.com/new.json', ...db], { cwd: work })).stdout).toMatch(
      /1 feed added, 1 already subscribed/,
    );
    const list = await runFeedloom(['feeds', 'list', '--json', ...db], { cwd: work });
    const feeds = list.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { url: string; categories: string[] });
    expect(feeds.map((f) => f.url).sort()).toEqual(['https://example.com/new.json', 'https://example.com/tech.atom', 'https://example.com/world.rss']);
    expect(feeds.find((f) => f.url.endsWith('world.rss'))?.categories).toEqual(['News']);
    expect((await runFeedloom(['feeds', 'remove', 'https://example.com/tech.atom', ...db], { cwd: work })).code).toBe(0);
    const after = await runFeedloom(['feeds', 'list', '--json', ...db], { cwd: work });
    expect(after.stdout.trim().split('\n')).toHaveLength(2);
    const missing = await runFeedloom(['feeds', 'remove', 'https://example.com/none.rss', ...db], { cwd: work });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
  });

  it('run without any feed says how to add one', async () => {
    const out = await runFeedloom(['run', '--once', '--db', 'empty-db'], { cwd: work });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/NO_FEEDS: .*feedloom feeds add URL/);
  });
});

describe('the installed package', () => {
  it('imports parseFeed and extractArticle in plain Node, and runs the built bin', async () => {
    const script = `import { parseFeed, extractArticle, ArticleReader } from 'feedloom';
      const feed = await parseFeed('<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://e.com/a</link></item></channel></rss>');
      const article = await extractArticle('<html><body><article><p>${'word '.repeat(80)}</p></article></body></html>', { url: 'https://e.com/a' });
      console.log(JSON.stringify({ items: feed.items.length, status: article.status, reader: typeof ArticleReader }));`;
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: root }, (error, stdout, stderr) =>
        error ? reject(new Error(stderr)) : resolve(stdout),
      );
    });
    expect(JSON.parse(output)).toEqual({ items: 1, status: 'extracted', reader: 'function' });
    const help = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [join(root, 'bin/feedloom.js'), '--help'], (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    expect(help).toMatch(/^Usage: feedloom <command>/);
  });
});
