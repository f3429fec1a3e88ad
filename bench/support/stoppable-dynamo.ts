import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

// dynalite in a process of its own, persisting under DIR, on PORT (0: any free one); prints its port.
const SCRIPT = `
const server = require('dynalite')({ path: process.env.DIR, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.on('error', (error) => { process.stderr.write(String(error.code || error.message) + '\\n'); process.exit(3); });
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/** A DynamoDB endpoint that can be stopped and started again on the same port with the same data. */
export interface StoppableDynamo {
  endpoint: string;
  /** Kills the process (SIGKILL: the database disappears as in a crash). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
}

function launch(dir: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], {
      cwd: root,
      env: { ...process.env, DIR: dir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ child, port: Number(line) });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.on('exit', (code) => reject(new Error(`dynalite exited with ${code}: ${err.trim()}`)));
  });
}

/** Starts dynalite as a separate process (stopped and restarted by tests, killed by pid at the end). */
export async function startStoppableDynamo(dir: string): Promise<StoppableDynamo> {
  let { child, port } = await launch(dir, 0);
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop,
    async start() {
      await stop();
      for (let attempt = 0; ; attempt++) {
        try {
          ({ child, port } = await launch(dir, port));
          return;
        } catch (error) {
          // The port may take a moment to be free again.
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
  };
}
