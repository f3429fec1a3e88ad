import { z } from 'zod';
import { parseDocument } from '../parse-document';
import type { CleanOptions } from './clean-document';
import shippedRules from './site-rules.json' with { type: 'json' };

/** What to keep and drop on one site's pages: CSS selectors. */
export const SiteRuleSchema = z.object({
  keep: z.array(z.string().min(1).max(500)).max(100).default([]),
  drop: z.array(z.string().min(1).max(500)).max(100).default([]),
});
export type SiteRule = z.infer<typeof SiteRuleSchema>;

/** A rules file: rules by host name (lower case, no port). */
export const SiteRulesSchema = z.object({
  about: z.string().optional(),
  hosts: z.record(
    z
      .string()
      .regex(/^[a-z0-9.-]+$/)
      .describe('host name, e.g. "example.com"'),
    SiteRuleSchema,
  ),
});
export type SiteRules = z.infer<typeof SiteRulesSchema>;

/** Validates a rules document (e.g. a JSON file a deployment ships); throws InvalidInputError naming the problem. */
export function parseSiteRules(value: unknown): SiteRules {
  return parseDocument(SiteRulesSchema, value, { code: 'INVALID_SITE_RULES', name: 'site rules' });
}

/** The rules shipped with Feedloom (shared/extraction/site-rules.json). */
export const DEFAULT_SITE_RULES: SiteRules = parseSiteRules(shippedRules);

/** The rule for a page: its host's, else its nearest parent domain's; null when none applies. */
export function siteRuleFor(rules: SiteRules, pageUrl: string): CleanOptions | null {
  let host: string;
  try {
    host = new URL(pageUrl).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (let name = host; name.includes('.'); name = name.slice(name.indexOf('.') + 1)) {
    const rule = rules.hosts[name];
    if (rule) return { keep: rule.keep, drop: rule.drop };
  }
  return null;
}
