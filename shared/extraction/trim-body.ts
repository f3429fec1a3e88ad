import { normalizeSpace } from '../text/strip-html';

const READING_TIME =
  /^(?:\d+\s*(?:-\s*\d+\s*)?(?:min(?:ute)?s?|m)\.?\s*(?:read|reading(?:\s+time)?|lesezeit|de lecture)?|reading time:?\s*\d+\s*min(?:ute)?s?)$/i;
const BYLINE = /^(?:by|von|par|por|di)\s+\S.{0,80}$/i;
const DATE_ONLY =
  /^(?:(?:published|posted|updated|last updated)[:\s]+)?(?:\w{3,9},?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+\w{3,9},?\s+\d{4}|\w{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?$/i;

function comparable(text: string): string {
  return normalizeSpace(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function isClutter(text: string, title: string | null, description: string | null): boolean {
  if (!text) return true;
  if (READING_TIME.test(text) || DATE_ONLY.test(text)) return true;
  if (text.length <= 90 && BYLINE.test(text)) return true;
  const plain = comparable(text);
  if (title && plain === comparable(title)) return true;
  if (description && plain.length > 20) {
    const desc = comparable(description);
    if (plain === desc || (desc.length > 40 && (desc.startsWith(plain) || plain.startsWith(desc)) && Math.abs(plain.length - desc.length) < 20)) return true;
  }
  return false;
}

function firstLeafBlock(root: Element): Element | null {
  let node: Element | null = root.firstElementChild;
  while (node) {
    const text = normalizeSpace(node.textContent ?? '');
    const hasImage = node.querySelector('img, picture, video') !== null || node.localName === 'img';
    if (!text && !hasImage) {
      const next = node.nextElementSibling;
      node.remove();
      node = next;
      continue;
    }
    if (/^(?:div|section|article|header|main)$/.test(node.localName) && node.firstElementChild && !hasDirectText(node)) {
      node = node.firstElementChild;
      continue;
    }
    return node;
  }
  return null;
}

function hasDirectText(element: Element): boolean {
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3 && normalizeSpace(child.nodeValue ?? '')) return true;
  }
  return false;
}

/**
 * Removes what Readability leaves at the top of a body that is not body text: the headline again,
 * the standfirst (it lives in `description`), "2 min read" labels, bylines and date lines.
 * Stops at the first real paragraph, so body text is never touched.
 */
export function trimBody(root: Element, title: string | null, description: string | null): void {
  for (let guard = 0; guard < 12; guard++) {
    const block = firstLeafBlock(root);
    if (!block) return;
    if (block.querySelector('img, picture, video, figure') || block.localName === 'figure') {
      // A lead figure may precede the clutter; look past it once.
      const next = block.nextElementSibling;
      if (next && isClutter(normalizeSpace(next.textContent ?? ''), title, description) && !next.querySelector('img')) {
        next.remove();
        continue;
      }
      return;
    }
    if (!isClutter(normalizeSpace(block.textContent ?? ''), title, description)) return;
    block.remove();
  }
}
