import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SqsStandIn, startSqsStandIn } from '../../../bench/support/sqs-stand-in';
import { createSqsClient } from '../../../shared/adapters/sqs/create-sqs-client';
import { QueueSendError } from '../../../shared/adapters/sqs/queue-send-error';
import { SqsJobQueue } from '../../../shared/adapters/sqs/sqs-job-queue';
import { SqsMessageVisibility } from '../../../shared/adapters/sqs/sqs-message-visibility';

let sqs: SqsStandIn;
let client: SQSClient;
const noSleep = async (): Promise<void> => undefined;

beforeAll(async () => {
  sqs = await startSqsStandIn();
  client = createSqsClient({ endpoint: sqs.endpoint, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await sqs.close();
});
beforeEach(() => {
  sqs.drain('jobs');
  sqs.calls.length = 0;
  sqs.failEntries([]);
});

const jobs = (count: number, pad = 0) => Array.from({ length: count }, (_, n) => ({ n, pad: 'x'.repeat(pad) }));
const received = () => sqs.messages('jobs').map((m) => (JSON.parse(m.body) as { n: number }).n);
const batchSizes = () => sqs.calls.filter((c) => c.action === 'SendMessageBatch').map((c) => (c.input.Entries as unknown[]).length);

describe('SqsJobQueue', () => {
  it('sends jobs with SendMessageBatch in groups of at most ten', async () => {
    await new SqsJobQueue({ client, queueUrl: sqs.queueUrl('jobs') }).send(jobs(23));
    expect(batchSizes()).toEqual([10, 10, 3]);
    expect(received()).toEqual([...Array(23).keys()]);
  });

  it('sends failed entries again until every job is accepted, none twice', async () => {
    sqs.failEntries([3, 1, 0, 2]);
    await new SqsJobQueue({ client, queueUrl: sqs.queueUrl('jobs'), sleep: noSleep }).send(jobs(15));
    expect(batchSizes()).toEqual([10, 3, 1, 5, 2]);
    expect(received().sort((a, b) => a - b)).toEqual([...Array(15).keys()]);
  });

  it('throws rather than drop a job that keeps failing', async () => {
    sqs.failEntries([1, 1, 1]);
    const queue = new SqsJobQueue({ client, queueUrl: sqs.queueUrl('jobs'), sleep: noSleep, maxRounds: 3 });
    const error = await queue.send(jobs(4)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueSendError);
    expect(error).toMatchObject({ code: 'QUEUE_SEND_FAILED', retryable: true });
  });

  it('keeps each batch under the 256 KiB payload quota', async () => {
    await new SqsJobQueue({ client, queueUrl: sqs.queueUrl('jobs') }).send(jobs(10, 40_000));
    expect(batchSizes()).toEqual([6, 4]);
    expect(received()).toHaveLength(10);
  });

  it('refuses a job larger than an SQS message with a typed error, sending nothing', async () => {
    const error = await new SqsJobQueue({ client, queueUrl: sqs.queueUrl('jobs') }).send(jobs(2, 300_000)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JOB_TOO_LARGE' });
    expect(sqs.calls).toHaveLength(0);
  });
});

describe('SqsMessageVisibility', () => {
  it('rounds the delay up to whole seconds and caps it where SQS still accepts it (12 h from the receive, less the batching window and the run)', async () => {
    const visibility = new SqsMessageVisibility({ client });
    expect(await visibility.hide(sqs.queueUrl('jobs'), 'r1', 1_500)).toBe(2);
    expect(await visibility.hide(sqs.queueUrl('jobs'), 'r2', 48 * 3_600_000)).toBe(42_000);
    expect(sqs.calls.map((c) => [c.input.VisibilityTimeout, c.rejected ?? false])).toEqual([
      [2, false],
      [42_000, false],
    ]);
  });
});
