import { extractArticle } from '../../shared/extraction/extract-article';
import type { CliIo } from '../cli-io';
import { readSource } from '../read-source';

/** `feedloom extract FILE_OR_URL [--url URL]`: one page to Article JSON, no database. */
export async function extractCommand(
  target: string,
  options: { url?: string | undefined; allowPrivateNetwork: boolean; userAgent: string },
  io: CliIo,
): Promise<number> {
  const source = await readSource(target, { ...options, cwd: io.cwd });
  const article = await extractArticle(source.bytes, { url: source.url, contentType: source.contentType, httpStatus: source.httpStatus });
  io.stdout.write(`${JSON.stringify(article, null, 2)}\n`);
  return 0;
}
