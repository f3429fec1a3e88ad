import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

/** Folder of the security fixtures (one folder per catalogue case). */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Reads a fixture file under test/security/fixtures. */
export function fixture(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

/**
 * What one route answers, as data: a status, headers and a body (a fixture file, bytes or text with
 * `{{origin}}` and `{{internal}}` replaced), or one of the misbehaviours a fixture file cannot express.
 */
export interface HostileRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A file under test/security/fixtures, `{{origin}}` and `{{internal}}` replaced. */
  file?: string;
  /** Bytes written straight to the socket, bypassing Node's HTTP framing (lying Content-Length). */
  raw?: { head: string; chunk: Buffer; repeat: 'forever' | number };
  /** After the headers, write `chunk` every `everyMs` until the client goes away. */
  drip?: { chunk: string; everyMs: number };
  /** After the headers, write `chunk` as fast as the socket takes it until the client goes away. */
  flood?: Buffer;
  /** Accept the connection and never answer. */
  hold?: true;
  /** Answer only after this many milliseconds (to observe concurrency). */
  delayMs?: number;
}

/** A route table: exact paths (query ignored) to routes, or to functions of the request. */
export type HostileRoutes = Record<string, HostileRoute | ((request: IncomingMessage, server: HostileServer) => HostileRoute)>;

/** One request H received. */
export interface HostileRequest {
  /** The local address that accepted it (127.0.0.1, 127.0.0.2, ::1). */
  listener: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

/** The hostile server: the same routes on several loopback addresses, one port. */
export interface HostileServer {
  port: number;
  /** `http://<address>:<port>` (IPv6 in brackets). */
  origin(address?: string): string;
  /** Sockets accepted, by local address. */
  accepted: Record<string, number>;
  /** Sockets closed (by either side), by local address. */
  closed: Record<string, number>;
  requests: HostileRequest[];
  /** Requests being answered right now, and the most at once. */
  inFlight: { now: number; max: number };
  routes: HostileRoutes;
  /** Total sockets accepted on every address. */
  totalAccepted(): number;
  /** Zeroes the counters and forgets the requests (between tests sharing one server). */
  reset(): void;
  close(): Promise<void>;
}

/** Replaces `{{origin}}` (the address that answered) and `{{internal}}` (H on 127.0.0.1) in text. */
function substitute(body: Buffer, origin: string, internal: string): Buffer {
  const text = body.toString('latin1');
  if (!text.includes('{{origin}}') && !text.includes('{{internal}}')) return body;
  return Buffer.from(text.split('{{origin}}').join(origin).split('{{internal}}').join(internal), 'latin1');
}

/**
 * H of the catalogue: a node:http server on loopback (by default 127.0.0.1 and 127.0.0.2, the
 * allow-alias, on one port) whose answers come from a route table, counting accepted sockets per
 * address, closed sockets, requests and concurrency, so a test can prove that nothing was sent.
 */
export async function startHostileServer(routes: HostileRoutes, options: { addresses?: string[]; port?: number } = {}): Promise<HostileServer> {
  const addresses = options.addresses ?? ['127.0.0.1', '127.0.0.2'];
  const accepted: Record<string, number> = Object.fromEntries(addresses.map((a) => [a, 0]));
  const closed: Record<string, number> = Object.fromEntries(addresses.map((a) => [a, 0]));
  const requests: HostileRequest[] = [];
  const inFlight = { now: 0, max: 0 };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let port = options.port ?? 0;
  const origin = (address = addresses[0] ?? '127.0.0.1'): string => `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  const self: HostileServer = {
    get port() {
      return port;
    },
    origin,
    accepted,
    closed,
    requests,
    inFlight,
    routes,
    totalAccepted: () => Object.values(accepted).reduce((a, b) => a + b, 0),
    reset: () => {
      for (const address of addresses) {
        accepted[address] = 0;
        closed[address] = 0;
      }
      requests.length = 0;
      inFlight.max = inFlight.now;
    },
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };

  const answer = (req: IncomingMessage, res: ServerResponse, listener: string): void => {
    const path = new URL(req.url ?? '/', 'http://h').pathname;
    requests.push({ listener, path, headers: req.headers, at: Date.now() });
    const entry = routes[path];
    const route: HostileRoute = typeof entry === 'function' ? entry(req, self) : (entry ?? { status: 404, body: 'not found' });
    const here = origin(listener);
    if (route.hold) return;
    if (route.raw) {
      const { head, chunk, repeat } = route.raw;
      const socket = req.socket;
      socket.write(head.replaceAll('\n', '\r\n'));
      let left = repeat === 'forever' ? Number.POSITIVE_INFINITY : repeat;
      const pump = (): void => {
        while (left > 0 && !socket.destroyed) {
          left--;
          if (!socket.write(chunk)) {
            socket.once('drain', pump);
            return;
          }
        }
        if (left === 0) socket.end();
      };
      pump();
      return;
    }
    const internal = origin('127.0.0.1');
    const text = (value: string): string => value.split('{{origin}}').join(here).split('{{internal}}').join(internal);
    const body =
      route.file !== undefined ? substitute(fixture(route.file), here, internal) : typeof route.body === 'string' ? Buffer.from(text(route.body)) : route.body;
    const headers = Object.fromEntries(Object.entries(route.headers ?? {}).map(([k, v]) => [k, text(v)]));
    const send = (): void => {
      inFlight.now--;
      if (res.destroyed) return;
      if (route.drip || route.flood) {
        res.writeHead(route.status ?? 200, headers);
        if (route.drip) {
          const { chunk, everyMs } = route.drip;
          const timer = setInterval(() => res.write(chunk), everyMs);
          timers.add(timer);
          res.on('close', () => clearInterval(timer));
        } else {
          const flood = route.flood as Buffer;
          const pump = (): void => {
            while (!res.destroyed && res.write(flood));
            if (!res.destroyed) res.once('drain', pump);
          };
          pump();
        }
        return;
      }
      if (body !== undefined && headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
        headers['content-length'] = String(body.length);
      }
      res.writeHead(route.status ?? 200, headers);
      res.end(body);
    };
    inFlight.now++;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    if (route.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, route.delayMs);
      timers.add(timer);
    } else send();
  };

  const servers: Server[] = [];
  for (const address of addresses) {
    const server = createServer((req, res) => answer(req, res, address));
    server.on('connection', (socket: Socket) => {
      accepted[address] = (accepted[address] ?? 0) + 1;
      sockets.add(socket);
      socket.on('close', () => {
        closed[address] = (closed[address] ?? 0) + 1;
        sockets.delete(socket);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => {
        server.off('error', reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
    servers.push(server);
  }
  return self;
}
