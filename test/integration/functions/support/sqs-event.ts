import type { SQSEvent, SQSRecord } from 'aws-lambda';

/** An SQS record as the Lambda event-source mapping delivers it. */
export function sqsRecord(body: string, options: { messageId?: string; receiveCount?: number; queueArn?: string; sentAt?: number } = {}): SQSRecord {
  const messageId = options.messageId ?? crypto.randomUUID();
  // Sent just now unless told: the handler bounds a waiting message by its age.
  const sentAt = String(options.sentAt ?? Date.now());
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: sentAt,
      SenderId: 'AIDATEST',
      ApproximateFirstReceiveTimestamp: sentAt,
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
