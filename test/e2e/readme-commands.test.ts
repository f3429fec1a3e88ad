// Every command the README and docs/*.md show in a fenced sh block, run on this checkout in its
// quickest form, as a new user would: it must exit as documented and never print a stack trace.
// The commands are read from the Markdown, so a command added to the docs without an entry in
// QUICK_FORMS below fails the first test, naming it: add an entry (a quick run, or a skip with its
// reason) when you document a command.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findCorpus } from '../../bench/support/bench-data';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'readme-commands-'));
/** An empty benchmark-data root: the benches that need corpora take their "missing data" path. */
const noBenchData = join(scratch, 'no-bench-data');
mkdirSync(noBenchData);
const db = join(scratch, 'db');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const referencePage = 'demo/site/news/mena/iran-china-agree-to-step-up-military-cooperation.html';
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A command as the docs show it. */
interface Documented {
  where: string;
  command: string;
}

/** How a documented command is checked: one quick run (argv, run from the checkout unless `cwd`), or a skip with its reason. */
type QuickForm = { run: string[]; cwd?: string; exit?: number; output?: RegExp; env?: Record<string, string>; timeoutMs?: number } | { skip: string };

const MISSING_DATA = /^benchmark data "[a-z-]+" not found \(looked in .*\); .+$/m;
const needsAws = { skip: 'needs an AWS account (docs/deploy.md)' };

/**
 * The first entry whose pattern matches a documented command (whitespace collapsed) decides how it is
 * checked. Commands mapping to the same run are run once.
 */
