import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/cli-io';
import { runCli } from '../../../cli/main';

const OPML = resolve(__dirname, '../../fixtures/feeds/lists/nested.opml');

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: {} };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe('feedloom feeds add|remove|list|import on the embedded DynamoDB', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'feeds-command-'));
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('imports OPML with its folders as categories, adds, lists and removes feeds', async () => {
    expect(await run(['feeds', 'import', OPML, '--db', 'db'], cwd)).toMatchObject({ code: 0, stdout: '3 feeds added, 0 already subscribed\n' });
    expect(await run(['feeds', 'import', OPML, '--db', 'db'], cwd)).toMatchObject({ code: 0, stdout: '0 feeds added, 3 already subscribed\n' });
    expect(await run(['feeds', 'add', 'https://extra.example/feed.xml', '--category', 'Misc', '--db', 'db'], cwd)).toMatchObject({ code: 0 });

    const listed = await run(['feeds', 'list', '--json', '--db', 'db'], cwd);
    const feeds = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { url: string; categories: string[]; status: string });
    expect(feeds.map((f) => [f.url, f.categories]).sort()).toEqual([
      ['https://extra.example/feed.xml', ['Misc']],
      ['https://loose.example/feed', []],
      ['https://news.example/rss', ['World', 'Middle East']],
      ['https://tech.example/atom.xml', ['Tech', 'gadgets']],
    ]);

    expect(await run(['feeds', 'remove', 'https://extra.example/feed.xml', '--db', 'db'], cwd)).toMatchObject({
      code: 0,
      stdout: 'removed https://extra.example/feed.xml\n',
    });
    expect((await run(['feeds', 'list', '--json', '--db', 'db'], cwd)).stdout.trim().split('\n')).toHaveLength(3);
  });

  it('fails clearly on a missing file, a bad URL and an unknown feed', async () => {
    expect(await run(['feeds', 'import', 'nope.opml', '--db', 'db'], cwd)).toMatchObject({ code: 2 });
    const bad = await run(['feeds', 'add', 'ftp://x.example/feed', '--db', 'db'], cwd);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('BAD_FEED_URL');
    expect((await run(['feeds', 'remove', 'https://unknown.example/', '--db', 'db'], cwd)).stderr).toContain('NOT_FOUND');
  });
});
