// Downloads one benchmark corpus from its original repositories (archives of pinned commits), keeps
// exactly the files of its checksum list, checks each file's sha256, and only then moves the corpus
// into place: a failed or tampered download leaves nothing half-written behind.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ArchiveSource, ChecksumEntry, DownloadableCorpus } from './bench-data-sources';
import { readTarEntries } from './read-tar';

export type BenchDataDownloadErrorCode = 'DOWNLOAD_FAILED' | 'ARCHIVE_TOO_LARGE' | 'BAD_ARCHIVE' | 'CHECKSUM_MISMATCH' | 'FILES_MISSING' | 'BAD_MANIFEST';

/** Why a corpus could not be fetched; the message is one line meant for the user. */
export class BenchDataDownloadError extends Error {
  constructor(
    readonly code: BenchDataDownloadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BenchDataDownloadError';
  }
}

export interface FetchCorpusOptions {
  /** The data root; the corpus lands in `<dest>/<corpus name>`. */
  dest: string;
  /** The files to keep, with their sha256. */
  checksums: ChecksumEntry[];
  /** Where archives are served: `<archiveBase>/<owner>/<name>/tar.gz/<commit>` (GitHub's codeload by default). */
  archiveBase?: string;
  /** Largest archive accepted, compressed and uncompressed (default 512 MiB). */
  maxArchiveBytes?: number;
  /** How long one archive may take to download (default 10 minutes). */
  timeoutMs?: number;
  log?: (line: string) => void;
  now?: Date;
}

export const GITHUB_ARCHIVE_BASE = 'https://codeload.github.com';
const MiB = 1024 * 1024;

/** The URL of a source's archive. */
export function archiveUrl(source: ArchiveSource, base: string = GITHUB_ARCHIVE_BASE): string {
  return `${base.replace(/\/+$/, '')}/${source.repo}/tar.gz/${source.commit}`;
}

/** The source a corpus path comes from and its path in that repository, or null if none. */
export function locateInSource(corpus: DownloadableCorpus, path: string): { source: ArchiveSource; repoPath: string } | null {
  const candidates = corpus.sources.filter((source) => source.into === '' || path.startsWith(`${source.into}/`));
  // The most specific folder wins (a source filling the corpus root is the fallback).
  const source = candidates.sort((a, b) => b.into.length - a.into.length)[0];
  if (!source) return null;
  if (path === source.licenceFile.corpusPath) return { source, repoPath: source.licenceFile.repoPath };
  return { source, repoPath: source.repoPrefix + (source.into === '' ? path : path.slice(source.into.length + 1)) };
}

async function download(url: string, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    // undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a timeout) is its cause.
    const cause = (error as Error & { cause?: unknown }).cause;
    const reason = cause instanceof Error ? `${(error as Error).message}: ${cause.message}` : (error as Error).message;
    throw new BenchDataDownloadError('DOWNLOAD_FAILED', `could not download ${url}: ${reason}`);
  }
  if (!response.ok || !response.body) throw new BenchDataDownloadError('DOWNLOAD_FAILED', `could not download ${url}: HTTP ${response.status}`);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BenchDataDownloadError('ARCHIVE_TOO_LARGE', `${url} is larger than ${maxBytes / MiB} MiB`);
      }
      chunks.push(Buffer.from(read.value));
    }
  } catch (error) {
    if (error instanceof BenchDataDownloadError) throw error;
    throw new BenchDataDownloadError('DOWNLOAD_FAILED', `download of ${url} broke off: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}

function gunzip(bytes: Buffer, url: string, maxBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new BenchDataDownloadError(tooLarge ? 'ARCHIVE_TOO_LARGE' : 'BAD_ARCHIVE', `${url} is not a usable .tar.gz: ${(error as Error).message}`);
  }
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The provenance note written beside the data: origin, commit, licence. */
function sourceNote(corpus: DownloadableCorpus, files: number, checksumFile: string, now: Date): string {
  return [
    `# ${corpus.title}`,
    '',
    `Fetched by \`npm run bench:data\` on ${now.toISOString().slice(0, 10)} from the original repositories, data files only;`,
    `each of the ${files} files matched its sha256 in \`${checksumFile}\`.`,
    '',
    '| into | repository | commit | licence | licence file |',
    '| --- | --- | --- | --- | --- |',
    ...corpus.sources.map(
      (source) =>
        `| \`${source.into || '.'}\` | https://github.com/${source.repo} | \`${source.commit}\` | ${source.licence} | \`${source.licenceFile.corpusPath}\` |`,
    ),
    ...(corpus.notIncluded ? ['', `Not included: ${corpus.notIncluded}.`] : []),
    '',
  ].join('\n');
}

