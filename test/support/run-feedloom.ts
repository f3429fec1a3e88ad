import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The tsx loader by absolute URL: `--import tsx` would resolve from the user's cwd (a temp dir).
const tsxLoader = pathToFileURL(createRequire(`${root}package.json`).resolve('tsx')).href.replace(/\/dist\/[^/]+$/, '/dist/loader.mjs');

/** Result of one CLI invocation. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `feedloom` command as a user would, in a child process, on the current sources (through
 * tsx, so a stale dist/ can never hide a change). `cwd` is the user's working directory.
 */
export function runFeedloom(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsxLoader, `${root}cli/bin.ts`, ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Parses JSON Lines output. */
export function parseJsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** A `feedloom` process started in the background (to be killed mid-run), and its result once it ends. */
export interface RunningFeedloom {
  child: import('node:child_process').ChildProcess;
  result: Promise<CliRun>;
}

/** Starts the `feedloom` command like {@link runFeedloom}, without waiting for it. */
export function startFeedloom(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): RunningFeedloom {
  const child = spawn(process.execPath, ['--import', tsxLoader, `${root}cli/bin.ts`, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const result = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
  return { child, result };
}
