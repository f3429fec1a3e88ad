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

/** Whether an endpoint is a DynamoDB engine on this machine (dynalite, DynamoDB Local). */
export function isLocalEndpoint(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * Builds DynamoDB clients. A local endpoint (dynalite, DynamoDB Local) gets placeholder region and
 * credentials, since local engines accept any. Any other endpoint, or none, uses the SDK's default
 * credential chain; the region comes from the option, else from an AWS endpoint's host name
 * (`dynamodb.<region>.amazonaws.com`), else from the SDK's own configuration.
 */
export function createDynamoClients(
  options: { endpoint?: string; region?: string; maxAttempts?: number; connectionTimeoutMs?: number; requestTimeoutMs?: number } = {},
): DynamoClients {
  const { endpoint } = options;
  const local = endpoint !== undefined && isLocalEndpoint(endpoint);
  const regionFromHost = endpoint ? /^https?:\/\/dynamodb\.([a-z0-9-]+)\.amazonaws\.com/i.exec(endpoint)?.[1] : undefined;
  const region = options.region ?? (local ? 'local' : regionFromHost);
  const client = new DynamoDBClient({
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
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
