import { normaliseRobotsPath, type RobotsPolicy, type RobotsRule } from './robots-policy';

/** RFC 9309 section 2.5: a crawler must read at least 500 KiB; what follows is ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

interface Group {
  agents: string[];
  rules: RobotsRule[];
  crawlDelays: number[];
}

/**
 * Reads a robots.txt (RFC 9309) and keeps what applies to the crawler named `productToken`: the
 * groups whose `user-agent` matches it (case-insensitive, on the token part of the line), all
 * merged (section 2.2.1); when none does, the `*` groups merged. Lines are `key: value` with
 * comments after `#`; keys are case-insensitive; consecutive user-agent lines share one group;
 * rules before any user-agent line belong to no group and are ignored; an empty Disallow allows.
 * Never throws: a line it cannot read is skipped, as the RFC asks of parsers (section 2.2).
 */
export function parseRobotsTxt(text: string, productToken: string): RobotsPolicy {
  const token = productToken.toLowerCase();
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '');
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!lastWasAgent || !current) {
        current = { agents: [], rules: [], crawlDelays: [] };
        groups.push(current);
      }
      const agent = value === '*' ? '*' : (/^[A-Za-z_-]+/.exec(value)?.[0] ?? '').toLowerCase();
      if (agent) current.agents.push(agent);
      lastWasAgent = true;
      continue;
    }
    if (key === 'sitemap') continue; // not part of any group (section 2.3.5)
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      if (value) current.rules.push({ allow: key === 'allow', pattern: normaliseRobotsPath(value) });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (value && Number.isFinite(seconds) && seconds >= 0) current.crawlDelays.push(seconds);
    }
  }
  let chosen = groups.filter((group) => group.agents.includes(token));
  if (!chosen.length) chosen = groups.filter((group) => group.agents.includes('*'));
  const delays = chosen.flatMap((group) => group.crawlDelays);
  return {
    rules: chosen.flatMap((group) => group.rules),
    crawlDelaySeconds: delays.length ? Math.max(...delays) : null,
  };
}
