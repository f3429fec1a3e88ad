import type { CycleSummary } from './local-pipeline';

/** The human summary printed after a cycle. */
export function formatSummary(summary: CycleSummary): string {
  const { feeds: f, articles: a } = summary;
  const lines = [
    `feeds     ${f.dispatched} fetched: ${f.updated} updated, ${f.notModified} not modified, ${f.failed} failed`,
    `articles  ${a.created} new, ${a.updated} changed, ${a.unchanged} unchanged`,
    `          ${a.byStatus.extracted} extracted, ${a.byStatus['feed-only']} feed-only, ${a.byStatus.failed} failed`,
    `retries   ${summary.retries}   dead letters ${summary.deadLetters.length}`,
    `time      ${(summary.durationMs / 1000).toFixed(2)} s`,
  ];
  return `${lines.join('\n')}\n`;
}
