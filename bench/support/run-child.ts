import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The tsx loader by absolute URL, so a child started in a temp dir still finds it.
const tsxLoader = pathToFileURL(createRequire(`${root}package.json`).resolve('tsx')).href.replace(/\/dist\/[^/]+$/, '/dist/loader.mjs');
const GNU_TIME = '/usr/bin/time';

/** One RSS reading of a child, `atMs` after it started. */
export interface RssSample {
  atMs: number;
  rssMb: number;
}

/** How a child process ran. */
export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set size: from GNU time's wait4() figure when present, else the last VmHWM read. */
  peakRssMb: number | null;
  peakRssSource: 'gnu-time' | 'proc-vmhwm' | 'none';
  /** User plus system CPU time of the process (all its threads), from GNU time; null without it. */
  cpuMs: number | null;
  rssSamples: RssSample[];
}

function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function childOf(pid: number): number | null {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : null;
  } catch {
    return null;
  }
}

/**
 * Runs a TypeScript entry (through tsx) in its own Node process, as a user would, and measures it
 * from outside: wall time, peak RSS (GNU `time -v` when installed, whose figure comes from the
 * kernel at exit, else /proc VmHWM polled), and RSS sampled every `sampleEveryMs`.
 */
export function runTsChild(
  script: string,
  args: readonly string[],
  options: { cwd: string; sampleEveryMs?: number; env?: Record<string, string> },
): Promise<ChildRun> {
  const useTime = existsSync(GNU_TIME);
  const nodeArgs = ['--import', tsxLoader, script, ...args];
  const started = performance.now();
  const child = useTime
    ? spawn(GNU_TIME, ['-v', process.execPath, ...nodeArgs], { cwd: options.cwd, env: { ...process.env, ...options.env } })
    : spawn(process.execPath, nodeArgs, { cwd: options.cwd, env: { ...process.env, ...options.env } });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const rssSamples: RssSample[] = [];
  let lastHwmKb: number | null = null;
  let nodePid: number | null = useTime ? null : (child.pid ?? null);
  const sample = (): void => {
    if (nodePid === null && child.pid !== undefined) nodePid = childOf(child.pid);
    if (nodePid === null) return;
    const rss = readStatusKb(nodePid, 'VmRSS');
    const hwm = readStatusKb(nodePid, 'VmHWM');
    if (hwm !== null) lastHwmKb = hwm;
    if (rss !== null) rssSamples.push({ atMs: Math.round(performance.now() - started), rssMb: rss / 1024 });
  };
  const timer = setInterval(sample, options.sampleEveryMs ?? 250);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      let err = Buffer.concat(stderr).toString('utf8');
      let peakRssMb: number | null = null;
      let peakRssSource: ChildRun['peakRssSource'] = 'none';
      const timeReport = /\n?\s*Command (?:being timed|exited with non-zero status)[\s\S]*$/.exec(err);
      const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const system = /System time \(seconds\): ([\d.]+)/.exec(err);
      const cpuMs = useTime && user && system ? (Number(user[1]) + Number(system[1])) * 1000 : null;
      if (useTime && maxRss) {
        peakRssMb = Number(maxRss[1]) / 1024;
        peakRssSource = 'gnu-time';
        if (timeReport) err = err.slice(0, timeReport.index);
      } else if (lastHwmKb !== null) {
        peakRssMb = lastHwmKb / 1024;
        peakRssSource = 'proc-vmhwm';
      }
      resolve({ code: code ?? 1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: err, wallMs, peakRssMb, peakRssSource, cpuMs, rssSamples });
    });
  });
}

/** Absolute path of a file in this repository. */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(relative, pathToFileURL(root)));
}
