import { classTokens, isHiddenClass, isJunkTokenSet } from './junk-tokens';

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
const INERT = new Set(['script', 'style', 'template', 'svg', 'link']);
const JUNK_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'search', 'menu', 'menubar', 'toolbar', 'tablist']);
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
}

function junkReason(element: Element): 'hidden' | 'junk' | null {
  const name = element.localName;
  if (NEVER_REMOVED.has(name)) return null;
  if (JUNK_ELEMENTS.has(name)) return 'junk';
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return 'hidden';
  const style = element.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return 'hidden';
  const role = element.getAttribute('role');
  if (role && JUNK_ROLES.has(role.toLowerCase())) return 'junk';
  const className = element.getAttribute('class');
  if (className && isHiddenClass(className)) return 'hidden';
  const tokens = classTokens(className, element.getAttribute('id'));
  if (tokens.length && isJunkTokenSet(tokens)) return 'junk';
  return null;
}

interface TextShares {
  /** Characters of text outside links. */
  prose: number;
  /** Characters of text in paragraphs. */
  paragraphs: number;
}

function textShares(root: Element): TextShares {
  let prose = root.textContent?.length ?? 0;
  for (const link of root.getElementsByTagName('a')) prose -= link.textContent?.length ?? 0;
  let paragraphs = 0;
  for (const p of root.getElementsByTagName('p')) paragraphs += p.textContent?.length ?? 0;
  return { prose, paragraphs };
}

// Articles are made of prose, mostly in paragraphs (some CMSs use <br> between lines instead), and
// junk is small beside them: a block holding half the page's paragraphs or half its prose is the
// article whatever its class says.
function holdsTheArticle(element: Element, page: TextShares): boolean {
  if (page.prose < 300) return false;
  const own = textShares(element);
  return own.paragraphs > page.paragraphs * 0.5 || own.prose > page.prose * 0.5;
}

// Readability drops anything whose class says "header" as unlikely content. On a live blog the
// header of each entry carries the entry's heading, which is body text; only the page's own
// header (with the <h1>) is furniture.
function unwrapEntryHeaders(body: Element): void {
  for (const header of [...body.getElementsByTagName('header')]) {
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

  // Collect first, remove after: the walk must not skip siblings of removed nodes.
  const candidates: { element: Element; reason: 'hidden' | 'junk' }[] = [];
  const walker = doc.createTreeWalker(body, 1);
  let node = walker.nextNode() as Element | null;
  while (node) {
    const reason = kept.has(node) ? null : junkReason(node);
    if (reason) {
      candidates.push({ element: node, reason });
      // Nothing below a removed element needs looking at.
      let next: Node | null = null;
      for (let up: Node | null = node; up && up !== body; up = up.parentNode) {
        next = up.nextSibling;
        while (next && next.nodeType !== 1) next = next.nextSibling;
        if (next) break;
      }
      if (!next) break;
      walker.currentNode = next;
      node = next as Element;
      continue;
    }
    node = walker.nextNode() as Element | null;
  }
  if (rules.liveBlog) unwrapEntryHeaders(body);
  if (!candidates.length) return;
  // Inert text first, so it does not count as prose below.
  const rest = candidates.filter(({ element }) => {
    if (!INERT.has(element.localName)) return true;
    element.remove();
    return false;
  });
  const page = textShares(body);
  for (const { element } of rest) {
    if (holdsTheArticle(element, page)) continue;
    element.remove();
  }
}
