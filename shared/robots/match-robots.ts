import { normaliseRobotsPath, type RobotsPolicy, type RobotsRule } from './robots-policy';

/** Whether a URL may be fetched, and the rule that decided it (null: no rule matched). */
export interface RobotsVerdict {
  allowed: boolean;
  rule: RobotsRule | null;
}

/**
 * Whether `pattern` matches the start of `path` (RFC 9309 section 2.2.3): `*` stands for any run of
 * characters, a final `$` anchors the end. The pattern is cut at its `*`s and each piece is found
 * at its leftmost place after the previous one, which decides a glob with only `*` exactly, in time
 * linear in the path per piece (no backtracking for a hostile pattern to exploit).
 */
export function robotsPatternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const pieces = (anchored ? pattern.slice(0, -1) : pattern).split('*');
  const first = pieces[0] as string;
  if (!path.startsWith(first)) return false;
  if (pieces.length === 1) return !anchored || path.length === first.length;
  let at = first.length;
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    if (i === pieces.length - 1 && anchored) return path.length - piece.length >= at && path.endsWith(piece);
    const found = path.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

/**
 * Decides one URL against a policy (RFC 9309 section 2.2.2): the matching rule with the longest
 * pattern wins, an Allow beats a Disallow of the same length, no match allows, and /robots.txt is
 * always allowed. The path and query are normalised like the rules before they are compared.
 */
export function matchRobots(policy: RobotsPolicy, url: string | URL): RobotsVerdict {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.pathname === '/robots.txt') return { allowed: true, rule: null };
  const path = normaliseRobotsPath(`${parsed.pathname || '/'}${parsed.search}`);
  let best: RobotsRule | null = null;
  for (const rule of policy.rules) {
    if (best && (rule.pattern.length < best.pattern.length || (rule.pattern.length === best.pattern.length && !rule.allow))) continue;
    if (robotsPatternMatches(rule.pattern, path)) best = rule;
  }
  return { allowed: best?.allow ?? true, rule: best };
}
