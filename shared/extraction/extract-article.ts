import { performance } from 'node:perf_hooks';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Article, ExtractionError as ExtractionErrorRecord } from '../article/article';
import { decodeText } from '../encoding/decode-text';
import { errorCode, errorMessage } from '../errors';
import type { FeedItem } from '../feed/feed';
import { stripHtml } from '../text/strip-html';
import { type ArticleParts, assembleArticle, type FeedRef } from './assemble-article';
import { buildJsdomDocument } from './build-jsdom-document';
import { chooseBody } from './choose-body';
import { cleanDocument } from './clean-document';
import { elementsByTag } from './dom-query';
import { ExtractionError } from './extraction-error';
import { type FeedItemInput, readFeedItemInput } from './feed-item-input';
import { htmlToText } from './html-to-text';
import { viewParse5Document } from './parse5-view';
import { DEFAULT_HTML_LIMITS, type HtmlLimits, prescanHtml } from './prescan-html';
import { type PageMetadata, readMetadata } from './read-metadata';
import { type ParsedPage, parsePage, reduceParsedPageTree } from './reduce-html';
import { sanitizeHtml } from './sanitize-html';
import { DEFAULT_SITE_RULES, type SiteRules, siteRuleFor } from './site-rules';

/** Options of {@link extractArticle}. */
export interface ExtractArticleOptions {
  /** The page's URL after redirects. */
  url: string;
  /** The HTTP Content-Type, used for the charset and to refuse non-HTML documents. */
  contentType?: string;
  /**
   * The feed entry that linked to the page; its content is the fallback when the page fails. Checked
   * at this edge: URL fields that are not http(s) are dropped, as parseFeed drops them.
   */
  item?: FeedItemInput;
  /** The feed the entry came from. */
  feed?: FeedRef;
  /** The fetch time (defaults to the current time at the library boundary). */
  now?: Date;
  /** Status of the HTTP response that carried the page. */
  httpStatus?: number | null;
  limits?: HtmlLimits;
  /** Per-site keep/drop selectors (default: the rules shipped in site-rules.json). */
  siteRules?: SiteRules;
}

/**
 * Limits on a feed entry's own HTML before it is sanitised (tighter than a page's: feed content is
 * an article body, never a whole site's markup, and it is rebuilt outside the worker's deadline).
 */
export const FEED_HTML_LIMITS: HtmlLimits = { maxChars: 1024 * 1024, maxDepth: 64, maxElements: 10_000 };

const silentConsole = new VirtualConsole();

// Relative URLs resolve against <base href> (HTML "document base URL"); one pointing at another
// site would send every link and image of the stored body there, so only a same-site base counts.
function dropForeignBase(doc: Document, pageUrl: string): void {
  const page = new URL(pageUrl);
  for (const base of elementsByTag(doc, 'base')) {
    const href = base.getAttribute('href');
    if (!href) continue;
    let target: URL | null = null;
    try {
      target = new URL(href, page);
    } catch {
      target = null;
    }
    if (!target || target.host !== page.host) base.remove();
  }
}

// A jsdom window costs about as much to create as a small page costs to parse; its DOMParser
// makes documents with scripting disabled (as a new JSDOM would) at the URL the window is set to.
// A window holds on to what its documents leave behind until it is closed (about 60 MB more heap
// at 50 pages a window than at 10 in `npm run bench:extract -- --memory-only`), so it is replaced often.
const PAGES_PER_WINDOW = 10;
let sharedWindow: { dom: JSDOM; pages: number } | null = null;

// parse5 has parsed the page already: its tree becomes the DOM directly (build-jsdom-document.ts),
// not through HTML text that jsdom would tokenise and tree-build a second time.
function parseDocument(page: ParsedPage, url: string): Document {
  if (!sharedWindow || sharedWindow.pages >= PAGES_PER_WINDOW) {
    sharedWindow?.dom.window.close();
    sharedWindow = { dom: new JSDOM('', { url, virtualConsole: silentConsole }), pages: 0 };
  }
  sharedWindow.pages++;
  sharedWindow.dom.reconfigure({ url });
  return buildJsdomDocument(page, new sharedWindow.dom.window.DOMParser().parseFromString('', 'text/html'));
}

function toRecord(error: unknown): ExtractionErrorRecord {
  return { code: errorCode(error), message: errorMessage(error).slice(0, 500) };
}

/**
 * The article a feed entry alone gives when its page cannot be used: `feed-only` with the feed's
 * own content when it carries any, else `failed`. The reason is kept in `extraction.error`.
 */
