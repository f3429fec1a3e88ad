// `npm run bench:feeds`: scores Feedloom's parseFeed and rss-parser used naively on the shared feed
// corpus (every file in a worker under a deadline: the shared scorer does that), times both side by
// side on the corpus's largest files in this one process, and writes the figures into docs/feeds.md
// between the bench markers. Options: --corpus DIR (the feeds corpus; default: bench/support/bench-data.ts), --no-write,
// --speed-only (only the side-by-side timing, printed, nothing written), --rounds N (timing rounds,
// default 15), --json FILE (default .bench-out/feeds-bench.json; the figures for `npm run bench`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Parser from 'rss-parser';
import { parseFeed } from '../shared/feed/parse-feed';
import { exitOnMissingData, requireBenchRoot } from './support/bench-data';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
// The corpus and the scorer from one data root unless --corpus names the corpus.
const corpusOption = option('--corpus');
const dataRoot = exitOnMissingData(() => requireBenchRoot(corpusOption === undefined ? ['feeds', 'tools'] : 'tools'));
const corpus = resolve(corpusOption ?? join(dataRoot, 'feeds'));
const scorer = join(dataRoot, 'tools', 'feed-corpus.mjs');
const DOC = join(ROOT, 'docs/feeds.md');
const ROUNDS = Math.max(1, Number(option('--rounds') ?? 15));
const JSON_OUT = resolve(option('--json') ?? join(ROOT, '.bench-out', 'feeds-bench.json'));
const START = '<!-- bench:feeds:start -->';
const END = '<!-- bench:feeds:end -->';

interface Tally {
  files: number;
  ok: number;
  threw: number;
  crash: number;
  timeout: number;
}
interface Report {
  corpus_files: number;
  wall_ms: number;
  timeout_ms: number;
  feeds: Tally;
  non_feeds: Tally;
  by_wellformed: Record<string, Tally>;
  by_format: Record<string, Tally>;
  parse_ms: { p50: number; p95: number; max: number };
  feedparser_expect: { kinds: Record<string, { n: number; pass: number; valuePass: number }> };
  expected_output_agreement: Record<string, { files: number; overall: { compared: number; agreed: number } }>;
  encoding: { files: number; ok: number; feedTitle: { compared: number; agreed: number }; item0Title: { compared: number; agreed: number }; mojibake: number };
}

