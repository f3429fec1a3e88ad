import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { LONGEST_WAIT_MS } from '../../ingestion/delivery-policy';

/**
 * Longest visibility timeout a handler's change is sure to get: SQS's 12 hours count from the
 * receive, and a change asking past what is left is refused (delivery-policy.ts LONGEST_WAIT_MS).
 */
export const MAX_VISIBILITY_SECONDS = LONGEST_WAIT_MS / 1000;

/**
 * Hides a received message for a while (ChangeMessageVisibility), so a job that was told to come
 * back later (Retry-After) is redelivered no sooner than asked, instead of after the queue's default.
 */
export class SqsMessageVisibility {
  constructor(private readonly options: { client: SQSClient }) {}

  async hide(queueUrl: string, receiptHandle: string, delayMs: number): Promise<number> {
    const seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
    await this.options.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
    return seconds;
  }
}
