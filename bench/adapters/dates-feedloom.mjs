// Adapter for ../shared/bench/tools/score-dates.mjs: Feedloom's extractArticle on the page, scored on
// the publisher's calendar day. `dates.publishedLocal` is the published date in the page's own offset
// (YYYY-MM-DD first), so the scorer counts the day the publisher meant, not the UTC day of the instant.
// Run with `node --import tsx` (from the project root: node --import tsx ../shared/bench/tools/score-dates.mjs bench/adapters/dates-feedloom.mjs).
import { extractArticle } from '../../shared/extraction/extract-article.ts';

export async function extract(html, url, extra) {
  const article = await extractArticle(extra?.bytes ?? html, { url, now: new Date('2026-01-01T00:00:00Z') });
  return { publishedAt: article.publishedAt, publishedRaw: article.dates.publishedLocal ?? article.dates.publishedRaw };
}
