// `npm run bench:data` against archives served from 127.0.0.1 (the real download needs GitHub,
// which this machine cannot reach): archives are made by `git archive`, the same program that
// makes GitHub's, so the tar reader meets the same headers (pax global header, long names).
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadZytePages } from '../../../bench/support/article-pages';
import { findCorpus } from '../../../bench/support/bench-data';
import { type DownloadableCorpus, parseChecksumList, readChecksumList } from '../../../scripts/bench-data/bench-data-sources';
import { BenchDataDownloadError, fetchCorpus } from '../../../scripts/bench-data/fetch-corpus';
import { readTarEntries } from '../../../scripts/bench-data/read-tar';

const repoRoot = resolve(import.meta.dirname, '../../..');
const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const work = mkdtempSync(join(tmpdir(), 'bench-data-test-'));

/** A git repository holding `files`, archived as GitHub serves it: `<name>-<commit>/` prefix, .tar.gz. */
function gitArchive(name: string, files: Record<string, string | Uint8Array>): { commit: string; archive: Buffer } {
  const dir = mkdtempSync(join(work, `${name}-`));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'data');
  const commit = git('rev-parse', 'HEAD').trim();
  const archive = execFileSync('git', ['archive', '--format=tar.gz', `--prefix=${name}-${commit}/`, 'HEAD'], { cwd: dir, maxBuffer: 256 * 1024 * 1024 });
  return { commit, archive };
}

