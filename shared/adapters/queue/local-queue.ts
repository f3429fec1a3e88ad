import { randomUUID } from 'node:crypto';
import type { JobQueue } from '../../ingestion/ports';

/** A message as a consumer receives it (the SQS shape that matters). */
export interface ReceivedMessage {
  messageId: string;
  body: string;
  /** How many times this message has been received, this delivery included (SQS ApproximateReceiveCount). */
  receiveCount: number;
}

interface StoredMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  visibleAt: number;
}

/** Options of {@link LocalQueue}. */
export interface LocalQueueOptions {
  /** Deliveries after which a failing message moves to the dead-letter list (SQS maxReceiveCount). */
  maxReceiveCount: number;
  /** Milliseconds clock, injectable for tests. */
  now?: () => number;
}

/**
 * An in-process queue with the SQS semantics the pipeline relies on: bodies are JSON strings (so
 * what works locally is what crosses SQS), receiving hides a message until it is acknowledged or
 * failed, a failed message comes back after a delay, and after `maxReceiveCount` deliveries it
 * moves to the dead-letter list instead.
 */
export class LocalQueue<T> implements JobQueue<T> {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly inFlight = new Set<string>();
  readonly deadLetters: (ReceivedMessage & { reason: string })[] = [];
  private readonly now: () => number;

  constructor(private readonly options: LocalQueueOptions) {
    this.now = options.now ?? Date.now;
  }

  async send(jobs: readonly T[]): Promise<void> {
    for (const job of jobs) this.sendRaw(JSON.stringify(job));
  }

  /** Enqueues a raw body as is (used to replay dead letters or inject malformed messages). */
  sendRaw(body: string): void {
    const messageId = randomUUID();
    this.messages.set(messageId, { messageId, body, receiveCount: 0, visibleAt: 0 });
  }

  /** Up to `max` visible messages, now hidden until acknowledged or failed. */
  receive(max: number): ReceivedMessage[] {
    const now = this.now();
    const batch: ReceivedMessage[] = [];
    for (const message of this.messages.values()) {
      if (batch.length >= max) break;
      if (this.inFlight.has(message.messageId) || message.visibleAt > now) continue;
      message.receiveCount++;
      this.inFlight.add(message.messageId);
      batch.push({ messageId: message.messageId, body: message.body, receiveCount: message.receiveCount });
    }
    return batch;
  }

  /** Deletes a processed message. */
  ack(messageId: string): void {
    this.messages.delete(messageId);
    this.inFlight.delete(messageId);
  }

  /** Returns a failed message to the queue after `delayMs`, or dead-letters it when out of deliveries. */
  fail(messageId: string, reason: string, delayMs = 0): void {
    const message = this.messages.get(messageId);
    this.inFlight.delete(messageId);
    if (!message) return;
    if (message.receiveCount >= this.options.maxReceiveCount) {
      this.messages.delete(messageId);
      this.deadLetters.push({ messageId, body: message.body, receiveCount: message.receiveCount, reason });
      return;
    }
    message.visibleAt = this.now() + delayMs;
  }

  /** Moves a message straight to the dead-letter list (poison: it can never succeed). */
  reject(messageId: string, reason: string): void {
    const message = this.messages.get(messageId);
    this.inFlight.delete(messageId);
    if (!message) return;
    this.messages.delete(messageId);
    this.deadLetters.push({ messageId, body: message.body, receiveCount: message.receiveCount, reason });
  }

  /** Messages not yet deleted or dead-lettered. */
  get size(): number {
    return this.messages.size;
  }

  /** Milliseconds until the next hidden message becomes visible (0 if one is visible now, null if empty). */
  nextVisibleInMs(): number | null {
    let soonest: number | null = null;
    const now = this.now();
    for (const message of this.messages.values()) {
      if (this.inFlight.has(message.messageId)) continue;
      const wait = Math.max(0, message.visibleAt - now);
      soonest = soonest === null ? wait : Math.min(soonest, wait);
    }
    return soonest;
  }
}
