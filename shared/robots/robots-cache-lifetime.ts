/** RFC 9309 section 2.4: a cached robots.txt should not be used for more than 24 hours. */
export const ROBOTS_MAX_LIFETIME_MS = 24 * 3600_000;
/**
 * Shortest time a robots.txt is kept, whatever its headers say (`no-cache`, `max-age=0`): without a
 * floor every page of a site would cost a second request, for its robots.txt.
 */
export const ROBOTS_MIN_LIFETIME_MS = 60_000;

/**
 * How long a robots.txt answer stays fresh, from its HTTP caching headers (RFC 9111 section 4.2.1):
 * `s-maxage`, then `max-age` (Cache-Control), then `Expires` minus `Date` (or now), else 24 hours;
 * clamped between one minute and the 24 hours RFC 9309 allows.
 */
export function robotsCacheLifetimeMs(headers: Record<string, string | undefined>, now: Date): number {
  const clamp = (ms: number): number => Math.min(ROBOTS_MAX_LIFETIME_MS, Math.max(ROBOTS_MIN_LIFETIME_MS, ms));
  const directives = (headers['cache-control'] ?? '').toLowerCase();
  for (const name of ['s-maxage', 'max-age']) {
    const match = new RegExp(`(?:^|[,\\s])${name}\\s*=\\s*"?(\\d+)`).exec(directives);
    if (match) return clamp(Number(match[1]) * 1000);
  }
  if (/(?:^|[,\s])(no-store|no-cache)(?:$|[,\s=])/.test(directives)) return clamp(0);
  const expires = headers.expires;
  if (expires !== undefined) {
    const at = Date.parse(expires);
    // An invalid Expires (often "0" or "-1") means already expired (RFC 9111 section 5.3).
    if (!Number.isFinite(at)) return clamp(0);
    const date = headers.date ? Date.parse(headers.date) : Number.NaN;
    return clamp(at - (Number.isFinite(date) ? date : now.getTime()));
  }
  return ROBOTS_MAX_LIFETIME_MS;
}
