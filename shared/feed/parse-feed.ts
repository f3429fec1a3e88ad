import { decodeText } from '../encoding/decode-text';
import type { FeedItem, ParsedFeed } from './feed';
import { FeedParseError } from './feed-errors';
import { readAtomFeed } from './formats/atom-feed';
import { finishFeed } from './formats/finish-feed';
import { readJsonFeed } from './formats/json-feed';
import { readRssFeed } from './formats/rss-feed';
import { readXml } from './xml/read-xml';
import type { XmlElement } from './xml/xml-node';
import { elementsOf, namespaceKey } from './xml/xml-query';

/** Options of {@link parseFeed}. */
export interface ParseFeedOptions {
  /** The feed's URL, used to resolve relative links (the base `xml:base` starts from). */
  url?: string;
  /** The HTTP Content-Type header, used for the charset and to recognise JSON Feed. */
  contentType?: string;
  /** When the feed was fetched: entry dates more than a day after it are replaced by it. */
  now?: Date;
}

function looksLikeJson(input: Uint8Array | string, contentType: string | undefined): boolean {
  if (contentType && /\bjson\b/i.test(contentType)) return true;
  if (typeof input !== 'string') return firstByteIsBrace(input);
  const first = /[^\s\uFEFF]|$/.exec(input.slice(0, 256).replace(/^\xEF\xBB\xBF/, ''))?.[0];
  return first === '{';
}

/**
 * Whether the first of the first 256 bytes that is not whitespace (after a UTF-8 BOM) is `{`. The
 * same test as on text, read from the bytes: decoding the head as Latin-1 to run a pattern over it
 * was a string and a match per document.
 */
function firstByteIsBrace(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 256);
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && end >= 3 ? 3 : 0;
  // \s among Latin-1 characters: tab to carriage return, space and the no-break space.
  while (i < end) {
    const b = bytes[i] as number;
    if (!((b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0)) return b === 0x7b;
    i++;
  }
  return false;
}

type Reader = (root: XmlElement, issues: string[]) => ReturnType<typeof readRssFeed>;

function readerFor(element: XmlElement): Reader | null {
  const local = element.lname;
  const key = namespaceKey(element.ns);
  if (local === 'rss' || local === 'channel') return readRssFeed;
  // An `rdf` element outside the RDF namespace is some other XML vocabulary, not RSS 1.0.
  if (local === 'rdf' && key === 'rdf') return readRssFeed;
  if (local === 'feed' && (key === 'atom' || key === 'atom03' || key === null)) return readAtomFeed;
  if (local === 'entry' && key === 'atom') return readAtomFeed;
  return null;
}

// The feed's root is normally the document element; junk before it (a PHP warning in <b> tags, an
// HTML wrapper) is skipped by looking a few levels down, breadth first.
function findFeedRoot(elements: XmlElement[]): { root: XmlElement; reader: Reader } | null {
  let level = elements;
  for (let depth = 0; depth < 4 && level.length; depth++) {
    for (const element of level) {
      const reader = readerFor(element);
      if (reader) return { root: element, reader };
    }
    level = level.flatMap((element) => elementsOf(element)).slice(0, 1000);
  }
  return null;
}

// Control characters XML forbids (XML 1.0 section 2.2): a few slip into real feeds, but text where
// they are common is binary data (an image, an archive, random bytes), not a feed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what binary data is full of
const HAS_CONTROL = /[\x00-\x08\x0E-\x1F]/;

// Counted by character code (U+0000-U+0008, U+000E-U+001F) in the first 4,096 characters, once a
// pattern test (no match array) has found one there: nearly every feed has none.
function looksBinary(text: string): boolean {
  const length = Math.min(text.length, 4096);
  if (!HAS_CONTROL.test(length < text.length ? text.slice(0, length) : text)) return false;
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f && (code <= 0x08 || code >= 0x0e)) controls++;
  }
  return controls > length / 20;
}

function parseXmlFeed(text: string, options: ParseFeedOptions, decodeIssues: string[]): ParsedFeed {
  if (!/\S/.test(text)) throw new FeedParseError('FEED_EMPTY', 'the document is empty');
  if (looksBinary(text)) throw new FeedParseError('UNSUPPORTED_CONTENT', 'the document is binary data, not a feed');
  const document = readXml(text, { baseUrl: options.url ?? null });
  const found = findFeedRoot(document.elements);
  if (!found) {
    const first = document.elements[0];
    if (!first) throw new FeedParseError('UNSUPPORTED_CONTENT', 'the document is neither XML nor JSON');
    if (first.local.toLowerCase() === 'html') throw new FeedParseError('UNSUPPORTED_CONTENT', 'document is an HTML page, not a feed');
    throw new FeedParseError('UNSUPPORTED_CONTENT', `unknown feed root element <${first.name.slice(0, 60)}>`);
  }
  const draft = found.reader(found.root, [...decodeIssues, ...document.issues]);
  return finishFeed(draft, options.now ?? null);
}

/**
 * Parses feed bytes (or text) of any supported format into a ParsedFeed: RSS 0.90-0.94 and 2.0, RSS
 * 1.0 (RDF), Atom 0.3 and 1.0, JSON Feed 1.0 and 1.1. Charset detection is done here. Broken XML is
 * read as far as it makes sense (problems listed in `issues`). Rejects with a FeedParseError whose
 * `code` names the cause; never with anything else. Synchronous inside and linear in the input,
 * so it cannot hang.
 */
export async function parseFeed(input: Uint8Array | string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  try {
    if (looksLikeJson(input, options.contentType)) {
      const { text } = decodeText(input, { contentType: options.contentType ?? null, kind: 'json' });
      return finishFeed(readJsonFeed(text, options.url ?? null), options.now ?? null);
    }
    const decoded = decodeText(input, { contentType: options.contentType ?? null, kind: 'xml' });
    return parseXmlFeed(decoded.text, options, decoded.issues ?? []);
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    if (error instanceof RangeError) throw new FeedParseError('FEED_TOO_DEEP', `feed too large or deep to read: ${error.message}`, { cause: error });
    throw new FeedParseError('FEED_MALFORMED', `could not parse feed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

export type { FeedItem, ParsedFeed };
