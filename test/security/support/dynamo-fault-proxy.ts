import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

/** One DynamoDB call the proxy saw, and what it answered. */
export interface ProxiedCall {
  operation: string;
  at: number;
  /** `forwarded`, or the fault it injected instead. */
  outcome: string;
  /** The error type DynamoDB (or the fault) answered with, if any (`ConditionalCheckFailedException`). */
  error?: string;
  /** The table of a single-item call (`TableName`), if any. */
  table?: string;
}

/** A fault for the next matching calls: answered by the proxy instead of (or on top of) the local DynamoDB. */
export type Fault =
  /** An error response as DynamoDB sends it (`__type` and HTTP status); `after` matching calls are forwarded first; operation `*`: every call (an outage). */
  | { kind: 'error'; operation: string; times: number; type: string; status?: number; message?: string; table?: string; after?: number }
  /** BatchWriteItem: forward only the first `keep` requests of each table, return the rest as UnprocessedItems. */
  | { kind: 'unprocessed'; times: number; keep: number }
  /** Forward the call, then drop the connection before answering (the write happened, the caller cannot know). */
  | { kind: 'lost-response'; operation: string; times: number; table?: string };

/** A loopback HTTP proxy in front of a local DynamoDB that injects the faults a local server cannot produce. */
export interface DynamoFaultProxy {
  endpoint: string;
  calls: ProxiedCall[];
  inject(fault: Fault): void;
  /** Removes every pending fault. */
  heal(): void;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<string, string> = {
  ProvisionedThroughputExceededException: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  ThrottlingException: 'com.amazon.coral.availability#ThrottlingException',
  ValidationException: 'com.amazon.coral.validate#ValidationException',
  InternalServerError: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
};

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

/**
 * Starts the proxy. Requests are the DynamoDB JSON protocol (`X-Amz-Target: DynamoDB_20120810.<Op>`),
 * forwarded unchanged to `target`; a pending fault replaces or rewrites the answer, with the
 * response checksum (`x-amz-crc32`) recomputed as DynamoDB would send it. The SDK above it is the
 * real one, so its retries, backoff and error parsing are what is exercised.
 */
export async function startDynamoFaultProxy(target: string): Promise<DynamoFaultProxy> {
  const calls: ProxiedCall[] = [];
  let faults: Fault[] = [];
  const upstream = new URL(target);

  const forward = (headers: IncomingMessage['headers'], body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: 'POST',
          path: '/',
          headers: { ...headers, host: upstream.host, 'content-length': String(body.length) },
        },
        (response) => {
          readBody(response).then(
            (data) =>
              resolve({
                status: response.statusCode ?? 500,
                headers: { 'content-type': String(response.headers['content-type'] ?? 'application/x-amz-json-1.0') },
                body: data,
              }),
            reject,
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const take = (match: (fault: Fault) => boolean): Fault | null => {
    const fault = faults.find(match);
    if (!fault) return null;
    if (fault.kind === 'error' && fault.after) {
      fault.after--;
      return null;
    }
    fault.times--;
    if (fault.times <= 0) faults = faults.filter((f) => f !== fault);
    return fault;
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const operation =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() ?? '';
    let table: string | undefined;
    try {
      const name = (JSON.parse(body.toString('utf8')) as { TableName?: unknown }).TableName;
      if (typeof name === 'string') table = name;
    } catch {
      // not JSON: no table to record
    }
    const call: ProxiedCall = { operation, at: Date.now(), outcome: 'forwarded', ...(table ? { table } : {}) };
    calls.push(call);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      const data = Buffer.from(JSON.stringify(json));
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-crc32': String(zlib.crc32(data)),
        'content-length': String(data.length),
        ...headers,
      });
      res.end(data);
    };
    try {
      // A fault naming a table hits only calls on that table (the Hosts table's writes pass by).
      const fault = take(
        (f) =>
          f.times > 0 &&
          (f.kind === 'unprocessed'
            ? operation === 'BatchWriteItem'
            : (f.operation === operation || f.operation === '*') && (f.table === undefined || f.table === table)),
      );
      if (fault?.kind === 'error') {
        call.outcome = fault.type;
        call.error = fault.type;
        send(fault.status ?? 400, { __type: ERROR_TYPES[fault.type] ?? fault.type, message: fault.message ?? `injected ${fault.type}` });
        return;
      }
      if (fault?.kind === 'unprocessed') {
        const input = JSON.parse(body.toString('utf8')) as { RequestItems: Record<string, unknown[]> };
        const kept: Record<string, unknown[]> = {};
        const left: Record<string, unknown[]> = {};
        for (const [table, requests] of Object.entries(input.RequestItems)) {
          kept[table] = requests.slice(0, fault.keep);
          if (requests.length > fault.keep) left[table] = requests.slice(fault.keep);
        }
        call.outcome = `unprocessed ${Object.values(left).flat().length}`;
        const sent = Object.values(kept).some((requests) => requests.length)
          ? await forward(
              req.headers,
              Buffer.from(JSON.stringify({ ...input, RequestItems: Object.fromEntries(Object.entries(kept).filter(([, r]) => r.length)) })),
            )
          : null;
        const answer = sent ? (JSON.parse(sent.body.toString('utf8')) as Record<string, unknown>) : {};
        send(200, { ...answer, UnprocessedItems: left });
        return;
      }
      const response = await forward(req.headers, body);
      if (fault?.kind === 'lost-response') {
        call.outcome = 'lost-response';
        res.socket?.destroy();
        return;
      }
      if (response.status >= 400)
        call.error = String(JSON.parse(response.body.toString('utf8')).__type ?? '')
          .split('#')
          .pop();
      res.writeHead(response.status, { ...response.headers, 'x-amz-crc32': String(zlib.crc32(response.body)), 'content-length': String(response.body.length) });
      res.end(response.body);
    } catch (error) {
      // The local DynamoDB is down: the caller sees its connection reset, as it would.
      call.outcome = `upstream ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
      res.socket?.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    inject: (fault) => {
      faults.push({ ...fault });
    },
    heal: () => {
      faults = [];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
