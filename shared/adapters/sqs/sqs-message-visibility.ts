import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Longest visibility timeout SQS accepts: 12 hours. */
export const MAX_VISIBILITY_SECONDS = 43_200;

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
