import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The low-level and document clients for one DynamoDB endpoint. */
export interface DynamoClients {
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
}

/**
 * Builds DynamoDB clients. With an `endpoint` (dynalite, DynamoDB Local) the region and credentials
 * are placeholders, since local engines accept any; without one the SDK's default chain applies.
 */
export function createDynamoClients(options: { endpoint?: string; region?: string; maxAttempts?: number } = {}): DynamoClients {
  const local = options.endpoint !== undefined;
  const client = new DynamoDBClient({
    ...(local ? { endpoint: options.endpoint, region: options.region ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...(options.region && !local ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts ?? 5,
  });
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false } });
  return { client, documents };
}
