// `npm run bench:security`: how long Feedloom takes to refuse or bound the hostile inputs of the
// catalogue (docs/security.md), each beside a benign input of the same kind measured in the same run,
// in this one process. Medians of a few runs; the figures go into docs/security.md between the bench
// markers. Options: --runs N (default 5), --no-write (print only).
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import zlib from 'node:zlib';
import { createExtractionPool } from '../shared/adapters/extraction-worker/extraction-pool';
import { createGuardedHttpClient } from '../shared/adapters/http/guarded-http-client';
import { articleFromFeedItem } from '../shared/extraction/extract-article';
import { prescanHtml } from '../shared/extraction/prescan-html';
import { sanitizeHtml } from '../shared/extraction/sanitize-html';
import { parseFeed } from '../shared/feed/parse-feed';
import { buildFeedItem } from './support/build-feed-item';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test/security/fixtures');
const DOC = join(ROOT, 'docs/security.md');
const START = '<!-- bench:security:start -->';
const END = '<!-- bench:security:end -->';
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg === -1 ? 5 : Number(args[runsArg + 1]);
const MiB = 1024 * 1024;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Median wall time of `task` over `runs` runs, in ms (its errors are expected and ignored). */
async function time(task: () => unknown, runs = RUNS): Promise<number> {
  const samples: number[] = [];
  for (let n = 0; n < runs; n++) {
    const started = performance.now();
    try {
      await task();
    } catch {
      // a refusal is the point
    }
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const rows: string[] = [];
const ms = (value: number): string => (value >= 100 ? `${Math.round(value).toLocaleString('en')} ms` : `${value.toFixed(1)} ms`);
function row(caseNo: string, hostile: string, hostileMs: number, benign: string, benignMs: number, note = ''): void {
  const ratio = benignMs > 0 ? `${(hostileMs / benignMs).toFixed(2)}x` : '-';
  rows.push(`| ${caseNo} | ${hostile} | ${ms(hostileMs)} | ${benign} | ${ms(benignMs)} | ${ratio} | ${note} |`);
  process.stdout.write(`${rows.at(-1)}\n`);
}

const rss = (items: string, extra = '') =>
  `<?xml version="1.0"?>${extra}<rss version="2.0"><channel><title>t</title><link>https://news.example/</link>${items}</channel></rss>`;
const plainFeed = (bytes: number) => rss(`<item><title>x</title><link>https://news.example/a</link><description>${'A'.repeat(bytes)}</description></item>`);

// Feeds and XML (cases 23, 24, 26, 27).
row(
  '#23',
  'billion laughs (9 levels), refused',
  await time(() => parseFeed(readFileSync(join(FIXTURES, 'b23-billion-laughs/feed.xml')))),
  '1 KB feed',
  await time(() => parseFeed(plainFeed(800))),
);
row(
  '#24',
  '10 KB entity x 1,000 refs, refused',
  await time(() => parseFeed(readFileSync(join(FIXTURES, 'b24-entity-amplification/feed.xml')))),
  '15 KB feed',
  await time(() => parseFeed(plainFeed(15_000))),
);
row(
  '#24',
  '2,000,000 numeric refs (10 MB), decoded',
  await time(() => parseFeed(rss(`<item><title>x</title><link>https://news.example/a</link><description>${'&#65;'.repeat(2_000_000)}</description></item>`))),
  '10 MB of plain text',
  await time(() => parseFeed(plainFeed(10_000_000))),
);
const manyItems = rss(
  Array.from({ length: 100_000 }, (_, n) => `<item><link>https://news.example/i/${n}</link><pubDate>Thu, 15 Jan 2026 09:00:00 GMT</pubDate></item>`).join(''),
);
row(
  '#26',
  `100,000 entries (${(manyItems.length / MiB).toFixed(1)} MB), parsed`,
  await time(() => parseFeed(manyItems), 3),
  '10 MB, 1 entry',
  await time(() => parseFeed(plainFeed(10_000_000)), 3),
);
const deepXml = `<rss version="2.0"><channel>${'<x>'.repeat(100_000)}`;
row(
  '#27',
  '100,000 nested elements, refused',
  await time(() => parseFeed(deepXml)),
  'same bytes, flat',
  await time(() => parseFeed(rss('<x></x>'.repeat(50_000)))),
);

// HTML (cases 28, 29, 31).
const nested = (depth: number) => `<html><body><article>${'<div>'.repeat(depth)}<p>text</p>${'</div>'.repeat(depth)}</article></body></html>`;
const flat = (elements: number) => `<html><body><article>${'<p>w</p>'.repeat(elements)}</article></body></html>`;
row(
  '#28',
  'pre-scan, 2,000 nested <div>, refused',
  await time(() => prescanHtml(nested(2_000))),
  'pre-scan, 2,000 flat <p>',
  await time(() => prescanHtml(flat(2_000))),
);
row(
  '#28',
  'pre-scan, 5,000 nested <div>, refused',
  await time(() => prescanHtml(nested(5_000))),
  'pre-scan, 5,000 flat <p>',
  await time(() => prescanHtml(flat(5_000))),
);
{
  const pool = createExtractionPool({ size: 1, timeoutMs: 2_000 });
  const limits = { maxChars: 1e12, maxDepth: 1e9, maxElements: 1e9 };
  await pool.extract(Buffer.from('<p>warm up</p>'), { url: 'https://news.example/w' });
  const killed = await time(() => pool.extract(Buffer.from(nested(2_000)), { url: 'https://news.example/deep', limits }), 3);
  const normal = await time(() => pool.extract(Buffer.from(nested(3)), { url: 'https://news.example/normal' }), 3);
  await pool.close();
  row(
    '#28',
    'worker watchdog, 2,000 nested, pre-scan bypassed (deadline 2 s)',
    killed,
    'worker, a normal page',
    normal,
    'time to EXTRACTION_TIMEOUT: the 2 s deadline counts from when the replacement worker is ready (a cold worker start is in the wall time)',
  );
}
row(
  '#29',
  'pre-scan, 40,000 elements, refused',
  await time(() => prescanHtml(flat(40_000))),
  'pre-scan, 20,000 elements',
  await time(() => prescanHtml(flat(20_000))),
);
{
  const cases = JSON.parse(readFileSync(join(FIXTURES, 'b31-xss/cases.json'), 'utf8')) as { html: string }[];
  const all = await time(() => {
    for (const { html } of cases) sanitizeHtml(html, { baseUrl: 'https://news.example/' });
  });
  const benign = '<p>This is a <strong>text</strong> with an <a href="/x">image</a>: <img src="/i.png" alt="i">.</p>';
  const baseline = await time(() => {
    for (let n = 0; n < cases.length; n++) sanitizeHtml(benign, { baseUrl: 'https://news.example/' });
  });
  row('#31', `sanitise the ${cases.length}-row XSS table`, all, `sanitise ${cases.length} benign paragraphs`, baseline);
}
{
  // The item is built outside the timed function: only articleFromFeedItem is measured.
  const fallback = (html: string) => {
    const item = buildFeedItem({ itemId: 'i', url: 'https://news.example/x', title: 't', contentHtml: html });
    return () => articleFromFeedItem({ url: 'https://news.example/x', now: new Date(), httpStatus: null, error: { code: 'X', message: 'x' }, item });
  };
  row(
    '#28 #31',
    'feed HTML 100,000 deep (text kept, markup refused)',
    await time(fallback(`${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}`)),
    'feed HTML, 3 paragraphs',
    await time(fallback('<p>a</p><p>b</p><p>c</p>')),
  );
}

// Responses (cases 18, 22), over loopback.
{
  const bomb = zlib.gzipSync(Buffer.alloc(50 * MiB));
  const plain = Buffer.alloc(4 * MiB, 'a');
  const server: Server = createServer((req, res) => {
    if (req.url === '/bomb') res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb);
    else if (req.url === '/plain') res.writeHead(200, { 'content-length': String(plain.length) }).end(plain);
    else if (req.url === '/drip') {
      res.writeHead(200);
      const timer = setInterval(() => res.write(' '), 500);
      res.on('close', () => clearInterval(timer));
    } else res.writeHead(200).end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createGuardedHttpClient({ userAgent: 'bench', allowPrivateNetwork: true });
  let peak = 0;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 1);
  const before = process.memoryUsage().rss;
  const bombMs = await time(() => client.get({ url: `${origin}/bomb`, maxBytes: 5 * MiB }));
  clearInterval(sample);
  const growth = (peak - before) / MiB;
  row(
    '#18',
    `gzip bomb (${Math.round(bomb.length / 1024)} KB -> 50 MB), cut at 5 MiB`,
    bombMs,
    '4 MiB plain body',
    await time(() => client.get({ url: `${origin}/plain` })),
    `peak RSS growth ${growth.toFixed(1)} MB`,
  );
  row(
    '#22',
    '1 byte / 500 ms, total deadline 2 s',
    await time(() => client.get({ url: `${origin}/drip`, timeoutMs: 2_000 }), 3),
    'small page',
    await time(() => client.get({ url: `${origin}/ok` })),
    'time to TIMEOUT',
  );
  server.closeAllConnections();
  server.close();
}

const table = [
  `Measured by \`npm run bench:security\` (${RUNS} runs, median; Node ${process.version}, one process, on a machine shared with other work).`,
  '',
  '| case | hostile input | time | benign input, same run | time | ratio | note |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
if (!args.includes('--no-write')) {
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`docs/security.md has no ${START} ... ${END} markers`);
  writeFileSync(DOC, `${doc.slice(0, start + START.length)}\n${table}\n${doc.slice(end)}`);
  process.stdout.write('figures written to docs/security.md\n');
}
