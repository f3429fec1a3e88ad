import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CloudFormationCustomResourceEvent, Context, SQSEvent } from 'aws-lambda';
import type { RuntimeAdapters } from '../../functions/runtime/dependencies';
import { DispatchEnvSchema, ExtractArticleEnvSchema, FetchFeedEnvSchema, parseEnv, SyncFeedsEnvSchema } from '../../functions/runtime/env';
import { createDynamoClients } from '../../shared/adapters/dynamodb/create-dynamo-clients';
import { bodiesTableName, hostsTableName, siteHealthTableName } from '../../shared/adapters/dynamodb/table-design';
import { RecordingQueues } from '../../shared/adapters/queue/recording-queues';
import { errorCode, errorMessage } from '../../shared/errors';
import type { CliIo } from '../cli-io';
import { INVOKABLE_FUNCTIONS, type InvokableFunction, parseEventText, prepareEvent } from '../invoke/invoke-event';
import { localLambdaContext } from '../invoke/local-lambda-context';
import { createLocalObservability } from '../invoke/local-observability';
import { openLocalStores, tableNamesFrom } from '../open-local-stores';
import { UsageError } from '../usage-error';

/** Options of `feedloom invoke`. */
export interface InvokeOptions {
  event: string | undefined;
  db?: string | undefined;
  endpoint?: string | undefined;
  allowPrivateNetwork: boolean;
  userAgent: string;
}

/** The queues a local invocation records into; URLs only name them (the env schemas want URLs). */
const LOCAL_QUEUES = {
  FEED_QUEUE_URL: 'local://feedloom/feeds',
  FEED_DLQ_URL: 'local://feedloom/feeds-dlq',
  ARTICLE_QUEUE_URL: 'local://feedloom/articles',
  ARTICLE_DLQ_URL: 'local://feedloom/articles-dlq',
};
/** The stack's queue settings (infra/ingestion-stack.ts): 5 deliveries, and each function's deadline margin. */
const MAX_RECEIVE_COUNT = '5';
const DEADLINE_MARGIN_MS = { 'fetch-feed': '30000', 'extract-article': '60000' };

