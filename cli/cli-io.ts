/** Where the CLI writes and what it knows of its terminal; injected so tests run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** What `--event -` reads; the process's stdin when absent. */
  stdin?: AsyncIterable<Uint8Array | string>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Resolves when the user interrupts (Ctrl-C); the long-running `run` stops cleanly then. */
  interrupted?: Promise<void>;
}
