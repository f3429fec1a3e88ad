import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Why a message was set aside, carried as message attributes so an operator can filter and redrive. */
export interface DeadLetterReason {
  code: string;
  message: string;
  sourceMessageId: string;
}

/**
 * Puts a message that can never succeed (poison) straight on a dead-letter queue with the reason
 * attached, so it is kept for inspection and redrive without five pointless deliveries first.
 */
export class SqsDeadLetterSink {
  constructor(private readonly options: { client: SQSClient; queueUrl: string }) {}

  async send(body: string, reason: DeadLetterReason): Promise<void> {
    const text = (value: string) => ({ DataType: 'String', StringValue: value.slice(0, 1000) || '-' });
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: body.length ? body : '(empty body)',
        MessageAttributes: { reason: text(reason.code), detail: text(reason.message), sourceMessageId: text(reason.sourceMessageId) },
      }),
    );
  }
}
