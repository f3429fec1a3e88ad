/** One Allow or Disallow line of the group that applies to us, its path pattern normalised. */
export interface RobotsRule {
  allow: boolean;
  /** Normalised as {@link normaliseRobotsPath} does; may hold `*` and a final `$`. */
  pattern: string;
}

/** What a robots.txt says to one crawler: its rules and its Crawl-delay. */
export interface RobotsPolicy {
  rules: RobotsRule[];
  /** Seconds between requests asked by `Crawl-delay` (not in RFC 9309, widely honoured); null when absent. */
  crawlDelaySeconds: number | null;
}

/** The policy of an absent robots.txt (RFC 9309 section 2.3.1.3): everything allowed. */
export const ALLOW_ALL: RobotsPolicy = { rules: [], crawlDelaySeconds: null };

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const HEX = '0123456789ABCDEF';

/**
 * Brings a path (of a URL or of a robots.txt rule) to one form before they are compared, as RFC 9309
 * section 2.2.2 asks: characters outside ASCII are UTF-8 percent-encoded, a percent-encoded
 * unreserved character (RFC 3986 section 2.3) is decoded, every other percent-encoding is kept
 * with upper-case hex digits. `*` and `$` are left as they are: in a rule they are special, in a
 * URL they are plain characters (and a rule's literal `*` cannot be told apart, as in the RFC).
 */
export function normaliseRobotsPath(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i] as string;
    if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(path.slice(i + 1, i + 3))) {
      const code = Number.parseInt(path.slice(i + 1, i + 3), 16);
      const decoded = String.fromCharCode(code);
      out += code < 0x80 && UNRESERVED.test(decoded) ? decoded : `%${path.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code > 0x7e || code <= 0x20) {
      // A lone surrogate cannot be encoded: TextEncoder makes it U+FFFD, as a URL parser would.
      const point = path.codePointAt(i) as number;
      const char = point > 0xffff ? String.fromCodePoint(point) : ch;
      if (char.length === 2) i++;
      for (const byte of new TextEncoder().encode(char)) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
      continue;
    }
    out += ch;
  }
  return out;
}
