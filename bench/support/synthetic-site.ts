import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Feed formats the site serves, assigned to feeds in turn. */
export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** Options of {@link startSyntheticSite}. */
export interface SyntheticSiteOptions {
  feeds: number;
  itemsPerFeed: number;
  /** Article page HTML, cycled over the items; `{{origin}}` is replaced with the serving origin. */
  pages: readonly string[];
  /** Loopback addresses 127.0.0.1 .. 127.0.0.N the feeds are spread over (default 1). */
  hosts?: number;
  /**
   * Milliseconds every answer waits before it is sent (default 0), standing in for a real site's
   * latency: on bare loopback a request ends in about a millisecond, so requests rarely overlap
   * and a per-host limit is never put to the test.
   */
  delayMs?: number;
  /**
   * Fault injection (tests): asked before every answer; a non-null result is sent instead (a 503
   * with Retry-After, a 429 on one feed...). `seen` counts the requests for this path so far, this
   * one included.
   */
  intercept?: (request: SiteRequest) => { status: number; headers?: Record<string, string> } | null;
}

/** One request, as {@link SyntheticSiteOptions.intercept} sees it. */
export interface SiteRequest {
  host: string;
  path: string;
  kind: 'feed' | 'page' | 'other';
  feed: number | null;
  seen: number;
}

/** What the server saw for one Host header. */
export interface HostStats {
  requests: number;
  feedRequests: number;
  pageRequests: number;
  /** Most requests to this host in flight at the same moment (request received to response sent). */
  maxInFlight: number;
  statuses: Record<string, number>;
}

/** A running synthetic news site. */
export interface SyntheticSite {
  /** Every feed URL, in feed order. */
  feedUrls: string[];
  /** Every article page URL the feeds link to (feeds x items, all distinct). */
  itemUrls: string[];
  /** Per Host header (`127.0.0.2:PORT`). */
  stats(): Record<string, HostStats>;
  /** Most requests in flight at the same moment over every host together. */
  maxInFlightTotal(): number;
  close(): Promise<void>;
}

const EXTENSIONS: Record<FeedFormat, string> = { rss: 'rss', atom: 'atom', json: 'json' };
const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
const BASE_TIME = Date.parse('2025-01-01T12:00:00Z');

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The format of feed number `feed`: RSS 2.0, Atom and JSON Feed in turn. */
export function feedFormatOf(feed: number): FeedFormat {
  return FEED_FORMATS[feed % FEED_FORMATS.length] as FeedFormat;
}

interface Entry {
  url: string;
  title: string;
  summary: string;
  published: Date;
}

function entriesOf(origin: string, feed: number, items: number): Entry[] {
  return Array.from({ length: items }, (_, item) => ({
    url: `${origin}/articles/f${feed}/i${item}.html`,
    title: `Synthetic story ${item} of feed ${feed}`,
    summary: `Summary of story ${item} from feed ${feed}, as the feed describes it.`,
    // Distinct instants, newest first, so no two entries of a feed share a date.
    published: new Date(BASE_TIME - (feed * items + item) * 60_000),
  }));
}

/** Builds the document of one feed in its format. */
export function renderFeed(origin: string, feed: number, items: number): string {
  const entries = entriesOf(origin, feed, items);
  const format = feedFormatOf(feed);
  const self = `${origin}/feeds/f${feed}.${EXTENSIONS[format]}`;
  const title = `Synthetic feed ${feed}`;
  if (format === 'json') {
    return JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title,
      home_page_url: `${origin}/`,
      feed_url: self,
      items: entries.map((entry) => ({
        id: entry.url,
        url: entry.url,
        title: entry.title,
        summary: entry.summary,
        date_published: entry.published.toISOString(),
      })),
    });
  }
  if (format === 'atom') {
    return [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      `<title>${escapeXml(title)}</title><id>${escapeXml(self)}</id><updated>${entries[0]?.published.toISOString() ?? new Date(BASE_TIME).toISOString()}</updated>`,
      `<link rel="self" href="${escapeXml(self)}"/><link rel="alternate" href="${escapeXml(`${origin}/`)}"/>`,
      ...entries.map(
        (entry) =>
          `<entry><title>${escapeXml(entry.title)}</title><id>${escapeXml(entry.url)}</id><link rel="alternate" href="${escapeXml(entry.url)}"/>` +
          `<published>${entry.published.toISOString()}</published><updated>${entry.published.toISOString()}</updated>` +
          `<summary>${escapeXml(entry.summary)}</summary><author><name>Desk ${feed}</name></author></entry>`,
      ),
      '</feed>',
    ].join('\n');
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0"><channel>',
    `<title>${escapeXml(title)}</title><link>${escapeXml(`${origin}/`)}</link><description>Synthetic news, feed ${feed}</description>`,
    ...entries.map(
      (entry) =>
        `<item><title>${escapeXml(entry.title)}</title><link>${escapeXml(entry.url)}</link><guid isPermaLink="true">${escapeXml(entry.url)}</guid>` +
        `<pubDate>${entry.published.toUTCString()}</pubDate><description>${escapeXml(entry.summary)}</description></item>`,
    ),
    '</channel></rss>',
  ].join('\n');
}

/**
 * Where a canonical link goes into a page: right after `<head ...>`, else at the very start. The
 * first canonical link wins in both extractors, so each item URL stays its own article even when
 * pages are cycled (a page's own canonical would otherwise merge every copy into one article).
 */
function canonicalInsertAt(html: string): number {
  const head = /<head\b[^>]*>/i.exec(html);
  return head ? head.index + head[0].length : 0;
}

