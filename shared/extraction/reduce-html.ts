import { type DefaultTreeAdapterTypes, parse, serialize } from 'parse5';
import { holdsArticleShare, isCommentThread, isInertElement, isJunkElement, type TextShares } from './clean-document';

type ParseNode = DefaultTreeAdapterTypes.Node;
type ParseElement = DefaultTreeAdapterTypes.Element;
type ParseParent = DefaultTreeAdapterTypes.ParentNode;
/** A page as parse5 parsed it, inert markup already gone. */
export type ParsedPage = DefaultTreeAdapterTypes.Document;

// Scripting off here too, or a <noscript>'s text would be written unescaped and re-parsed as markup.
const SERIALIZE = { scriptingEnabled: false } as const;

function isElement(node: ParseNode): node is ParseElement {
  return 'tagName' in node;
}

function attributeOf(element: ParseElement, name: string): string | null {
  for (const attribute of element.attrs) if (attribute.name === name) return attribute.value;
  return null;
}

function isJsonLd(element: ParseElement): boolean {
  return /application\/ld\+json/i.test(attributeOf(element, 'type') ?? '');
}

function childrenOf(node: ParseNode): ParseNode[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/** Removes what matches `drop` below `root`, depth first without recursion (pages nest deep). */
function removeWhere(root: ParseParent, drop: (node: ParseNode) => boolean | 'keep-children' | 'descend'): void {
  const stack: ParseParent[] = [root];
  while (stack.length) {
    const parent = stack.pop() as ParseParent;
    parent.childNodes = parent.childNodes.filter((child) => {
      const verdict = drop(child);
      if (verdict === true) return false;
      if (verdict === 'descend' && 'childNodes' in child) stack.push(child);
      return true;
    });
  }
}

function textSharesOf(root: ParseNode): TextShares {
  let prose = 0;
  let paragraphs = 0;
  // Text inside a link counts for neither; a paragraph's text counts whole (as textContent does).
  // The root itself is not classified (the DOM walk starts below it).
  const stack = childrenOf(root).map((node) => ({ node, inLink: false, inParagraph: false }));
  while (stack.length) {
    const { node, inLink, inParagraph } = stack.pop() as { node: ParseNode; inLink: boolean; inParagraph: boolean };
    if (node.nodeName === '#text') {
      const length = (node as DefaultTreeAdapterTypes.TextNode).value.length;
      if (!inLink) prose += length;
      if (inParagraph) paragraphs += length;
      continue;
    }
    const name = isElement(node) ? node.tagName : '';
    // The DOM walk stops at the first <a> or <p> on a path, so nested ones count as their outer one.
    const link = inLink || (!inParagraph && name === 'a');
    const paragraph = inParagraph || (!inLink && name === 'p');
    for (const child of childrenOf(node)) stack.push({ node: child, inLink: link, inParagraph: paragraph });
  }
  return { prose, paragraphs };
}

/**
 * Parses a page with parse5 (several times cheaper than jsdom) and drops what is never content or
 * metadata: comments, scripts but JSON-LD, styles, templates and SVG. The tree is then read for
 * metadata (parse5-view.ts) and reduced by {@link reduceParsedPage} before jsdom sees it.
 */
export function parsePage(html: string): ParsedPage {
  // jsdom parses with scripting off (a <noscript> holds markup, not text); so must this.
  const document = parse(html, { scriptingEnabled: false });
  removeWhere(document, (node) => {
    if (node.nodeName === '#comment') return true;
    if (!isElement(node)) return 'descend';
    if (node.tagName === 'script') return !isJsonLd(node);
    if (node.tagName === 'style' || (isInertElement(node.tagName) && node.tagName !== 'link')) return true;
    return 'descend';
  });
  return document;
}

/**
 * Removes from a parsed page the subtrees cleanDocument's junk rules would remove, judged by the
 * same rules on the same text counts, in place: jsdom spends most of an extraction building nodes
 * (about 55 of 95 ms on the benchmark pages, parse5 alone 5), and navigation, share bars, related
 * lists and forms are most of a page's nodes. The DOM built from what is left (build-jsdom-document.ts)
 * is the one the whole page would have had after cleanDocument.
 */
export function reduceParsedPageTree(document: ParsedPage): ParsedPage {
  const root = document.childNodes.find(isElement);
  const body = root?.childNodes.find((node): node is ParseElement => isElement(node) && node.tagName === 'body');
  if (body) {
    // cleanDocument removes <link> as inert inside the body only (the head's carry the canonical URL).
    removeWhere(body, (node) => (isElement(node) && node.tagName === 'link' ? true : 'descend'));
    const page = textSharesOf(body);
    removeWhere(body, (node) => {
      if (!isElement(node)) return false;
      const attribute = (name: string): string | null => attributeOf(node, name);
      if (!isJunkElement(node.tagName, attribute, node.attrs.length > 0)) return 'descend';
      return holdsArticleShare(textSharesOf(node), page) && !isCommentThread(attribute) ? 'descend' : true;
    });
  }
  return document;
}

/** {@link reduceParsedPageTree}, serialised. */
export function reduceParsedPage(document: ParsedPage): string {
  return serializePage(reduceParsedPageTree(document));
}

/** A parsed page as HTML again, for jsdom. */
export function serializePage(document: ParsedPage): string {
  return serialize(document, SERIALIZE);
}
