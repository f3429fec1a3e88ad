// jsdom's selector engine walks the whole tree per call, and its live HTMLCollections go through
// a proxy on every index: both dominate extraction time when used for simple questions. Sibling
// pointers and attribute reads answer them for a fraction.

/** A node as the tree readers see it: an element, a text node (3) or another kind. */
export interface TreeNode {
  readonly nodeType: number;
  readonly textContent: string | null;
}

/**
 * The part of an element the tree readers use. jsdom's elements have it; so does the view of
 * parse5's lighter tree (parse5-view.ts), which lets metadata be read before any DOM is built.
 */
export interface TreeElement extends TreeNode {
  readonly localName: string;
  readonly parentElement: TreeElement | null;
  readonly firstElementChild: TreeElement | null;
  readonly nextElementSibling: TreeElement | null;
  readonly childNodes: ArrayLike<TreeNode>;
  getAttribute(name: string): string | null;
}

/** A document as the tree readers see it. */
export interface TreeDocument {
  readonly documentElement: TreeElement;
  readonly body: TreeElement | null;
  readonly firstElementChild: TreeElement | null;
}

/** Anything with element children: an element or a document. */
export interface TreeParent<E extends TreeElement> {
  readonly firstElementChild: E | null;
}

/**
 * Calls `visit` on every element below `root` in document order, without recursion (pages can
 * nest deep). Returning `false` from `visit` stops the walk; returning `'skip'` skips the element's
 * descendants.
 */
export function walkElements<E extends TreeElement>(root: TreeParent<E>, visit: (element: E) => boolean | 'skip' | undefined): void {
  let node: E | null = root.firstElementChild;
  while (node) {
    const verdict = visit(node);
    if (verdict === false) return;
    if (verdict !== 'skip' && node.firstElementChild) {
      node = node.firstElementChild as E;
      continue;
    }
    // Climb until there is a next sibling, never above root.
    for (;;) {
      const next = node.nextElementSibling as E | null;
      if (next) {
        node = next;
        break;
      }
      const parent = node.parentElement as E | null;
      if (!parent || parent === (root as unknown)) return;
      node = parent;
    }
  }
}

/** Descendants of `root` with the tag, in document order (a plain array, cheap to iterate). */
export function elementsByTag<E extends TreeElement>(root: TreeParent<E>, tag: string): E[] {
  const out: E[] = [];
  walkElements(root, (element) => {
    if (element.localName === tag) out.push(element);
    return undefined;
  });
  return out;
}

/** Descendants of `root` with each of the tags, in one walk. */
export function elementsByTags<E extends TreeElement>(root: TreeParent<E>, tags: readonly string[]): Map<string, E[]> {
  const out = new Map<string, E[]>(tags.map((tag) => [tag, []]));
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
export function closestTag<E extends TreeElement>(element: E, tags: ReadonlySet<string>, stop?: TreeElement | null): E | null {
  for (let node: E | null = element; node && node !== stop; node = node.parentElement as E | null) {
    if (tags.has(node.localName)) return node;
  }
  return null;
}

/** Descendants of `root` whose class attribute matches `pattern`, in document order. */
export function elementsWithClass<E extends TreeElement>(root: TreeParent<E>, pattern: RegExp, limit = Number.POSITIVE_INFINITY): E[] {
  const out: E[] = [];
  walkElements(root, (element) => {
    const className = element.getAttribute('class');
    if (className && pattern.test(className)) out.push(element);
    return out.length < limit;
  });
  return out;
}

/** Whether `node` is `ancestor` or lies below it. */
export function isInside(node: TreeElement, ancestor: TreeElement): boolean {
  for (let at: TreeElement | null = node; at; at = at.parentElement) if (at === ancestor) return true;
  return false;
}

/** An element's text as textContent gives it, leaving out one descendant's. */
export function textOutside(root: TreeElement, left: TreeElement): string {
  let text = '';
  const visit = (node: TreeNode): void => {
    if (node === left) return;
    // Text (3) and CDATA (4) nodes are what textContent joins; elements are walked into.
    if (node.nodeType === 3 || node.nodeType === 4) text += node.textContent ?? '';
    else if (node.nodeType === 1) for (const child of Array.from((node as TreeElement).childNodes)) visit(child);
  };
  visit(root);
  return text;
}
