import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** How long a work queue keeps a message by default: a store outage of about 9 days is waited out. */
export const WORK_QUEUE_RETENTION_DAYS = 10;

/** Options of {@link WorkQueue}. */
export interface WorkQueueProps {
  /** Timeout of the function consuming the queue. */
  consumerTimeout: Duration;
  /** The event-source mapping's batching window. */
  maxBatchingWindow: Duration;
  /** Receives before SQS moves a message to the dead-letter queue (at least 5). */
  maxReceiveCount: number;
  /** Default WORK_QUEUE_RETENTION_DAYS (delivery-policy.ts maxWaitAgeMs). */
  retentionPeriod?: Duration;
  /** Default 14 days, SQS's most: longer than the queue's, as it must be. */
  deadLetterRetentionPeriod?: Duration;
}

/**
 * An SQS queue and its dead-letter queue, both encrypted (SSE-SQS) and TLS-only. The visibility
 * timeout is six times the consumer's timeout plus the batching window, as the Lambda guide
 * advises for SQS event sources (docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html),
 * so a message is never redelivered while a throttled or retried invocation still holds it.
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly maxReceiveCount: number;
  /** How long SQS keeps a message in the queue, and in its dead-letter queue, before deleting it. */
  readonly retention: { queue: Duration; deadLetters: Duration };

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const retentionPeriod = props.retentionPeriod ?? Duration.days(WORK_QUEUE_RETENTION_DAYS);
    const deadLetterRetentionPeriod = props.deadLetterRetentionPeriod ?? Duration.days(14);
    if (props.maxReceiveCount < 5) throw new Error(`maxReceiveCount must be at least 5, got ${props.maxReceiveCount}`);
    // A message's age carries over to the DLQ: a shorter DLQ retention would drop old letters at once.
    if (deadLetterRetentionPeriod.toSeconds() <= retentionPeriod.toSeconds())
      throw new Error('the dead-letter retention must be longer than the queue retention');
    this.maxReceiveCount = props.maxReceiveCount;
    this.retention = { queue: retentionPeriod, deadLetters: deadLetterRetentionPeriod };
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      retentionPeriod: deadLetterRetentionPeriod,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is the dead-letter queue of the work queue below: a redrive policy of its own would move dead letters further away from the alarm that watches them.',
    });
    this.queue = new Queue(this, 'Queue', {
      retentionPeriod,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6 + props.maxBatchingWindow.toSeconds()),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
  }
}
