// `npm start`: serves the bundled demo news site on 127.0.0.1, runs one pipeline cycle on the
// embedded DynamoDB (.feedloom/), and prints the summary and how to query what was stored.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/main';
import { type SiteServer, serveSite } from './serve-site';

// The AWS SDK warns on every start that it will want Node 22 from 2027; the CLI targets Node 20+
// and the Lambdas run 22, so the notice is noise for command-line users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const here = dirname(fileURLToPath(import.meta.url));
// A fixed port keeps the demo's URLs, and so its article ids, the same from run to run: a second
// `npm start` then shows conditional GETs answered 304 and nothing rewritten.
const DEMO_PORT = 4477;

async function startSite(): Promise<SiteServer> {
  try {
    return await serveSite({ root: join(here, 'site'), port: DEMO_PORT });
  } catch {
    return serveSite({ root: join(here, 'site') });
  }
}

const site = await startSite();
const cwd = process.cwd();
const db = site.origin.endsWith(`:${DEMO_PORT}`) ? '.feedloom' : join('.feedloom', `demo-${site.origin.split(':').pop()}`);
const feedsFile = join(cwd, db, 'demo-feeds.txt');
await mkdir(dirname(feedsFile), { recursive: true });
await writeFile(feedsFile, ['world.rss', 'tech.atom', 'culture.json'].map((name) => `${site.origin}/feeds/${name}`).join('\n'));

process.stdout.write(`Feedloom demo: news site at ${site.origin}, database in ${db}/\n\n`);
const code = await runCli(['run', '--once', '--all', '--allow-private-network', '--db', db, '--feeds', relative(cwd, feedsFile)], {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd,
  env: process.env,
});
await site.close();
const dbFlag = db === '.feedloom' ? '' : ` --db ${db}`;
if (code === 0) {
  process.stdout.write(`
Query the results:
  npx feedloom articles${dbFlag}                 newest first
  npx feedloom articles${dbFlag} --json          JSON Lines, one Article per line
  npx feedloom article ID_OR_URL${dbFlag}        one Article
  npx feedloom feeds list${dbFlag}               feeds and their fetch state
Run \`npm start\` again: the feeds answer 304 Not Modified and nothing is rewritten.

Look at the articles in your browser (read-only viewer; prints its URL, Ctrl-C to stop):
  npx feedloom serve${dbFlag}

Run one Lambda function's handler on an event, locally (examples/events/README.md):
  npm run demo:site &                    the demo news site again, on http://127.0.0.1:${DEMO_PORT}
  npx feedloom invoke extract-article --event examples/events/extract-article-job.json --db .feedloom/invoke --allow-private-network
  npx feedloom article http://127.0.0.1:${DEMO_PORT}/news/mena/iran-china-agree-to-step-up-military-cooperation.html --db .feedloom/invoke
`);
}
process.exit(code);
