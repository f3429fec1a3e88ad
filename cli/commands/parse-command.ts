import { parseFeed } from '../../shared/feed/parse-feed';
import type { CliIo } from '../cli-io';
import { readSource } from '../read-source';

/** `feedloom parse FILE_OR_URL [--url URL]`: one feed to ParsedFeed JSON. */
export async function parseCommand(
  target: string,
  options: { url?: string | undefined; allowPrivateNetwork: boolean; userAgent: string },
  io: CliIo,
): Promise<number> {
  const source = await readSource(target, { ...options, cwd: io.cwd });
  const feed = await parseFeed(source.bytes, { url: source.url, ...(source.contentType ? { contentType: source.contentType } : {}) });
  io.stdout.write(`${JSON.stringify(feed, null, 2)}\n`);
  return 0;
}
