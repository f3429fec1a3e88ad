import { FeedloomError } from '../../shared/errors';
import type { CliIo } from '../cli-io';
import { openLocalStores } from '../open-local-stores';

/** `feedloom article ID_OR_URL`: one stored Article as JSON. */
export async function articleCommand(idOrUrl: string, options: { db?: string | undefined; endpoint?: string | undefined }, io: CliIo): Promise<number> {
  const stores = await openLocalStores({ ...options, cwd: io.cwd });
  try {
    const article = /^https?:\/\//i.test(idOrUrl) ? await stores.reader.getByUrl(idOrUrl) : await stores.reader.getById(idOrUrl);
    if (!article) throw new FeedloomError('NOT_FOUND', `no article ${idOrUrl}`);
    io.stdout.write(`${JSON.stringify(article, null, 2)}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}
