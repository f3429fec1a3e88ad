import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { parseFeed } from '../../../shared/feed/parse-feed';
import { FetchError } from '../../../shared/ingestion/fetch-error';

const FEED = readFileSync(resolve(__dirname, '../../fixtures/feeds/refresh/site/feed.xml'));
const UA = 'Feedloom/0.1 (+https://example.invalid/contact)';

/** A loopback server whose routes produce what a fixture file cannot: codings, silences, loops. */
function startServer(): Promise<{ origin: string; server: Server; inFlight: { now: number; max: number }; userAgents: string[] }> {
  const inFlight = { now: 0, max: 0 };
  const userAgents: string[] = [];
  const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024));
  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/gzip': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(FEED)),
    '/deflate': (_req, res) => res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync(FEED)),
    '/br': (_req, res) => res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync(FEED)),
    '/bomb': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb),
    '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
    '/silent': () => {},
    '/trickle': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    },
    '/slow': (_req, res) => {
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      setTimeout(() => {
        inFlight.now--;
        res.writeHead(200).end('ok');
      }, 50);
    },
    '/ua': (req, res) => {
      userAgents.push(req.headers['user-agent'] ?? '');
      res.writeHead(200).end('ok');
    },
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) {
      const left = Number(chain[1]);
      if (left === 0) res.writeHead(200).end('end of chain');
      else res.writeHead(301, { location: `/chain/${left - 1}` }).end();
      return;
    }
    const handler = handlers[path];
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => done({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, inFlight, userAgents }));
  });
}

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('guarded HTTP client: fetch politeness', () => {
  let site: Awaited<ReturnType<typeof startServer>>;
  const http = createGuardedHttpClient({ userAgent: UA, allowPrivateNetwork: true, maxConcurrentPerHost: 2 });

  beforeAll(async () => {
    site = await startServer();
  });
  afterAll(async () => {
    site.server.closeAllConnections();
    await new Promise((done) => site.server.close(done));
  });

  it.each(['gzip', 'deflate', 'br'])('decodes a %s body to the feed it carries', async (coding) => {
    const response = await http.get({ url: `${site.origin}/${coding}` });
    expect(Buffer.from(response.body).equals(FEED)).toBe(true);
    const feed = await parseFeed(response.body, { url: response.url });
    expect(feed.title).toBe('Loopback News');
  });

  it('caps the decoded size of a compressed body (gzip bomb) whatever Content-Length says', async () => {
    const error = await fetchError(http.get({ url: `${site.origin}/bomb`, maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('BODY_TOO_LARGE');
  });

  it('stops a redirect loop and a long chain at the hop limit, and follows a short chain', async () => {
    expect((await fetchError(http.get({ url: `${site.origin}/loop` }))).code).toBe('TOO_MANY_REDIRECTS');
    expect((await fetchError(http.get({ url: `${site.origin}/chain/10` }))).code).toBe('TOO_MANY_REDIRECTS');
    const short = await http.get({ url: `${site.origin}/chain/3` });
    expect(short.status).toBe(200);
    expect(short.redirects.map((hop) => hop.status)).toEqual([301, 301, 301]);
    expect(short.url).toBe(`${site.origin}/chain/0`);
  });

  it('fails with HEADERS_TIMEOUT when the server accepts but never answers', async () => {
    const client = createGuardedHttpClient({ userAgent: UA, allowPrivateNetwork: true, headersTimeoutMs: 200 });
    expect((await fetchError(client.get({ url: `${site.origin}/silent` }))).code).toBe('HEADERS_TIMEOUT');
  });

  it('fails with TIMEOUT when a body keeps trickling past the total deadline', async () => {
    expect((await fetchError(http.get({ url: `${site.origin}/trickle`, timeoutMs: 300 }))).code).toBe('TIMEOUT');
  });

  it('runs at most maxConcurrentPerHost requests to one host at a time', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => http.get({ url: `${site.origin}/slow` })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(site.inFlight.max).toBe(2);
  });

  it('sends the configured User-Agent naming Feedloom and a contact URL', async () => {
    await http.get({ url: `${site.origin}/ua` });
    expect(site.userAgents.at(-1)).toBe(UA);
  });

  it('keeps the SSRF guard: loopback is refused unless private networks are allowed', async () => {
    const guarded = createGuardedHttpClient({ userAgent: UA, allowedPorts: [Number(new URL(site.origin).port)] });
    expect((await fetchError(guarded.get({ url: `${site.origin}/ua` }))).code).toBe('SSRF_BLOCKED');
  });
});
