import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

/** One request the server answered, as the client sent it. */
export type RecordedRequest = {
  method: string;
  /** The request target as sent: path plus query string. */
  path: string;
  /** Request headers, names lowercased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  status: number;
};

/** A running loopback site server. */
export type SiteServer = {
  /** e.g. `http://127.0.0.1:41234`, also what `{{origin}}` is replaced with. */
  origin: string;
  close(): Promise<void>;
  requests: RecordedRequest[];
};

/** Options for {@link serveSite}. */
export type ServeSiteOptions = {
  /** Folder to serve; may hold an optional `_routes.json`. */
  root: string;
  /** Port to bind; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; `127.0.0.1` by default. */
  host?: string;
};

/**
 * A per-path override read from `root/_routes.json`, keyed by request path (query string ignored unless a key
 * with the exact path and query exists). Header values may use `{{origin}}`; an empty value removes a header the
 * server would otherwise send (e.g. `"etag": ""`). `etag` and `last-modified` overrides are also what
 * conditional requests are evaluated against.
 */
export type RouteOverride = {
  status?: number;
  headers?: Record<string, string>;
  /** A literal body (UTF-8, `{{origin}}` substituted) used instead of the file. */
  body?: string;
};

/** Last-Modified for every file unless `_routes.json` says otherwise: fixed so tests are deterministic. */
export const DEFAULT_LAST_MODIFIED = 'Wed, 27 Apr 2022 10:00:00 GMT';

const ORIGIN_PLACEHOLDER = Buffer.from('{{origin}}', 'latin1');

const TEXT_EXTENSIONS = new Set(['.html', '.htm', '.xml', '.rss', '.atom', '.json', '.txt', '.opml', '.css', '.js', '.svg', '.md']);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/json',
  '.opml': 'text/x-opml',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
};

/**
 * Serves `root` over HTTP on loopback for tests and the demo: `{{origin}}` substituted byte-for-byte in text
 * files, Content-Type without a charset (clients must sniff), strong ETags, a fixed Last-Modified, 304s per
 * RFC 9110 section 13, per-path overrides from `_routes.json`, and a record of every request. Paths with a
 * segment starting with `_` are never served; GET and HEAD only (405 otherwise).
 */
export async function serveSite(options: ServeSiteOptions): Promise<SiteServer> {
  const root = resolve(options.root);
  const routes = await readRoutes(root);
  const requests: RecordedRequest[] = [];
  let origin = '';

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) {
        send(req, res, 500, { 'content-type': 'text/plain' }, Buffer.from(`500 ${message}\n`));
      } else {
        res.destroy();
      }
    });
  });

  function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
    requests.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: flattenHeaders(req),
      status,
    });
    const withBody = status !== 304 && status !== 204 && req.method !== 'HEAD';
    const finalHeaders: Record<string, string> = { ...headers };
    if (status !== 304 && status !== 204) finalHeaders['content-length'] = String(body.length);
    res.writeHead(status, finalHeaders);
    res.end(withBody ? body : undefined);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const url = new URL(target, 'http://placeholder.invalid');
    const pathname = safeDecode(url.pathname);
    const route = routes[url.pathname + url.search] ?? routes[url.pathname] ?? (pathname === null ? undefined : routes[pathname]);

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { allow: 'GET, HEAD', 'content-type': 'text/html' }, htmlError(405, 'Method Not Allowed'));
      return;
    }

    const file = pathname === null ? null : await findFile(root, pathname);
    let body: Buffer;
    let status: number;
    let contentType: string | undefined;
    if (route?.body !== undefined) {
      body = substituteOrigin(Buffer.from(route.body, 'utf8'), origin);
      status = route.status ?? 200;
      contentType = file === null ? 'text/html' : contentTypeFor(root, file);
    } else if (file !== null) {
      body = await readFile(file);
      if (TEXT_EXTENSIONS.has(extname(file).toLowerCase())) body = substituteOrigin(body, origin);
      status = route?.status ?? 200;
      contentType = contentTypeFor(root, file);
    } else if (route?.status !== undefined) {
      status = route.status;
      body = status >= 400 ? htmlError(status, 'Error') : Buffer.alloc(0);
      contentType = status >= 400 ? 'text/html' : undefined;
    } else {
      send(req, res, 404, { 'content-type': 'text/html' }, htmlError(404, 'Not Found'));
      return;
    }

    const headers: Record<string, string> = {};
    if (contentType !== undefined) headers['content-type'] = contentType;
    if (status >= 200 && status < 300) {
      headers.etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      headers['last-modified'] = DEFAULT_LAST_MODIFIED;
    }
    for (const [name, value] of Object.entries(route?.headers ?? {})) {
      const key = name.toLowerCase();
      if (value === '') delete headers[key];
      else headers[key] = value.split('{{origin}}').join(origin);
    }

    if (status >= 200 && status < 300 && isNotModified(req, headers.etag, headers['last-modified'])) {
      const notModified: Record<string, string> = {};
      for (const key of ['etag', 'last-modified', 'cache-control', 'expires', 'vary', 'content-location']) {
        const value = headers[key];
        if (value !== undefined) notModified[key] = value;
      }
      send(req, res, 304, notModified, Buffer.alloc(0));
      return;
    }
    send(req, res, status, headers, body);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;

  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

