import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SITE_HEALTH_RULE,
  daysEnding,
  findDegradedSites,
  observeArticle,
  type SiteDay,
  siteOf,
  totalBySite,
} from '../../../shared/ingestion/site-health';

const NOW = new Date('2026-03-20T15:00:00Z');
const TODAY = '2026-03-20';

/** `n` days of history before today, each with the given counts. */
function history(host: string, n: number, counts: Partial<SiteDay>): SiteDay[] {
  return daysEnding(new Date('2026-03-19T00:00:00Z'), n).map((day) => ({ day, host, extracted: 0, feedOnly: 0, failed: 0, words: 0, ...counts }));
}
const today = (host: string, counts: Partial<SiteDay>): SiteDay => ({ day: TODAY, host, extracted: 0, feedOnly: 0, failed: 0, words: 0, ...counts });

describe('days and sites', () => {
  it('lists consecutive UTC days ending with the day of the instant, across a month end', () => {
    expect(daysEnding(new Date('2026-03-02T23:59:59Z'), 4)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('names a site by its host, lower case, without www., keeping a port', () => {
    expect(siteOf('https://WWW.Example.com/news/a?x=1')).toBe('example.com');
    expect(siteOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1:8080');
    expect(siteOf('not a url')).toBeNull();
  });

  it('counts words for extracted articles only', () => {
    expect(observeArticle({ url: 'https://a.example/x', status: 'extracted', wordCount: 612 }, NOW)).toEqual({
      day: TODAY,
      host: 'a.example',
      status: 'extracted',
      words: 612,
    });
    expect(observeArticle({ url: 'https://a.example/x', status: 'feed-only', wordCount: 40 }, NOW)?.words).toBe(0);
  });

  it('sums days per site, with the extracted share and the mean words of extracted bodies', () => {
    const [a, b] = totalBySite([
      today('b.example', { feedOnly: 2 }),
      today('a.example', { extracted: 3, failed: 1, words: 1500 }),
      { ...today('a.example', { extracted: 1, words: 100 }), day: '2026-03-19' },
    ]);
    expect(a).toEqual({ host: 'a.example', articles: 5, extracted: 4, feedOnly: 0, failed: 1, extractedShare: 0.8, meanWords: 400 });
    expect(b).toMatchObject({ host: 'b.example', articles: 2, extractedShare: 0, meanWords: null });
  });
});

describe('findDegradedSites', () => {
  const good = history('news.example', 7, { extracted: 20, feedOnly: 1, words: 20 * 700 });

  it('flags a site that extracted well and now falls back to the feed', () => {
    const [site, ...rest] = findDegradedSites([...good, today('news.example', { extracted: 1, feedOnly: 9, words: 650 })], NOW);
    expect(rest).toEqual([]);
    expect(site).toMatchObject({ host: 'news.example', reasons: ['extracted-share'], recent: { articles: 10, extracted: 1 } });
    expect(site?.baseline.goodDays).toBe(7);
    expect(site?.baseline.medianWords).toBe(700);
  });

  it('flags a site whose pages still "extract" but as navigation text: bodies far shorter than they were', () => {
    const [site] = findDegradedSites([...good, today('news.example', { extracted: 8, words: 8 * 60 })], NOW);
    expect(site).toMatchObject({ host: 'news.example', reasons: ['word-count'] });
    expect(site?.recent.meanWords).toBe(60);
  });

  it('leaves a healthy site alone, and a dip that stays above the thresholds', () => {
    expect(findDegradedSites([...good, today('news.example', { extracted: 9, failed: 1, words: 9 * 500 })], NOW)).toEqual([]);
    expect(findDegradedSites([...good, today('news.example', { extracted: 5, feedOnly: 5, words: 5 * 360 })], NOW)).toEqual([]);
  });

  it('never flags a site that never extracted well: a known gap is not a change', () => {
    const poor = history('feedonly.example', 7, { extracted: 2, feedOnly: 18, words: 2 * 500 });
    expect(findDegradedSites([...poor, today('feedonly.example', { feedOnly: 20 })], NOW)).toEqual([]);
  });

  it('waits for enough articles today and enough good days before judging', () => {
    expect(findDegradedSites([...good, today('news.example', { feedOnly: DEFAULT_SITE_HEALTH_RULE.minRecentArticles - 1 })], NOW)).toEqual([]);
    const short = history('new.example', DEFAULT_SITE_HEALTH_RULE.minGoodDays - 1, { extracted: 20, words: 20 * 700 });
    expect(findDegradedSites([...short, today('new.example', { feedOnly: 10 })], NOW)).toEqual([]);
    // Days with too few articles are no evidence of extracting well.
    const thin = history('thin.example', 7, { extracted: DEFAULT_SITE_HEALTH_RULE.minDayArticles - 1, words: 1400 });
    expect(findDegradedSites([...thin, today('thin.example', { feedOnly: 10 })], NOW)).toEqual([]);
  });

  it('keeps reporting a broken site on the following days while good days remain in its history', () => {
    const broken = daysEnding(new Date('2026-03-19T00:00:00Z'), 3).map((day) => ({ ...today('news.example', { feedOnly: 20 }), day }));
    const older = daysEnding(new Date('2026-03-16T00:00:00Z'), 6).map((day) => ({ ...today('news.example', { extracted: 20, words: 14_000 }), day }));
    expect(findDegradedSites([...older, ...broken, today('news.example', { feedOnly: 10 })], NOW).map((s) => s.host)).toEqual(['news.example']);
  });

  it('ignores history outside the baseline window and judges each site on its own', () => {
    const ancient = daysEnding(new Date('2026-02-01T00:00:00Z'), 7).map((day) => ({ ...today('news.example', { extracted: 20, words: 14_000 }), day }));
    expect(findDegradedSites([...ancient, today('news.example', { feedOnly: 10 })], NOW)).toEqual([]);
    const other = history('other.example', 7, { extracted: 10, words: 5000 });
    const rows = [...good, ...other, today('news.example', { feedOnly: 10 }), today('other.example', { extracted: 10, words: 5000 })];
    expect(findDegradedSites(rows, NOW).map((s) => s.host)).toEqual(['news.example']);
  });
});