const QUICK_FORMS: [RegExp, QuickForm | ((command: string) => QuickForm)][] = [
  // Against AWS: deployment, the AWS CLI examples for consumers, the CLI pointed at a real DynamoDB.
  [/^(aws |for |done\b|arn\(\) )/, needsAws],
  [/^npx cdk (bootstrap|deploy|destroy)\b/, needsAws],
  [/^export (FEEDLOOM_[A-Z_]+_TABLE=|AWS_)/, needsAws],
  [/--endpoint https:\/\/dynamodb\./, needsAws],
  [/^(npx cdk synth|npm run synth)\b/, { skip: '.ci/run runs `npm run synth -- --quiet` on its clean clone before the suite' }],
  [/^npm ci$/, { skip: '.ci/run installs the clean clone with it; this suite runs on what it installed' }],
  [/^npm test$/, { skip: 'the suite this test belongs to' }],
  // `npm start` is `tsx demo/start.ts`: run from a scratch folder, so its database (.feedloom/) does not land in the checkout.
  [/^npm start$/, { run: [tsx, join(root, 'demo/start.ts')], cwd: scratch, output: /dead letters 0/, timeoutMs: 280_000 }],
  [/^npx feedloom run\b/, { run: ['npx', 'feedloom', 'run', '--help'], output: /Usage: feedloom/ }],
  [/^npx feedloom articles\b/, { run: ['npx', 'feedloom', 'articles', '--json', '--db', db] }],
  [/^npx feedloom article\b/, { run: ['npx', 'feedloom', 'article', '--help'], output: /Usage: feedloom/ }],
  [/^npx feedloom extract\b/, { run: ['npx', 'feedloom', 'extract', referencePage, '--url', 'https://example.com/a'], output: /"status": ?"extracted"/ }],
  [/^npx feedloom parse\b/, { run: ['npx', 'feedloom', 'parse', 'demo/site/feeds/world.rss'], output: /"format": ?"rss"/ }],
  [/^npx feedloom feeds (list|add|remove|import)\b/, { run: ['npx', 'feedloom', 'feeds', 'list', '--db', db] }],
  // Commands of other branches, at their quickest (`--help`); replace with a real quick run where one is cheap.
  [/^npx feedloom (serve|invoke|dead-letters|reextract|sites)\b/, (command) => feedloomHelp(command)],
  [/^npx feedloom feeds (pause|resume|revive)\b/, (command) => feedloomHelp(command)],
  // Benchmarks: those that need corpora meet an empty data root and must say so in one line (exit 2);
  // those that need none run at their smallest size.
  [/^npm run bench( |$)/, { run: ['npm', 'run', '-s', 'bench', '--', '--quick', '--only', 'extract,feeds,feed-parse,ingest'], exit: 2, output: MISSING_DATA }],
  [/^npm run bench:extract\b/, { run: ['npm', 'run', '-s', 'bench:extract', '--', '--rounds', '1'], exit: 2, output: MISSING_DATA }],
  [/^npm run bench:feeds\b/, { run: ['npm', 'run', '-s', 'bench:feeds', '--', '--no-write'], exit: 2, output: MISSING_DATA }],
  [/^npx tsx bench\/feed-parse-bench\.ts\b/, { run: ['npx', 'tsx', 'bench/feed-parse-bench.ts', '--quick'], exit: 2, output: MISSING_DATA }],
  [
    /^npx tsx scripts\/hash-feed-outputs\.ts\b/,
    { run: ['npx', 'tsx', 'scripts/hash-feed-outputs.ts', '--write', join(scratch, 'feed-hashes.json')], exit: 2, output: MISSING_DATA },
  ],
  [
    /^npx tsx scripts\/measure-article-writes\.ts\b/,
    { run: ['npx', 'tsx', 'scripts/measure-article-writes.ts', '--qualities', '5'], exit: 2, output: MISSING_DATA },
  ],
  [
    /^npx tsx scripts\/measure-politeness-cost\.ts\b/,
    { run: ['npx', 'tsx', 'scripts/measure-politeness-cost.ts', '--workers', '1', '--requests', '4', '--delay-ms', '10'], timeoutMs: 280_000 },
  ],
  [
    /^npm run bench:storage\b/,
    { skip: 'about three minutes on DynamoDB Local with no quick form; its store and reader run in test/integration/storage on both engines' },
  ],
  // The A/B speed check: its set-up lines make the older checkout; the bench itself runs against this one.
  [/^(git worktree add --detach|ln -s "\$PWD\/node_modules") /, { skip: 'makes the older checkout the A/B bench compares with' }],
  [
    /^node --expose-gc --import tsx bench\/extract-ab-bench\.ts\b/,
    { run: ['node', '--expose-gc', '--import', 'tsx', 'bench/extract-ab-bench.ts', '--before', root, '--rounds', '2'], exit: 2, output: MISSING_DATA },
  ],
  // The consumer's get-by-URL example computes the article id in the shell: it must give the documented id.
  [/^U='https:\/\/meridian-ledger\.example\//, { skip: 'sets the URL the next line turns into an id (run there)' }],
  [
    /^ID=\$\(printf %s "\$U" \| openssl dgst/,
    (command) => ({
      run: ['sh', '-c', `U='https://meridian-ledger.example/news/mena/iran-china-agree-to-step-up-military-cooperation.html'; ${command}; echo "$ID"`],
      output: /^FJdMnDgzJNxmQ6DFQhABtn$/m,
    }),
  ],
  [
    /^npm run bench:ingest\b/,
    {
      run: ['npm', 'run', '-s', 'bench:ingest', '--', '--pages', 'demo', '--feeds', '1', '--items', '2', '--quick', '--json', join(scratch, 'ingest.json')],
      timeoutMs: 280_000,
    },
  ],
  [
    /^npm run bench:load\b/,
    { run: ['npm', 'run', '-s', 'bench:load', '--', '--feeds', '2', '--items', '2', '--hosts', '1', '--json', join(scratch, 'load.json')] },
  ],
  [
    /^npx tsx bench\/cold-start\.ts\b/,
    { run: ['npx', 'tsx', 'bench/cold-start.ts', '--runs', '1', '--json', join(scratch, 'cold-start.json')], timeoutMs: 280_000 },
  ],
  [/^npm run demo:site\b/, { skip: 'serves the demo site until stopped; test/integration/cli-invoke.test.ts runs the examples against the same server' }],
  [
    /^npx tsx scripts\/measure-extraction-memory\.ts\b/,
    { run: ['npx', 'tsx', 'scripts/measure-extraction-memory.ts', '--heap-mb', '256'], exit: 2, output: MISSING_DATA },
  ],
  [/^npx tsx scripts\/measure-lambda-cost\.ts\b/, { run: ['npx', 'tsx', 'scripts/measure-lambda-cost.ts', '--rounds', '1'], timeoutMs: 280_000 }],
  [
    /^npm run bench:data\b/,
    { skip: 'downloads from GitHub; the command itself runs on a loopback mirror in test/integration/bench-data/fetch-bench-data.test.ts' },
  ],
  // The shared scorers run directly: only where the corpora are (they have no public download).
  [/^node (--import tsx )?"\$\{FEEDLOOM_BENCH_DATA:-\.\.\/shared\/bench\}\/tools\/score-zyte\.mjs" (\S+)/, scorerForm],
];

/** `npx feedloom <its subcommand> --help`. */
function feedloomHelp(command: string): QuickForm {
  return { run: ['npx', 'feedloom', ...command.split(' ').slice(2, 3), '--help'], output: /Usage: feedloom/ };
}

function scorerForm(): QuickForm {
  const tools = findCorpus('tools');
  if (tools === null || findCorpus('article-extraction') === null) return { skip: 'needs the shared scorers and corpora (FEEDLOOM_BENCH_DATA)' };
  return { run: ['node', '--import', 'tsx', join(tools, 'score-zyte.mjs'), 'bench/adapters/zyte-feedloom.mjs', '--quiet', '--limit', '3'] };
}

/** The commands of every fenced sh block of README.md and docs/*.md: continuations joined, comments and prompts dropped, `&&` split. */
function documentedCommands(): Documented[] {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => `docs/${file}`),
  ];
  const out: Documented[] = [];
  for (const file of files.sort()) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    let inBlock = false;
    let pending = '';
    let pendingLine = 0;
    lines.forEach((raw, index) => {
      const fence = /^\s*(```+|~~~+)\s*(\S*)/.exec(raw);
      if (fence) {
        inBlock = !inBlock && /^(sh|bash|shell|console|zsh)$/i.test(fence[2] ?? '');
        pending = '';
        return;
      }
      if (!inBlock) return;
      const line = stripComment(raw.replace(/^\s*\$ /, ''));
      if (!pending) pendingLine = index + 1;
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1)} `;
        return;
      }
      const command = `${pending}${line}`.replace(/\s+/g, ' ').trim();
      pending = '';
      if (!command) return;
      for (const part of command.split(' && ')) out.push({ where: `${file}:${pendingLine}`, command: part.trim() });
    });
  }
  return out;
}

