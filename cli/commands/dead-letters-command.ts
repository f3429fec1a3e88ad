import type { CliIo } from '../cli-io';
import { openLocalStores } from '../open-local-stores';
import { UsageError } from '../usage-error';

const QUEUES = ['feeds', 'articles'] as const;

function describeBody(body: string): string {
  try {
    const job = JSON.parse(body) as { item?: { url?: unknown }; url?: unknown };
    const url = job.item?.url ?? job.url;
    if (typeof url === 'string') return url;
  } catch {
    // A poison body is shown as it is.
  }
  return body.slice(0, 120);
}

/**
 * `feedloom dead-letters list|replay`: the local runtime's dead letters, kept in the run's database
 * (`--db` or `--endpoint`). `replay` puts each back on its queue with fresh deliveries (the next
 * `feedloom run` takes them) and removes it from the dead letters. On AWS the dead-letter queues
 * are SQS queues: redrive them with SQS (docs/deploy.md).
 */
export async function deadLettersCommand(
  action: string | undefined,
  options: { db?: string | undefined; endpoint?: string | undefined; json: boolean },
  io: CliIo,
): Promise<number> {
  if (action !== 'list' && action !== 'replay') throw new UsageError('dead-letters needs one of: list, replay');
  const stores = await openLocalStores({ ...options, cwd: io.cwd, env: io.env });
  try {
    const letters = await stores.deadLetters.list(QUEUES);
    if (action === 'list') {
      for (const letter of letters) {
        if (options.json) {
          const { key: _key, ...fields } = letter;
          io.stdout.write(`${JSON.stringify(fields)}\n`);
        } else {
          io.stdout.write(`${letter.at}  ${letter.queue}  ${letter.code}: ${letter.message.slice(0, 200)}\n    ${describeBody(letter.body)}\n`);
        }
      }
      if (!options.json) io.stdout.write(`${letters.length} dead letter${letters.length === 1 ? '' : 's'}\n`);
      return 0;
    }
    let replayed = 0;
    for (const queue of QUEUES) {
      const mine = letters.filter((letter) => letter.queue === queue);
      if (!mine.length) continue;
      // Back on the queue first, then out of the dead letters: a crash in between replays it twice (harmless).
      await stores.journal(queue).put(mine.map((letter) => ({ messageId: letter.sourceMessageId, body: letter.body, receiveCount: 0, visibleAt: 0 })));
      for (const letter of mine) await stores.deadLetters.remove(letter);
      replayed += mine.length;
    }
    io.stdout.write(`${replayed} dead letter${replayed === 1 ? '' : 's'} queued again${replayed ? ': `feedloom run --once` processes them' : ''}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}
