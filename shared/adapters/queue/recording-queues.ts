import { LONGEST_WAIT_MS } from '../../ingestion/delivery-policy';
import type { JobQueue } from '../../ingestion/ports';

/** A message a handler set aside on a dead-letter queue, with its reason. */
export interface RecordedDeadLetter {
  queueUrl: string;
  body: string;
  reason: { code: string; message: string; sourceMessageId: string };
}

/** A retry delay a handler asked for (ChangeMessageVisibility). */
export interface RecordedDelay {
  queueUrl: string;
  receiptHandle: string;
  delaySeconds: number;
}

/** Longest hide a handler's change gets on SQS (delivery-policy.ts LONGEST_WAIT_MS), which a delay is capped at, as the SQS adapter does. */
const MAX_DELAY_SECONDS = LONGEST_WAIT_MS / 1000;

/**
 * Queues that keep what is sent to them instead of delivering it: the local stand-in for SQS when
 * one handler runs on its own (`feedloom invoke`). Jobs are kept as they would travel, through
 * JSON, so what is recorded can be fed to the next handler as it is.
 */
export class RecordingQueues {
  /** Every job sent, in order, whatever queue it went to. */
  readonly sent: { queueUrl: string; job: unknown }[] = [];
  readonly deadLetters: RecordedDeadLetter[] = [];
  readonly delays: RecordedDelay[] = [];

  /** The job queue at `queueUrl`. */
  jobQueue<T>(queueUrl: string): JobQueue<T> {
    return {
      send: async (jobs) => {
        for (const job of jobs) this.sent.push({ queueUrl, job: JSON.parse(JSON.stringify(job)) });
      },
    };
  }

  /** The dead-letter queue at `queueUrl`. */
  deadLetterSink(queueUrl: string): { send(body: string, reason: RecordedDeadLetter['reason']): Promise<void> } {
    return {
      send: async (body, reason) => {
        this.deadLetters.push({ queueUrl, body, reason: { ...reason } });
      },
    };
  }

  /** Message visibility: records the delay asked for and answers the seconds SQS would apply. */
  readonly visibility = {
    hide: async (queueUrl: string, receiptHandle: string, delayMs: number): Promise<number> => {
      const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
      this.delays.push({ queueUrl, receiptHandle, delaySeconds });
      return delaySeconds;
    },
  };
}
