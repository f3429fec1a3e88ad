import { SaxesParser } from 'saxes';
import { resolveHttpUrl } from '../article/resolve-url';
import { InvalidInputError } from '../errors';

/** One subscription read from a feed list. */
export interface FeedListEntry {
  url: string;
  title: string | null;
  categories: string[];
}

function fromOpml(text: string): FeedListEntry[] {
  const entries: FeedListEntry[] = [];
  const folders: (string | null)[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name.toLowerCase() !== 'outline') return;
    const attr = (name: string): string | null => {
      const value = Object.entries(tag.attributes).find(([key]) => key.toLowerCase() === name)?.[1];
      return typeof value === 'string' && value.trim() ? value.trim() : null;
    };
    const xmlUrl = attr('xmlurl');
    const label = attr('title') ?? attr('text');
    if (xmlUrl) {
      // OPML 2.0: nesting is the folder path; the `category` attribute adds comma-separated tags.
      const extra = (attr('category') ?? '')
        .split(',')
        .map((c) => c.trim().replace(/^\//, ''))
        .filter(Boolean);
      const categories = [...new Set([...folders.filter((f): f is string => Boolean(f)), ...extra])];
      entries.push({ url: xmlUrl, title: label, categories });
    }
    // saxes reports a close tag for a self-closing `<outline/>` too, so every outline pushes one
    // level and its close pops it (pushing only for open tags made `<outline/>` close its parent).
    folders.push(xmlUrl ? null : label);
  });
  parser.on('closetag', (tag) => {
    if (tag.name.toLowerCase() === 'outline') folders.pop();
  });
  try {
    parser.write(text).close();
  } catch (error) {
    throw new InvalidInputError('BAD_FEED_LIST', `OPML is not well-formed XML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  return entries;
}

function fromJson(text: string): FeedListEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError('BAD_FEED_LIST', `feed list is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && Array.isArray((doc as { feeds?: unknown }).feeds)
      ? (doc as { feeds: unknown[] }).feeds
      : null;
  if (!list) throw new InvalidInputError('BAD_FEED_LIST', 'a JSON feed list must be an array of URLs or of { "url": ... } objects');
  return list.map((entry, index) => {
    if (typeof entry === 'string') return { url: entry, title: null, categories: [] };
    if (entry && typeof entry === 'object' && typeof (entry as { url?: unknown }).url === 'string') {
      const { url, title, categories, category } = entry as { url: string; title?: unknown; categories?: unknown; category?: unknown };
      const cats = Array.isArray(categories) ? categories.filter((c): c is string => typeof c === 'string') : typeof category === 'string' ? [category] : [];
      return { url, title: typeof title === 'string' ? title : null, categories: cats };
    }
    throw new InvalidInputError('BAD_FEED_LIST', `entry ${index + 1} of the JSON feed list has no "url"`);
  });
}

function fromText(text: string): FeedListEntry[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((url) => ({ url, title: null, categories: [] }));
}

/**
 * Reads a list of feeds in any of the formats users have: OPML (what every feed reader exports;
 * nested outlines become categories), JSON (`["url", ...]` or `[{ "url": ... }]`) or plain text
 * (one URL a line, `#` comments). Every URL must be absolute http(s); duplicates are merged.
 */
export function parseFeedList(text: string, baseUrl?: string): FeedListEntry[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const raw = trimmed.startsWith('<') ? fromOpml(trimmed) : trimmed.startsWith('[') || trimmed.startsWith('{') ? fromJson(trimmed) : fromText(trimmed);
  const byUrl = new Map<string, FeedListEntry>();
  for (const entry of raw) {
    const url = resolveHttpUrl(entry.url, baseUrl);
    if (!url) throw new InvalidInputError('BAD_FEED_URL', `not an absolute http(s) URL: ${entry.url.slice(0, 200)}`);
    const previous = byUrl.get(url);
    byUrl.set(url, previous ? { ...previous, categories: [...new Set([...previous.categories, ...entry.categories])] } : { ...entry, url });
  }
  return [...byUrl.values()];
}
