import type { CliIo } from './cli-io';
import type { CycleSummary } from './local-runtime/local-pipeline';

/** A one-line progress display, redrawn in place on a terminal and silent otherwise. */
export function createProgressLine(io: CliIo): { update(summary: CycleSummary): void; done(): void } {
  if (!io.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(summary) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const f = summary.feeds;
      const a = summary.articles;
      const feedsDone = f.updated + f.notModified + f.failed + f.skipped;
      io.stderr.write(
        `\r\x1b[2Kfeeds ${feedsDone}/${f.dispatched}  articles ${a.created + a.updated + a.unchanged} (new ${a.created}, changed ${a.updated})  retries ${summary.retries}`,
      );
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
    },
  };
}