/**
 * Fetches `corpus` into `<dest>/<name>`, replacing what was there only once every file has been
 * checked. Returns the folder and the number of files written.
 */
export async function fetchCorpus(corpus: DownloadableCorpus, options: FetchCorpusOptions): Promise<{ dir: string; files: number; bytes: number }> {
  const log = options.log ?? (() => undefined);
  const maxBytes = options.maxArchiveBytes ?? 512 * MiB;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const bySource = new Map<ArchiveSource, Map<string, ChecksumEntry>>(corpus.sources.map((source) => [source, new Map()]));
  for (const entry of options.checksums) {
    const located = locateInSource(corpus, entry.path);
    if (!located) throw new BenchDataDownloadError('BAD_MANIFEST', `${corpus.name}: no source provides ${entry.path}`);
    bySource.get(located.source)?.set(located.repoPath, entry);
  }
  const staging = join(options.dest, `.${corpus.name}.partial`);
  const dir = join(options.dest, corpus.name);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let files = 0;
  let bytes = 0;
  try {
    for (const [source, wanted] of bySource) {
      if (wanted.size === 0) continue;
      const url = archiveUrl(source, options.archiveBase);
      log(`${corpus.name}: downloading ${source.repo}@${source.commit.slice(0, 12)} (${source.licence}) from ${url}`);
      const tar = gunzip(await download(url, maxBytes, timeoutMs), url, maxBytes);
      const seen = new Set<string>();
      try {
        for (const entry of readTarEntries(tar)) {
          if (entry.type !== 'file') continue;
          // GitHub archives put everything under one top folder, `<name>-<commit>/`.
          const repoPath = entry.path.slice(entry.path.indexOf('/') + 1);
          const expected = wanted.get(repoPath);
          if (!expected || seen.has(repoPath)) continue;
          const actual = sha256(entry.data);
          if (actual !== expected.sha256) {
            throw new BenchDataDownloadError(
              'CHECKSUM_MISMATCH',
              `${corpus.name}/${expected.path} (${source.repo}:${repoPath}) has sha256 ${actual}, expected ${expected.sha256}`,
            );
          }
          const target = join(staging, expected.path);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, entry.data);
          seen.add(repoPath);
          files += 1;
          bytes += entry.data.byteLength;
        }
      } catch (error) {
        if (error instanceof BenchDataDownloadError) throw error;
        throw new BenchDataDownloadError('BAD_ARCHIVE', `${url}: ${(error as Error).message}`);
      }
      const missing = [...wanted.keys()].filter((path) => !seen.has(path));
      if (missing.length > 0) {
        throw new BenchDataDownloadError(
          'FILES_MISSING',
          `${source.repo}@${source.commit.slice(0, 12)} lacks ${missing.length} of the ${wanted.size} files expected (first: ${missing.slice(0, 3).join(', ')})`,
        );
      }
    }
    writeFileSync(join(staging, 'SOURCE.md'), sourceNote(corpus, files, `scripts/bench-data/${corpus.name}.sha256`, options.now ?? new Date()));
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    return { dir, files, bytes };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