/**
 * A loopback news site for load tests and benchmarks: `feeds` feeds (RSS 2.0, Atom 1.0, JSON Feed
 * 1.1 in turn) of `itemsPerFeed` entries each, spread over the loopback addresses 127.0.0.1 ..
 * 127.0.0.N on one port; every entry links to its own article page on its feed's host, whose HTML
 * is one of `pages` (cycled) with a canonical link to itself. The server records, per Host, how
 * many requests were in flight at once.
 */
export async function startSyntheticSite(options: SyntheticSiteOptions): Promise<SyntheticSite> {
  const hostCount = Math.max(1, Math.min(254, options.hosts ?? 1));
  if (!options.pages.length) throw new Error('startSyntheticSite: no pages to serve');
  const pages = options.pages.map((html) => ({ html, insertAt: canonicalInsertAt(html) }));
  const delayMs = Math.max(0, options.delayMs ?? 0);
  const stats = new Map<string, HostStats & { inFlight: number }>();
  const total = { inFlight: 0, maxInFlight: 0 };
  const statsOf = (host: string): HostStats & { inFlight: number } => {
    let entry = stats.get(host);
    if (!entry) {
      entry = { requests: 0, feedRequests: 0, pageRequests: 0, maxInFlight: 0, inFlight: 0, statuses: {} };
      stats.set(host, entry);
    }
    return entry;
  };

  const respond = (req: IncomingMessage, res: ServerResponse): void => {
    const host = req.headers.host ?? 'unknown';
    const entry = statsOf(host);
    entry.requests++;
    entry.inFlight++;
    entry.maxInFlight = Math.max(entry.maxInFlight, entry.inFlight);
    total.inFlight++;
    total.maxInFlight = Math.max(total.maxInFlight, total.inFlight);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      entry.inFlight--;
      total.inFlight--;
    };
    res.once('finish', release);
    res.once('close', release);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const fault = intercepted(host, path);
    const [status, contentType, body] = fault ? [fault.status, 'text/plain', `injected ${fault.status}\n`] : answer(entry, `http://${host}`, path);
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    const bytes = Buffer.from(body, 'utf8');
    const send = (): void => {
      res.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length), ...fault?.headers });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };

  const seenByPath = new Map<string, number>();
  const intercepted = (host: string, path: string): { status: number; headers?: Record<string, string> } | null => {
    if (!options.intercept) return null;
    const seen = (seenByPath.get(`${host}${path}`) ?? 0) + 1;
    seenByPath.set(`${host}${path}`, seen);
    const feedOf = /^\/(?:feeds|articles)\/f(\d+)/.exec(path);
    const kind = path.startsWith('/feeds/') ? 'feed' : path.startsWith('/articles/') ? 'page' : 'other';
    return options.intercept({ host, path, kind, feed: feedOf ? Number(feedOf[1]) : null, seen });
  };

  const answer = (entry: HostStats, origin: string, path: string): [status: number, contentType: string, body: string] => {
    const feedMatch = /^\/feeds\/f(\d+)\.(rss|atom|json)$/.exec(path);
    if (feedMatch) {
      entry.feedRequests++;
      const feed = Number(feedMatch[1]);
      if (feed >= options.feeds || EXTENSIONS[feedFormatOf(feed)] !== feedMatch[2]) return [404, 'text/plain', 'no such feed\n'];
      return [200, CONTENT_TYPES[feedFormatOf(feed)], renderFeed(origin, feed, options.itemsPerFeed)];
    }
    const pageMatch = /^\/articles\/f(\d+)\/i(\d+)\.html$/.exec(path);
    if (!pageMatch) return [404, 'text/plain', 'not found\n'];
    entry.pageRequests++;
    const feed = Number(pageMatch[1]);
    const item = Number(pageMatch[2]);
    if (feed >= options.feeds || item >= options.itemsPerFeed) return [404, 'text/plain', 'no such page\n'];
    const page = pages[(feed * options.itemsPerFeed + item) % pages.length] as { html: string; insertAt: number };
    const canonical = `<link rel="canonical" href="${origin}${path}">`;
    return [
      200,
      'text/html; charset=utf-8',
      `${page.html.slice(0, page.insertAt)}${canonical}${page.html.slice(page.insertAt)}`.replaceAll('{{origin}}', origin),
    ];
  };

  // One server per loopback address, all on the same port, so each feed's host is a different
  // address (per-host limits apply) while URLs stay predictable.
  const servers: Server[] = [];
  const listen = (server: Server, port: number, address: string): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const closeAll = async (): Promise<void> => {
    await Promise.all(
      servers.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  };
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      for (let index = 1; index <= hostCount; index++) {
        const server = createServer(respond);
        servers.push(server);
        // The first address picks a free port; the others bind the same one.
        port = await listen(server, index === 1 ? 0 : port, `127.0.0.${index}`);
      }
      break;
    } catch (error) {
      // Another process holds that port on one of the addresses: start again on a fresh one.
      await closeAll();
      if (attempt >= 5) throw error;
    }
  }

  const originOf = (feed: number): string => `http://127.0.0.${1 + (feed % hostCount)}:${port}`;
  const feedUrls = Array.from({ length: options.feeds }, (_, feed) => `${originOf(feed)}/feeds/f${feed}.${EXTENSIONS[feedFormatOf(feed)]}`);
  const itemUrls = Array.from({ length: options.feeds }, (_, feed) => entriesOf(originOf(feed), feed, options.itemsPerFeed).map((entry) => entry.url)).flat();
  return {
    feedUrls,
    itemUrls,
    stats: () => Object.fromEntries([...stats].map(([host, { inFlight: _inFlight, ...rest }]) => [host, { ...rest, statuses: { ...rest.statuses } }])),
    maxInFlightTotal: () => total.maxInFlight,
    close: closeAll,
  };
}