/** Serves `routes` (path -> body) on 127.0.0.1; anything else is a 404. */
async function serve(routes: Map<string, Buffer>): Promise<{ base: string; server: Server }> {
  const server = createServer((request, response) => {
    const body = routes.get(request.url ?? '');
    if (!body) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const longName = `${'deeply/nested/'.repeat(8)}${'n'.repeat(120)}.xml`; // needs a pax header (name > 100, no split)
const alpha = gitArchive('alpha', {
  LICENSE: 'alpha licence\n',
  'data/a.json': '{"a":1}\n',
  'data/b.html.gz': gzipSync('<p>b</p>'),
  [longName]: '<rss/>',
  'src/code.ts': 'export {};\n', // in the repository, not in the corpus
});
const beta = gitArchive('beta', { 'LICENSE-MIT': 'beta licence\n', 'pkg/fixture/x.xml': '<feed/>', 'pkg/src/lib.rs': '' });

function corpusOf(alphaCommit: string, betaCommit: string): DownloadableCorpus {
  return {
    name: 'feeds',
    title: 'test corpus',
    files: /./,
    sources: [
      {
        repo: 'owner/alpha',
        commit: alphaCommit,
        licence: 'MIT',
        into: 'alpha',
        repoPrefix: '',
        licenceFile: { corpusPath: 'alpha/LICENSE', repoPath: 'LICENSE' },
      },
      {
        repo: 'owner/beta',
        commit: betaCommit,
        licence: 'MIT',
        into: 'beta',
        repoPrefix: 'pkg/',
        licenceFile: { corpusPath: 'beta/LICENSE-MIT', repoPath: 'LICENSE-MIT' },
      },
    ],
  };
}
const corpus = corpusOf(alpha.commit, beta.commit);
const checksums = parseChecksumList(
  [
    `${sha256('alpha licence\n')}  alpha/LICENSE`,
    `${sha256('{"a":1}\n')}  alpha/data/a.json`,
    `${sha256(gzipSync('<p>b</p>'))}  alpha/data/b.html.gz`,
    `${sha256('<rss/>')}  alpha/${longName}`,
    `${sha256('beta licence\n')}  beta/LICENSE-MIT`,
    `${sha256('<feed/>')}  beta/fixture/x.xml`,
  ].join('\n'),
);

let site: { base: string; server: Server };
const routes = new Map<string, Buffer>();
beforeAll(async () => {
  routes.set(`/owner/alpha/tar.gz/${alpha.commit}`, alpha.archive);
  routes.set(`/owner/beta/tar.gz/${beta.commit}`, beta.archive);
  site = await serve(routes);
});
afterAll(async () => {
  await new Promise((done) => site.server.close(done));
  rmSync(work, { recursive: true, force: true });
});

/** Every file under `dir`, relative, sorted. */
const listFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

describe('fetchCorpus', () => {
  it('keeps exactly the listed files, checked, with the licence and a provenance note', async () => {
    const dest = mkdtempSync(join(work, 'dest-'));
    const result = await fetchCorpus(corpus, { dest, checksums, archiveBase: site.base, now: new Date('2026-12-07T00:00:00Z') });
    expect(result.files).toBe(6);
    expect(listFiles(join(dest, 'feeds'))).toEqual(['SOURCE.md', ...checksums.map((entry) => entry.path)].sort());
    expect(readFileSync(join(dest, 'feeds', 'beta', 'fixture', 'x.xml'), 'utf8')).toBe('<feed/>');
    const note = readFileSync(join(dest, 'feeds', 'SOURCE.md'), 'utf8');
    expect(note).toContain(`https://github.com/owner/alpha | \`${alpha.commit}\` | MIT | \`alpha/LICENSE\``);
    expect(readdirSync(dest)).toEqual(['feeds']); // no staging folder left
  });

  it('refuses a file whose sha256 differs, naming it, and leaves the previous copy alone', async () => {
    const dest = mkdtempSync(join(work, 'dest-'));
    mkdirSync(join(dest, 'feeds'));
    writeFileSync(join(dest, 'feeds', 'previous.txt'), 'kept');
    const tampered = checksums.map((entry) => (entry.path === 'alpha/data/a.json' ? { ...entry, sha256: sha256('something else') } : entry));
    const failure = await fetchCorpus(corpus, { dest, checksums: tampered, archiveBase: site.base }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BenchDataDownloadError);
    expect(failure).toMatchObject({ code: 'CHECKSUM_MISMATCH', message: expect.stringContaining('feeds/alpha/data/a.json (owner/alpha:data/a.json)') });
    expect(listFiles(dest)).toEqual(['feeds/previous.txt']);
  });

  it('reports files the archive lacks', async () => {
    const dest = mkdtempSync(join(work, 'dest-'));
    const extra = [...checksums, { sha256: sha256('x'), path: 'beta/fixture/gone.xml' }];
    await expect(fetchCorpus(corpus, { dest, checksums: extra, archiveBase: site.base })).rejects.toMatchObject({
      code: 'FILES_MISSING',
      message: expect.stringContaining('pkg/fixture/gone.xml'),
    });
    expect(readdirSync(dest)).toEqual([]);
  });

  it('reports an unreachable archive, a corrupt one and one over the size limit', async () => {
    const dest = mkdtempSync(join(work, 'dest-'));
    const missingCommit = corpusOf('0'.repeat(40), beta.commit);
    await expect(fetchCorpus(missingCommit, { dest, checksums, archiveBase: site.base })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('HTTP 404'),
    });
    routes.set('/owner/alpha/tar.gz/corrupt', Buffer.from('this is not gzip'));
    await expect(fetchCorpus(corpusOf('corrupt', beta.commit), { dest, checksums, archiveBase: site.base })).rejects.toMatchObject({ code: 'BAD_ARCHIVE' });
    const broken = Buffer.from(alpha.archive);
    routes.set('/owner/alpha/tar.gz/truncated', gzipSync(readTarHead(broken)));
    await expect(fetchCorpus(corpusOf('truncated', beta.commit), { dest, checksums, archiveBase: site.base })).rejects.toMatchObject({ code: 'BAD_ARCHIVE' });
    await expect(fetchCorpus(corpus, { dest, checksums, archiveBase: site.base, maxArchiveBytes: 256 })).rejects.toMatchObject({ code: 'ARCHIVE_TOO_LARGE' });
    expect(readdirSync(dest)).toEqual([]);
  });
});

/** The first 700 bytes of the uncompressed archive: a header whose data runs past the end. */
function readTarHead(archive: Buffer): Buffer {
  return execFileSync('gzip', ['-dc'], { input: archive }).subarray(0, 700);
}

describe('readTarEntries', () => {
  it('reads the long names git archive writes and checks each header', () => {
    const tar = execFileSync('gzip', ['-dc'], { input: alpha.archive });
    const files = [...readTarEntries(tar)].filter((entry) => entry.type === 'file').map((entry) => entry.path);
    expect(files).toContain(`alpha-${alpha.commit}/${longName}`);
    const corrupt = Buffer.from(tar);
    corrupt[0] = (corrupt[0] as number) ^ 0xff;
    expect(() => [...readTarEntries(corrupt)]).toThrow(/checksum/);
  });
});

describe('parseChecksumList', () => {
  it('rejects paths that would leave the corpus folder', () => {
    expect(() => parseChecksumList(`${'a'.repeat(64)}  ../outside`)).toThrow(/unsafe path/);
    expect(() => parseChecksumList(`${'a'.repeat(64)}  /etc/passwd`)).toThrow(/unsafe path/);
    expect(() => parseChecksumList('not a checksum line')).toThrow(/line 1/);
  });
});

// The real command and the real checksum list, on an archive laid out like the upstream repository
// and built from the shared copy of the corpus (skipped where that copy is absent).
const sharedZyte = findCorpus('article-extraction');
describe.skipIf(sharedZyte === null)('npm run bench:data (the command, on a loopback mirror)', () => {
  it('fetches the article-extraction corpus, and the benchmarks then find it', async () => {
    const dir = sharedZyte as string;
    const files: Record<string, Uint8Array> = { 'README.rst': new TextEncoder().encode('upstream readme\n') };
    for (const entry of readChecksumList('article-extraction')) files[entry.path] = readFileSync(join(dir, entry.path));
    const upstream = gitArchive('article-extraction-benchmark', files);
    routes.set('/scrapinghub/article-extraction-benchmark/tar.gz/4a3bc979f76c0df73cb95fe272e2fc1b96f9f010', upstream.archive);
    const dest = mkdtempSync(join(work, 'data-'));
    // Asynchronously: the mirror is served by this very process.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/fetch-bench-data.ts', '--only', 'article-extraction', '--from', site.base, '--dest', dest],
        { cwd: repoRoot, encoding: 'utf8' },
        (_error, stdout, stderr) => done({ status: child.exitCode, stdout, stderr }),
      );
    });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('article-extraction: 183 files');
    expect(existsSync(join(dest, 'article-extraction', 'README.rst'))).toBe(false);
    const env = { FEEDLOOM_BENCH_DATA: dest };
    expect(findCorpus('article-extraction', env)).toBe(join(dest, 'article-extraction'));
    expect(loadZytePages(env)).toHaveLength(181);
  }, 120_000);
});
