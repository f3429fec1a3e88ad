// The body of an extraction worker thread: one page at a time, in a V8 isolate the pool can
// terminate when Readability spins past the deadline or the page exhausts the heap limit.
import { parentPort } from 'node:worker_threads';
import { extractArticle } from '../../extraction/extract-article';
import { type WorkerReply, WorkerRequestSchema } from './worker-messages';

const port = parentPort;
if (!port) throw new Error('extraction-worker must run in a worker thread');

port.on('message', async (message: unknown) => {
  const parsed = WorkerRequestSchema.safeParse(message);
  if (!parsed.success) {
    const id = typeof (message as { id?: unknown } | null)?.id === 'number' ? (message as { id: number }).id : -1;
    port.postMessage({ id, error: `malformed request: ${parsed.error.message.slice(0, 200)}` } satisfies WorkerReply);
    return;
  }
  const { id, input, options } = parsed.data;
  // extractArticle never throws; a page that cannot be used comes back as a failed Article.
  const article = await extractArticle(input, options);
  port.postMessage({ id, article } satisfies WorkerReply);
});
port.postMessage({ id: 0, ready: true } satisfies WorkerReply);
