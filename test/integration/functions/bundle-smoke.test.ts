import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPackageClosure } from '../../../scripts/package-closure.mjs';
import { ArticleReader } from '../../../shared/adapters/dynamodb/article-reader';
import { EVENTS, type Harness, loadEvent, ROOT, startHarness } from './support/harness';
import { sqsEvent, sqsRecord } from './support/sqs-event';

const run = promisify(execFile);
const SDK = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-sqs'];
const FUNCTIONS = ['dispatch', 'fetch-feed', 'extract-article', 'sync-feeds', 'check-site-health'];

// Imports the bundle in a fresh Node process and runs its handler on the event read from stdin.
const RUNNER = `
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { handler } = await import(process.argv[1]);
const context = { functionName: 'smoke', functionVersion: '$LATEST', memoryLimitInMB: '1024', awsRequestId: 'smoke',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:smoke', getRemainingTimeInMillis: () => 100000 };
const result = await handler(JSON.parse(Buffer.concat(chunks).toString('utf8')), context);
process.stdout.write('\\n@@RESULT@@' + JSON.stringify(result ?? null));
`;

let dir: string;
let h: Harness;
let sizes: { name: string; bundleBytes: number; zippedBytes: number | null; shipped: string[] }[];

/** Runs one built function's handler in a child process with only the variables given (no inherited env). */
async function invoke(name: string, event: unknown, env: Record<string, string>): Promise<unknown> {
  const child = execFile(process.execPath, ['--input-type=module', '-e', RUNNER, join(dir, name, 'index.mjs')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env, POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  child.stdin?.end(JSON.stringify(event));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const marker = stdout.lastIndexOf('@@RESULT@@');
  if (code !== 0 || marker < 0) throw new Error(`${name} exited ${code}: ${stderr.slice(-2000)}${stdout.slice(-2000)}`);
  return JSON.parse(stdout.slice(marker + '@@RESULT@@'.length));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedloom-bundles-'));
  const { stdout } = await run(process.execPath, [join(ROOT, 'scripts/build-lambdas.mjs'), '--outdir', dir, '--json'], { cwd: ROOT });
  sizes = JSON.parse(stdout);
  // What the nodejs22.x runtime provides besides the package: the AWS SDK v3, nothing else.
  copyPackageClosure(SDK, ROOT, dir);
  h = await startHarness();
}, 180_000);

afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the built Lambda packages', () => {
  it('resolve nothing but the AWS SDK from outside their own folder', () => {
    expect(sizes.map((s) => s.name)).toEqual(FUNCTIONS);
    for (const name of FUNCTIONS) {
      const require = createRequire(join(dir, name, 'index.mjs'));
      expect(() => require.resolve('@aws-sdk/client-sqs')).not.toThrow();
      expect(() => require.resolve('zod')).toThrow();
      expect(existsSync(join(dir, name, 'node_modules', 'jsdom'))).toBe(name === 'extract-article');
    }
  });

  it('run the whole pipeline from fixture events against dynalite and the loopback demo site', async () => {
    const create = JSON.parse(await loadEvent('sync-feeds/create.json', h.demo.origin));
    expect(await invoke('sync-feeds', create, h.env)).toMatchObject({ Data: { added: 2, existing: 0, removed: 0 } });

    const scheduled = JSON.parse(await loadEvent('scheduled/event.json', h.demo.origin));
    expect(await invoke('dispatch', scheduled, h.env)).toEqual({ dispatched: 2 });

    const feedJobs = h.sqs.drain('feeds');
    expect(await invoke('fetch-feed', sqsEvent(feedJobs.map((m) => sqsRecord(m.body))), h.env)).toEqual({ batchItemFailures: [] });
    const articleJobs = h.sqs.drain('articles');
    expect(articleJobs.length).toBeGreaterThan(10);

    const reference = await loadEvent('extract-article/job.json', h.demo.origin);
    const records = [sqsRecord(reference), ...articleJobs.slice(0, 2).map((m) => sqsRecord(m.body))];
    expect(await invoke('extract-article', sqsEvent(records), h.env)).toEqual({ batchItemFailures: [] });

    const reader = new ArticleReader({ client: h.clients.documents, tableName: h.tables.articles });
    const expected = JSON.parse(await readFile(join(EVENTS, 'extract-article/expected.json'), 'utf8'));
    expect(await reader.getByUrl(JSON.parse(reference).item.url)).toMatchObject(expected);
  }, 120_000);

  it('refuse the loopback page without the test-only trusted address, as deployed', async () => {
    const { FEEDLOOM_TEST_TRUSTED_ADDRESS: _, ...deployed } = h.env;
    const body = (await loadEvent('extract-article/job.json', h.demo.origin)).replaceAll('.html', '.html?smoke=guarded');
    expect(await invoke('extract-article', sqsEvent([sqsRecord(body)]), deployed)).toEqual({ batchItemFailures: [] });
    const reader = new ArticleReader({ client: h.clients.documents, tableName: h.tables.articles });
    const article = await reader.getByUrl(JSON.parse(body).item.url);
    expect(article?.status).not.toBe('extracted');
    expect(['PORT_NOT_ALLOWED', 'SSRF_BLOCKED']).toContain(article?.extraction.error?.code);
    expect(h.demo.requests.some((request) => request.path.includes('smoke=guarded'))).toBe(false);
  }, 60_000);
});
