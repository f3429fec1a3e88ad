// `npx tsx bench/cold-start.ts`: what a Lambda cold start costs in module loading. Builds the four
// function packages (scripts/build-lambdas.mjs), reports each one's size raw and zipped, then imports
// each handler bundle in fresh `node` processes (the functions interleaved round by round, so load
// from other work on the machine hits them alike) and reports the median import time, the peak RSS,
// and which packages the import loaded. Importing a handler is what Lambda's init phase does.
//
// Options: --runs N (fresh processes per function, default 7) --quick (3 runs) --no-build (measure
//          what dist/lambdas holds) --outdir DIR (default dist/lambdas) --json FILE
//          (default .bench-out/cold-start.json)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface BuildRow {
  name: string;
  bundleBytes: number;
  nodeModulesBytes: number;
  totalBytes: number;
  zippedBytes: number | null;
  packages: number;
}
interface ImportSample {
  importMs: number;
  maxRssKb: number;
  heapUsedMb: number;
  packages: string[];
}

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    outdir: { type: 'string', default: join(root, 'dist', 'lambdas') },
    json: { type: 'string', default: join(root, '.bench-out', 'cold-start.json') },
  },
});
const runs = Math.max(1, Number(values.runs ?? (values.quick ? 3 : 7)));
const outdir = resolve(values.outdir);
const FUNCTIONS = ['dispatch', 'fetch-feed', 'extract-article', 'sync-feeds', 'check-site-health'];

// Run in a fresh process: the time to import the bundle, and the CommonJS packages that import pulled
// in (jsdom and its closure are CommonJS, so they show up in require.cache when they load).
const PROBE = `
import { createRequire } from 'node:module';
const started = performance.now();
await import(process.argv[1]);
const importMs = performance.now() - started;
const cache = Object.keys(createRequire(import.meta.url).cache);
const packages = [...new Set(cache.map((p) => p.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/)?.[1]).filter(Boolean))].sort();
process.stdout.write(JSON.stringify({ importMs, maxRssKb: process.resourceUsage().maxRSS, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, packages }));
`;

function buildPackages(): BuildRow[] {
  const out = execFileSync(process.execPath, [join(root, 'scripts', 'build-lambdas.mjs'), '--outdir', outdir, '--json'], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as BuildRow[];
}

/** Imports `entry` in a new node process with an empty environment, as a fresh execution environment would. */
function probeImport(entry: string): ImportSample {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, pathToFileURL(entry).href], {
    cwd: dirname(entry),
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  });
  return JSON.parse(out) as ImportSample;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const kib = (bytes: number | null): string => (bytes === null ? '-' : `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`);

const sizes = values['no-build'] ? [] : buildPackages();
const emptyModule = join(outdir, 'empty-module.mjs');
writeFileSync(emptyModule, 'export {};\n');
const targets = [['(empty module: node itself)', emptyModule] as const, ...FUNCTIONS.map((name) => [name, join(outdir, name, 'index.mjs')] as const)];
const samples = new Map<string, ImportSample[]>(targets.map(([name]) => [name, []]));
for (let run = 0; run < runs; run++) {
  for (const [name, entry] of run % 2 ? [...targets].reverse() : targets) samples.get(name)?.push(probeImport(entry));
  process.stderr.write(`  run ${run + 1}/${runs} done\n`);
}

const rows = targets.map(([name]) => {
  const list = samples.get(name) ?? [];
  const size = sizes.find((s) => s.name === name);
  return {
    name,
    bundleBytes: size?.bundleBytes ?? null,
    nodeModulesBytes: size?.nodeModulesBytes ?? null,
    totalBytes: size?.totalBytes ?? null,
    zippedBytes: size?.zippedBytes ?? null,
    importMsMedian: median(list.map((s) => s.importMs)),
    importMsMin: Math.min(...list.map((s) => s.importMs)),
    importMsMax: Math.max(...list.map((s) => s.importMs)),
    maxRssMbMedian: median(list.map((s) => s.maxRssKb / 1024)),
    heapUsedMbMedian: median(list.map((s) => s.heapUsedMb)),
    packagesLoaded: list[0]?.packages ?? [],
  };
});

const lines = [
  `${runs} fresh \`node\` processes per function (${process.version}, ${cpus().length} cores, shared), functions interleaved; import time is median (min-max).`,
  '',
  '| function | our JS | folder | zipped | import ms | max RSS | heap after import | packages loaded at init (CommonJS) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${kib(r.bundleBytes)} | ${kib(r.totalBytes)} | ${kib(r.zippedBytes)} | ${r.importMsMedian.toFixed(0)} (${r.importMsMin.toFixed(0)}-${r.importMsMax.toFixed(0)}) | ${r.maxRssMbMedian.toFixed(0)} MB | ${r.heapUsedMbMedian.toFixed(1)} MB | ${r.packagesLoaded.length ? `${r.packagesLoaded.length}: ${r.packagesLoaded.slice(0, 6).join(', ')}${r.packagesLoaded.length > 6 ? ', ...' : ''}` : 'none'} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(dirname(values.json), { recursive: true });
writeFileSync(values.json, `${JSON.stringify({ node: process.version, runs, rows, maxRssKb: process.resourceUsage().maxRSS }, null, 2)}\n`);
