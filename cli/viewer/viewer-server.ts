import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ArticleReader } from '../../shared/adapters/dynamodb/article-reader';
import type { Article } from '../../shared/article/article';
import { errorMessage, InvalidInputError } from '../../shared/errors';
import type { FeedStore } from '../../shared/ingestion/ports';
import type { SafeHtml } from './html';
import { type ListFilters, renderArticlePage, renderFeedsPage, renderListPage, renderNotFoundPage } from './viewer-pages';
import { VIEWER_CSS } from './viewer-style';

/** What the viewer reads; it has no way to write. */
export interface ViewerSources {
  reader: Pick<ArticleReader, 'getById' | 'listLatest' | 'listByFeed'>;
  feeds: Pick<FeedStore, 'list'>;
}

/** A running viewer. */
export interface Viewer {
  url: string;
  close(): Promise<void>;
}

/** Articles shown on one list page (at least; a page read from the table is never split). */
const LIST_PAGE = 50;
/** Articles read for one filtered list page at most, so a rare match cannot make a request scan everything. */
const LIST_SCAN_LIMIT = 2_000;

/**
 * The Content-Security-Policy of every response. Stored article HTML is hostile input: no script
 * runs at all (no inline, no remote, no eval), nothing is framed or embedded, styles come only from
 * /style.css, and images load from this server only unless the reader asked for remote ones.
 */
export function contentSecurityPolicy(remoteImages: boolean): string {
  const media = remoteImages ? "'self' https: http:" : "'self'";
  return [
    "default-src 'none'",
    "script-src 'none'",
    "style-src 'self'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function securityHeaders(remoteImages: boolean): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(remoteImages),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

function textMatches(article: Article, query: string): boolean {
  const needle = query.toLowerCase();
  const haystack = [
    article.title,
    article.description,
    article.siteName,
    article.section,
    article.url,
    article.contentText,
    ...article.authors,
    ...article.tags,
  ];
  return haystack.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

/**
 * Reads list pages from the table, newest first, until a page's worth of articles pass the filters
 * (status and text are filtered here; the feed is a table query). Returns the cursor to continue.
 */
async function listArticles(
  sources: ViewerSources,
  filters: ListFilters,
  cursor: string | null,
): Promise<{ articles: Article[]; next: string | null; scanned: number }> {
  const articles: Article[] = [];
  let scanned = 0;
  let next = cursor;
  do {
    const page = filters.feed
      ? await sources.reader.listByFeed(filters.feed, { limit: LIST_PAGE, cursor: next })
      : await sources.reader.listLatest({ limit: LIST_PAGE, cursor: next });
    scanned += page.articles.length;
    for (const article of page.articles) {
      if (filters.status && article.status !== filters.status) continue;
      if (filters.q && !textMatches(article, filters.q)) continue;
      articles.push(article);
    }
    next = page.cursor;
  } while (next && articles.length < LIST_PAGE && scanned < LIST_SCAN_LIMIT);
  return { articles, next, scanned };
}

/** Only requests addressed to this server by name: a DNS-rebinding page cannot read the articles. */
function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Starts the read-only viewer on 127.0.0.1 (`port` 0 picks a free one): `/` the article list with
 * filters, `/articles/:id` one article (`?images=1` loads remote images), `/feeds` the feeds'
 * fetch state. GET and HEAD only; every response carries the security headers above.
 */
export async function startViewer(sources: ViewerSources, options: { port?: number; log?: (line: string) => void } = {}): Promise<Viewer> {
  let port = 0;

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    type: string,
    body: string,
    remoteImages = false,
    extra: Record<string, string> = {},
  ) => {
    const bytes = Buffer.from(body, 'utf8');
    res.writeHead(status, { ...securityHeaders(remoteImages), 'content-type': type, 'content-length': String(bytes.length), ...extra });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
  const page = (req: IncomingMessage, res: ServerResponse, status: number, markup: SafeHtml, remoteImages = false) =>
    send(req, res, status, 'text/html; charset=utf-8', markup.value, remoteImages);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isOwnHost(req.headers.host, port)) {
      send(req, res, 421, 'text/plain; charset=utf-8', 'this viewer answers only to 127.0.0.1 and localhost\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, 'text/plain; charset=utf-8', 'the viewer is read-only: GET and HEAD only\n', false, { allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;
    if (path === '/style.css') {
      send(req, res, 200, 'text/css; charset=utf-8', VIEWER_CSS);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204, securityHeaders(false));
      res.end();
      return;
    }
    if (path === '/') {
      const filters: ListFilters = {
        feed: url.searchParams.get('feed') ?? '',
        status: url.searchParams.get('status') ?? '',
        q: (url.searchParams.get('q') ?? '').trim(),
      };
      let listed: Awaited<ReturnType<typeof listArticles>>;
      try {
        listed = await listArticles(sources, filters, url.searchParams.get('cursor') || null);
      } catch (error) {
        if (error instanceof InvalidInputError) {
          page(req, res, 400, renderNotFoundPage(`Bad list request: ${error.message}`));
          return;
        }
        throw error;
      }
      const { feeds } = await sources.feeds.list();
      page(req, res, 200, renderListPage({ articles: listed.articles, feeds, filters, nextCursor: listed.next, scanned: listed.scanned }));
      return;
    }
    const articleMatch = /^\/articles\/([^/]+)$/.exec(path);
    if (articleMatch) {
      let id: string;
      try {
        id = decodeURIComponent(articleMatch[1] as string);
      } catch {
        page(req, res, 404, renderNotFoundPage('No such article.'));
        return;
      }
      const article = /^[A-Za-z0-9_-]{1,200}$/.test(id) ? await sources.reader.getById(id) : null;
      if (!article) {
        page(req, res, 404, renderNotFoundPage('No such article.'));
        return;
      }
      const images = url.searchParams.get('images') === '1';
      // jsdom is loaded on the first article page only: the list and feeds pages do not need it.
      const { viewableBody } = await import('./viewable-body');
      const body = article.contentHtml ? viewableBody(article.contentHtml, { baseUrl: article.url, images }) : null;
      page(req, res, 200, renderArticlePage(article, { body, images }), images);
      return;
    }
    if (path === '/feeds') {
      const { feeds } = await sources.feeds.list();
      page(req, res, 200, renderFeedsPage([...feeds].sort((a, b) => (a.title ?? a.url).localeCompare(b.title ?? b.url))));
      return;
    }
    page(req, res, 404, renderNotFoundPage('Nothing is served at this address.'));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.(`${req.url}: ${errorMessage(error)}`);
      if (res.headersSent) res.destroy();
      else send(req, res, 500, 'text/plain; charset=utf-8', 'the viewer could not read the database (see its terminal)\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
