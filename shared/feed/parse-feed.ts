import { decodeText } from '../encoding/decode-text';
import type { FeedItem, ParsedFeed } from './feed';
import { FeedParseError } from './feed-errors';
import { parseJsonFeed } from './formats/json-feed';
import { parseRssAtomFeed } from './formats/rss-atom-feed';

/** Options of {@link parseFeed}. */
export interface ParseFeedOptions {
  /** The feed's URL, used to resolve relative links. */
  url?: string;
  /** The HTTP Content-Type header, used for the charset and to recognise JSON Feed. */
  contentType?: string;
}

const PARSE_DEADLINE_MS = 10_000;

function firstSignificantChar(text: string): string {
  return /[^\s\uFEFF]/.exec(text.slice(0, 1024))?.[0] ?? '';
}

function looksLikeJson(bytes: Uint8Array | string, contentType: string | undefined): boolean {
  if (contentType && /\bjson\b/i.test(contentType)) return true;
  const head = typeof bytes === 'string' ? bytes.slice(0, 64) : Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  return firstSignificantChar(head.replace(/^\xEF\xBB\xBF/, '')) === '{';
}

// Entity declarations are how billion-laughs and XXE attacks enter (catalogue 23-25); feeds never
// need them, so any internal subset declaring one is refused before a parser sees the document.
function rejectEntityDeclarations(xml: string): void {
  if (/<!ENTITY/i.test(xml.slice(0, 65_536))) {
    throw new FeedParseError('XML_ENTITY_REJECTED', 'feed declares XML entities (refused: entity expansion and external entities are unsafe)');
  }
}

/**
 * Parses feed bytes (or text) of any supported format into a ParsedFeed: RSS 0.9x/2.0, RSS 1.0
 * (RDF), Atom and JSON Feed. Charset detection is done here. Rejects with a FeedParseError whose
 * `code` names the cause; never with anything else.
 */
export async function parseFeed(input: Uint8Array | string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const baseUrl = options.url ?? null;
  try {
    if (looksLikeJson(input, options.contentType)) {
      const { text } = decodeText(input, { contentType: options.contentType ?? null, kind: 'json' });
      return parseJsonFeed(text, baseUrl);
    }
    const { text } = decodeText(input, { contentType: options.contentType ?? null, kind: 'xml' });
    const first = firstSignificantChar(text);
    if (!first) throw new FeedParseError('FEED_EMPTY', 'the document is empty');
    if (first !== '<') throw new FeedParseError('UNSUPPORTED_CONTENT', 'the document is neither XML nor JSON');
    rejectEntityDeclarations(text);
    return await withDeadline(parseRssAtomFeed(text, baseUrl), PARSE_DEADLINE_MS);
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    if (error instanceof RangeError) throw new FeedParseError('FEED_TOO_DEEP', `feed too deeply nested: ${error.message}`, { cause: error });
    throw new FeedParseError('FEED_MALFORMED', `could not parse feed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FeedParseError('PARSE_TIMEOUT', `feed parser did not settle within ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export type { FeedItem, ParsedFeed };
