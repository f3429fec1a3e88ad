import { createHash, randomUUID } from 'node:crypto';
import type { DeadLetterReason } from '../../ingestion/delivery-policy';
import type { JobQueue } from '../../ingestion/ports';
import type { DeadLetter, QueueJournal, StoredMessage } from '../../ingestion/queue-journal';

export type { DeadLetter, QueueJournal, StoredMessage } from '../../ingestion/queue-journal';

/** A message as a consumer receives it (the SQS shape that matters). */
export interface ReceivedMessage {
  messageId: string;
  body: string;
  /** How many times this message has been received, this delivery included (SQS ApproximateReceiveCount). */
  receiveCount: number;
}

/** Options of {@link LocalQueue}. */
export interface LocalQueueOptions {
  /** Deliveries after which a failing message moves to the dead-letter list (SQS maxReceiveCount). */
  maxReceiveCount: number;
  /** Name of the queue, kept with its dead letters. */
  name?: string;
  /** Persists messages; without one the queue lives in this process only. */
  journal?: QueueJournal;
  /** Milliseconds clock, injectable for tests. */
  now?: () => number;
}

/** Options of {@link LocalQueue.fail}. */
export interface FailOptions {
  /** False when the delivery was a wait, not an attempt: it is not charged (default true). */
  countsAsAttempt?: boolean;
}

/**
 * The id of a message: the hash of its body, so a job sent twice (a refresh repeated after a crash)
 * is one message, not two.
 */
const messageIdOf = (body: string): string => createHash('sha256').update(body).digest('base64url').slice(0, 32);

/**
 * An in-process queue with the SQS semantics the pipeline relies on: bodies are JSON strings (so
 * what works locally is what crosses SQS), receiving hides a message until it is acknowledged or
 * failed, a failed message comes back after a delay, and after `maxReceiveCount` deliveries it
 * moves to the dead-letter list instead. With a journal, every message is also kept in the
 * database until it is acknowledged, and `load` brings back what an earlier run left.
 */
export class LocalQueue<T> implements JobQueue<T> {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly inFlight = new Set<string>();
  readonly deadLetters: DeadLetter[] = [];
  private readonly now: () => number;

  constructor(private readonly options: LocalQueueOptions) {
    this.now = options.now ?? Date.now;
  }

  get name(): string {
    return this.options.name ?? 'queue';
  }

  /**
   * Takes in the messages an earlier run left in the journal. `visibleNow` delivers them at once,
   * whatever delay they were waiting out (`run --all`).
   */
  async load(options: { visibleNow?: boolean } = {}): Promise<number> {
    if (!this.options.journal) return 0;
    let loaded = 0;
    for (const message of await this.options.journal.load()) {
      if (this.messages.has(message.messageId)) continue;
      this.messages.set(message.messageId, { ...message, visibleAt: options.visibleNow ? 0 : message.visibleAt });
      loaded++;
    }
    return loaded;
  }

  async send(jobs: readonly T[]): Promise<void> {
    await this.sendBodies(jobs.map((job) => JSON.stringify(job)));
  }

  /** Enqueues raw bodies as they are (used to replay dead letters or inject malformed messages). */
  async sendBodies(bodies: readonly string[], options: { id?: 'content' | 'random' } = {}): Promise<void> {
    const sent = bodies.map((body): StoredMessage => {
      const messageId = options.id === 'random' ? randomUUID() : messageIdOf(body);
      const existing = this.messages.get(messageId);
      // A job sent again keeps its deliveries (a job that keeps killing the process is not reset
      // by the refresh that queues it again); one being processed keeps its visibility too.
      if (existing) return this.inFlight.has(messageId) ? { ...existing } : { ...existing, visibleAt: 0 };
      return { messageId, body, receiveCount: 0, visibleAt: 0 };
    });
    // Persisted first: `send` returning means the job survives a crash.
    await this.options.journal?.put(sent);
    for (const message of sent) {
      // Being processed, or taken and charged while the journal was written: the queue's own copy,
      // with its count and visibility, is newer than the one the map made.
      const current = this.messages.get(message.messageId);
      if (this.inFlight.has(message.messageId) || (current && current.receiveCount > message.receiveCount)) continue;
      this.messages.set(message.messageId, message);
    }
  }

  /** Enqueues one raw body (malformed messages in tests). In-memory queues only. */
  sendRaw(body: string): void {
    const messageId = randomUUID();
    this.messages.set(messageId, { messageId, body, receiveCount: 0, visibleAt: 0 });
  }

