// jsdom's selector engine walks the whole tree per call, and its live HTMLCollections go through
// a proxy on every index: both dominate extraction time when used for simple questions. Sibling
// pointers and attribute reads answer them for a fraction.

/**
 * Calls `visit` on every element below `root` in document order, without recursion (pages can
 * nest deep). Returning `false` from `visit` stops the walk; returning `'skip'` skips the element's
 * descendants.
 */
export function walkElements(root: Element | Document, visit: (element: Element) => boolean | 'skip' | undefined): void {
  let node: Element | null = root.firstElementChild;
  while (node) {
    const verdict = visit(node);
    if (verdict === false) return;
    if (verdict !== 'skip' && node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    // Climb until there is a next sibling, never above root.
    for (;;) {
      const next: Element | null = node.nextElementSibling;
      if (next) {
        node = next;
        break;
      }
      const parent: Element | null = node.parentElement;
      if (!parent || parent === root) return;
      node = parent;
    }
  }
}

/** Descendants of `root` with the tag, in document order (a plain array, cheap to iterate). */
export function elementsByTag(root: Element | Document, tag: string): Element[] {
  const out: Element[] = [];
  walkElements(root, (element) => {
    if (element.localName === tag) out.push(element);
    return undefined;
  });
  return out;
}

/** Descendants of `root` with each of the tags, in one walk. */
export function elementsByTags(root: Element | Document, tags: readonly string[]): Map<string, Element[]> {
  const out = new Map<string, Element[]>(tags.map((tag) => [tag, []]));
  walkElements(root, (element) => {
    out.get(element.localName)?.push(element);
    return undefined;
  });
  return out;
}

/** Whether `root` has a descendant with one of the tags. */
export function containsTag(root: Element | Document, tags: readonly string[]): boolean {
  for (const tag of tags) if (root.getElementsByTagName(tag).item(0)) return true;
  return false;
}

/** The nearest ancestor of `element` (itself included) with one of the tags, below `stop`. */
export function closestTag(element: Element, tags: ReadonlySet<string>, stop?: Element | null): Element | null {
  for (let node: Element | null = element; node && node !== stop; node = node.parentElement) {
    if (tags.has(node.localName)) return node;
  }
  return null;
}

/** Descendants of `root` whose class attribute matches `pattern`, in document order. */
export function elementsWithClass(root: Element | Document, pattern: RegExp, limit = Number.POSITIVE_INFINITY): Element[] {
  const out: Element[] = [];
  walkElements(root, (element) => {
    const className = element.getAttribute('class');
    if (className && pattern.test(className)) out.push(element);
    return out.length < limit;
  });
  return out;
}
