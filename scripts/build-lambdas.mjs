// Builds the Lambda deployment packages into dist/lambdas/<function>/ (the CDK stack's assets; cdk.json
// runs this before every synth). Each handler is bundled with esbuild into index.mjs. The AWS SDK v3
// stays external: the nodejs22.x runtime provides it. jsdom does not survive bundling (it reads its
// default stylesheet, css-tree's data and the xhr-sync-worker from files at run time), so it stays
// external too and is shipped with its dependency closure, copied from node_modules with npm's layout.
//
//   node scripts/build-lambdas.mjs [--outdir DIR] [--only NAME,...] [--json]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { copyPackageClosure } from './package-closure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FUNCTIONS = ['dispatch', 'fetch-feed', 'extract-article', 'sync-feeds', 'check-site-health'];
/** Packages the bundle must not contain; the ones not provided by the runtime are shipped beside it. */
const EXTERNAL = ['@aws-sdk/*', 'jsdom'];
const SHIPPED = ['jsdom'];

const { values } = parseArgs({
  options: { outdir: { type: 'string', default: join(root, 'dist', 'lambdas') }, only: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const outRoot = resolve(values.outdir);
const names = values.only ? values.only.split(',') : FUNCTIONS;

function sizeOf(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

function zippedSize(dir) {
  const zip = join(dir, '..', `${relative(dirname(dir), dir)}.zip`);
  rmSync(zip, { force: true });
  try {
    execFileSync('zip', ['-qr9', zip, '.'], { cwd: dir });
  } catch {
    return null; // no zip tool: the size is reported unzipped only
  }
  const size = statSync(zip).size;
  rmSync(zip);
  return size;
}

// Feedloom's own modules have no import-time side effects; saying so lets esbuild drop the ones a
// handler never calls (the shared composition root names every adapter), and with them unused
// external imports such as jsdom in the functions that never extract a page.
const ownModulesArePure = {
  name: 'own-modules-are-pure',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData?.pure || args.importer.includes('/node_modules/')) return undefined;
      const resolved = await builder.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { pure: true } });
      if (resolved.errors.length || resolved.path.includes('/node_modules/')) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

const report = [];
for (const name of names) {
  if (!FUNCTIONS.includes(name)) throw new Error(`unknown function ${name}; expected one of ${FUNCTIONS.join(', ')}`);
  const outDir = join(outRoot, name);
  rmSync(outDir, { recursive: true, force: true });
  // extract-article runs Readability in a worker thread it can terminate at a deadline, so its
  // package carries the worker's entry beside the handler (found by defaultWorkerUrl).
  const entryPoints = { index: join(root, 'functions', name, 'handler.ts') };
  if (name === 'extract-article') entryPoints['extraction-worker'] = join(root, 'shared/adapters/extraction-worker/extraction-worker.ts');
  const result = await build({
    entryPoints,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    // A dynamic import() becomes a chunk loaded when it runs: extract-article's composition root
    // defers jsdom and Readability to the first record this way (without splitting, esbuild would
    // hoist jsdom's import to the top of index.mjs and init would load it anyway). Only there:
    // esbuild makes a chunk of every import() before tree shaking, so the other functions would
    // carry the extraction chunks, and ship jsdom, for code they never run.
    splitting: name === 'extract-article',
    // Chunks sit beside index.mjs: the pool finds extraction-worker.mjs next to its own module.
    chunkNames: '[name]-[hash]',
    target: 'node22',
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    external: EXTERNAL,
    metafile: true,
    plugins: [ownModulesArePure],
    logLevel: 'warning',
    legalComments: 'linked',
    // CommonJS dependencies call require(); an ES module has none unless it is made.
    banner: { js: "import { createRequire as __feedloomRequire } from 'node:module'; const require = __feedloomRequire(import.meta.url);" },
  });
  const imported = new Set(Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path)));
  const shipped = SHIPPED.filter((pkg) => imported.has(pkg));
  const packages = shipped.length ? copyPackageClosure(shipped, root, outDir) : 0;
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  // Our JavaScript: index.mjs plus, for extract-article, its chunks and the worker entry.
  const bundleBytes = Object.keys(result.metafile.outputs)
    .filter((file) => file.endsWith('.mjs'))
    .reduce((sum, file) => sum + statSync(resolve(file)).size, 0);
  const nodeModulesBytes = existsSync(join(outDir, 'node_modules')) ? sizeOf(join(outDir, 'node_modules')) : 0;
  report.push({ name, bundleBytes, shipped, packages, nodeModulesBytes, totalBytes: sizeOf(outDir), zippedBytes: zippedSize(outDir) });
}

if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  const kib = (bytes) => (bytes === null ? '-' : `${(bytes / 1024).toFixed(0)} KiB`);
  for (const r of report) {
    process.stdout.write(
      `${r.name.padEnd(16)} bundle ${kib(r.bundleBytes).padStart(9)}  node_modules ${kib(r.nodeModulesBytes).padStart(9)} (${r.packages} packages)  total ${kib(r.totalBytes).padStart(9)}  zipped ${kib(r.zippedBytes).padStart(9)}\n`,
    );
  }
}
