/**
 * The fault scenarios of issue 12 at full size, as an operator meets them: a loopback site of
 * FEEDS x ITEMS articles, one fault, then `run --once --all` reruns (at most two, after recovery).
 * Prints, per scenario, how many articles were stored and extracted after the fault and after each
 * rerun, and the dead letters. Run: `npx tsx bench/fault-scenarios.ts [--feeds 10] [--items 20]
 * [--hosts 2] [--only sigkill,sigterm,outage,503,429short,429]`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openLocalStores } from '../cli/open-local-stores';
import { generateArticlePages } from './support/article-pages';
import { type StoppableDynamo, startStoppableDynamo } from './support/stoppable-dynamo';
import { type SiteRequest, startSyntheticSite } from './support/synthetic-site';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(`${root}package.json`).resolve('tsx')).href.replace(/\/dist\/[^/]+$/, '/dist/loader.mjs');

const { values } = parseArgs({
  options: { feeds: { type: 'string' }, items: { type: 'string' }, hosts: { type: 'string' }, only: { type: 'string' } },
});
const FEEDS = Number(values.feeds ?? 10);
const ITEMS = Number(values.items ?? 20);
const HOSTS = Number(values.hosts ?? 2);
const ONLY = new Set((values.only ?? 'sigkill,sigterm,outage,503,429short,429').split(','));

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number; stdout: string; stderr: string; ms: number }>;
}

function start(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', tsxLoader, `${root}cli/bin.ts`, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 128, stdout, stderr, ms: Date.now() - started }))) };
}

async function count(
  store: { db?: string; endpoint?: string },
  cwd: string,
): Promise<{ stored: number; extracted: number; urls: number; deadLetters: number }> {
  const stores = await openLocalStores({ ...store, cwd });
  try {
    const urls = new Set<string>();
    let stored = 0;
    let extracted = 0;
    let cursor: string | null = null;
    do {
      const page = await stores.reader.listLatest({ limit: 1000, cursor });
      for (const article of page.articles) {
        stored++;
        urls.add(article.url);
        if (article.status === 'extracted') extracted++;
      }
      cursor = page.cursor;
    } while (cursor);
    const deadLetters = (await stores.deadLetters.list(['feeds', 'articles'])).length;
    return { stored, extracted, urls: urls.size, deadLetters };
  } finally {
    await stores.close();
  }
}

const pageRequests = (stats: Record<string, { pageRequests: number }>): number => Object.values(stats).reduce((sum, host) => sum + host.pageRequests, 0);
const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
};

async function scenario(
  name: string,
  intercept: ((request: SiteRequest) => { status: number; headers?: Record<string, string> } | null) | undefined,
  fault: (ctx: { args: string[]; cwd: string; site: Awaited<ReturnType<typeof startSyntheticSite>>; dynamo: StoppableDynamo | null }) => Promise<string>,
  options: { endpoint?: boolean } = {},
): Promise<void> {
  let recovered = false;
  const site = await startSyntheticSite({
    feeds: FEEDS,
    itemsPerFeed: ITEMS,
    hosts: HOSTS,
    pages: generateArticlePages(20),
    delayMs: 20,
    ...(intercept ? { intercept: (request) => (recovered ? null : intercept(request)) } : {}),
  });
  const cwd = await mkdtemp(join(tmpdir(), `feedloom-fault-${name}-`));
  const dynamoDir = await mkdtemp(join(tmpdir(), 'feedloom-fault-dynamo-'));
  const dynamo = options.endpoint ? await startStoppableDynamo(dynamoDir) : null;
  const store = dynamo ? { endpoint: dynamo.endpoint } : { db: 'db' };
  const storeArgs = dynamo ? ['--endpoint', dynamo.endpoint] : ['--db', 'db'];
  try {
    await writeFile(join(cwd, 'feeds.txt'), site.feedUrls.join('\n'));
    const args = ['run', '--once', '--all', '--allow-private-network', '--feeds', 'feeds.txt', ...storeArgs];
    const note = await fault({ args, cwd, site, dynamo });
    recovered = true;
    const rows = [`after fault (${note})`];
    const counts = [await count(store, cwd)];
    for (let rerun = 1; rerun <= 2 && counts.at(-1)?.extracted !== site.itemUrls.length; rerun++) {
      const run = await start(args, cwd).done;
      rows.push(`after rerun ${rerun} (exit ${run.code}, ${(run.ms / 1000).toFixed(0)} s)`);
      counts.push(await count(store, cwd));
    }
    for (const [index, row] of rows.entries()) {
      const c = counts[index] as Awaited<ReturnType<typeof count>>;
      process.stdout.write(`| ${name} | ${row} | ${c.stored} | ${c.urls} | ${c.extracted} of ${site.itemUrls.length} | ${c.deadLetters} |\n`);
    }
  } finally {
    await dynamo?.stop();
    await site.close();
    await rm(cwd, { recursive: true, force: true });
    await rm(dynamoDir, { recursive: true, force: true });
  }
}

process.stdout.write(
  `${FEEDS} feeds x ${ITEMS} articles over ${HOSTS} loopback hosts\n\n| scenario | when | stored | distinct URLs | extracted | dead letters |\n| --- | --- | --- | --- | --- | --- |\n`,
);
const killAfter = Math.round((FEEDS * ITEMS) / 4);
for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
  if (!ONLY.has(signal.toLowerCase())) continue;
  await scenario(signal, undefined, async ({ args, cwd, site }) => {
    const run = start(args, cwd);
    await until(() => pageRequests(site.stats()) >= killAfter);
    run.child.kill(signal);
    const result = await run.done;
    return `${signal} after ${killAfter} page requests, exit ${result.code}`;
  });
}
if (ONLY.has('outage')) {
  await scenario(
    'store outage',
    undefined,
    async ({ args, cwd, site, dynamo }) => {
      const run = start(args, cwd);
      await until(() => pageRequests(site.stats()) >= killAfter);
      // The endpoint goes away for 10 s, then comes back on the same port with the same data.
      await dynamo?.stop();
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      await dynamo?.start();
      const result = await run.done;
      return `endpoint down 10 s, run exit ${result.code}${result.stderr.includes('STORE_UNAVAILABLE') ? ' (gave up)' : ''}`;
    },
    { endpoint: true },
  );
}
if (ONLY.has('503')) {
  await scenario(
    '503 Retry-After: 1 once',
    (request) => (request.kind === 'page' && request.seen === 1 ? { status: 503, headers: { 'retry-after': '1' } } : null),
    async ({ args, cwd }) => {
      const result = await start(args, cwd).done;
      return `run exit ${result.code}, ${(result.ms / 1000).toFixed(0)} s`;
    },
  );
}
if (ONLY.has('429short')) {
  await scenario(
    '429 Retry-After: 3 once per feed',
    (request) => (request.kind === 'feed' && request.seen === 1 ? { status: 429, headers: { 'retry-after': '3' } } : null),
    async ({ args, cwd }) => {
      const result = await start(args, cwd).done;
      return `run exit ${result.code}, ${(result.ms / 1000).toFixed(0)} s`;
    },
  );
}
if (ONLY.has('429')) {
  await scenario(
    '429 Retry-After: 3600 on feed 0',
    (request) => (request.kind === 'feed' && request.feed === 0 ? { status: 429, headers: { 'retry-after': '3600' } } : null),
    async ({ args, cwd }) => {
      const result = await start(args, cwd).done;
      return `run exit ${result.code}, feed 0 still throttled during the fault run`;
    },
  );
}
