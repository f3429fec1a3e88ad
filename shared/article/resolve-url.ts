/**
 * Resolves `href` against `base` and returns it only if it is an http(s) URL without credentials;
 * anything else (javascript:, data:, mailto:, malformed) yields null. Used for every URL read from a
 * feed or a page before it is stored or fetched.
 */
export function resolveHttpUrl(href: string | null | undefined, base?: string | null): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed || trimmed.length > 8192) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}
