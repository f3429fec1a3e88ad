// The benchmark corpora `npm run bench:data` can fetch: those published as data in public
// repositories, each pinned to a commit. What lands on disk is checked file by file against the
// sha256 lists beside this file (`<corpus>.sha256`, sha256sum format, paths relative to the
// corpus folder), which were computed from the shared copy its curator took from the same commits.
// The other corpora (wceb, dates) and the scorers (tools) have no public origin in this form
// (sampled, rebuilt or written for this project), so they come only with the shared corpora.
import { readFileSync } from 'node:fs';

/** One repository archive that fills part of a corpus folder. */
export interface ArchiveSource {
  /** GitHub `owner/name`. */
  repo: string;
  /** The pinned commit (an archive of a commit never changes content). */
  commit: string;
  /** The licence of the data, as the source states it. */
  licence: string;
  /** Folder inside the corpus that this source fills ('' for the corpus folder itself). */
  into: string;
  /** Repository folder whose files land in `into` ('' for the repository root). */
  repoPrefix: string;
  /** The licence file: where it goes in the corpus and where it is in the repository. */
  licenceFile: { corpusPath: string; repoPath: string };
}

/** A corpus that can be downloaded. */
export interface DownloadableCorpus {
  name: 'article-extraction' | 'feeds';
  title: string;
  sources: ArchiveSource[];
  /** The files of a full copy that come from the sources (the rest are its curator's notes). */
  files: RegExp;
  /** What the download does not provide, said in the corpus's SOURCE note and by the command. */
  notIncluded?: string;
}

export const DOWNLOADABLE_CORPORA: DownloadableCorpus[] = [
  {
    name: 'article-extraction',
    title: 'Zyte (Scrapinghub) article-extraction benchmark: 181 news and blog pages with hand-checked article bodies',
    files: /^(LICENSE|ground-truth\.json|html\/[^/]+\.html\.gz)$/,
    sources: [
      {
        repo: 'scrapinghub/article-extraction-benchmark',
        commit: '4a3bc979f76c0df73cb95fe272e2fc1b96f9f010',
        licence: 'MIT (Copyright (c) 2020 Scrapinghub)',
        into: '',
        repoPrefix: '',
        licenceFile: { corpusPath: 'LICENSE', repoPath: 'LICENSE' },
      },
    ],
  },
  {
    name: 'feeds',
    title: 'Feed robustness corpus: test feeds and expected outputs of feedparser, rss-parser, miniflux, gofeed and feed-rs',
    notIncluded:
      'index.json (the curated per-file index the feed benchmarks read) and the scorer come with the shared corpora only, so the feed benchmarks still need FEEDLOOM_BENCH_DATA',
    files: /^(feedparser|rss-parser|miniflux|gofeed|feed-rs)\//,
    sources: [
      {
        repo: 'kurtmckee/feedparser',
        commit: 'a22c5521cbb109871f1a2318948581901bd47e26',
        licence: 'BSD-2-Clause',
        into: 'feedparser',
        repoPrefix: '',
        licenceFile: { corpusPath: 'feedparser/LICENSE', repoPath: 'LICENSE' },
      },
      {
        repo: 'rbren/rss-parser',
        commit: 'b0d3b483c0c4af2b311c6a895b432e6d23733fc9',
        licence: 'MIT',
        into: 'rss-parser',
        repoPrefix: '',
        licenceFile: { corpusPath: 'rss-parser/LICENSE', repoPath: 'LICENSE' },
      },
      {
        repo: 'miniflux/v2',
        commit: '106cdd09e1557222303f3ed1376e1dadf0638621',
        licence: 'Apache-2.0',
        into: 'miniflux',
        repoPrefix: '',
        licenceFile: { corpusPath: 'miniflux/LICENSE', repoPath: 'LICENSE' },
      },
      {
        repo: 'mmcdole/gofeed',
        commit: 'e010ca02e0eb28daf544c0447fdd64e4e99d5c5e',
        licence: 'MIT',
        into: 'gofeed',
        repoPrefix: '',
        licenceFile: { corpusPath: 'gofeed/LICENSE', repoPath: 'LICENSE' },
      },
      {
        repo: 'feed-rs/feed-rs',
        commit: 'b64d2aa08d377778b0978aa63f05d56bcedb279e',
        licence: 'MIT',
        into: 'feed-rs',
        repoPrefix: 'feed-rs/',
        licenceFile: { corpusPath: 'feed-rs/LICENSE-MIT', repoPath: 'LICENSE-MIT' },
      },
    ],
  },
];

/** One line of a checksum list. */
export interface ChecksumEntry {
  sha256: string;
  path: string;
}

/** Parses sha256sum output ("<64 hex>  <path>" a line); rejects paths that could leave the corpus folder. */
export function parseChecksumList(text: string): ChecksumEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!match) throw new Error(`checksum list line ${index + 1} is not "<sha256>  <path>": ${line.slice(0, 80)}`);
      const path = match[2] as string;
      if (path.startsWith('/') || path.split('/').some((part) => part === '..' || part === '.' || part === '')) {
        throw new Error(`checksum list line ${index + 1}: unsafe path ${path}`);
      }
      return { sha256: match[1] as string, path };
    });
}

/** The checksum list shipped for `corpus`. */
export function readChecksumList(corpus: DownloadableCorpus['name']): ChecksumEntry[] {
  return parseChecksumList(readFileSync(new URL(`./${corpus}.sha256`, import.meta.url), 'utf8'));
}
