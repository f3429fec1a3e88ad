import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue } from '../../ingestion/ports';
import { QueueSendError } from './queue-send-error';

/** Options of {@link SqsJobQueue}. */
export interface SqsJobQueueOptions {
  client: SQSClient;
  queueUrl: string;
  /** Rounds of SendMessageBatch for one group before giving up on its failed entries. */
  maxRounds?: number;
  /** Largest message and batch payload in bytes (SQS quota: 256 KiB). */
  maxBatchBytes?: number;
  /** Waits between rounds; injectable so tests do not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

/** Entries SendMessageBatch takes at once (SQS quota). */
export const SQS_BATCH_MAX_ENTRIES = 10;
const DEFAULT_MAX_BYTES = 256 * 1024;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits bodies into batches of at most 10 entries and `maxBytes` in total. */
function toBatches(bodies: readonly string[], maxBytes: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = Buffer.byteLength(body, 'utf8');
    if (size > maxBytes) throw new QueueSendError('JOB_TOO_LARGE', `a job of ${size} bytes exceeds the ${maxBytes}-byte SQS message limit`);
    if (current.length === SQS_BATCH_MAX_ENTRIES || bytes + size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(body);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * JobQueue on SQS. Jobs go out with SendMessageBatch in groups of at most ten (and under the
 * payload quota); entries SQS reports as failed are sent again with backoff, never dropped. An
 * entry SQS rejects as the sender's fault, or one still failing after `maxRounds`, makes `send`
 * throw QueueSendError, so the caller's own message is retried and no job is lost. Entries already
 * accepted may then be sent twice on that retry; consumers are idempotent.
 */
export class SqsJobQueue<T> implements JobQueue<T> {
  constructor(private readonly options: SqsJobQueueOptions) {}

  async send(jobs: readonly T[]): Promise<void> {
    const maxBytes = this.options.maxBatchBytes ?? DEFAULT_MAX_BYTES;
    for (const batch of toBatches(
      jobs.map((job) => JSON.stringify(job)),
      maxBytes,
    )) {
      await this.sendBatch(batch);
    }
  }

  private async sendBatch(bodies: readonly string[]): Promise<void> {
    const maxRounds = this.options.maxRounds ?? 5;
    const sleep = this.options.sleep ?? defaultSleep;
    let pending: SendMessageBatchRequestEntry[] = bodies.map((body, index) => ({ Id: String(index), MessageBody: body }));
    for (let round = 0; pending.length; round++) {
      if (round >= maxRounds) {
        throw new QueueSendError('QUEUE_SEND_FAILED', `${pending.length} job(s) still failing after ${maxRounds} SendMessageBatch rounds`);
      }
      if (round) await sleep(Math.min(2_000, 100 * 2 ** (round - 1)));
      const result = await this.options.client.send(new SendMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: pending }));
      const failed = result.Failed ?? [];
      const rejected = failed.find((entry) => entry.SenderFault);
      if (rejected) throw new QueueSendError('QUEUE_SEND_REJECTED', `SQS rejected a job: ${rejected.Code ?? 'unknown'} ${rejected.Message ?? ''}`.trim());
      const failedIds = new Set(failed.map((entry) => entry.Id));
      const accepted = new Set((result.Successful ?? []).map((entry) => entry.Id));
      // An entry in neither list is treated as failed: only an acknowledged entry counts as sent.
      pending = pending.filter((entry) => failedIds.has(entry.Id) || !accepted.has(entry.Id));
    }
  }
}
