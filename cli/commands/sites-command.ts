import { reportSites } from '../../shared/ingestion/check-site-health';
import type { CliIo } from '../cli-io';
import { openLocalStores } from '../open-local-stores';
import { UsageError } from '../usage-error';

const systemClock = { now: () => new Date() };

/** Options of `feedloom sites`. */
export interface SitesOptions {
  db?: string | undefined;
  endpoint?: string | undefined;
  days?: string | undefined;
  json: boolean;
}

const percent = (share: number): string => `${(share * 100).toFixed(0)}%`;

/**
 * `feedloom sites`: per site (page host), the articles of the last days extracted, feed-only and
 * failed, their mean body length, and the sites the degraded-site rule flags (the deployed alarm's
 * rule, shared/ingestion/site-health.ts). `--json`: one object a line.
 */
export async function sitesCommand(options: SitesOptions, io: CliIo): Promise<number> {
  const days = options.days === undefined ? 7 : Number(options.days);
  if (!Number.isInteger(days) || days < 1 || days > 35) throw new UsageError('--days must be an integer from 1 to 35');
  const stores = await openLocalStores({ ...options, cwd: io.cwd, env: io.env });
  try {
    const report = await reportSites({ sites: stores.siteHealth, clock: systemClock }, days);
    if (options.json) {
      for (const site of report.sites) io.stdout.write(`${JSON.stringify({ ...site, from: report.days[0], to: report.days.at(-1) })}\n`);
      return 0;
    }
    if (!report.sites.length) {
      io.stdout.write(`no articles stored from ${report.days[0]} to ${report.days.at(-1)}\n`);
      return 0;
    }
    io.stdout.write(`sites, ${report.days[0]} to ${report.days.at(-1)} (UTC days)\n`);
    const width = Math.max(4, ...report.sites.map((site) => site.host.length));
    io.stdout.write(`${'site'.padEnd(width)}  articles  extracted  feed-only  failed  mean words\n`);
    for (const site of report.sites) {
      const words = site.meanWords === null ? '-' : String(Math.round(site.meanWords));
      const flag = site.degraded ? `  DEGRADED (${site.degraded.join(', ')})` : '';
      io.stdout.write(
        `${site.host.padEnd(width)}  ${String(site.articles).padStart(8)}  ${`${site.extracted} ${percent(site.extractedShare)}`.padStart(9)}  ${String(site.feedOnly).padStart(9)}  ${String(site.failed).padStart(6)}  ${words.padStart(10)}${flag}\n`,
      );
    }
    const degraded = report.sites.filter((site) => site.degraded).length;
    if (degraded) io.stdout.write(`${degraded} site(s) degraded: they used to extract well and no longer do (docs/deploy.md, "Site health")\n`);
    return 0;
  } finally {
    await stores.close();
  }
}
