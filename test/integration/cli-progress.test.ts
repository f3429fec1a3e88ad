import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { type SiteServer, serveSite } from '../../demo/serve-site';

describe('feedloom run on a terminal', () => {
  let site: SiteServer;
  let work: string;
  beforeAll(async () => {
    site = await serveSite({ root: fileURLToPath(new URL('../../demo/site', import.meta.url)) });
    work = await mkdtemp(join(tmpdir(), 'feedloom-progress-'));
    await writeFile(join(work, 'feeds.txt'), `${site.origin}/feeds/world.rss\n`);
  });
  afterAll(async () => {
    await site.close();
    await rm(work, { recursive: true, force: true });
  });

  const run = async (isTTY: boolean, db: string): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await runCli(['run', '--once', '--allow-private-network', '--feeds', 'feeds.txt', '--db', db], {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text), isTTY },
      cwd: work,
      env: {},
    });
    return { code, out, err };
  };

  it('redraws a progress line on stderr and clears it before the summary', async () => {
    const { code, out, err } = await run(true, 'tty-db');
    expect(code).toBe(0);
    const clearLine = '\r\x1b[2K';
    expect(err.split(clearLine).some((frame) => /^feeds \d+\/1 {2}articles \d+/.test(frame))).toBe(true);
    expect(err.endsWith(clearLine)).toBe(true);
    expect(out).toMatch(/^feeds {5}1 fetched: 1 updated/m);
  });

  it('prints no progress when stderr is not a terminal', async () => {
    const { code, err } = await run(false, 'pipe-db');
    expect(code).toBe(0);
    expect(err).toBe('');
  });
});
