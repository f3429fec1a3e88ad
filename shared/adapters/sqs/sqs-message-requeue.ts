import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Longest DelaySeconds SendMessage accepts: 15 minutes. */
export const MAX_DELAY_SECONDS = 900;

/**
 * Sends a received message's body again to its own queue as a new message (SendMessage with
 * DelaySeconds and the given attributes as Number attributes). SQS counts every receive and cannot
 * uncount one; a new message starts its receive count over, which is how the SQS handler keeps a
 * job that was only told to wait (a store outage, a host cooldown) from reaching the dead-letter
 * queue. Returns the delay SQS applies, in seconds.
 */
export class SqsMessageRequeue {
  constructor(private readonly options: { client: SQSClient }) {}

  async send(queueUrl: string, body: string, options: { delayMs: number; attributes: Record<string, number> }): Promise<number> {
    const seconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(options.delayMs / 1000)));
    await this.options.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        DelaySeconds: seconds,
        MessageAttributes: Object.fromEntries(
          Object.entries(options.attributes).map(([name, value]) => [name, { DataType: 'Number', StringValue: String(value) }]),
        ),
      }),
    );
    return seconds;
  }
}
