/**
 * Class and id vocabulary of page furniture. Matching is on whole tokens of a class or id split
 * at spaces, dashes, underscores and camelCase humps ("share-bar", "shareBar" -> share, bar), so
 * "shared-content" or "adaptive" are never touched.
 */
const JUNK_TOKENS = new Set([
  'share',
  'shares',
  'sharing',
  'sharebar',
  'sharetools',
  'social',
  'socials',
  'newsletter',
  'newsletters',
  'subscribe',
  'subscription',
  'signup',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'related',
  'recommended',
  'recommendation',
  'recommendations',
  'promo',
  'promos',
  'advert',
  'adverts',
  'advertisement',
  'advertising',
  'ad',
  'ads',
  'adslot',
  'adunit',
  'adsbygoogle',
  'anzeige',
  'werbung',
  'dfp',
  'sponsored',
  'outbrain',
  'taboola',
  'comments',
  'comment',
  'disqus',
  'popup',
  'modal',
  'paywall',
  'breadcrumb',
  'breadcrumbs',
  'trending',
  'mostread',
  'mostpopular',
  'readmore',
  'livestory',
  'sidebar',
  'navbar',
  'menu',
  'footer',
  'toolbar',
  'widget',
  'byline',
  'bylines',
  'dateline',
  'poll',
  'polls',
  'quiz',
  'highlights',
  'takeaways',
  'keypoints',
]);

const NEGATIONS = new Set(['non', 'no', 'not', 'without']);

/** Token pairs that are junk together but not alone ("read more", "most read", "live story"...). */
const JUNK_PAIRS = [
  ['read', 'more'],
  ['more', 'from'],
  ['most', 'read'],
  ['most', 'popular'],
  ['most', 'viewed'],
  ['live', 'story'],
  ['you', 'may'],
  ['also', 'read'],
  ['read', 'also'],
  ['see', 'also'],
  ['author', 'bio'],
  ['author', 'box'],
  ['print', 'only'],
  ['key', 'points'],
  ['story', 'tags'],
  ['article', 'tags'],
  ['post', 'tags'],
];

// Framework classes that mean "not shown": exact names only (Bootstrap's `hidden-xs` hides on
// phones, not on a desktop, and must not count).
const HIDDEN_CLASSES = new Set([
  'hidden',
  'hide',
  'is-hidden',
  'u-hidden',
  'd-none',
  'sr-only',
  'visually-hidden',
  'visuallyhidden',
  'screen-reader-text',
  'screen-reader-only',
  'offscreen',
  'element-invisible',
  'print-only',
]);

// WordPress and similar themes put the post's taxonomy into its classes ("tag-social-media",
// "category-advertising"): words there describe the topic, not the block.
const TAXONOMY_CLASS = /^(?:tag|category|cat|type|status|format|has|postid|term|topic)[-_]|^post-\d+$/i;

/** Splits one class name or id into lower-case word tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The token lists of an element's classes and id, one list per class name. */
export function classTokens(className: string | null, id: string | null): string[][] {
  const lists: string[][] = [];
  if (className) {
    for (const name of className.split(/\s+/)) {
      if (!name || TAXONOMY_CLASS.test(name)) continue;
      const tokens = nameTokens(name);
      if (tokens.length) lists.push(tokens);
    }
  }
  if (id) {
    const tokens = nameTokens(id);
    if (tokens.length) lists.push(tokens);
  }
  return lists;
}

function isJunkName(tokens: string[]): boolean {
  // "non-ad-column" is the column without ads.
  if (tokens.some((token, at) => JUNK_TOKENS.has(token) && !NEGATIONS.has(tokens[at - 1] as string))) return true;
  for (const [a, b] of JUNK_PAIRS) {
    const at = tokens.indexOf(a as string);
    if (at >= 0 && tokens[at + 1] === b) return true;
  }
  return false;
}

/** Whether any of an element's class names or its id names it as page furniture. */
export function isJunkTokenSet(lists: string[][]): boolean {
  return lists.some(isJunkName);
}

const COMMENT_TOKENS = new Set(['comments', 'comment', 'disqus', 'respond', 'responses', 'commentlist', 'discussion']);

/** Whether any of an element's class names or its id names it as a comment thread or a comment. */
export function isCommentTokenSet(lists: string[][]): boolean {
  return lists.some((tokens) => tokens.some((token, at) => COMMENT_TOKENS.has(token) && !NEGATIONS.has(tokens[at - 1] as string)));
}

/** Whether a class attribute carries a framework "not displayed" class. */
export function isHiddenClass(className: string): boolean {
  for (const name of className.split(/\s+/)) if (HIDDEN_CLASSES.has(name.toLowerCase())) return true;
  return false;
}
