// `npm run demo:site`: serves the bundled demo news site on http://127.0.0.1:4477 (the port `npm start`
// uses, so the example events in examples/events/ point at it) until Ctrl-C.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite } from './serve-site';

const root = join(dirname(fileURLToPath(import.meta.url)), 'site');
const port = Number(process.env.DEMO_PORT ?? 4477);
try {
  const site = await serveSite({ root, port });
  process.stdout.write(`${site.origin}\n`);
  process.stderr.write('demo news site running; press Ctrl-C to stop\n');
  const stop = (): void => {
    void site.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`cannot serve the demo site on 127.0.0.1:${port}: ${(error as Error).message} (set DEMO_PORT to another port)\n`);
  process.exit(1);
}
