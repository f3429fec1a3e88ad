import { DEFAULT_CONFIG } from '../../../infra/config';
import { WORK_QUEUE_RETENTION_DAYS } from '../../../infra/constructs/work-queue';

/** The stack's queue settings: SQS moves a message itself after 1000 receives, and deletes it after 10 days. */
export const STACK_QUEUE = { maxReceiveCount: DEFAULT_CONFIG.maxReceiveCount, retentionMs: WORK_QUEUE_RETENTION_DAYS * 86_400_000 } as const;
