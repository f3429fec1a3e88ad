// Sizes the extract-article function's memory from measurement: runs every page of the Zyte
// benchmark (181 real news pages, read through bench/support/bench-data.ts) through the extraction
// worker pool as deployed (one worker, 20 s deadline) with a given worker heap limit, and reports
// the pages that ran out of heap or time and the process's peak resident set (main thread plus
// worker: what Lambda reports as Max Memory Used). docs/scaling.md, "Memory".
//
//   npx tsx scripts/measure-extraction-memory.ts [--heap-mb 256] [--rounds 1]
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadZytePages } from '../bench/support/article-pages';
import { exitOnMissingData } from '../bench/support/bench-data';
import { createExtractionPool } from '../shared/adapters/extraction-worker/extraction-pool';

const { values } = parseArgs({ options: { 'heap-mb': { type: 'string', default: '256' }, rounds: { type: 'string', default: '1' } } });
const maxHeapMb = Number(values['heap-mb']);
const pages = exitOnMissingData(() => loadZytePages());
const pool = createExtractionPool({ size: 1, timeoutMs: 20_000, maxHeapMb });
const failures: Record<string, number> = {};
const statuses: Record<string, number> = {};
let largestPageBytes = 0;
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [index, html] of pages.entries()) {
    largestPageBytes = Math.max(largestPageBytes, Buffer.byteLength(html));
    const article = await pool.extract(new TextEncoder().encode(html), { url: `https://example.com/page-${index}.html`, now: new Date() });
    statuses[article.status] = (statuses[article.status] ?? 0) + 1;
    const code = article.extraction.error?.code;
    if (code && /MEMORY|HEAP|TIMEOUT|CRASH|DEADLINE/i.test(code)) failures[code] = (failures[code] ?? 0) + 1;
    await yieldToEventLoop();
  }
}
const stats = pool.stats();
await pool.close();
process.stdout.write(
  `${JSON.stringify({ maxHeapMb, pages: pages.length, rounds: Number(values.rounds), largestPageKb: Math.round(largestPageBytes / 1024), statuses, resourceFailures: failures, pool: stats, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 2)}\n`,
);
