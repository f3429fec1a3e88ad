// `npx tsx bench/feed-parse-bench.ts`: feed parsing throughput in MB per CPU-second, Feedloom's
// parseFeed against rss-parser 3.13 used naively (a fresh instance per document, the bytes decoded as
// UTF-8), on the same inputs: the RSS and Atom files of the shared feed corpus that both parse. CPU
// time (process.cpuUsage: user + system, every thread, so garbage collection counts) rather than wall
// time, because other work shares this machine. The parsers alternate round by round (which goes
// first flips each round) and each figure is the median over the rounds.
//
// Options: --corpus DIR (the feeds corpus; default: bench/support/bench-data.ts) --rounds N (default 7)
//          --warmup N (uncounted rounds first, default 1) --quick (3 rounds) --json FILE (default
//          .bench-out/feed-parse-bench.json, which also keeps every round's CPU time)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Parser from 'rss-parser';
import { parseFeed } from '../shared/feed/parse-feed';
import { exitOnMissingData, requireCorpus } from './support/bench-data';

interface CorpusFile {
  path: string;
  bytes: number;
  format: string;
  is_feed: boolean;
}
interface Input {
  path: string;
  bytes: Buffer;
}
type ParserName = 'feedloom' | 'rssParser';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    rounds: { type: 'string' },
    warmup: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string', default: join(root, '.bench-out', 'feed-parse-bench.json') },
  },
});
const corpus = values.corpus === undefined ? exitOnMissingData(() => requireCorpus('feeds')) : resolve(values.corpus);
const rounds = Math.max(1, Number(values.rounds ?? (values.quick ? 3 : 7)));
const warmup = Math.max(0, Number(values.warmup));

async function parseWithFeedloom(input: Input): Promise<number> {
  return (await parseFeed(input.bytes, { url: `https://corpus.invalid/${input.path}` })).items.length;
}

async function parseWithRssParser(input: Input): Promise<number> {
  return ((await new Parser().parseString(input.bytes.toString('utf8'))).items ?? []).length;
}

const PARSERS: Record<ParserName, (input: Input) => Promise<number>> = { feedloom: parseWithFeedloom, rssParser: parseWithRssParser };

/** Resolves to whether `parse` succeeded; rss-parser can leave a promise unsettled, hence the deadline. */
async function parsesWithin(parse: () => Promise<number>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((done) => {
    timer = setTimeout(() => done(false), ms);
  });
  try {
    return await Promise.race([parse().then(() => true), deadline]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** The corpus's RSS and Atom files that both parsers read without an error. */
async function selectInputs(): Promise<{ inputs: Input[]; candidates: number }> {
  const index = JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8')) as { files: CorpusFile[] };
  const candidates = index.files.filter((f) => f.is_feed && /^(rss|atom)/.test(f.format));
  const inputs: Input[] = [];
  for (const file of candidates) {
    const input = { path: file.path, bytes: readFileSync(join(corpus, file.path)) };
    if ((await parsesWithin(() => parseWithRssParser(input), 2000)) && (await parsesWithin(() => parseWithFeedloom(input), 5000))) inputs.push(input);
  }
  return { inputs, candidates: candidates.length };
}

/** CPU milliseconds (user + system) one parser takes over every input, in order. */
async function cpuMsFor(name: ParserName, inputs: Input[]): Promise<number> {
  const parse = PARSERS[name];
  const before = process.cpuUsage();
  for (const input of inputs) await parse(input);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const { inputs, candidates } = await selectInputs();
const largest = [...inputs].sort((a, b) => b.bytes.length - a.bytes.length).slice(0, 8);
const sets = { all: inputs, largest8: largest };
const megabytes = (set: Input[]): number => set.reduce((sum, input) => sum + input.bytes.length, 0) / 1e6;
process.stderr.write(
  `feed-parse: ${inputs.length} of ${candidates} RSS/Atom files parse with both (${megabytes(inputs).toFixed(2)} MB); ${warmup} warm-up + ${rounds} rounds\n`,
);

const cpuMs: Record<keyof typeof sets, Record<ParserName, number[]>> = { all: { feedloom: [], rssParser: [] }, largest8: { feedloom: [], rssParser: [] } };
for (let round = 0; round < warmup + rounds; round++) {
  const order: ParserName[] = round % 2 ? ['rssParser', 'feedloom'] : ['feedloom', 'rssParser'];
  for (const [setName, set] of Object.entries(sets) as [keyof typeof sets, Input[]][]) {
    for (const name of order) {
      const ms = await cpuMsFor(name, set);
      if (round >= warmup) cpuMs[setName][name].push(ms);
    }
  }
  process.stderr.write(`  round ${round}${round < warmup ? ' (warm-up)' : ''} done\n`);
}

interface SetResult {
  files: number;
  megabytes: number;
  feedloom: { cpuMsMedian: number; mbPerCpuSecond: number };
  rssParser: { cpuMsMedian: number; mbPerCpuSecond: number };
  speedRatioMedian: number;
  /** Each counted round's CPU milliseconds, in order (the warm-up shows in the first ones). */
  cpuMsByRound: Record<ParserName, number[]>;
}

function summarizeSet(setName: keyof typeof sets): SetResult {
  const mb = megabytes(sets[setName]);
  const figures = (name: ParserName) => {
    const cpu = median(cpuMs[setName][name]);
    return { cpuMsMedian: cpu, mbPerCpuSecond: mb / (cpu / 1000) };
  };
  // Per round, then the median: a load spike in one round moves both parsers of that round.
  const ratios = cpuMs[setName].feedloom.map((ms, i) => (cpuMs[setName].rssParser[i] as number) / ms);
  const byRound = { feedloom: cpuMs[setName].feedloom.map(Math.round), rssParser: cpuMs[setName].rssParser.map(Math.round) };
  return {
    files: sets[setName].length,
    megabytes: mb,
    feedloom: figures('feedloom'),
    rssParser: figures('rssParser'),
    speedRatioMedian: median(ratios),
    cpuMsByRound: byRound,
  };
}

const results = { all: summarizeSet('all'), largest8: summarizeSet('largest8') };
const row = (label: string, r: SetResult): string =>
  `| ${label} | ${r.files} | ${r.megabytes.toFixed(2)} | ${r.feedloom.mbPerCpuSecond.toFixed(1)} | ${r.rssParser.mbPerCpuSecond.toFixed(1)} | ${r.speedRatioMedian.toFixed(2)} |`;
process.stdout.write(
  [
    `Node ${process.version}, ${cpus().length} cores (shared); median of ${rounds} alternating rounds of CPU time (user + system), after ${warmup} warm-up round(s).`,
    '',
    '| inputs | files | MB | Feedloom MB/CPU-s | rss-parser MB/CPU-s | Feedloom speed / rss-parser |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('RSS/Atom files both parse', results.all),
    row('the 8 largest of them', results.largest8),
    '',
  ].join('\n'),
);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(
  values.json,
  `${JSON.stringify({ node: process.version, rounds, warmup, candidates, largest8: largest.map((i) => i.path), results, maxRssKb: process.resourceUsage().maxRSS }, null, 2)}\n`,
);
