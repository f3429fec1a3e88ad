import { hashKey } from '../article/article-id';
import { cleanUrl } from '../article/clean-url';

/** The parts of an entry its identity can be derived from. */
export interface IdentityParts {
  guid: string | null;
  url: string | null;
  title: string | null;
  summary: string | null;
}

/**
 * Assigns each entry of one feed a stable identity, in this order: its guid; guid plus link when the
 * same guid appears on entries with different links in the feed (some CMSs reuse one guid for every
 * entry); the cleaned link (with its fragment when two or more entries differ only by theirs: anchors into one
 * archive page); a hash of title and summary. The result is a short URL-safe key.
 */
export function deriveItemIds(entries: readonly IdentityParts[]): string[] {
  const linksByGuid = new Map<string, Set<string>>();
  // Each link is cleaned once, for both passes.
  const cleanLinks = entries.map((entry) => safeClean(entry.url));
  entries.forEach((entry, index) => {
    if (!entry.guid) return;
    const links = linksByGuid.get(entry.guid) ?? new Set<string>();
    links.add(cleanLinks[index] ?? '');
    linksByGuid.set(entry.guid, links);
  });
  const fragmentsByLink = new Map<string, Set<string>>();
  entries.forEach((entry, index) => {
    const link = cleanLinks[index];
    if (!link) return;
    const fragments = fragmentsByLink.get(link) ?? new Set<string>();
    const fragment = fragmentOf(entry.url);
    if (fragment) fragments.add(fragment);
    fragmentsByLink.set(link, fragments);
  });
  return entries.map((entry, index) => {
    const link = cleanLinks[index] ?? null;
    if (entry.guid) {
      const collides = (linksByGuid.get(entry.guid)?.size ?? 0) > 1;
      return hashKey(collides ? `guid+link:${entry.guid}\n${link ?? ''}` : `guid:${entry.guid}`);
    }
    if (link) {
      // Entries that point into one page at different anchors are different entries; a lone
      // fragment (#comments) is noise.
      const fragment = fragmentOf(entry.url);
      return hashKey(fragment && (fragmentsByLink.get(link)?.size ?? 0) > 1 ? `link:${link}${fragment}` : `link:${link}`);
    }
    return hashKey(`content:${entry.title ?? ''}\n${entry.summary ?? ''}`);
  });
}

function safeClean(url: string | null): string | null {
  if (!url) return null;
  try {
    return cleanUrl(url);
  } catch {
    return null;
  }
}

function fragmentOf(url: string | null): string {
  // A URL's fragment starts at its "#": without one there is none, and no URL need be parsed.
  if (!url?.includes('#')) return '';
  try {
    return url ? new URL(url).hash : '';
  } catch {
    return '';
  }
}
