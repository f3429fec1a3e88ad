import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A local DynamoDB (dynalite) running as a child process, persisted on disk, killable by pid. */
export interface DynamoProcess {
  endpoint: string;
  pid: () => number;
  /** SIGKILL by pid: no shutdown, sockets reset, like a crashed server. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT by pid: the server stops answering without closing anything. */
  freeze(): void;
  thaw(): void;
  /** Starts it again on the same port and data folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'dynalite-process.mjs'), String(port), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`dynalite did not start: ${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dynalite exited with ${code}: ${output}`));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

/** Starts dynalite in a child process on a free loopback port with a fresh data folder. */
export async function startDynamoProcess(): Promise<DynamoProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'feedloom-d-'));
  const port = await freePort();
  let child = await launch(port, dir);
  const killOnExit = (): void => {
    if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  const kill = async (): Promise<void> => {
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    await exited(child);
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pid: () => child.pid ?? -1,
    kill,
    freeze: () => child.pid && process.kill(child.pid, 'SIGSTOP'),
    thaw: () => child.pid && process.kill(child.pid, 'SIGCONT'),
    restart: async () => {
      await kill();
      child = await launch(port, dir);
    },
    stop: async () => {
      process.off('exit', killOnExit);
      if (child.pid && child.signalCode === null && child.exitCode === null) process.kill(child.pid, 'SIGCONT');
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
