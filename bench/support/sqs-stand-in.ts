import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the stand-in holds. */
export interface StoredMessage {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
  /** SendMessage DelaySeconds (0 when none was asked). */
  delaySeconds: number;
}

/** One call the stand-in answered. */
export interface SqsCall {
  action: string;
  input: Record<string, unknown>;
  /** The stand-in refused the call as SQS would (a 400 answer): it changed nothing. */
  rejected?: boolean;
}

/**
 * SQS caps a message's visibility at 12 hours from its receive and refuses a ChangeMessageVisibility
 * past what is left ("Total VisibilityTimeout for the message is beyond the limit [43200 seconds]").
 * A handler's change always comes after the receive (the poller's batching window, the record's
 * work): at least this long after it, so a change to the full 43 200 s is refused.
 */
export const SECONDS_SINCE_RECEIVE = 1;

/** A running SQS stand-in. */
export interface SqsStandIn {
  endpoint: string;
  /** A queue URL on this endpoint for a queue name. */
  queueUrl(name: string): string;
  messages(name: string): StoredMessage[];
  /** Removes and returns a queue's messages. */
  drain(name: string): StoredMessage[];
  calls: SqsCall[];
  /** The next SendMessageBatch calls fail these many entries each (the last ones of the batch), as SQS may. */
  failEntries(perCall: number[]): void;
  /** The next `count` SendMessage calls to a queue named `queue` (every queue without one) answer 500, as SQS may. */
  failSends(count: number, queue?: string): void;
  close(): Promise<void>;
}

const MAX_ENTRIES = 10;
const MAX_PAYLOAD = 256 * 1024;

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * A loopback stand-in for the part of the SQS JSON protocol (AWS JSON 1.0, `X-Amz-Target:
 * AmazonSQS.<Action>`) Feedloom's adapters call: SendMessage, SendMessageBatch (with SQS's
 * 10-entry and 256 KiB limits) and ChangeMessageVisibility. No SQS emulator on npm runs on Node 20,
 * so this lets the real SDK client and adapters be exercised over real HTTP; it is not SQS.
 */
export async function startSqsStandIn(): Promise<SqsStandIn> {
  const queues = new Map<string, StoredMessage[]>();
  const calls: SqsCall[] = [];
  let failures: number[] = [];
  let failedSends: { count: number; queue: string | undefined } = { count: 0, queue: undefined };
  const queue = (url: string): StoredMessage[] => {
    const name = url.split('/').pop() ?? url;
    const list = queues.get(name) ?? [];
    queues.set(name, list);
    return list;
  };
  const error = (type: string, message: string) => ({ status: 400, body: { __type: `com.amazonaws.sqs#${type}`, message } });

  const handle = (action: string, input: Record<string, unknown>): { status: number; body: unknown } => {
    calls.push({ action, input });
    if (action === 'SendMessage') {
      const target = String(input.QueueUrl).split('/').pop();
      if (failedSends.count > 0 && (failedSends.queue === undefined || failedSends.queue === target)) {
        failedSends.count--;
        return { status: 500, body: { __type: 'com.amazonaws.sqs#InternalError', message: 'injected' } };
      }
      const body = String(input.MessageBody ?? '');
      const attributes = Object.fromEntries(
        Object.entries((input.MessageAttributes as Record<string, { StringValue?: string }> | undefined) ?? {}).map(([k, v]) => [k, v.StringValue ?? '']),
      );
      const message = { messageId: randomUUID(), body, attributes, delaySeconds: Number(input.DelaySeconds ?? 0) };
      queue(String(input.QueueUrl)).push(message);
      return { status: 200, body: { MessageId: message.messageId, MD5OfMessageBody: md5(body) } };
    }
    if (action === 'SendMessageBatch') {
      const entries = (input.Entries as { Id: string; MessageBody: string }[]) ?? [];
      if (entries.length > MAX_ENTRIES) return error('TooManyEntriesInBatchRequest', `${entries.length} entries`);
      const bytes = entries.reduce((sum, entry) => sum + Buffer.byteLength(entry.MessageBody), 0);
      if (bytes > MAX_PAYLOAD) return error('BatchRequestTooLong', `${bytes} bytes`);
      const failCount = failures.shift() ?? 0;
      const ok = entries.slice(0, entries.length - failCount);
      const failed = entries.slice(entries.length - failCount);
      const list = queue(String(input.QueueUrl));
      const successful = ok.map((entry) => {
        const message = { messageId: randomUUID(), body: entry.MessageBody, attributes: {}, delaySeconds: 0 };
        list.push(message);
        return { Id: entry.Id, MessageId: message.messageId, MD5OfMessageBody: md5(entry.MessageBody) };
      });
      return {
        status: 200,
        body: { Successful: successful, Failed: failed.map((entry) => ({ Id: entry.Id, SenderFault: false, Code: 'InternalError', Message: 'injected' })) },
      };
    }
    if (action === 'ChangeMessageVisibility') {
      const seconds = Number(input.VisibilityTimeout);
      if (seconds > 43_200 - SECONDS_SINCE_RECEIVE) {
        const call = calls.at(-1);
        if (call) call.rejected = true;
        return error(
          'InvalidParameterValue',
          `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds].`,
        );
      }
      return { status: 200, body: {} };
    }
    return error('UnsupportedOperation', `${action} is not supported by the stand-in`);
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const action = String(request.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
      const { status, body } = handle(action, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    queueUrl: (name) => `${endpoint}/000000000000/${name}`,
    messages: (name) => queues.get(name) ?? [],
    drain: (name) => queues.get(name)?.splice(0) ?? [],
    calls,
    failEntries: (perCall) => {
      failures = [...perCall];
    },
    failSends: (count, queue) => {
      failedSends = { count, queue };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