function score(adapter: string): Report {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-bench-'));
  try {
    const out = join(dir, 'run.json');
    execFileSync(process.execPath, [scorer, join(ROOT, adapter), '--corpus', corpus, '--concurrency', '1', '--out', out, '--json'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      cwd: ROOT,
    });
    return (JSON.parse(readFileSync(out, 'utf8')) as { report: Report }).report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');

function summarize(r: Report): Record<string, string> {
  const kinds = Object.values(r.feedparser_expect.kinds);
  const n = kinds.reduce((s, k) => s + k.n, 0);
  const pass = kinds.reduce((s, k) => s + k.pass, 0);
  const wf = r.by_wellformed.true as Tally;
  const notWf = r.by_wellformed.false as Tally;
  const golden = r.expected_output_agreement['rss-parser']?.overall ?? { compared: 0, agreed: 0 };
  const json = r.by_format.json as Tally;
  const enc = r.encoding;
  const encAgreed = enc.feedTitle.agreed + enc.item0Title.agreed;
  const encCompared = enc.feedTitle.compared + enc.item0Title.compared;
  return {
    'feeds parsed': `${r.feeds.ok} of ${r.feeds.files} (${pct(r.feeds.ok, r.feeds.files)})`,
    'crashes / hangs': `${r.feeds.crash + r.non_feeds.crash} / ${r.feeds.timeout + r.non_feeds.timeout}`,
    'well-formed files parsed': `${wf.ok} of ${wf.files} (${pct(wf.ok, wf.files)})`,
    'ill-formed files: parsed / rejected': `${notWf.ok} / ${notWf.threw} of ${notWf.files}`,
    'non-feeds rejected': `${r.non_feeds.threw} of ${r.non_feeds.files}`,
    'feedparser expectations passed': `${pass} of ${n} (${pct(pass, n)})`,
    "agreement with rss-parser's golden outputs": `${pct(golden.agreed, golden.compared)} (${golden.agreed}/${golden.compared})`,
    'JSON Feed files parsed': `${json.ok} of ${json.files}`,
    'non-UTF-8 non-ASCII titles decoded right': `${encAgreed} of ${encCompared} (${pct(encAgreed, encCompared)}); feed ${enc.feedTitle.agreed}/${enc.feedTitle.compared}, item ${enc.item0Title.agreed}/${enc.item0Title.compared}`,
    'parse ms per ok file p50 / p95 / max': `${r.parse_ms.p50} / ${r.parse_ms.p95} / ${r.parse_ms.max}`,
    'scorer wall time (1 worker)': `${(r.wall_ms / 1000).toFixed(1)} s`,
  };
}

// Side-by-side speed on the largest well-formed UTF-8 files, alternating parsers so load changes hit both.
async function timeLargest(): Promise<{ lines: string[]; totals: { bytes: number; feedloomMs: number; rssParserMs: number } }> {
  const index = JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8')) as {
    files: { path: string; bytes: number; wellformed: boolean | null; is_feed: boolean; effective_encoding: string }[];
  };
  const largest = index.files
    .filter((f) => f.is_feed && f.wellformed && f.effective_encoding === 'utf-8' && !f.path.endsWith('.json'))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
  const rounds = ROUNDS;
  const lines: string[] = [];
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  let totalBytes = 0;
  let oursTotal = 0;
  let theirsTotal = 0;
  for (const file of largest) {
    const bytes = readFileSync(join(corpus, file.path));
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let t = performance.now();
      await parseFeed(bytes, { url: `https://corpus.invalid/${file.path}` });
      ours.push(performance.now() - t);
      t = performance.now();
      await new Parser().parseString(bytes.toString('utf8'));
      theirs.push(performance.now() - t);
    }
    const [a, b] = [median(ours), median(theirs)];
    totalBytes += bytes.length;
    oursTotal += a;
    theirsTotal += b;
    lines.push(`| ${file.path} | ${(bytes.length / 1024).toFixed(0)} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(a / b).toFixed(2)} |`);
  }
  const mbps = (ms: number): string => (totalBytes / 1e6 / (ms / 1000)).toFixed(1);
  lines.push(
    `| **all ${largest.length}** | ${(totalBytes / 1024).toFixed(0)} | ${oursTotal.toFixed(1)} (${mbps(oursTotal)} MB/s) | ${theirsTotal.toFixed(1)} (${mbps(theirsTotal)} MB/s) | ${(oursTotal / theirsTotal).toFixed(2)} |`,
  );
  return { lines, totals: { bytes: totalBytes, feedloomMs: oursTotal, rssParserMs: theirsTotal } };
}

if (args.includes('--speed-only')) {
  console.log((await timeLargest()).lines.join('\n'));
  process.exit(0);
}

const feedloom = score('bench/adapters/feed-corpus-feedloom.mjs');
const naive = score('bench/adapters/feed-rss-parser-naive.mjs');
const ours = summarize(feedloom);
const theirs = summarize(naive);
const { lines: speed, totals } = await timeLargest();

const section = [
  START,
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'this machine'} (${cpus().length} cores, shared), Node ${process.version}; corpus of ${feedloom.corpus_files} files, one scorer worker, ${feedloom.timeout_ms} ms deadline per file. Reproduce: \`npm run bench:feeds\`.`,
  '',
  '| measure | Feedloom `parseFeed` | rss-parser 3.13 used naively |',
  '| --- | --- | --- |',
  ...Object.keys(ours).map((key) => `| ${key} | ${ours[key]} | ${theirs[key]} |`),
  '',
  `Speed, side by side in one process (median of ${ROUNDS} alternating rounds, ms; Feedloom also cleans HTML and derives identities):`,
  '',
  '| file | KiB | Feedloom ms | rss-parser ms | ratio |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...speed,
  END,
].join('\n');

console.log(section);
mkdirSync(dirname(JSON_OUT), { recursive: true });
writeFileSync(
  JSON_OUT,
  `${JSON.stringify({ node: process.version, feedloom: ours, rssParser: theirs, largestFiles: { rounds: ROUNDS, ...totals }, maxRssKb: process.resourceUsage().maxRSS }, null, 2)}\n`,
);
if (!args.includes('--no-write')) {
  const doc = readFileSync(DOC, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from === -1 || to === -1) throw new Error(`${DOC} has no ${START} ... ${END} section`);
  writeFileSync(DOC, doc.slice(0, from) + section + doc.slice(to + END.length));
  console.log(`\nwritten into ${DOC}`);
}
