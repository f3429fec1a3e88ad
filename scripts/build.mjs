// Builds what `npm install` users run without TypeScript tooling: the library (dist/index.js),
// the CLI (dist/cli.js) and the extraction worker thread it starts (dist/extraction-worker.js).
// Dependencies stay external; they are installed beside the package.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };
await build({
  ...common,
  entryPoints: { index: 'shared/index.ts', cli: 'cli/bin.ts', 'extraction-worker': 'shared/adapters/extraction-worker/extraction-worker.ts' },
  outdir: 'dist',
});
