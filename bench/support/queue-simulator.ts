import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { SqsStandIn } from './sqs-stand-in';

/** A clock the simulator reads and may move forward (virtual time: no test sleeps for a visibility timeout). */
export interface SimClock {
  now(): number;
  advance(ms: number): void;
}

/** Virtual time, starting at `start` (ms since the epoch). */
export function virtualClock(start = Date.parse('2026-01-15T10:00:00Z')): SimClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Real time: `advance` waits. */
export const realClock: SimClock = { now: () => Date.now(), advance: () => undefined };

interface Message {
  messageId: string;
  body: string;
  /** Message attributes the producer sent (string values). */
  attributes: Record<string, string>;
  receiveCount: number;
  visibleAt: number;
  /** When it was sent, and first received (null before), on the simulator's clock. */
  sentAt: number;
  firstReceivedAt: number | null;
  /** Receipt of the current delivery (each delivery has its own, as in SQS). */
  receipt: string | null;
}

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** What one invocation got and returned. */
export interface Invocation {
  /** When it started, on the simulator's clock. */
  at: number;
  /** Which worker (execution environment) ran it. */
  worker: number;
  messageIds: string[];
  receiveCounts: number[];
  outcome: 'returned' | 'threw' | 'timed-out' | 'invalid-response';
  failures: string[];
  error?: string;
}

/** A message moved to the dead-letter queue, and why. */
export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  /** `maxReceiveCount` when the queue moved it, else the reason code the handler sent with it. */
  reason: string;
}

/** Options of {@link QueueSimulator}. */
export interface QueueSimulatorOptions {
  /** The SQS stand-in the handlers' real SQS adapters talk to. */
  sqs: SqsStandIn;
  /** Queue name on the stand-in whose sent messages this queue receives (the producers' target). */
  queue: string;
  /** Queue name on the stand-in where handlers put messages they set aside (poison, terminal). */
  deadLetterQueue: string;
  handler: Handler;
  /** One handler per worker (separate execution environments); `handler` serves every worker otherwise. */
  handlers?: Handler[];
  maxReceiveCount: number;
  batchSize: number;
  /** The queue's message retention: an older message is deleted unseen, as SQS does (default: kept forever). */
  retentionMs?: number;
  /** The queue's visibility timeout (the stack: 6 x the function timeout + the batching window). */
  visibilityTimeoutMs?: number;
  /** The function's timeout: an invocation still running after it counts as timed out. */
  functionTimeoutMs?: number;
  /** Parallel invocations (the event-source mapping's maximum concurrency). */
  workers?: number;
  clock?: SimClock;
  /** The Lambda context of an invocation; defaults to one whose remaining time follows the real clock. */
  context?: (invocation: number) => Context;
}

function defaultContext(timeoutMs: number): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'feedloom-security',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:feedloom-security',
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/feedloom-security',
    logStreamName: 'security',
    getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Q of the catalogue: an in-process stand-in for an SQS queue and its Lambda event-source mapping.
 * Producers send with the real SQS adapters to the SQS stand-in; Q takes those messages, delivers
 * them in batches to the real handler with `ApproximateReceiveCount`, deletes what succeeded,
 * redelivers what `batchItemFailures` lists (or the whole batch when the handler throws, times out
 * or answers with an invalid failure list) once its visibility ends, honours
 * ChangeMessageVisibility calls made through the stand-in, and moves a message to the dead-letter
 * list when it would be received more than `maxReceiveCount` times.
 */
export class QueueSimulator {
  readonly invocations: Invocation[] = [];
  /** Messages SQS deleted for their age (retentionMs): lost. */
  readonly expired: { messageId: string; body: string; receiveCount: number }[] = [];
  private readonly messages = new Map<string, Message>();
  private readonly queueMoved: DeadLetter[] = [];
  private readonly clock: SimClock;
  private callsSeen = 0;

  constructor(private readonly options: QueueSimulatorOptions) {
    this.clock = options.clock ?? virtualClock();
  }

