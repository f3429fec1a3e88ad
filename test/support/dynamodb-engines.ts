import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ArticleReader } from '../../shared/adapters/dynamodb/article-reader';
import { DynamoArticleStore, type DynamoArticleStoreOptions } from '../../shared/adapters/dynamodb/article-store';
import { createDynamoClients } from '../../shared/adapters/dynamodb/create-dynamo-clients';
import { ensureTables } from '../../shared/adapters/dynamodb/ensure-tables';
import { DynamoFeedStore } from '../../shared/adapters/dynamodb/feed-store';
import type { TableNames } from '../../shared/adapters/dynamodb/table-design';
import type { DynamoEngineEndpoints } from './dynamodb-global-setup';

/** The engines every storage test runs on. */
export const ENGINES = ['dynalite', 'dynamodb-local'] as const satisfies readonly (keyof DynamoEngineEndpoints)[];
export type Engine = (typeof ENGINES)[number];

/** The endpoint of an engine started by the storage globalSetup. */
export function engineEndpoint(engine: Engine): string {
  return inject('dynamoEngines')[engine];
}

/** Clients on one engine; `commands` records every DynamoDB operation sent through them, `errors` the name of every error. */
export interface EngineClients {
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  streams: DynamoDBStreamsClient;
  commands: string[];
  errors: string[];
  destroy(): void;
}

/** Fresh clients for an engine, with a middleware recording the operation of every request. */
export function engineClients(engine: Engine): EngineClients {
  const endpoint = engineEndpoint(engine);
  const { client, documents } = createDynamoClients({ endpoint, maxAttempts: 3 });
  const commands: string[] = [];
  const errors: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      try {
        return await next(args);
      } catch (error) {
        errors.push((error as Error).name);
        throw error;
      }
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  streams.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return {
    client,
    documents,
    streams,
    commands,
    errors,
    destroy: () => {
      client.destroy();
      streams.destroy();
    },
  };
}

/** Table names no other test uses (tests of all files share the two servers). */
export function uniqueTableNames(label: string): Required<TableNames> {
  const suffix = `${label}-${randomBytes(4).toString('hex')}`;
  return {
    articles: `articles-${suffix}`,
    feeds: `feeds-${suffix}`,
    bodies: `bodies-${suffix}`,
    hosts: `hosts-${suffix}`,
    siteHealth: `site-health-${suffix}`,
  };
}

/** Feedloom's tables, stores and reader on one engine, under fresh table names. */
export interface TestTables extends EngineClients {
  engine: Engine;
  names: Required<TableNames>;
  store: DynamoArticleStore;
  feeds: DynamoFeedStore;
  reader: ArticleReader;
  /** Another store on the same tables with its own clients: a second, independent writer. */
  newStore(options?: Partial<DynamoArticleStoreOptions>): { store: DynamoArticleStore; errors: string[]; destroy(): void };
}

/** Creates fresh tables on `engine` and everything tests need on them. */
export async function openTestTables(engine: Engine, label: string, storeOptions: Partial<DynamoArticleStoreOptions> = {}): Promise<TestTables> {
  const clients = engineClients(engine);
  const names = uniqueTableNames(label);
  await ensureTables(clients.client, names);
  const storeOn = (documents: DynamoDBDocumentClient, extra: Partial<DynamoArticleStoreOptions>) =>
    new DynamoArticleStore({ client: documents, tableName: names.articles, bodiesTableName: names.bodies, ...storeOptions, ...extra });
  return {
    ...clients,
    engine,
    names,
    store: storeOn(clients.documents, {}),
    feeds: new DynamoFeedStore({ client: clients.documents, tableName: names.feeds }),
    reader: new ArticleReader({ client: clients.documents, tableName: names.articles, bodiesTableName: names.bodies, streams: clients.streams }),
    newStore: (options = {}) => {
      const other = engineClients(engine);
      return { store: storeOn(other.documents, options), errors: other.errors, destroy: other.destroy };
    },
  };
}
