import { elementsByTag, walkElements } from './dom-query';
import { classTokens, isCommentTokenSet, isHiddenClass, isJunkTokenSet } from './junk-tokens';
import { DEFAULT_IFRAME_HOSTS } from './sanitize-html';

/** Elements that are never article text, removed with their contents. */
const JUNK_ELEMENTS = new Set([
  'script',
  'style',
  'link',
  'template',
  'iframe',
  'button',
  'input',
  'select',
  'textarea',
  'nav',
  'dialog',
  'svg',
  'canvas',
  'object',
  'embed',
  'aside',
  'form',
]);
// Video and audio players the sanitiser keeps; other frames are ads, trackers and widgets.
const EMBED_HOSTS = new Set(DEFAULT_IFRAME_HOSTS);
const INERT = new Set(['script', 'style', 'template', 'svg', 'link']);
const JUNK_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'dialog',
  'alertdialog',
  'search',
  'menu',
  'menubar',
  'toolbar',
  'tablist',
]);
const NEVER_REMOVED = new Set(['html', 'body', 'main']);
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** Options of {@link cleanDocument}. */
export interface CleanOptions {
  /** Site-specific selectors removed outright (see site-rules.ts). */
  drop?: readonly string[];
  /** Site-specific selectors never removed by the general rules (their ancestors neither). */
  keep?: readonly string[];
  /** The page is a live blog (its entries' headers hold their headings). */
  liveBlog?: boolean;
  /**
   * Judge blocks by their class and id names (default true). The second pass of body selection
   * turns it off: on some pages the article sits in a block named like furniture (a Blogger
   * `widget`, a `comment`-named post) and is outweighed by the rest of the page.
   */
  trustNames?: boolean;
}

function isAllowedEmbed(src: string | null): boolean {
  try {
    return EMBED_HOSTS.has(new URL(src ?? '').host);
  } catch {
    return false;
  }
}

/** Reads one attribute of an element, whatever tree holds it (a DOM element or a parse5 node). */
export type AttributeReader = (name: string) => string | null;

/**
 * The junk rules on an element's name and attributes alone, so that the DOM pass below and the
 * pre-DOM reduction (reduce-html.ts) decide alike.
 */
