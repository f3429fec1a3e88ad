import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from '../../article/article';
import { FeedloomError } from '../../errors';
import { articleFromFeedItem, type ExtractArticleOptions } from '../../extraction/extract-article';
import type { ExtractPage } from '../../ingestion/extract-and-store-article';
import type { WorkerReply, WorkerRequest } from './worker-messages';

/** Options of {@link createExtractionPool}. */
export interface ExtractionPoolOptions {
  /** Worker threads running at once (default 1). */
  size?: number;
  /** Longest a page may take; past it the worker is terminated and replaced (default 10 s). */
  timeoutMs?: number;
  /** Heap limit of each worker, in MB (default 512): a page that needs more fails alone. */
  maxHeapMb?: number;
  /** Pages a worker extracts before it is replaced by a fresh one (default 500), bounding slow leaks. */
  pagesPerWorker?: number;
  /** The worker's entry module; found next to this module by default (built or from source). */
  workerUrl?: URL;
}

/** A pool of extraction worker threads: an {@link ExtractPage} with a deadline that always holds. */
export interface ExtractionPool {
  extract: ExtractPage;
  /** Terminates every worker; pages still queued are refused with EXTRACTOR_CLOSED. */
  close(): Promise<void>;
  /** Counters for logs and tests. */
  stats(): { pages: number; timeouts: number; crashes: number; workersStarted: number };
}

interface Task {
  id: number;
  input: Uint8Array | string;
  options: ExtractArticleOptions;
  started: number;
  resolve: (article: Article) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  pages: number;
}

const DEFAULTS = { size: 1, timeoutMs: 10_000, maxHeapMb: 512, pagesPerWorker: 500 };

/** Where the worker entry lives: the bundled file beside a built module, else the source bootstrap. */
export function defaultWorkerUrl(): URL {
  // dist/ ships extraction-worker.js; a Lambda asset ships extraction-worker.mjs beside its index.mjs.
  for (const name of ['./extraction-worker.js', './extraction-worker.mjs']) {
    const built = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(built))) return built;
  }
  return new URL('./worker-bootstrap.mjs', import.meta.url);
}

/**
 * Starts a pool of worker threads that run `extractArticle`. Each page gets a deadline; when
 * Readability spins past it, or the page exhausts the worker's heap, the worker is terminated and
 * replaced, and the page comes back as a failed (or feed-only) Article with EXTRACTION_TIMEOUT or
 * EXTRACTION_OUT_OF_MEMORY. Nothing a page does escapes as an exception.
 */
export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const size = Math.max(1, options.size ?? DEFAULTS.size);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxHeapMb = options.maxHeapMb ?? DEFAULTS.maxHeapMb;
  const pagesPerWorker = options.pagesPerWorker ?? DEFAULTS.pagesPerWorker;
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const queue: Task[] = [];
  const slots: Slot[] = [];
  const counters = { pages: 0, timeouts: 0, crashes: 0, workersStarted: 0 };
  let nextId = 1;
  let closed = false;

  const failTask = (task: Task, code: string, message: string): void => {
    const { options: page } = task;
    task.resolve(
      articleFromFeedItem({
        url: page.url,
        item: page.item,
        feed: page.feed,
        now: page.now ?? new Date(),
        httpStatus: page.httpStatus ?? null,
        error: { code, message },
        durationMs: performance.now() - task.started,
      }),
    );
  };

  const startWorker = (): Slot => {
    counters.workersStarted++;
    const worker = new Worker(workerUrl, {
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, Math.ceil(maxHeapMb / 8)), stackSizeMb: 4 },
      // The worker needs no environment of its own.
      env: {},
      // Workers inherit the process's flags; one started with `--input-type` (node -e) would refuse
      // to load a file, so flags that only make sense for the main entry are left out, and so is
      // `--expose-gc` (the extraction bench's), which Node refuses in a worker's execArgv.
      execArgv: process.execArgv.filter((flag) => !/^--(?:input-type|eval|print)\b|^-[ep]$|^--expose[-_]gc$/.test(flag)),
      stdout: false,
      stderr: false,
    });
    let markReady: () => void = () => undefined;
    const slot: Slot = { worker, ready: new Promise<void>((resolve) => (markReady = resolve)), task: null, timer: null, pages: 0 };
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        markReady();
        return;
      }
      const task = slot.task;
      if (!task || reply.id !== task.id) return;
      finish(slot);
      counters.pages++;
      if ('article' in reply) task.resolve(reply.article);
      else failTask(task, 'EXTRACTION_FAILED', reply.error);
      if (slot.pages >= pagesPerWorker) replace(slot);
      pump();
    });
    // An out-of-memory or a crash ends the thread: the page it held fails alone.
    worker.on('error', (error: Error & { code?: string }) => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      const task = slot.task;
      if (!task) return;
      finish(slot);
      counters.crashes++;
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      failTask(
        task,
        outOfMemory ? 'EXTRACTION_OUT_OF_MEMORY' : 'EXTRACTION_FAILED',
        outOfMemory ? `page needed more than the worker's ${maxHeapMb} MB heap` : error.message.slice(0, 300),
      );
    });
    worker.on('exit', () => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      const task = slot.task;
      if (task) {
        finish(slot);
        counters.crashes++;
        failTask(task, 'EXTRACTION_FAILED', 'the extraction worker exited');
      }
      if (!closed) pump();
    });
    slots.push(slot);
    return slot;
  };

  const finish = (slot: Slot): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    // An idle worker must not keep a finished process (a CLI run, a test) alive.
    slot.worker.unref();
  };

  const replace = (slot: Slot): void => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    void slot.worker.terminate();
  };

  const run = (slot: Slot, task: Task): void => {
    slot.task = task;
    slot.pages++;
    slot.worker.ref();
    void slot.ready.then(() => {
      if (slot.task !== task) return;
      // The deadline counts from when the worker can start, so a cold start does not eat it.
      slot.timer = setTimeout(() => {
        if (slot.task !== task) return;
        finish(slot);
        counters.timeouts++;
        replace(slot);
        failTask(task, 'EXTRACTION_TIMEOUT', `extraction took longer than ${timeoutMs} ms`);
        pump();
      }, timeoutMs);
      const request: WorkerRequest = { id: task.id, input: task.input, options: task.options };
      slot.worker.postMessage(request);
    });
  };

  const pump = (): void => {
    while (!closed && queue.length) {
      let slot = slots.find((candidate) => candidate.task === null);
      if (!slot && slots.length < size) slot = startWorker();
      if (!slot) return;
      run(slot, queue.shift() as Task);
    }
  };

  const extract: ExtractPage = (input, pageOptions) =>
    new Promise<Article>((resolve, reject) => {
      if (closed) {
        reject(new FeedloomError('EXTRACTOR_CLOSED', 'the extraction pool is closed', { retryable: true }));
        return;
      }
      queue.push({ id: nextId++, input, options: pageOptions, started: performance.now(), resolve, reject });
      pump();
    });

  return {
    extract,
    stats: () => ({ ...counters }),
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new FeedloomError('EXTRACTOR_CLOSED', 'the extraction pool is closed', { retryable: true }));
      const running = slots.splice(0);
      for (const slot of running) {
        slot.task?.reject(new FeedloomError('EXTRACTOR_CLOSED', 'the extraction pool was closed mid-page', { retryable: true }));
        finish(slot);
      }
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}
