import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The low-level and document clients for one DynamoDB endpoint. */
export interface DynamoClients {
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
}

/** Longest wait for a TCP connection to DynamoDB, per attempt. */
export const DYNAMO_CONNECTION_TIMEOUT_MS = 3_000;
/** Longest wait for one DynamoDB request's response, per attempt. */
export const DYNAMO_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Builds DynamoDB clients. With an `endpoint` (dynalite, DynamoDB Local) the region and credentials
 * are placeholders, since local engines accept any; without one the SDK's default chain applies.
 */
export function createDynamoClients(
  options: { endpoint?: string; region?: string; maxAttempts?: number; connectionTimeoutMs?: number; requestTimeoutMs?: number } = {},
): DynamoClients {
  const local = options.endpoint !== undefined;
  const client = new DynamoDBClient({
    ...(local ? { endpoint: options.endpoint, region: options.region ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...(options.region && !local ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts ?? 5,
    // The SDK waits forever by default: a DynamoDB that accepts connections and never answers would
    // hold a record until the Lambda times out. Each attempt gets a deadline instead (then retried).
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DYNAMO_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DYNAMO_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  });
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false } });
  return { client, documents };
}
