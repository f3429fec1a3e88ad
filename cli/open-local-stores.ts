import { resolve } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ArticleReader } from '../shared/adapters/dynamodb/article-reader';
import { DynamoArticleStore } from '../shared/adapters/dynamodb/article-store';
import { createDynamoClients, isLocalEndpoint } from '../shared/adapters/dynamodb/create-dynamo-clients';
import { DynamoHostPoliteness } from '../shared/adapters/dynamodb/dynamo-host-politeness';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables, verifyTables } from '../shared/adapters/dynamodb/ensure-tables';
import { DynamoFeedStore } from '../shared/adapters/dynamodb/feed-store';
import { DynamoDeadLetters, DynamoQueueJournal } from '../shared/adapters/dynamodb/queue-journal';
import { DynamoRetryLedger } from '../shared/adapters/dynamodb/retry-ledger';
import { DynamoRobotsCache } from '../shared/adapters/dynamodb/robots-cache';
import { DynamoSiteHealthStore } from '../shared/adapters/dynamodb/site-health-store';
import { bodiesTableName, DEFAULT_TABLE_NAMES, hostsTableName, siteHealthTableName, type TableNames } from '../shared/adapters/dynamodb/table-design';
import { InMemoryHostPoliteness } from '../shared/adapters/http/in-memory-host-politeness';
import { FeedloomError } from '../shared/errors';
import type { RobotsCache } from '../shared/ingestion/check-robots';
import type { HostPoliteness } from '../shared/ingestion/host-politeness';

/** The stores the CLI works on, and how to let go of them. */
export interface LocalStores {
  feeds: DynamoFeedStore;
  articles: DynamoArticleStore;
  reader: ArticleReader;
  /**
   * Per-host request slots, gaps and cooldowns: in the database when it may be shared with other
   * processes (`--endpoint`), in this process's memory on the embedded one (no other process can open it).
   */
  politeness: HostPoliteness;
  /** robots.txt records, in the database's Hosts table. */
  robots: RobotsCache;
  siteHealth: DynamoSiteHealthStore;
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
 * FEEDLOOM_BODIES_TABLE, FEEDLOOM_HOSTS_TABLE, FEEDLOOM_SITE_HEALTH_TABLE), for a deployed stack whose names
 * CDK generated; defaults otherwise.
 */
export function tableNamesFrom(env: Record<string, string | undefined>): Required<TableNames> {
  const articles = env.FEEDLOOM_ARTICLES_TABLE || DEFAULT_TABLE_NAMES.articles;
  const feeds = env.FEEDLOOM_FEEDS_TABLE || DEFAULT_TABLE_NAMES.feeds;
  return {
    articles,
    feeds,
    bodies: env.FEEDLOOM_BODIES_TABLE || (env.FEEDLOOM_ARTICLES_TABLE ? bodiesTableName({ articles }) : DEFAULT_TABLE_NAMES.bodies),
    hosts: env.FEEDLOOM_HOSTS_TABLE || (env.FEEDLOOM_FEEDS_TABLE ? hostsTableName({ feeds }) : DEFAULT_TABLE_NAMES.hosts),
    siteHealth: env.FEEDLOOM_SITE_HEALTH_TABLE || (env.FEEDLOOM_FEEDS_TABLE ? siteHealthTableName({ feeds }) : DEFAULT_TABLE_NAMES.siteHealth),
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
  /** False for readers (`serve`): missing tables are an error, never created. */
  createTables?: boolean;
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
    if (isLocalEndpoint(endpoint) && options.createTables !== false) await ensureTables(client, tables);
    else await verifyTables(client, tables);
  } catch (error) {
    await embedded?.close();
    client.destroy();
    if (error instanceof FeedloomError) throw error;
    throw new FeedloomError('DB_UNAVAILABLE', `cannot reach DynamoDB at ${endpoint}: ${(error as Error).message}`, { cause: error });
  }
  return {
    feeds: new DynamoFeedStore({ client: documents, tableName: tables.feeds }),
    articles: new DynamoArticleStore({ client: documents, tableName: tables.articles, bodiesTableName: bodiesTableName(tables) }),
    reader: new ArticleReader({ client: documents, tableName: tables.articles, bodiesTableName: bodiesTableName(tables) }),
    politeness: embedded ? new InMemoryHostPoliteness() : new DynamoHostPoliteness({ client: documents, tableName: tables.hosts }),
    robots: new DynamoRobotsCache({ client: documents, tableName: tables.hosts }),
    siteHealth: new DynamoSiteHealthStore({ client: documents, tableName: siteHealthTableName(tables) }),
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
