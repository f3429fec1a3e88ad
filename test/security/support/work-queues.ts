import { QueueSimulator, type QueueSimulatorOptions } from '../../../bench/support/queue-simulator';
import { createHandler as createExtractHandler } from '../../../functions/extract-article/handler';
import { createHandler as createFetchFeedHandler } from '../../../functions/fetch-feed/handler';
import type { Pipeline } from './pipeline';
import { STACK_QUEUE } from './stack-queue';

/** What a test may set on a work queue beyond the stack's mapping (batch size, clock, visibility...). */
type QueueOverrides = Partial<Omit<QueueSimulatorOptions, 'sqs' | 'queue' | 'deadLetterQueue' | 'handler'>>;

/**
 * The article work queue and its event-source mapping as the stack deploys them (STACK_QUEUE),
 * delivering to the real extract-article handler built from
 * `runtime` (called lazily, as the composition root does).
 */
export function articleQueue(
  pipeline: Pick<Pipeline, 'sqs'>,
  runtime: Parameters<typeof createExtractHandler>[0],
  overrides: QueueOverrides = {},
): QueueSimulator {
  return new QueueSimulator({
    sqs: pipeline.sqs,
    queue: 'articles',
    deadLetterQueue: 'articles-dlq',
    handler: createExtractHandler(runtime),
    ...STACK_QUEUE,
    batchSize: 10,
    ...overrides,
  });
}

/** The feed work queue and its mapping as the stack deploys them, delivering to the real fetch-feed handler. */
export function feedQueue(
  pipeline: Pick<Pipeline, 'sqs'>,
  runtime: Parameters<typeof createFetchFeedHandler>[0],
  overrides: QueueOverrides = {},
): QueueSimulator {
  return new QueueSimulator({
    sqs: pipeline.sqs,
    queue: 'feeds',
    deadLetterQueue: 'feeds-dlq',
    handler: createFetchFeedHandler(runtime),
    ...STACK_QUEUE,
    batchSize: 5,
    ...overrides,
  });
}
