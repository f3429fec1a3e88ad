import { FeedloomError } from '../../shared/errors';
import type { CliIo } from '../cli-io';
import { openLocalStores } from '../open-local-stores';
import { UsageError } from '../usage-error';
import { startViewer } from '../viewer/viewer-server';

/** Options of `feedloom serve`. */
export interface ServeOptions {
  db?: string | undefined;
  endpoint?: string | undefined;
  port?: string | undefined;
}

/**
 * `feedloom serve`: the read-only web viewer on 127.0.0.1. The first line of stdout is its URL; it
 * runs until interrupted (Ctrl-C). Tables are never created: an empty database is reported instead.
 */
export async function serveCommand(options: ServeOptions, io: CliIo): Promise<number> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be an integer from 0 to 65535 (0 picks a free port)');
  let stores: Awaited<ReturnType<typeof openLocalStores>>;
  try {
    stores = await openLocalStores({ db: options.db, endpoint: options.endpoint, cwd: io.cwd, env: io.env, createTables: false });
  } catch (error) {
    if (error instanceof FeedloomError && error.code === 'TABLE_NOT_FOUND' && !options.endpoint) {
      throw new FeedloomError(
        'TABLE_NOT_FOUND',
        `no Feedloom database in ${options.db ?? '.feedloom'}: store some articles first (npm start, or feedloom run)`,
      );
    }
    throw error;
  }
  try {
    let viewer: Awaited<ReturnType<typeof startViewer>>;
    try {
      viewer = await startViewer({ reader: stores.reader, feeds: stores.feeds }, { port, log: (line) => io.stderr.write(`feedloom serve: ${line}\n`) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') throw new FeedloomError('PORT_UNAVAILABLE', `cannot listen on 127.0.0.1:${port} (${code})`);
      throw error;
    }
    io.stdout.write(`${viewer.url}\n`);
    io.stderr.write(`feedloom: serving ${stores.dbDir ?? stores.endpoint} read-only; press Ctrl-C to stop\n`);
    await (io.interrupted ?? untilSignal());
    await viewer.close();
    return 0;
  } finally {
    await stores.close();
  }
}

/** Resolves on the first Ctrl-C or SIGTERM, so the database is closed cleanly. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
