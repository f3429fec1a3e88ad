// How fast this machine is right now, in a unit with a known quiet-machine value: the CPU time per
// page of the naive pipeline (Readability 0.6 on jsdom 27.0.1, `textContent`, as bench/extract-bench.ts
// runs it) over the Zyte benchmark's 181 pages, one pass after a 20-page warm-up. On a quiet machine
// its median page took 90.0 ms (docs/extraction.md), so `medianMs / 90.0` is how much the current
// load stretches CPU time; bench/extract-batch-bench.ts runs this before and after its batches and
// docs/scaling.md divides the handler's CPU by it. Prints one JSON line.
import { loadavg } from 'node:os';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { loadZytePages } from './article-pages';
import { exitOnMissingData } from './bench-data';

/** The naive pipeline's median page on a quiet machine (docs/extraction.md, `npm run bench:extract`). */
const NAIVE_QUIET_MEDIAN_MS = 90.0;

const pages = exitOnMissingData(() => loadZytePages());
const silent = new VirtualConsole();
const naive = (html: string): string => {
  const dom = new JSDOM(html, { url: 'https://news.example/story.html', virtualConsole: silent });
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } finally {
    dom.window.close();
  }
};
const load = loadavg()[0] as number;
for (const html of pages.slice(0, 20)) {
  naive(html);
  await new Promise((done) => setImmediate(done));
}
const cpuMs: number[] = [];
for (const html of pages) {
  const cpu = process.cpuUsage();
  naive(html);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  // jsdom frees a window's memory only after the event loop turns (DESIGN's trap list).
  await new Promise((done) => setImmediate(done));
}
const sorted = [...cpuMs].sort((a, b) => a - b);
const medianMs = ((sorted[(sorted.length - 1) >> 1] as number) + (sorted[sorted.length >> 1] as number)) / 2;
process.stdout.write(
  `${JSON.stringify({ pages: pages.length, medianMs: Number(medianMs.toFixed(1)), stretch: Number((medianMs / NAIVE_QUIET_MEDIAN_MS).toFixed(3)), loadAverage1m: Number(load.toFixed(2)) })}\n`,
);
