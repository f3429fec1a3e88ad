// What storing an article costs in DynamoDB write units and in compression CPU, on the Zyte
// benchmark's 181 real news pages under their real URLs (the corpus's ground truth records each
// page's URL): each page is extracted in-process, then turned into its Articles item as the store
// writes it (shared/adapters/dynamodb/article-item.ts). Reports, per brotli quality, the item's
// write units (1 per started KB) and the CPU time of compressing the body, and how many articles
// need a `byUrl` index entry (the index is sparse: only articles whose id is not their page URL's).
// docs/scaling.md turns these figures into dollars.
//
//   npx tsx scripts/measure-article-writes.ts [--qualities 4,5,6,7,9] [--rounds 3] [--json FILE]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gunzipSync } from 'node:zlib';
import { exitOnMissingData, requireCorpus } from '../bench/support/bench-data';
import { encodeArticleBody, needsUrlKey, toArticleItem } from '../shared/adapters/dynamodb/article-item';
import { estimateItemBytes } from '../shared/adapters/dynamodb/item-size';
import { BODY_STORAGE } from '../shared/adapters/dynamodb/table-design';
import type { Article } from '../shared/article/article';
import { extractArticle } from '../shared/extraction/extract-article';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    qualities: { type: 'string', default: '4,5,6,7,9' },
    rounds: { type: 'string', default: '3' },
    json: { type: 'string', default: join(root, '.bench-out', 'article-writes.json') },
  },
});
const qualities = String(values.qualities).split(',').map(Number);
const rounds = Math.max(1, Number(values.rounds));
const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));

const dir = exitOnMissingData(() => requireCorpus('article-extraction'));
const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
const files = readdirSync(join(dir, 'html'))
  .filter((file) => file.endsWith('.html.gz') && (file.split('.')[0] as string) in truth)
  .sort();

const articles: Article[] = [];
// CPU of extracting each page in-process (the first and only pass: a cold start for the first pages).
const extractCpuMs: number[] = [];
for (const file of files) {
  const url = (truth[file.split('.')[0] as string] as { url: string }).url;
  const html = gunzipSync(readFileSync(join(dir, 'html', file)));
  const cpu = process.cpuUsage();
  articles.push(await extractArticle(html, { url, contentType: 'text/html', now: new Date('2026-12-07T00:00:00Z') }));
  const used = process.cpuUsage(cpu);
  extractCpuMs.push((used.user + used.system) / 1000);
  // jsdom frees a window's memory only after the event loop turns (DESIGN's trap list).
  await new Promise((done) => setImmediate(done));
}

const writeUnits = (bytes: number): number => Math.ceil(bytes / 1024);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const mean = (xs: number[]): number => xs.reduce((sum, x) => sum + x, 0) / xs.length;

// The item as stored now (the store's own rule), with the quality article-body.ts uses.
const asStored = articles.map((article) => {
  const item = toArticleItem(
    article,
    encodeArticleBody(article, () => 'k'),
    {},
  );
  return { bytes: estimateItemBytes(item), storage: String(item.bodyStorage), urlKey: typeof item.urlKey === 'string' };
});

// Each quality: the same item with the body compressed at that quality (bodies that stay inline
// or in chunks under the store's rule keep their size), and the CPU of compressing, median of rounds.
const byQuality = qualities.map((quality) => {
  const cpuMsPerArticle: number[] = [];
  let sizes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    sizes = [];
    const cpu = process.cpuUsage();
    for (const [i, article] of articles.entries()) {
      const stored = asStored[i] as { bytes: number; storage: string };
      const json = Buffer.from(JSON.stringify({ contentHtml: article.contentHtml, contentText: article.contentText }), 'utf8');
      const bytes = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
      if (stored.storage !== BODY_STORAGE.brotli) {
        sizes.push(stored.bytes);
        continue;
      }
      const { contentHtml: _h, contentText: _t, ...rest } = article;
      sizes.push(estimateItemBytes({ ...toArticleItem({ ...rest, contentHtml: null, contentText: null }, { storage: BODY_STORAGE.brotli, bytes }, {}) }));
    }
    const used = process.cpuUsage(cpu);
    cpuMsPerArticle.push((used.user + used.system) / 1000 / articles.length);
  }
  return {
    quality,
    compressCpuMsPerArticle: Number(median(cpuMsPerArticle).toFixed(2)),
    itemBytesMedian: median(sizes),
    writeUnitsMean: Number(mean(sizes.map(writeUnits)).toFixed(3)),
  };
});

const report = {
  command: `npx tsx scripts/measure-article-writes.ts --qualities ${qualities.join(',')} --rounds ${rounds}`,
  node: process.version,
  loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((x) => Number(x.toFixed(2))) },
  pages: articles.length,
  statuses: articles.reduce<Record<string, number>>((acc, a) => {
    acc[a.status] = (acc[a.status] ?? 0) + 1;
    return acc;
  }, {}),
  extractCpuMsPerPage: { median: Number(median(extractCpuMs).toFixed(1)), mean: Number(mean(extractCpuMs).toFixed(1)) },
  // Articles whose identity is another URL (a same-site canonical URL) than the page's: they need a byUrl entry.
  needingByUrl: articles.filter((article) => needsUrlKey(article)).length,
  asStored: {
    itemBytesMedian: median(asStored.map((s) => s.bytes)),
    writeUnitsMean: Number(mean(asStored.map((s) => writeUnits(s.bytes))).toFixed(3)),
    withUrlKey: asStored.filter((s) => s.urlKey).length,
    storage: asStored.reduce<Record<string, number>>((acc, s) => {
      acc[s.storage] = (acc[s.storage] ?? 0) + 1;
      return acc;
    }, {}),
  },
  byQuality,
};
mkdirSync(dirname(String(values.json)), { recursive: true });
writeFileSync(String(values.json), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\nwritten: ${values.json}\n`);