  /** Sends a raw body straight to the queue (as a producer or an operator would). */
  send(body: string): string {
    const messageId = randomUUID();
    this.messages.set(messageId, {
      messageId,
      body,
      attributes: {},
      receiveCount: 0,
      visibleAt: 0,
      sentAt: this.clock.now(),
      firstReceivedAt: null,
      receipt: null,
    });
    return messageId;
  }

  /** Messages still in the queue (visible or not). */
  get size(): number {
    this.collect();
    return this.messages.size;
  }

  /** Everything in the dead-letter queue: moved by the queue, or set aside by a handler. */
  get deadLetters(): DeadLetter[] {
    const setAside = this.options.sqs.messages(this.options.deadLetterQueue).map((m) => ({
      messageId: m.attributes.sourceMessageId ?? m.messageId,
      body: m.body,
      receiveCount: 0,
      reason: m.attributes.reason ?? 'unknown',
    }));
    return [...this.queueMoved, ...setAside];
  }

  /** How many times a message was delivered. */
  deliveries(messageId: string): number {
    return this.invocations.reduce((n, inv) => n + inv.messageIds.filter((id) => id === messageId).length, 0);
  }

  /** The simulator's clock now (ms). */
  now(): number {
    return this.clock.now();
  }

  /** A dead-letter redrive: every dead letter goes back to the source queue as a new message. */
  redrive(): string[] {
    const letters = [...this.queueMoved.splice(0), ...this.options.sqs.drain(this.options.deadLetterQueue).map((m) => ({ body: m.body }))];
    return letters.map((letter) => this.send(letter.body));
  }