/**
 * RFC 9110 section 13.2.2: If-None-Match (weak comparison, `*` matches any current representation) takes
 * precedence; If-Modified-Since is evaluated only without If-None-Match, and only for GET and HEAD.
 */
function isNotModified(req: IncomingMessage, etag: string | undefined, lastModified: string | undefined): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    if (etag === undefined) return false;
    const current = opaqueTag(etag);
    return ifNoneMatch.split(',').some((candidate) => opaqueTag(candidate.trim()) === current);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined || lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  if (Number.isNaN(since) || Number.isNaN(modified)) return false;
  return modified <= since;
}

function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** Replaces every `{{origin}}` in raw bytes, leaving all other bytes untouched (no charset decoding). */
export function substituteOrigin(bytes: Buffer, origin: string): Buffer {
  const replacement = Buffer.from(origin, 'latin1');
  const parts: Buffer[] = [];
  let from = 0;
  let at = bytes.indexOf(ORIGIN_PLACEHOLDER, from);
  if (at === -1) return bytes;
  while (at !== -1) {
    parts.push(bytes.subarray(from, at), replacement);
    from = at + ORIGIN_PLACEHOLDER.length;
    at = bytes.indexOf(ORIGIN_PLACEHOLDER, from);
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

async function readRoutes(root: string): Promise<Record<string, RouteOverride>> {
  let text: string;
  try {
    text = await readFile(join(root, '_routes.json'), 'utf8');
  } catch {
    return {};
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${join(root, '_routes.json')}: expected an object keyed by path`);
  }
  return parsed as Record<string, RouteOverride>;
}

async function findFile(root: string, pathname: string): Promise<string | null> {
  const candidate = resolve(root, `.${pathname}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  if (
    candidate
      .slice(root.length)
      .split(sep)
      .some((segment) => segment.startsWith('_'))
  )
    return null;
  const info = await stat(candidate).catch(() => null);
  if (info === null) return null;
  if (info.isFile()) return candidate;
  if (info.isDirectory()) {
    const index = join(candidate, 'index.html');
    const indexInfo = await stat(index).catch(() => null);
    return indexInfo?.isFile() ? index : null;
  }
  return null;
}

function contentTypeFor(root: string, file: string): string {
  const extension = extname(file).toLowerCase();
  const underFeeds = file.slice(root.length).split(sep).slice(0, -1).includes('feeds');
  if (extension === '.json' && underFeeds) return 'application/feed+json';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function safeDecode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function htmlError(status: number, reason: string): Buffer {
  return Buffer.from(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} ${reason}</title></head>` +
      `<body><h1>${status} ${reason}</h1><p>Nothing is served at this address.</p></body></html>\n`,
    'utf8',
  );
}