async function readEventText(source: string, io: CliIo): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin ?? process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(resolve(io.cwd, source), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read event ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

type Invoke = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Builds `fn`'s real handler (functions/<fn>/handler.ts) over the one composition root, from the
 * environment the stack would give it, parsed by the same schemas, with local adapters in place
 * of AWS: the local database, recording queues, logs on stderr.
 */
async function localHandler(fn: InvokableFunction, env: Record<string, string>, adapters: RuntimeAdapters): Promise<Invoke> {
  // Loaded here, not at the CLI's start: the handlers bring Powertools and the SQS client with them.
  const runtime = await import('../../functions/runtime/dependencies');
  switch (fn) {
    case 'dispatch': {
      const { createHandler } = await import('../../functions/dispatch/handler');
      return createHandler(() => runtime.buildDispatchRuntime(parseEnv(DispatchEnvSchema, env), adapters));
    }
    case 'fetch-feed': {
      const { createHandler } = await import('../../functions/fetch-feed/handler');
      const handler = createHandler(() => runtime.buildFetchFeedRuntime(parseEnv(FetchFeedEnvSchema, env), adapters));
      return (event, context) => handler(event as SQSEvent, context);
    }
    case 'extract-article': {
      const { createHandler } = await import('../../functions/extract-article/handler');
      const handler = createHandler(() => runtime.buildExtractArticleRuntime(parseEnv(ExtractArticleEnvSchema, env), adapters));
      return (event, context) => handler(event as SQSEvent, context);
    }
    case 'sync-feeds': {
      const { createHandler } = await import('../../functions/sync-feeds/handler');
      const handler = createHandler(() => runtime.buildSyncFeedsRuntime(parseEnv(SyncFeedsEnvSchema, env), adapters));
      return (event, context) => handler(event as CloudFormationCustomResourceEvent, context);
    }
  }
}

/**
 * `feedloom invoke FUNCTION --event FILE|-`: runs one Lambda function's real handler in-process on
 * an event file (or a bare job, wrapped into an SQS event) against the local database, and prints
 * `{ response, sent, deadLetters, retries, metrics }`: what the handler returned, every job it
 * queued (in order, as it would travel), the messages it set aside, the retry delays it asked for,
 * and its metrics. Exit 0 when the handler returned, 1 when it threw.
 */
export async function invokeCommand(fn: string | undefined, options: InvokeOptions, io: CliIo): Promise<number> {
  if (!fn || !(INVOKABLE_FUNCTIONS as readonly string[]).includes(fn)) {
    throw new UsageError(`invoke needs a function: ${INVOKABLE_FUNCTIONS.join(', ')}${fn ? ` (not "${fn}")` : ''}`);
  }
  const name = fn as InvokableFunction;
  if (!options.event) throw new UsageError('invoke needs --event FILE (or --event - to read it from stdin)');
  const startedAt = Date.now();
  const source = options.event === '-' ? 'stdin' : options.event;
  const { event, notes } = prepareEvent(name, parseEventText(await readEventText(options.event, io), source), new Date(startedAt));
  for (const note of notes) io.stderr.write(`feedloom: ${note}\n`);

  const stores = await openLocalStores({ db: options.db, endpoint: options.endpoint, cwd: io.cwd, env: io.env });
  const { client, documents } = createDynamoClients({ endpoint: stores.endpoint });
  const tables = tableNamesFrom(io.env);
  const queues = new RecordingQueues();
  const metrics: Record<string, number> = {};
  const env: Record<string, string> = {
    FEEDS_TABLE_NAME: tables.feeds,
    ARTICLES_TABLE_NAME: tables.articles,
    BODIES_TABLE_NAME: bodiesTableName(tables),
    HOSTS_TABLE_NAME: hostsTableName(tables),
    SITE_HEALTH_TABLE_NAME: siteHealthTableName(tables),
    ...LOCAL_QUEUES,
    USER_AGENT: options.userAgent,
    MAX_RECEIVE_COUNT,
    DEADLINE_MARGIN_MS: name === 'extract-article' ? DEADLINE_MARGIN_MS['extract-article'] : DEADLINE_MARGIN_MS['fetch-feed'],
  };
  const adapters: RuntimeAdapters = {
    dynamo: documents,
    jobQueue: (queueUrl) => queues.jobQueue(queueUrl),
    deadLetters: (queueUrl) => queues.deadLetterSink(queueUrl),
    visibility: queues.visibility,
    observability: (service) => createLocalObservability(service, { stderr: io.stderr, env: io.env, metrics }),
    allowPrivateNetwork: options.allowPrivateNetwork,
  };
  try {
    const handler = await localHandler(name, env, adapters);
    let response: unknown = null;
    let failure: unknown = null;
    try {
      response = await handler(event, localLambdaContext(name, startedAt));
    } catch (error) {
      failure = error;
    }
    const records = (event as Partial<SQSEvent>).Records ?? [];
    const output = {
      response: response ?? null,
      ...(failure ? { error: { code: errorCode(failure), message: errorMessage(failure) } } : {}),
      sent: queues.sent.map((message) => message.job),
      deadLetters: queues.deadLetters.map(({ body, reason }) => ({ reason: reason.code, detail: reason.message, messageId: reason.sourceMessageId, body })),
      retries: queues.delays.map(({ receiptHandle, delaySeconds }) => ({
        messageId: records.find((record) => record.receiptHandle === receiptHandle)?.messageId ?? receiptHandle,
        delaySeconds,
      })),
      metrics,
    };
    io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    if (metrics.FeedsSkipped) {
      io.stderr.write(
        `feedloom: ${metrics.FeedsSkipped} feed job(s) skipped: the feed is not subscribed (or is paused or dead) in this database; subscribe it with \`feedloom feeds add URL\` or \`feedloom invoke sync-feeds\`\n`,
      );
    }
    if (failure) {
      io.stderr.write(`feedloom: ${errorCode(failure)}: the handler threw: ${errorMessage(failure).split('\n')[0]}\n`);
      return 1;
    }
    return 0;
  } finally {
    client.destroy();
    await stores.close();
  }
}