export function isJunkElement(name: string, attribute: AttributeReader, hasAttributes: boolean, trustNames = true): boolean {
  if (NEVER_REMOVED.has(name)) return false;
  if (name === 'iframe') return !isAllowedEmbed(attribute('src'));
  if (JUNK_ELEMENTS.has(name)) return true;
  if (!hasAttributes) return false;
  if (attribute('hidden') !== null || attribute('aria-hidden') === 'true') return true;
  const style = attribute('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  const role = attribute('role');
  if (role && JUNK_ROLES.has(role.toLowerCase())) return true;
  const className = attribute('class');
  if (className && isHiddenClass(className)) return true;
  const id = attribute('id');
  if (!trustNames || (!className && !id)) return false;
  return isJunkTokenSet(classTokens(className, id));
}

/** Elements removed with their contents before anything else is judged: never text, never metadata. */
export function isInertElement(name: string): boolean {
  return INERT.has(name);
}

/**
 * Whether an element is named as a readers' comment thread. Such a block never gets the benefit of
 * {@link holdsArticleShare}: under a short story a long thread easily holds most of the page's
 * prose, yet it is not the story. (When a page really keeps its story in a comment-named block,
 * body selection's second pass, which ignores names, finds it.)
 */
export function isCommentThread(attribute: AttributeReader): boolean {
  return isCommentTokenSet(classTokens(attribute('class'), attribute('id')));
}

/**
 * Whether a junk-named block holds the article: it has half the page's paragraph text or half its
 * prose. Both counts come from the caller so that either tree can supply them.
 */
export function holdsArticleShare(own: TextShares, page: TextShares): boolean {
  if (page.prose < 300) return false;
  return own.paragraphs > page.paragraphs * 0.5 || own.prose > page.prose * 0.5;
}

function isJunk(element: Element, trustNames: boolean): boolean {
  return isJunkElement(element.localName, (name) => element.getAttribute(name), element.hasAttributes(), trustNames);
}

/** Text counts of a block, as the junk rules weigh them. */
export interface TextShares {
  /** Characters of text outside links. */
  prose: number;
  /** Characters of text in paragraphs. */
  paragraphs: number;
}

function textShares(root: Element): TextShares {
  let prose = root.textContent?.length ?? 0;
  let paragraphs = 0;
  walkElements(root, (element) => {
    if (element.localName === 'a') prose -= element.textContent?.length ?? 0;
    else if (element.localName === 'p') paragraphs += element.textContent?.length ?? 0;
    else return undefined;
    return 'skip';
  });
  return { prose, paragraphs };
}

// Articles are made of prose, mostly in paragraphs (some CMSs use <br> between lines instead), and
// junk is small beside them: a block holding half the page's paragraphs or half its prose is the
// article whatever its class says.
function holdsTheArticle(element: Element, page: TextShares): boolean {
  return page.prose >= 300 && holdsArticleShare(textShares(element), page);
}

// Readability drops anything whose class says "header" as unlikely content. On a live blog the
// header of each entry carries the entry's heading, which is body text; only the page's own
// header (with the <h1>) is furniture.
function unwrapEntryHeaders(body: Element): void {
  for (const header of elementsByTag(body, 'header')) {
    if (!header.parentElement?.closest('article') || header.getElementsByTagName('h1').length) continue;
    if (!header.querySelector('h2, h3, h4, h5, h6')) continue;
    header.replaceWith(...header.childNodes);
  }
}

function markKept(doc: Document, selectors: readonly string[], kept: Set<Element>): void {
  for (const selector of selectors) {
    let matches: NodeListOf<Element>;
    try {
      matches = doc.querySelectorAll(selector);
    } catch {
      continue;
    }
    for (const element of matches) {
      for (let node: Element | null = element; node; node = node.parentElement) kept.add(node);
    }
  }
}

/**
 * Removes, before Readability scores the page, what can never be article text: active and form
 * content, hidden elements, navigation landmarks, and blocks whose class or id name them as share
 * bars, newsletter and cookie boxes, related and read-more lists, live-story widgets, ads or
 * comments. Names mislead (an ASP.NET page wraps everything in a `<form>`, a theme calls its body
 * `entry-content-read-more`), so a block holding half of the page's paragraph text is never
 * removed: junk is small next to the article.
 */
export function cleanDocument(doc: Document, rules: CleanOptions = {}): void {
  const body = doc.body;
  if (!body) return;
  for (const selector of rules.drop ?? []) {
    try {
      for (const element of doc.querySelectorAll(selector)) element.remove();
    } catch {
      // A malformed selector in the rules must not cost the article.
    }
  }
  const kept = new Set<Element>();
  if (rules.keep?.length) markKept(doc, rules.keep, kept);

  // Inert elements first, so their text does not count as prose below.
  const inert: Element[] = [];
  walkElements(body, (element) => {
    if (!INERT.has(element.localName)) return undefined;
    inert.push(element);
    return 'skip';
  });
  for (const element of inert) element.remove();
  if (rules.liveBlog) unwrapEntryHeaders(body);

  // Collect, then remove: the walk must not lose its place. A junk-named block that holds the
  // article is kept and looked into; a removed one is not.
  const page = textShares(body);
  const junk: Element[] = [];
  walkElements(body, (element) => {
    if (kept.has(element) || !isJunk(element, rules.trustNames ?? true)) return undefined;
    if (holdsTheArticle(element, page) && !isCommentThread((name) => element.getAttribute(name))) return undefined;
    junk.push(element);
    return 'skip';
  });
  for (const element of junk) element.remove();
}
