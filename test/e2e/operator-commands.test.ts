import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticlePages } from '../../bench/support/article-pages';
import { type SyntheticSite, startSyntheticSite } from '../../bench/support/synthetic-site';
import type { CycleSummary } from '../../cli/local-runtime/local-pipeline';
import { openLocalStores } from '../../cli/open-local-stores';
import { EXTRACTOR_VERSION } from '../../shared/extraction/extractor-version';
import { parseJsonLines, runFeedloom } from '../support/run-feedloom';

// The operator's commands of issue 12, run as a user runs them, in order on one database.
describe('feed lifecycle, failure reasons, re-extraction and dead letters from the command line', { timeout: 400_000 }, () => {
  let site: SyntheticSite;
  let work: string;
  const db = ['--db', 'db'];
  const cli = (args: string[]) => runFeedloom([...args], { cwd: work });

  beforeAll(async () => {
    site = await startSyntheticSite({ feeds: 2, itemsPerFeed: 3, hosts: 1, pages: generateArticlePages(6) });
    work = await mkdtemp(join(tmpdir(), 'feedloom-operator-'));
    await writeFile(join(work, 'feeds.txt'), site.feedUrls.join('\n'));
  });
  afterAll(async () => {
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('a loopback feed refused without --allow-private-network: the summary names it with its reason, and it is not dead', async () => {
    const refused = await cli(['run', '--once', '--all', '--feeds', 'feeds.txt', ...db]);
    expect(refused.code, refused.stderr).toBe(0);
    for (const url of site.feedUrls) expect(refused.stdout).toContain(`failed feed: ${url}  SSRF_BLOCKED: `);
    expect(refused.stdout).toContain('pass --allow-private-network to allow it');

    const json = await cli(['run', '--once', '--all', '--feeds', 'feeds.txt', '--json', ...db]);
    const summary = JSON.parse(json.stdout.trim().split('\n').at(-1) ?? '{}') as CycleSummary;
    expect(summary.failures.feeds.map((feed) => [feed.url, feed.code])).toEqual(expect.arrayContaining(site.feedUrls.map((url) => [url, 'SSRF_BLOCKED'])));

    const listed = await cli(['feeds', 'list', ...db]);
    expect(listed.stdout).toMatch(/active .*\n.*\n {4}last error: SSRF_BLOCKED: /);
    expect(listed.stdout).not.toMatch(/dead/);

    // Allowed now: fetched at once, nothing was parked.
    const allowed = await cli(['run', '--once', '--all', '--allow-private-network', '--feeds', 'feeds.txt', '--json', ...db]);
    const done = JSON.parse(allowed.stdout.trim().split('\n').at(-1) ?? '{}') as CycleSummary;
    expect(done.feeds).toMatchObject({ dispatched: 2, updated: 2, failed: 0 });
    expect(done.articles.byStatus.extracted).toBe(site.itemUrls.length);
  });

  it('feeds pause, resume and revive', async () => {
    const url = site.feedUrls[0] as string;
    expect((await cli(['feeds', 'pause', url, ...db])).stdout).toBe(`paused: ${url}\n`);
    const run = await cli(['run', '--once', '--all', '--allow-private-network', '--json', ...db]);
    expect((JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as CycleSummary).feeds.dispatched).toBe(1);
    expect((await cli(['feeds', 'resume', url, ...db])).stdout).toBe(`resumed: ${url}\n`);
    expect((await cli(['feeds', 'resume', url, ...db])).stdout).toBe(`already active: ${url}\n`);
    expect((await cli(['feeds', 'revive', 'https://not-subscribed.example/feed', ...db])).code).toBe(1);
  });

  it('reextract queues the selected stored articles, and the next run extracts them again', async () => {
    const none = await cli(['reextract', '--status', 'feed-only', ...db]);
    expect(none.stdout).toBe(`0 of ${site.itemUrls.length} stored articles queued for extraction again\n`);
    const queued = await cli(['reextract', '--before-version', '999', '--site', new URL(site.feedUrls[0] as string).host, ...db]);
    expect(queued.stdout).toMatch(new RegExp(`^${site.itemUrls.length} of ${site.itemUrls.length} stored articles queued for extraction again`));
    const run = await cli(['run', '--once', '--allow-private-network', '--json', ...db]);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as CycleSummary;
    // Same pages, same content: extracted again, nothing new, no revision bumped.
    expect(summary.articles).toMatchObject({ created: 0, updated: 0, unchanged: site.itemUrls.length, waiting: 0 });
    const articles = parseJsonLines<{ revision: number; extraction: { extractorVersion?: number } }>((await cli(['articles', '--json', ...db])).stdout);
    expect(articles.every((article) => article.revision === 1 && article.extraction.extractorVersion === EXTRACTOR_VERSION)).toBe(true);
  });

  it('dead letters live in the database: listed, and replayed onto their queue', async () => {
    // A job set aside for good, as the run would have left it (a bug fixed since).
    const stores = await openLocalStores({ db: 'db', cwd: work });
    const poison = '{"kind":"extract-article","version":1}';
    await stores.journal('articles').deadLetter('m1', {
      queue: 'articles',
      code: 'POISON_INVALID_JOB',
      message: 'job fails its schema',
      sourceMessageId: 'm1',
      body: poison,
      receiveCount: 1,
      at: '2026-03-01T00:00:00.000Z',
    });
    await stores.close();

    const listed = await cli(['dead-letters', 'list', ...db]);
    expect(listed.stdout).toContain('articles  POISON_INVALID_JOB: job fails its schema');
    expect(listed.stdout).toContain('1 dead letter\n');
    const json = parseJsonLines<{ code: string; body: string }>((await cli(['dead-letters', 'list', '--json', ...db])).stdout);
    expect(json).toEqual([expect.objectContaining({ code: 'POISON_INVALID_JOB', body: poison })]);

    expect((await cli(['dead-letters', 'replay', ...db])).stdout).toMatch(/^1 dead letter queued again/);
    expect((await cli(['dead-letters', 'list', ...db])).stdout).toBe('0 dead letters\n');
    // Still poison: the next run sets it aside again, with the same reason, in the database.
    const run = await cli(['run', '--once', '--allow-private-network', '--json', ...db]);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as CycleSummary;
    expect(summary.deadLetters).toEqual([expect.objectContaining({ queue: 'articles', code: 'POISON_INVALID_JOB' })]);
    expect((await cli(['dead-letters', 'list', ...db])).stdout).toContain('1 dead letter\n');
  });
});
