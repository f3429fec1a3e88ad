import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateArticlePages } from '../../bench/support/article-pages';
import { type StoppableDynamo, startStoppableDynamo } from '../../bench/support/stoppable-dynamo';
import { type SiteRequest, type SyntheticSite, startSyntheticSite } from '../../bench/support/synthetic-site';
import type { CycleSummary } from '../../cli/local-runtime/local-pipeline';
import { type Article, ArticleSchema } from '../../shared/article/article';
import { type CliRun, parseJsonLines, runFeedloom, startFeedloom } from '../support/run-feedloom';

// Issue 12's fault scenarios, as an operator meets them, on a loopback site: after the fault and
// at most two `run --once --all` reruns, every article is stored exactly once and extracted.
const PAGES = generateArticlePages(12);
const MAX_RERUNS = 2;

interface Fixture {
  site: SyntheticSite;
  work: string;
  store: string[];
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function fixture(options: {
  feeds: number;
  items: number;
  hosts: number;
  delayMs?: number;
  intercept?: (request: SiteRequest) => { status: number; headers?: Record<string, string> } | null;
  store?: string[];
}): Promise<Fixture> {
  const site = await startSyntheticSite({
    feeds: options.feeds,
    itemsPerFeed: options.items,
    hosts: options.hosts,
    pages: PAGES,
    delayMs: options.delayMs ?? 0,
    ...(options.intercept ? { intercept: options.intercept } : {}),
  });
  const work = await mkdtemp(join(tmpdir(), 'feedloom-durability-'));
  cleanups.push(async () => {
    await site.close();
    await rm(work, { recursive: true, force: true });
  });
  await writeFile(join(work, 'feeds.txt'), site.feedUrls.join('\n'));
  return { site, work, store: options.store ?? ['--db', 'db'] };
}

const runArgs = (f: Fixture): string[] => ['run', '--once', '--all', '--allow-private-network', '--feeds', 'feeds.txt', '--json', ...f.store];

async function stored(f: Fixture): Promise<Article[]> {
  const listed = await runFeedloom(['articles', '--json', '--limit', '1000', ...f.store], { cwd: f.work });
  expect(listed.code, listed.stderr).toBe(0);
  return parseJsonLines<unknown>(listed.stdout).map((line) => ArticleSchema.parse(line));
}

/** Reruns `run --once --all` until every page is stored and extracted, at most MAX_RERUNS times; returns how many it took. */
async function rerunUntilComplete(f: Fixture, env: Record<string, string> = {}): Promise<{ reruns: number; articles: Article[] }> {
  let articles = await stored(f);
  let reruns = 0;
  while (!complete(f, articles) && reruns < MAX_RERUNS) {
    const run = await runFeedloom(runArgs(f), { cwd: f.work, env });
    expect(run.code, run.stderr).toBe(0);
    reruns++;
    articles = await stored(f);
  }
  return { reruns, articles };
}

function complete(f: Fixture, articles: readonly Article[]): boolean {
  return articles.length === f.site.itemUrls.length && articles.every((article) => article.status === 'extracted');
}

/** Every page of the site is one Article, stored once, extracted. */
function expectEveryArticleOnceExtracted(f: Fixture, articles: readonly Article[]): void {
  const urls = articles.map((article) => article.url);
  expect(new Set(urls).size).toBe(urls.length);
  expect(new Set(urls)).toEqual(new Set(f.site.itemUrls));
  expect(articles.filter((article) => article.status !== 'extracted').map((article) => [article.url, article.extraction.error?.code])).toEqual([]);
}

const pageRequests = (site: SyntheticSite): number => Object.values(site.stats()).reduce((sum, host) => sum + host.pageRequests, 0);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const lastSummary = (run: CliRun): CycleSummary => JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as CycleSummary;

describe('durable jobs: a kill loses nothing', { timeout: 400_000 }, () => {
  it('SIGKILL mid-run, then reruns: every article stored once and extracted', async () => {
    const f = await fixture({ feeds: 4, items: 6, hosts: 2, delayMs: 25 });
    const running = startFeedloom(runArgs(f), { cwd: f.work });
    await waitFor(() => pageRequests(f.site) >= 6, 'the first pages to be fetched');
    running.child.kill('SIGKILL');
    const killed = await running.result;
    expect(killed.code).not.toBe(0);
    const before = await stored(f);
    // Killed mid-run: some articles were not stored yet, and their jobs must survive.
    expect(before.length).toBeLessThan(f.site.itemUrls.length);

    const { reruns, articles } = await rerunUntilComplete(f);
    expect(reruns).toBeGreaterThanOrEqual(1);
    expectEveryArticleOnceExtracted(f, articles);
  });

  it('a page that kills the process every time it is fetched is dead-lettered after 5 takes, not run forever; replay queues it again', async () => {
    let running: ReturnType<typeof startFeedloom> | null = null;
    let poisonKills = true;
    let poisonRequests = 0;
    let poison = { host: '', path: '' };
    const f = await fixture({
      feeds: 1,
      items: 1,
      hosts: 1,
      intercept: (request) => {
        if (request.kind !== 'page' || request.path !== poison.path || !request.host.startsWith(poison.host)) return null;
        poisonRequests++;
        // What a page that crashes the process (or gets it killed for its memory) does to a run.
        if (poisonKills) running?.child.kill('SIGKILL');
        return null;
      },
    });
    const url = new URL(f.site.itemUrls[0] ?? '');
    poison = { host: url.hostname, path: url.pathname };
    for (let take = 1; take <= 5; take++) {
      running = startFeedloom(runArgs(f), { cwd: f.work });
      const killed = await running.result;
      expect(killed.code, `run ${take}: ${killed.stderr}`).not.toBe(0);
      expect(poisonRequests).toBe(take);
    }
    const sixth = await runFeedloom(runArgs(f), { cwd: f.work });
    expect(sixth.code, sixth.stderr).toBe(0);
    expect(poisonRequests).toBe(5);
    expect(lastSummary(sixth).deadLetters).toEqual([
      expect.objectContaining({ queue: 'articles', code: 'TAKEN_WITHOUT_FINISHING', reason: expect.stringContaining('taken 5 times without finishing') }),
    ]);
    const listed = await runFeedloom(['dead-letters', 'list', ...f.store], { cwd: f.work });
    expect(listed.stdout).toContain('articles  TAKEN_WITHOUT_FINISHING: taken 5 times without finishing');
    expect(listed.stdout).toContain(`    ${url.href}\n1 dead letter\n`);

    // Fixed (the page no longer kills the process): replay, and the next run extracts it.
    poisonKills = false;
    expect((await runFeedloom(['dead-letters', 'replay', ...f.store], { cwd: f.work })).stdout).toMatch(/^1 dead letter queued again/);
    const after = await runFeedloom(runArgs(f), { cwd: f.work });
    expect(after.code, after.stderr).toBe(0);
    expect(poisonRequests).toBe(6);
    expectEveryArticleOnceExtracted(f, await stored(f));
    expect((await runFeedloom(['dead-letters', 'list', ...f.store], { cwd: f.work })).stdout).toBe('0 dead letters\n');
  });

  it('SIGTERM mid-run finishes what is queued, and a rerun completes the rest', async () => {
    const f = await fixture({ feeds: 4, items: 6, hosts: 2, delayMs: 25 });
    const running = startFeedloom(runArgs(f), { cwd: f.work });
    await waitFor(() => pageRequests(f.site) >= 6, 'the first pages to be fetched');
    running.child.kill('SIGTERM');
    const stopped = await running.result;
    expect(stopped.code, stopped.stderr).toBe(0);
    const { articles } = await rerunUntilComplete(f);
    expectEveryArticleOnceExtracted(f, articles);
  });
});

describe('a database outage is waited out, never turned into dead letters', { timeout: 400_000 }, () => {
  let dynamo: StoppableDynamo;
  const withDynamo = async (): Promise<string[]> => {
    const dir = await mkdtemp(join(tmpdir(), 'feedloom-dynalite-'));
    dynamo = await startStoppableDynamo(dir);
    cleanups.push(async () => {
      await dynamo.stop();
      await rm(dir, { recursive: true, force: true });
    });
    return ['--endpoint', dynamo.endpoint];
  };

  it('the endpoint stops mid-run and comes back: the run waits and stores everything, nothing dead-lettered', async () => {
    const f = await fixture({ feeds: 4, items: 6, hosts: 2, delayMs: 25, store: await withDynamo() });
    const running = startFeedloom(runArgs(f), { cwd: f.work });
    await waitFor(() => pageRequests(f.site) >= 6, 'the first pages to be fetched');
    await dynamo.stop();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await dynamo.start();
    const run = await running.result;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/unreachable: waiting for it/);
    expect(run.stderr).toMatch(/the database is back after/);
    expect(lastSummary(run).deadLetters).toEqual([]);
    const { articles } = await rerunUntilComplete(f);
    expectEveryArticleOnceExtracted(f, articles);
  });

  it('an outage longer than the run waits: one clear line, a non-zero exit, and the next run resumes', async () => {
    const f = await fixture({ feeds: 4, items: 6, hosts: 2, delayMs: 25, store: await withDynamo() });
    const env = { FEEDLOOM_STORE_OUTAGE_SECONDS: '2' };
    const running = startFeedloom(runArgs(f), { cwd: f.work, env });
    await waitFor(() => pageRequests(f.site) >= 6, 'the first pages to be fetched');
    await dynamo.stop();
    const run = await running.result;
    expect(run.code).toBe(1);
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('feedloom: STORE_UNAVAILABLE'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/unreachable for \d+ s: gave up; every queued job is kept in it/);
    await dynamo.start();
    const { articles } = await rerunUntilComplete(f, env);
    expectEveryArticleOnceExtracted(f, articles);
  });
});

