/** Token pairs that are junk together but not alone ("read more", "most read", "live story"...). */
const JUNK_PHRASES = [
  'read more',
  'more from',
  'most read',
  'most popular',
  'live story',
  'you may like',
  'also read',
  'read also',
  'see also',
  'sr only',
  'visually hidden',
  'story tags',
  'article tags',
  'author bio',
  'author box',
  'print only',
];
/**
 * Junk recognised by class or id tokens. Matching is on whole tokens of the attribute split at
 * spaces, dashes and underscores ("share-bar" -> share, bar), so "shared-content" or
 * "adaptive" are not touched.
 */
const ALWAYS_JUNK_TOKENS = new Set([
  'share',
  'sharing',
  'sharebar',
  'social',
  'newsletter',
  'newsletters',
  'subscribe',
  'signup',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'related',
  'recommended',
  'recommendations',
  'promo',
  'advert',
  'advertisement',
  'advertising',
  'ad',
  'ads',
  'adslot',
  'sponsored',
  'outbrain',
  'taboola',
  'comments',
  'disqus',
  'popup',
  'modal',
  'paywall',
  'breadcrumb',
  'breadcrumbs',
  'trending',
  'mostread',
  'readmore',
  'livestory',
]);
const JUNK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'search', 'menu', 'menubar', 'toolbar']);
const JUNK_ELEMENTS = 'script, style, link, template, iframe, form, button, input, select, textarea, nav, dialog, svg, canvas, object, embed';
const PROTECTED = new Set(['html', 'body', 'main', 'article']);

function tokensOf(element: Element): string[] {
  const value = `${element.getAttribute('class') ?? ''} ${element.id ?? ''}`.toLowerCase();
  return value.split(/[\s_-]+/).filter(Boolean);
}

function isJunk(element: Element): boolean {
  if (PROTECTED.has(element.localName)) return false;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  const role = element.getAttribute('role');
  if (role && JUNK_ROLES.has(role.toLowerCase())) return true;
  const tokens = tokensOf(element);
  if (!tokens.length) return false;
  if (tokens.some((token) => ALWAYS_JUNK_TOKENS.has(token))) return true;
  const joined = tokens.join(' ');
  return JUNK_PHRASES.some((phrase) => joined.includes(phrase));
}

/**
 * Removes, before Readability scores the page, what can never be article text: active and form
 * content, hidden elements, navigation roles, and blocks whose class or id name them as share
 * bars, newsletter and cookie boxes, related and read-more lists, live-story widgets, ads or
 * comments. A block holding most of the page's text is never removed on its class alone.
 */
export function cleanDocument(doc: Document): void {
  for (const element of doc.querySelectorAll(JUNK_ELEMENTS)) element.remove();
  // A <noscript> often holds the real <img> of a lazy-loading page; Readability unwraps those.
  for (const element of doc.querySelectorAll('noscript')) if (!/<img\b/i.test(element.textContent ?? '')) element.remove();
  const body = doc.body;
  if (!body) return;
  const pageText = body.textContent?.length ?? 0;
  const candidates = [...body.querySelectorAll('[class], [id], [hidden], [aria-hidden], [style], [role]')];
  for (const element of candidates) {
    if (!element.isConnected || !isJunk(element)) continue;
    const text = element.textContent?.length ?? 0;
    // Guard against a CMS that names the article container "promo-..." or "related-...".
    if (text > 2000 && text > pageText * 0.4 && !element.hasAttribute('hidden') && element.getAttribute('aria-hidden') !== 'true') continue;
    element.remove();
  }
}