export function articleFromFeedItem(options: {
  url: string;
  item?: FeedItem | undefined;
  feed?: FeedRef | undefined;
  now: Date;
  httpStatus: number | null;
  error: ExtractionErrorRecord;
  metadata?: PageMetadata | null;
  durationMs?: number;
}): Article {
  const html = options.item?.contentHtml ?? null;
  let contentHtml: string | null = null;
  let contentText: string | null = null;
  if (html) {
    try {
      // Feed HTML gets a pre-scan of its own: the DOM walks below recurse per level and cost grows
      // with depth times size, and this path also runs outside the extraction worker's deadline.
      prescanHtml(html, FEED_HTML_LIMITS);
      contentHtml = sanitizeHtml(html, { baseUrl: options.url });
      contentText = htmlToText(JSDOM.fragment(contentHtml), { skipCaptions: true });
    } catch {
      // Too deep or too large to rebuild safely: its text is kept (a linear scan), its markup is not.
      contentHtml = null;
      contentText = stripHtml(html) || options.item?.summary || null;
    }
  } else if (options.item?.summary) {
    contentText = options.item.summary;
  }
  const hasContent = Boolean(contentText?.trim());
  const parts: ArticleParts = {
    url: options.url,
    now: options.now,
    item: options.item,
    feed: options.feed,
    metadata: options.metadata ?? null,
    contentHtml,
    contentText,
    status: hasContent ? 'feed-only' : 'failed',
    method: hasContent ? 'feed' : 'none',
    httpStatus: options.httpStatus,
    error: options.error,
    durationMs: options.durationMs ?? 0,
  };
  return assembleArticle(parts);
}

/**
 * Extracts one article from a page's bytes: charset sniffing, a pre-scan that refuses pathological
 * pages, a script-free DOM, metadata from JSON-LD / OpenGraph / meta / markup, junk removal,
 * Readability, body trimming, sanitising and plain text. Never throws: a page that cannot be used
 * yields a `feed-only` or `failed` Article with the reason.
 */
export async function extractArticle(input: Uint8Array | string, options: ExtractArticleOptions): Promise<Article> {
  const started = performance.now();
  // The library boundary supplies the clock when the caller does not (DESIGN "Library API").
  const now = options.now ?? new Date();
  const httpStatus = options.httpStatus ?? null;
  let metadata: PageMetadata | null = null;
  let doc: Document | null = null;
  let item: FeedItem | undefined;
  const extraDocs: Document[] = [];
  try {
    item = readFeedItemInput(options.item);
    if (!URL.canParse(options.url)) throw new ExtractionError('INVALID_URL', `not a URL: ${String(options.url).slice(0, 200)}`);
    if (typeof input !== 'string' && !(input instanceof Uint8Array)) throw new ExtractionError('INVALID_INPUT', 'page must be bytes or a string');
    if (options.contentType && !/html|xml|text\/plain/i.test(options.contentType)) {
      throw new ExtractionError('NOT_HTML', `page is ${options.contentType.split(';')[0]}, not HTML`);
    }
    const { text } = decodeText(input, { contentType: options.contentType ?? null, kind: 'html' });
    prescanHtml(text, options.limits ?? DEFAULT_HTML_LIMITS);
    const siteRule = siteRuleFor(options.siteRules ?? DEFAULT_SITE_RULES, options.url);
    const parsed5 = parsePage(text);
    const view = viewParse5Document(parsed5);
    if (view) metadata = readMetadata(view, options.url);
    // Junk is judged before the DOM exists unless a site rule's selectors or a live blog's entry
    // headers (cleanDocument unwraps them first) need the DOM to judge it.
    const dropJunkEarly = !siteRule && metadata !== null && !metadata.liveBlog;
    doc = parseDocument(dropJunkEarly ? reduceParsedPageTree(parsed5) : parsed5, options.url);
    dropForeignBase(doc, options.url);
    metadata ??= readMetadata(doc, options.url);
    if (!dropJunkEarly) cleanDocument(doc, { ...siteRule, liveBlog: metadata.liveBlog });
    const pageMetadata = metadata;
    const body = chooseBody(doc, {
      url: options.url,
      title: metadata.title?.value ?? null,
      description: metadata.description?.value ?? null,
      articleBody: metadata.articleBody,
      reparse: () => {
        // The whole page again, for the second pass: nothing dropped by name this time.
        const again = parseDocument(parsePage(text), options.url);
        extraDocs.push(again);
        dropForeignBase(again, options.url);
        cleanDocument(again, { ...siteRule, liveBlog: pageMetadata.liveBlog, trustNames: false });
        return again;
      },
    });
    const { content, text: contentText } = body;
    return assembleArticle({
      url: options.url,
      now,
      item,
      feed: options.feed,
      metadata,
      fallbackTitle: body.readabilityTitle,
      contentHtml: content.innerHTML,
      contentText,
      status: 'extracted',
      method: body.source,
      httpStatus,
      error: null,
      durationMs: performance.now() - started,
    });
  } catch (error) {
    // The pre-scan bounds nesting; should a page still overflow the stack, say so in its terms.
    const overflow = error instanceof RangeError && /call stack/i.test(error.message);
    const record = overflow ? { code: 'HTML_TOO_DEEP', message: 'page nesting overflowed the call stack' } : toRecord(error);
    return articleFromFeedItem({
      url: options.url,
      item,
      feed: options.feed,
      now,
      httpStatus,
      error: record,
      metadata,
      durationMs: performance.now() - started,
    });
  } finally {
    // The shared window keeps its documents until it is replaced; emptying this one now lets its
    // tree go at once, so memory does not grow with the window's page count.
    doc?.replaceChildren();
    for (const extra of extraDocs) extra.replaceChildren();
  }
}
