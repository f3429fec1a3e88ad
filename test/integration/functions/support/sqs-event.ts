import type { SQSEvent, SQSRecord } from 'aws-lambda';

/** An SQS record as the Lambda event-source mapping delivers it. */
export function sqsRecord(body: string, options: { messageId?: string; receiveCount?: number; queueArn?: string } = {}): SQSRecord {
  const messageId = options.messageId ?? crypto.randomUUID();
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '1700000000000',
      SenderId: 'AIDATEST',
      ApproximateFirstReceiveTimestamp: '1700000000000',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn ?? 'arn:aws:sqs:eu-west-1:000000000000:queue',
    awsRegion: 'eu-west-1',
  };
}

export function sqsEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
