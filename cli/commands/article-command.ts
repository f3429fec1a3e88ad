import { FeedloomError, InvalidInputError } from '../../shared/errors';
import type { CliIo } from '../cli-io';
import { openLocalStores } from '../open-local-stores';
import { UsageError } from '../usage-error';

/** `feedloom article ID_OR_URL`: one stored Article as JSON, found by id or by page or canonical URL. */
export async function articleCommand(idOrUrl: string, options: { db?: string | undefined; endpoint?: string | undefined }, io: CliIo): Promise<number> {
  const stores = await openLocalStores({ ...options, cwd: io.cwd, env: io.env });
  try {
    let article: Awaited<ReturnType<typeof stores.reader.getById>>;
    try {
      article = /^https?:\/\//i.test(idOrUrl) ? await stores.reader.getByUrl(idOrUrl) : await stores.reader.getById(idOrUrl);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new UsageError(`${error.message}: give an article id or an http(s) URL`);
      throw error;
    }
    if (!article) throw new FeedloomError('NOT_FOUND', `no article ${idOrUrl}`);
    io.stdout.write(`${JSON.stringify(article, null, 2)}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}
