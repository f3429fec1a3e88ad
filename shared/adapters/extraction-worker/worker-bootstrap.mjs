// Entry of an extraction worker when Feedloom runs from its TypeScript sources (tests, tsx, the
// benchmarks): registers tsx in this thread, then loads the worker. The built package ships
// dist/extraction-worker.js instead, which needs no loader.
import { register } from 'tsx/esm/api';

register();
await import('./extraction-worker.ts');
