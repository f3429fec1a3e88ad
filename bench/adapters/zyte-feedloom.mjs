// Adapter for <bench data>/tools/score-zyte.mjs and score-wceb.mjs: Feedloom's extractArticle on the
// page. Run with `node --import tsx`, so the TypeScript sources load directly.
import { extractArticle } from '../../shared/extraction/extract-article.ts';

// Some wceb pages (CleanEval, Dragnet) come without their address; extractArticle needs one to resolve
// links against, and a placeholder host changes nothing else.
const NO_URL = 'https://page.invalid/';

export async function extract(html, url, extra) {
  const article = await extractArticle(extra?.bytes ?? html, { url: url || NO_URL, now: new Date('2025-01-01T00:00:00Z') });
  // A failed or feed-only page scores what it kept (nothing, here: there is no feed entry).
  return { text: article.contentText ?? '' };
}
