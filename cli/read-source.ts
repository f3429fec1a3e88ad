import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGuardedHttpClient } from '../shared/adapters/http/guarded-http-client';
import { FeedloomError } from '../shared/errors';
import { UsageError } from './usage-error';

/** Bytes of a document named on the command line, with the URL and type they came with. */
export interface Source {
  bytes: Uint8Array;
  url: string;
  contentType: string | undefined;
  httpStatus: number | null;
}

/**
 * Reads FILE_OR_URL: a URL is fetched through the guarded client (private addresses only with
 * `allowPrivateNetwork`), a path is read from disk. `--url` overrides the URL used to resolve links.
 */
export async function readSource(
  target: string,
  options: { url?: string | undefined; cwd: string; allowPrivateNetwork: boolean; userAgent: string },
): Promise<Source> {
  if (/^https?:\/\//i.test(target)) {
    const http = createGuardedHttpClient({ userAgent: options.userAgent, allowPrivateNetwork: options.allowPrivateNetwork });
    const response = await http.get({ url: target });
    if (response.status < 200 || response.status >= 300) throw new FeedloomError('HTTP_STATUS', `${target} answered HTTP ${response.status}`);
    return { bytes: response.body, url: options.url ?? response.url, contentType: response.headers['content-type'], httpStatus: response.status };
  }
  const path = resolve(options.cwd, target);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (options.url !== undefined && !/^https?:\/\//i.test(options.url)) throw new UsageError('--url must be an absolute http(s) URL');
  return { bytes: new Uint8Array(bytes), url: options.url ?? pathToFileURL(path).href, contentType: undefined, httpStatus: null };
}
