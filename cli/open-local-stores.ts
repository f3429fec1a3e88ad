import { resolve } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ArticleReader } from '../shared/adapters/dynamodb/article-reader';
import { DynamoArticleStore } from '../shared/adapters/dynamodb/article-store';
import { createDynamoClients, isLocalEndpoint } from '../shared/adapters/dynamodb/create-dynamo-clients';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables, verifyTables } from '../shared/adapters/dynamodb/ensure-tables';
import { DynamoFeedStore } from '../shared/adapters/dynamodb/feed-store';
import { DynamoDeadLetters, DynamoQueueJournal } from '../shared/adapters/dynamodb/queue-journal';
import { DynamoRetryLedger } from '../shared/adapters/dynamodb/retry-ledger';
import { bodiesTableName, DEFAULT_TABLE_NAMES, type TableNames } from '../shared/adapters/dynamodb/table-design';
import { FeedloomError } from '../shared/errors';

/** The stores the CLI works on, and how to let go of them. */
export interface LocalStores {
  feeds: DynamoFeedStore;
  articles: DynamoArticleStore;
  reader: ArticleReader;
  /** The local runtime's durable queue of `queue` (items in the Feeds table). */
  journal(queue: string): DynamoQueueJournal;
  deadLetters: DynamoDeadLetters;
  retries: DynamoRetryLedger;
  /** One cheap request; throws while the database is unreachable. */
  probe(): Promise<void>;
  endpoint: string;
  /** Folder of the embedded database, or null when an external endpoint is used. */
  dbDir: string | null;
  close(): Promise<void>;
}

/**
 * Table names from the environment (FEEDLOOM_ARTICLES_TABLE, FEEDLOOM_FEEDS_TABLE,
 * FEEDLOOM_BODIES_TABLE), for a deployed stack whose names CDK generated; defaults otherwise.
 */
export function tableNamesFrom(env: Record<string, string | undefined>): Required<TableNames> {
  const articles = env.FEEDLOOM_ARTICLES_TABLE || DEFAULT_TABLE_NAMES.articles;
  return {
    articles,
    feeds: env.FEEDLOOM_FEEDS_TABLE || DEFAULT_TABLE_NAMES.feeds,
    bodies: env.FEEDLOOM_BODIES_TABLE || (env.FEEDLOOM_ARTICLES_TABLE ? bodiesTableName({ articles }) : DEFAULT_TABLE_NAMES.bodies),
  };
}

/**
 * Opens Feedloom's tables on the embedded dynalite (persisted under `db`, default `.feedloom/`) or
 * on any DynamoDB at `endpoint`. Tables are created when missing on a local engine only; on a
 * remote one (a deployed stack) they must exist, so a wrong name never creates tables in AWS.
 */
export async function openLocalStores(options: {
  db?: string | undefined;
  endpoint?: string | undefined;
  cwd: string;
  env?: Record<string, string | undefined>;
}): Promise<LocalStores> {
  const tables = tableNamesFrom(options.env ?? {});
  let embedded: EmbeddedDynamo | null = null;
  let endpoint = options.endpoint;
  const dbDir = endpoint ? null : resolve(options.cwd, options.db ?? '.feedloom');
  if (!endpoint) {
    try {
      embedded = await startEmbeddedDynamo(dbDir);
    } catch (error) {
      throw new FeedloomError('DB_UNAVAILABLE', `cannot open the database in ${dbDir}: ${(error as Error).message} (is another feedloom using it?)`, {
        cause: error,
      });
    }
    endpoint = embedded.endpoint;
  }
  const { client, documents } = createDynamoClients({ endpoint, maxAttempts: 3 });
  try {
    if (isLocalEndpoint(endpoint)) await ensureTables(client, tables);
    else await verifyTables(client, tables);
  } catch (error) {
    if (error instanceof FeedloomError) {
      client.destroy();
      throw error;
    }
    await embedded?.close();
    client.destroy();
    throw new FeedloomError('DB_UNAVAILABLE', `cannot reach DynamoDB at ${endpoint}: ${(error as Error).message}`, { cause: error });
  }
  return {
    feeds: new DynamoFeedStore({ client: documents, tableName: tables.feeds }),
    articles: new DynamoArticleStore({ client: documents, tableName: tables.articles, bodiesTableName: bodiesTableName(tables) }),
    reader: new ArticleReader({ client: documents, tableName: tables.articles, bodiesTableName: bodiesTableName(tables) }),
    journal: (queue) => new DynamoQueueJournal({ client: documents, tableName: tables.feeds, queue }),
    deadLetters: new DynamoDeadLetters({ client: documents, tableName: tables.feeds }),
    retries: new DynamoRetryLedger({ client: documents, tableName: tables.feeds }),
    probe: async () => {
      await client.send(new DescribeTableCommand({ TableName: tables.feeds }));
    },
    endpoint,
    dbDir,
    close: async () => {
      client.destroy();
      await embedded?.close();
    },
  };
}
