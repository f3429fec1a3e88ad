import type { Clock, Logger, SiteHealthStore } from './ports';
import { DEFAULT_SITE_HEALTH_RULE, type DegradedSite, daysEnding, findDegradedSites, type SiteHealthRule, type SiteTotals, totalBySite } from './site-health';

/** Collaborators of {@link checkSiteHealth}. */
export interface CheckSiteHealthDeps {
  sites: SiteHealthStore;
  clock: Clock;
  rule?: SiteHealthRule;
  logger?: Logger;
}

/** What one check found. */
export interface SiteHealthCheck {
  /** Sites with articles in the recent window. */
  sitesSeen: number;
  degraded: DegradedSite[];
}

/**
 * Reads the counters of the recent window and the history before it, and applies the
 * degraded-site rule. Each degraded site is logged with its figures, so the alarm's one number
 * (how many) comes with the list an operator needs.
 */
export async function checkSiteHealth(deps: CheckSiteHealthDeps): Promise<SiteHealthCheck> {
  const rule = deps.rule ?? DEFAULT_SITE_HEALTH_RULE;
  const now = deps.clock.now();
  const days = daysEnding(now, rule.recentDays + rule.baselineDays);
  const rows = await deps.sites.listDays(days);
  const recentDays = new Set(days.slice(rule.baselineDays));
  const sitesSeen = new Set(rows.filter((row) => recentDays.has(row.day)).map((row) => row.host)).size;
  const degraded = findDegradedSites(rows, now, rule);
  for (const site of degraded) {
    deps.logger?.warn('site extraction degraded', {
      host: site.host,
      reasons: site.reasons,
      recentArticles: site.recent.articles,
      recentExtractedShare: Number(site.recent.extractedShare.toFixed(3)),
      recentMeanWords: site.recent.meanWords === null ? null : Math.round(site.recent.meanWords),
      baselineGoodDays: site.baseline.goodDays,
      baselineExtractedShare: Number(site.baseline.extractedShare.toFixed(3)),
      baselineMedianWords: site.baseline.medianWords === null ? null : Math.round(site.baseline.medianWords),
    });
  }
  return { sitesSeen, degraded };
}

/** One site in {@link reportSites}: its totals over the period, and whether the rule flags it now. */
export interface SiteReportRow extends SiteTotals {
  degraded: DegradedSite['reasons'] | null;
}

/**
 * Every site's counters summed over the last `days` days (today included), newest figures as the
 * check sees them, with the degraded-site rule applied: what `feedloom sites` prints.
 */
export async function reportSites(deps: CheckSiteHealthDeps, days: number): Promise<{ days: string[]; sites: SiteReportRow[] }> {
  const rule = deps.rule ?? DEFAULT_SITE_HEALTH_RULE;
  const now = deps.clock.now();
  const all = daysEnding(now, Math.max(days, rule.recentDays + rule.baselineDays));
  const rows = await deps.sites.listDays(all);
  const period = new Set(all.slice(-days));
  const degraded = new Map(findDegradedSites(rows, now, rule).map((site) => [site.host, site.reasons]));
  const sites = totalBySite(rows.filter((row) => period.has(row.day))).map((site) => ({ ...site, degraded: degraded.get(site.host) ?? null }));
  return { days: [...period], sites };
}
