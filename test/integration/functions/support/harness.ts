import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type SqsStandIn, startSqsStandIn } from '../../../../bench/support/sqs-stand-in';
import { type SiteServer, serveSite } from '../../../../demo/serve-site';
import { createDynamoClients, type DynamoClients } from '../../../../shared/adapters/dynamodb/create-dynamo-clients';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../../../../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../../../../shared/adapters/dynamodb/ensure-tables';
import type { TableNames } from '../../../../shared/adapters/dynamodb/table-design';

export const ROOT = resolve(import.meta.dirname, '../../../..');
export const EVENTS = join(ROOT, 'test/fixtures/events');

/** The real local parts a handler test runs against: dynalite, the SQS stand-in, loopback sites. */
export interface Harness {
  dynamo: EmbeddedDynamo;
  clients: DynamoClients;
  tables: TableNames;
  sqs: SqsStandIn;
  demo: SiteServer;
  busy: SiteServer;
  /** The environment the stack would set, pointed at the local parts. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dynamo = await startEmbeddedDynamo(null);
  const clients = createDynamoClients({ endpoint: dynamo.endpoint, maxAttempts: 2 });
  const tables = { articles: 'articles', feeds: 'feeds', bodies: 'article-bodies', hosts: 'hosts' };
  await ensureTables(clients.client, tables);
  const sqs = await startSqsStandIn();
  const demo = await serveSite({ root: join(ROOT, 'demo/site') });
  const busy = await serveSite({ root: join(EVENTS, 'retry-later/site') });
  const env = {
    FEEDS_TABLE_NAME: tables.feeds,
    ARTICLES_TABLE_NAME: tables.articles,
    BODIES_TABLE_NAME: tables.bodies,
    HOSTS_TABLE_NAME: tables.hosts,
    FEED_QUEUE_URL: sqs.queueUrl('feeds'),
    FEED_DLQ_URL: sqs.queueUrl('feeds-dlq'),
    ARTICLE_QUEUE_URL: sqs.queueUrl('articles'),
    ARTICLE_DLQ_URL: sqs.queueUrl('articles-dlq'),
    USER_AGENT: 'Feedloom-test/1',
    MAX_RECEIVE_COUNT: '5',
    DEADLINE_MARGIN_MS: '30000',
    FEEDLOOM_TEST_DYNAMODB_ENDPOINT: dynamo.endpoint,
    FEEDLOOM_TEST_SQS_ENDPOINT: sqs.endpoint,
    FEEDLOOM_TEST_TRUSTED_ADDRESS: '127.0.0.1',
    AWS_REGION: 'eu-west-1',
  };
  return {
    dynamo,
    clients,
    tables,
    sqs,
    demo,
    busy,
    env,
    close: async () => {
      clients.client.destroy();
      await Promise.all([sqs.close(), demo.close(), busy.close()]);
      await dynamo.close();
    },
  };
}

/** Reads a fixture file under test/fixtures/events with `{{origin}}` replaced. */
export async function loadEvent(path: string, origin: string): Promise<string> {
  return (await readFile(join(EVENTS, path), 'utf8')).replaceAll('{{origin}}', origin);
}
