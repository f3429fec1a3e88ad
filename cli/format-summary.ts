import type { CycleSummary, FailureNote } from './local-runtime/local-pipeline';

/** Failures listed one a line before "and N more". */
const MAX_LISTED = 20;

// The hint a user needs for the one refusal a local run commonly meets.
const HINTS: Record<string, string> = {
  SSRF_BLOCKED: ' (a private or loopback address: pass --allow-private-network to allow it)',
  SSRF_BLOCKED_REDIRECT: ' (redirected to a private or loopback address: pass --allow-private-network to allow it)',
};

function listFailures(kind: string, notes: readonly FailureNote[]): string[] {
  const lines = notes.slice(0, MAX_LISTED).map((note) => {
    const status = note.status ? ` ${note.status}` : '';
    return `  failed ${kind}${status}: ${note.url}  ${note.code}: ${note.message.slice(0, 200)}${HINTS[note.code] ?? ''}`;
  });
  if (notes.length > MAX_LISTED) lines.push(`  ... and ${notes.length - MAX_LISTED} more ${kind}s (--json lists them all)`);
  return lines;
}

/** The human summary printed after a cycle: counts, then each failed feed and article with its reason code. */
export function formatSummary(summary: CycleSummary): string {
  const { feeds: f, articles: a } = summary;
  const lines = [
    `feeds     ${f.dispatched} fetched: ${f.updated} updated, ${f.notModified} not modified, ${f.failed} failed`,
    `articles  ${a.created} new, ${a.updated} changed, ${a.unchanged} unchanged${a.retried ? `, ${a.retried} retried` : ''}`,
    `          ${a.byStatus.extracted} extracted, ${a.byStatus['feed-only']} feed-only, ${a.byStatus.failed} failed`,
    `retries   ${summary.retries}   dead letters ${summary.deadLetters.length}${summary.deadLetters.length ? ' (feedloom dead-letters list)' : ''}`,
    `time      ${(summary.durationMs / 1000).toFixed(2)} s`,
  ];
  const waiting = a.waiting + f.waiting;
  if (waiting) lines.push(`waiting   ${waiting} job${waiting === 1 ? '' : 's'} kept in the database for a later run (a host asked for a long pause)`);
  lines.push(...listFailures('feed', summary.failures.feeds), ...listFailures('article', summary.failures.articles));
  return `${lines.join('\n')}\n`;
}