describe('retries that finish', { timeout: 400_000 }, () => {
  it('every page answers 503 Retry-After: 1 once, then 200: all extracted within two reruns', async () => {
    const f = await fixture({
      feeds: 4,
      items: 5,
      hosts: 2,
      intercept: (request) => (request.kind === 'page' && request.seen === 1 ? { status: 503, headers: { 'retry-after': '1' } } : null),
    });
    const first = await runFeedloom(runArgs(f), { cwd: f.work });
    expect(first.code, first.stderr).toBe(0);
    expect(lastSummary(first).deadLetters).toEqual([]);
    const { articles } = await rerunUntilComplete(f);
    expectEveryArticleOnceExtracted(f, articles);
    // Each page was refused once: the 503s were real attempts, the host cooldowns in between were waits.
    const statuses = Object.values(f.site.stats()).reduce((sum, host) => sum + (host.statuses['503'] ?? 0), 0);
    expect(statuses).toBe(f.site.itemUrls.length);
  });

  it('a 429 Retry-After: 3600 on one feed of a shared host does not strand the other feeds; once it recovers, all are extracted', async () => {
    let throttled = true;
    const f = await fixture({
      feeds: 3,
      items: 6,
      hosts: 1,
      intercept: (request) => (throttled && request.kind === 'feed' && request.feed === 0 ? { status: 429, headers: { 'retry-after': '3600' } } : null),
    });
    const first = await runFeedloom(runArgs(f), { cwd: f.work });
    expect(first.code, first.stderr).toBe(0);
    const summary = lastSummary(first);
    expect(summary.deadLetters).toEqual([]);
    expect(summary.failures.feeds).toContainEqual(expect.objectContaining({ url: f.site.feedUrls[0], code: 'HTTP_STATUS' }));

    // The other feeds' pages are extracted by the next run, though the feed still answers 429.
    const second = await runFeedloom(runArgs(f), { cwd: f.work });
    expect(second.code, second.stderr).toBe(0);
    const others = f.site.itemUrls.filter((url) => !url.includes('/articles/f0/'));
    const afterSecond = await stored(f);
    expect(
      afterSecond
        .filter((article) => others.includes(article.url) && article.status === 'extracted')
        .map((article) => article.url)
        .sort(),
    ).toEqual([...others].sort());

    throttled = false;
    const { articles } = await rerunUntilComplete(f);
    expectEveryArticleOnceExtracted(f, articles);
  });
});
