import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../../cli/format-summary';
import type { CycleSummary } from '../../../cli/local-runtime/local-pipeline';

const summary = (changes: Partial<CycleSummary> = {}): CycleSummary => ({
  feeds: { dispatched: 2, updated: 1, notModified: 0, failed: 1, skipped: 0, waiting: 0 },
  articles: { created: 3, updated: 0, unchanged: 0, byStatus: { extracted: 2, 'feed-only': 1, failed: 0 }, waiting: 0, retried: 0 },
  failures: { feeds: [], articles: [] },
  retries: 0,
  deadLetters: [],
  durationMs: 1_234,
  ...changes,
});

describe('the run summary', () => {
  it('names each failed feed and article with its reason code, and how to allow a refused loopback feed', () => {
    const text = formatSummary(
      summary({
        failures: {
          feeds: [{ id: 'f1', url: 'http://127.0.0.1:8080/feed.xml', code: 'SSRF_BLOCKED', message: '127.0.0.1 is a loopback address' }],
          articles: [{ id: 'a1', url: 'https://news.example/a', status: 'feed-only', code: 'HTTP_STATUS', message: 'page answered HTTP 503' }],
        },
      }),
    );
    expect(text).toContain(
      '  failed feed: http://127.0.0.1:8080/feed.xml  SSRF_BLOCKED: 127.0.0.1 is a loopback address (a private or loopback address: pass --allow-private-network to allow it)\n',
    );
    expect(text).toContain('  failed article feed-only: https://news.example/a  HTTP_STATUS: page answered HTTP 503\n');
  });

  it('says when jobs wait in the database for a later run, and lists at most 20 failures of a kind', () => {
    const many = Array.from({ length: 25 }, (_, n) => ({
      id: `a${n}`,
      url: `https://x.example/${n}`,
      status: 'failed' as const,
      code: 'TIMEOUT',
      message: 'slow',
    }));
    const text = formatSummary(summary({ articles: { ...summary().articles, waiting: 7 }, failures: { feeds: [], articles: many } }));
    expect(text).toContain('waiting   7 jobs kept in the database for a later run');
    // A feed job waiting out a host's pause is counted too: it is neither done nor failed.
    expect(formatSummary(summary({ feeds: { ...summary().feeds, waiting: 1 } }))).toContain('waiting   1 job kept in the database for a later run');
    expect(text.match(/failed article/g)).toHaveLength(20);
    expect(text).toContain('... and 5 more articles (--json lists them all)');
  });
});