  /**
   * Up to `max` visible messages, now hidden until acknowledged or failed. As SQS counts a receive,
   * the delivery is counted when the message is taken, and the journal keeps that count before the
   * message is handed out: a job whose processing ends the process (a crash, a kill, out of memory)
   * is charged all the same, and once it has been taken `maxReceiveCount` times without finishing
   * it moves to the dead letters (TAKEN_WITHOUT_FINISHING) instead of running again. Throws when
   * the journal cannot keep the count; the messages it could not charge stay queued, uncharged.
   */
  async receive(max: number): Promise<ReceivedMessage[]> {
    const now = this.now();
    const taken: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (taken.length >= max) break;
      if (this.inFlight.has(message.messageId) || message.visibleAt > now) continue;
      this.inFlight.add(message.messageId);
      taken.push(message);
    }
    const charged: StoredMessage[] = [];
    for (const [index, message] of taken.entries()) {
      if (message.receiveCount < this.options.maxReceiveCount) {
        charged.push(message);
        continue;
      }
      try {
        await this.setAsideUnfinished(message);
      } catch (error) {
        // Not set aside: it and the rest stay queued, uncharged; those before it are still handed out.
        for (const left of taken.slice(index)) this.inFlight.delete(left.messageId);
        if (!charged.length) throw error;
        break;
      }
    }
    if (!charged.length) return [];
    for (const message of charged) message.receiveCount++;
    try {
      // One BatchWriteItem for the batch's counts (at most 10 items), not one PutItem each. It is not
      // atomic across items (each put is; dynalite has no TransactWriteItems, and a transaction would
      // cost twice the write units on AWS for a guarantee we do not need): when it fails, some counts
      // may be kept although no message is handed out. That errs on the safe side, a charge without
      // a take, never a take without a charge; the next take writes the count again, so the excess
      // outlives only a crash before it, and costs at most one delivery.
      await this.options.journal?.put(charged.map((message) => ({ ...message })));
    } catch (error) {
      for (const message of charged) {
        message.receiveCount--;
        this.inFlight.delete(message.messageId);
      }
      throw error;
    }
    return charged.map((message) => ({ messageId: message.messageId, body: message.body, receiveCount: message.receiveCount }));
  }

  private beforeSetAside: ((letter: DeadLetter) => Promise<void>) | null = null;

  /**
   * Work to do with a message set aside unfinished (TAKEN_WITHOUT_FINISHING) before its dead letter
   * is written, such as storing the entry from the feed. Best effort: a failure of it is ignored and
   * the message is set aside all the same (a kill in between does the work again on the next take).
   */
  onSetAside(hook: (letter: DeadLetter) => Promise<void>): void {
    this.beforeSetAside = hook;
  }

  /** Dead-letters a message every delivery of which ended without an acknowledgement or a failure. */
  private async setAsideUnfinished(message: StoredMessage): Promise<void> {
    const letter: DeadLetter = {
      queue: this.name,
      code: 'TAKEN_WITHOUT_FINISHING',
      message: `taken ${message.receiveCount} times without finishing: the process ended while running it each time (a crash, a kill, out of memory)`,
      sourceMessageId: message.messageId,
      body: message.body,
      receiveCount: message.receiveCount,
      at: new Date(this.now()).toISOString(),
    };
    await this.beforeSetAside?.(letter).catch(() => undefined);
    await this.options.journal?.deadLetter(message.messageId, letter);
    this.messages.delete(message.messageId);
    this.inFlight.delete(message.messageId);
    this.deadLetters.push(letter);
  }

  /** Deletes a processed message (from the journal first: if that fails, the message stays and is retried). */
  async ack(messageId: string): Promise<void> {
    await this.options.journal?.remove(messageId);
    this.messages.delete(messageId);
    this.inFlight.delete(messageId);
  }

  /**
   * Returns a failed message to the queue after `delayMs`, or dead-letters it when out of deliveries.
   * A delivery that was only a wait is not charged. The delivery was counted (and kept) when the
   * message was taken, so a failure does not count it again. The journal keeps the visibility (and
   * an uncharged count) when it can; if it cannot, the message is still kept (it comes back sooner
   * after a crash).
   */
  async fail(messageId: string, reason: Omit<DeadLetterReason, 'sourceMessageId'>, delayMs = 0, options: FailOptions = {}): Promise<void> {
    const message = this.messages.get(messageId);
    if (!message) {
      this.inFlight.delete(messageId);
      return;
    }
    if (options.countsAsAttempt === false) message.receiveCount = Math.max(0, message.receiveCount - 1);
    else if (message.receiveCount >= this.options.maxReceiveCount) {
      await this.reject(messageId, reason);
      return;
    }
    message.visibleAt = this.now() + delayMs;
    this.inFlight.delete(messageId);
    await this.options.journal?.update({ ...message }).catch(() => undefined);
  }

  /** Moves a message straight to the dead-letter list (poison: it can never succeed). */
  async reject(messageId: string, reason: Omit<DeadLetterReason, 'sourceMessageId'>): Promise<void> {
    const message = this.messages.get(messageId);
    if (!message) {
      this.inFlight.delete(messageId);
      return;
    }
    const letter: DeadLetter = {
      queue: this.name,
      code: reason.code,
      message: reason.message,
      sourceMessageId: messageId,
      body: message.body,
      receiveCount: message.receiveCount,
      at: new Date(this.now()).toISOString(),
    };
    try {
      await this.options.journal?.deadLetter(messageId, letter);
    } catch (error) {
      // Not recorded: the message stays queued (uncharged) and is decided again later.
      message.receiveCount = Math.max(0, message.receiveCount - 1);
      this.inFlight.delete(messageId);
      throw error;
    }
    this.messages.delete(messageId);
    this.inFlight.delete(messageId);
    this.deadLetters.push(letter);
  }

  /** Messages not yet deleted or dead-lettered. */
  get size(): number {
    return this.messages.size;
  }

  /** Milliseconds until the next hidden message becomes visible (0 if one is visible now, null if none waits). */
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

  /** Messages being processed right now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }
}
