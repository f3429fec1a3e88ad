import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startSlowNewsHost}. */
export interface SlowNewsHostOptions {
  feeds: number;
  /** Article pages per feed; each feed also links one page under /private/. */
  itemsPerFeed: number;
  /** Milliseconds every article page waits before it is answered (a slow publisher). */
  pageDelayMs: number;
  robotsTxt: string;
}

/** One request as the host saw it. */
export interface SeenRequest {
  path: string;
  userAgent: string;
  startedAt: number;
}

/** A loopback news site on one host that counts the requests in flight over every client. */
export interface SlowNewsHost {
  origin: string;
  feedUrls: string[];
  requests: SeenRequest[];
  /** Most requests in flight at one moment (request received to response ended), all clients together. */
  maxInFlight(): number;
  close(): Promise<void>;
}

const page = (title: string): string => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:title" content="${title}"><meta name="author" content="A. Reporter">
<meta property="article:published_time" content="2026-03-01T09:30:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>${title}</h1>
${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of ${title}: the council met on Tuesday to discuss the budget, the new bridge over the river and the schools that will open next autumn, and residents asked questions for more than an hour.</p>`).join('\n')}
</article></main><footer>Copyright Slow News</footer></body></html>`;

/**
 * The slow news host of the politeness end-to-end test: RSS feeds whose entries link article pages
 * answered after `pageDelayMs`, one entry per feed under /private/ (which the robots.txt given
 * disallows), and a count of requests in flight summed over every process that fetches from it.
 */
export async function startSlowNewsHost(options: SlowNewsHostOptions): Promise<SlowNewsHost> {
  let inFlight = 0;
  let most = 0;
  const requests: SeenRequest[] = [];
  let origin = '';
  const feedXml = (feed: number): string => {
    const links = [
      ...Array.from({ length: options.itemsPerFeed }, (_, item) => `${origin}/articles/f${feed}-i${item}.html`),
      `${origin}/private/f${feed}.html`,
    ];
    const items = links
      .map(
        (link, i) =>
          `<item><title>Story ${i} of feed ${feed}</title><link>${link}</link><guid>${link}</guid><description>Feed summary of story ${i} of feed ${feed}.</description><pubDate>Sun, 01 Mar 2026 0${i % 10}:00:00 GMT</pubDate></item>`,
      )
      .join('');
    return `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow News ${feed}</title><link>${origin}/</link><description>d</description>${items}</channel></rss>`;
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, userAgent: String(req.headers['user-agent'] ?? ''), startedAt: Date.now() });
    inFlight++;
    most = Math.max(most, inFlight);
    res.on('close', () => {
      inFlight--;
    });
    const feed = /^\/feeds\/(\d+)\.xml$/.exec(path);
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(options.robotsTxt);
    } else if (feed) {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(Number(feed[1])));
    } else if (/^\/(articles|private)\/[\w-]+\.html$/.test(path)) {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(`Story at ${path}`)), options.pageDelayMs);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    feedUrls: Array.from({ length: options.feeds }, (_, feed) => `${origin}/feeds/${feed}.xml`),
    requests,
    maxInFlight: () => most,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
