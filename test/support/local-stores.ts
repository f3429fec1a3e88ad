import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoArticleStore } from '../../shared/adapters/dynamodb/article-store';
import { createDynamoClients } from '../../shared/adapters/dynamodb/create-dynamo-clients';
import { startEmbeddedDynamo } from '../../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../../shared/adapters/dynamodb/ensure-tables';
import { DynamoFeedStore } from '../../shared/adapters/dynamodb/feed-store';

let counter = 0;

/** Fresh in-memory dynalite with Feedloom's tables (unique names per call), for one test file. */
export async function startTestStores(): Promise<{
  feeds: DynamoFeedStore;
  articles: DynamoArticleStore;
  documents: DynamoDBDocumentClient;
  names: { articles: string; feeds: string };
  /** The dynalite's URL (for the CLI's `--endpoint`). */
  endpoint: string;
  close(): Promise<void>;
}> {
  const dynamo = await startEmbeddedDynamo(null);
  const { client, documents } = createDynamoClients({ endpoint: dynamo.endpoint });
  counter++;
  const names = { articles: `articles-${process.pid}-${counter}`, feeds: `feeds-${process.pid}-${counter}` };
  await ensureTables(client, names);
  return {
    feeds: new DynamoFeedStore({ client: documents, tableName: names.feeds }),
    articles: new DynamoArticleStore({ client: documents, tableName: names.articles }),
    documents,
    names,
    endpoint: dynamo.endpoint,
    close: async () => {
      client.destroy();
      await dynamo.close();
    },
  };
}