/** A line without its trailing `# comment` (a `#` outside quotes, at the start or after a space). */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

function quickFormOf(command: string): QuickForm | null {
  for (const [pattern, form] of QUICK_FORMS) {
    if (pattern.test(command)) return typeof form === 'function' ? form(command) : form;
  }
  return null;
}

const documented = documentedCommands();
const runs = new Map<string, { form: Extract<QuickForm, { run: string[] }>; commands: Documented[] }>();
const skipped: { command: string; reason: string }[] = [];
const uncovered: Documented[] = [];
for (const entry of documented) {
  const form = quickFormOf(entry.command);
  if (form === null) uncovered.push(entry);
  else if ('skip' in form) skipped.push({ command: entry.command, reason: form.skip });
  else {
    const key = JSON.stringify(form.run);
    const known = runs.get(key);
    if (known) known.commands.push(entry);
    else runs.set(key, { form, commands: [entry] });
  }
}

/** A V8 stack frame ("    at fn (file:12:3)"): what a user must never see. */
const STACK_FRAME = /^\s+at (?:.+ \()?(?:node:|file:|\/|[A-Za-z]:\\).*:\d+(?::\d+)?\)?$/m;

function run(form: Extract<QuickForm, { run: string[] }>): Promise<{ code: number | null; output: string }> {
  const [program, ...args] = form.run as [string, ...string[]];
  return new Promise((done) => {
    const child = execFile(
      program,
      args,
      {
        cwd: form.cwd ?? root,
        // Offline: `npx feedloom` must resolve to this checkout, never to a download (tests talk to 127.0.0.1 only).
        env: { ...process.env, FEEDLOOM_BENCH_DATA: noBenchData, NO_COLOR: '1', npm_config_offline: 'true', ...form.env },
        timeout: form.timeoutMs ?? 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (_error, stdout, stderr) => done({ code: child.exitCode, output: `${stdout}${stderr}` }),
    );
  });
}

describe('the commands the README and docs show', () => {
  it('finds the documented commands, and each has a quick form or a reason to skip it', () => {
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.map((entry) => entry.command)).toEqual(expect.arrayContaining(['npm start', 'npm run bench -- --quick']));
    const message = uncovered.map((entry) => `  ${entry.where}: ${entry.command}`).join('\n');
    expect(uncovered, `documented commands with no entry in QUICK_FORMS (test/e2e/readme-commands.test.ts):\n${message}`).toEqual([]);
  });

  it.each([...runs.values()].map((entry) => [entry.form.run.join(' ').replace(root, ''), entry] as const))(
    '%s',
    async (_name, { form, commands }) => {
      const { code, output } = await run(form);
      const context = `for ${commands.map((entry) => `${entry.where} \`${entry.command}\``).join(', ')}:\n${output.slice(-3000)}`;
      expect(output, `stack trace in the output ${context}`).not.toMatch(STACK_FRAME);
      expect(code, `exit code ${context}`).toBe(form.exit ?? 0);
      if (form.output) expect(output, `expected output ${context}`).toMatch(form.output);
    },
    300_000,
  );

  it('lists what it skips and why', () => {
    // Every skip names its reason; the reasons are the table's, so a typo cannot hide a command.
    for (const entry of skipped) expect(entry.reason.length).toBeGreaterThan(10);
  });
});
