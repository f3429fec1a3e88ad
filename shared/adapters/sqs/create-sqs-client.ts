import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Builds an SQS client. With an `endpoint` (a loopback stand-in in tests) the region and
 * credentials are placeholders; without one the SDK's default chain applies (the Lambda role).
 */
export function createSqsClient(options: { endpoint?: string; region?: string; maxAttempts?: number } = {}): SQSClient {
  const local = options.endpoint !== undefined;
  return new SQSClient({
    ...(local ? { endpoint: options.endpoint, region: options.region ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...(options.region && !local ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts ?? 5,
  });
}