  /**
   * Delivers until the queue is empty (advancing virtual time over visibility timeouts), `maxInvocations`,
   * or until no message is visible before `until` (ms on the simulator's clock).
   */
  async drain(options: { maxInvocations?: number; until?: number } = {}): Promise<void> {
    const max = options.maxInvocations ?? 500;
    const workers = this.options.workers ?? this.options.handlers?.length ?? 1;
    const running = new Set<Promise<void>>();
    const busy = new Set<number>();
    while (this.invocations.length < max) {
      this.collect();
      for (let worker = 0; worker < workers; worker++) {
        if (busy.has(worker)) continue;
        const batch = this.receive();
        if (!batch.length) break;
        busy.add(worker);
        const task = this.invoke(batch, worker).finally(() => {
          running.delete(task);
          busy.delete(worker);
        });
        running.add(task);
      }
      if (running.size) {
        await Promise.race(running);
        continue;
      }
      const next = this.nextVisibleAt();
      if (next === null || (options.until !== undefined && next > options.until)) return;
      const wait = next - this.clock.now();
      if (wait > 0) {
        this.clock.advance(wait);
        if (this.clock === realClock) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 50)));
      }
    }
    await Promise.all(running);
  }

  /**
   * Pulls what producers sent to the stand-in (hidden for their DelaySeconds, with their message
   * attributes), and applies the visibility changes handlers asked for.
   */
  private collect(): void {
    for (const sent of this.options.sqs.drain(this.options.queue)) {
      this.messages.set(sent.messageId, {
        messageId: sent.messageId,
        body: sent.body,
        attributes: sent.attributes,
        receiveCount: 0,
        visibleAt: this.clock.now() + sent.delaySeconds * 1000,
        sentAt: this.clock.now(),
        firstReceivedAt: null,
        receipt: null,
      });
    }
    const calls = this.options.sqs.calls;
    for (; this.callsSeen < calls.length; this.callsSeen++) {
      const call = calls[this.callsSeen];
      if (call?.action !== 'ChangeMessageVisibility' || call.rejected) continue;
      const receipt = String(call.input.ReceiptHandle);
      for (const message of this.messages.values()) {
        if (message.receipt === receipt) message.visibleAt = this.clock.now() + Number(call.input.VisibilityTimeout) * 1000;
      }
    }
  }

  private nextVisibleAt(): number | null {
    let soonest: number | null = null;
    for (const message of this.messages.values()) soonest = soonest === null ? message.visibleAt : Math.min(soonest, message.visibleAt);
    return soonest;
  }

  private receive(): Message[] {
    const now = this.clock.now();
    const batch: Message[] = [];
    for (const message of this.messages.values()) {
      if (batch.length >= this.options.batchSize) break;
      if (this.options.retentionMs !== undefined && now - message.sentAt > this.options.retentionMs) {
        this.messages.delete(message.messageId);
        this.expired.push({ messageId: message.messageId, body: message.body, receiveCount: message.receiveCount });
        continue;
      }
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= this.options.maxReceiveCount) {
        // SQS moves a message to the dead-letter queue when it would exceed maxReceiveCount.
        this.messages.delete(message.messageId);
        this.queueMoved.push({ messageId: message.messageId, body: message.body, receiveCount: message.receiveCount, reason: 'maxReceiveCount' });
        continue;
      }
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      message.receipt = `${message.messageId}#${message.receiveCount}#${randomUUID()}`;
      message.visibleAt = now + (this.options.visibilityTimeoutMs ?? 725_000);
      batch.push(message);
    }
    return batch;
  }

  /**
   * The record as the event-source mapping delivers it. Its timestamps are on the real clock the
   * handler reads (Date.now), set back by the message's age on the simulator's clock, so a handler
   * on real time sees the age the message has in queue time.
   */
  private record(message: Message): SQSRecord {
    const onRealClock = (at: number) => String(Date.now() - (this.clock.now() - at));
    return {
      messageId: message.messageId,
      receiptHandle: message.receipt ?? '',
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: onRealClock(message.sentAt),
        SenderId: 'AIDASECURITY',
        ApproximateFirstReceiveTimestamp: onRealClock(message.firstReceivedAt ?? this.clock.now()),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.attributes).map(([name, value]) => [
          name,
          { stringValue: value, dataType: 'String', stringListValues: [], binaryListValues: [] },
        ]),
      ),
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:eu-west-1:000000000000:${this.options.queue}`,
      awsRegion: 'eu-west-1',
    };
  }

  private async invoke(batch: Message[], worker: number): Promise<void> {
    const handler = this.options.handlers?.[worker] ?? this.options.handler;
    const invocation: Invocation = {
      at: this.clock.now(),
      worker,
      messageIds: batch.map((m) => m.messageId),
      receiveCounts: batch.map((m) => m.receiveCount),
      outcome: 'returned',
      failures: [],
    };
    this.invocations.push(invocation);
    const timeoutMs = this.options.functionTimeoutMs ?? 120_000;
    const context = this.options.context?.(this.invocations.length) ?? defaultContext(timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), timeoutMs);
    });
    let failed: Set<string>;
    try {
      const result = await Promise.race([handler({ Records: batch.map((m) => this.record(m)) }, context), timedOut]);
      if (result === 'timed-out') {
        invocation.outcome = 'timed-out';
        failed = new Set(invocation.messageIds);
      } else {
        invocation.failures = result.batchItemFailures.map((f) => f.itemIdentifier);
        // The event-source mapping fails the whole batch when an identifier is empty or unknown.
        if (invocation.failures.some((id) => !id || !invocation.messageIds.includes(id))) {
          invocation.outcome = 'invalid-response';
          failed = new Set(invocation.messageIds);
        } else failed = new Set(invocation.failures);
      }
    } catch (error) {
      invocation.outcome = 'threw';
      invocation.error = (error as Error).message;
      failed = new Set(invocation.messageIds);
    } finally {
      clearTimeout(timer);
    }
    this.collect();
    for (const message of batch) {
      if (!failed.has(message.messageId)) this.messages.delete(message.messageId);
      // A failed message stays hidden until its visibility ends (the queue's, or the one the handler set).
    }
  }
}
