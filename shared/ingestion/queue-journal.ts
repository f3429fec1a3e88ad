import type { DeadLetterReason } from './delivery-policy';

/*
 * The port through which a queue of the local runtime keeps its messages in the database
 * (shared/adapters/queue/local-queue.ts uses it; shared/adapters/dynamodb/queue-journal.ts implements it).
 */

/** A message at rest: what a journal keeps. */
export interface StoredMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  /** Epoch milliseconds before which the message is not delivered. */
  visibleAt: number;
}

/** A message set aside for good, with why (the dead-letter shape of both runtimes). */
export interface DeadLetter extends DeadLetterReason {
  queue: string;
  body: string;
  receiveCount: number;
  at: string;
}

/**
 * Where a queue's messages live between runs (the local database): a message is written before
 * `send` returns and deleted only once acknowledged or dead-lettered, so a crash, a kill or an
 * outage loses none. Every method may throw when the store is unreachable.
 */
export interface QueueJournal {
  load(): Promise<StoredMessage[]>;
  put(messages: readonly StoredMessage[]): Promise<void>;
  update(message: StoredMessage): Promise<void>;
  remove(messageId: string): Promise<void>;
  /** Records the letter and removes the message, in that order (a crash between keeps both). */
  deadLetter(messageId: string, letter: DeadLetter): Promise<void>;
}
