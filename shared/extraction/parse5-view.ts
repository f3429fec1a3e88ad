import type { DefaultTreeAdapterTypes } from 'parse5';
import type { TreeDocument, TreeElement, TreeNode } from './dom-query';

type ParseNode = DefaultTreeAdapterTypes.Node;

class ViewText implements TreeNode {
  readonly nodeType = 3;
  constructor(readonly textContent: string) {}
}

class ViewOther implements TreeNode {
  readonly textContent = null;
  constructor(readonly nodeType: number) {}
}

class ViewElement implements TreeElement {
  readonly nodeType = 1;
  readonly childNodes: TreeNode[] = [];
  firstElementChild: ViewElement | null = null;
  nextElementSibling: ViewElement | null = null;
  #text: string | null = null;

  constructor(
    private readonly node: DefaultTreeAdapterTypes.Element,
    readonly parentElement: ViewElement | null,
  ) {}

  get localName(): string {
    return this.node.tagName;
  }

  getAttribute(name: string): string | null {
    for (const attribute of this.node.attrs) if (attribute.name === name) return attribute.value;
    return null;
  }

  // Asked for often on the same elements (bylines, captions), so kept once built.
  get textContent(): string {
    if (this.#text === null) {
      let text = '';
      const stack: TreeNode[] = [this];
      while (stack.length) {
        const node = stack.pop() as TreeNode;
        if (node instanceof ViewElement) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as TreeNode);
        else if (node.nodeType === 3) text += node.textContent;
      }
      this.#text = text;
    }
    return this.#text;
  }
}

class ViewDocument implements TreeDocument {
  constructor(readonly documentElement: ViewElement) {}

  get firstElementChild(): ViewElement {
    return this.documentElement;
  }

  // HTML "the body element": the first <body> child of the root element.
  get body(): ViewElement | null {
    for (let child = this.documentElement.firstElementChild; child; child = child.nextElementSibling) if (child.localName === 'body') return child;
    return null;
  }
}

/**
 * A read-only DOM-shaped view of a parse5 document: enough of the Element interface for the
 * metadata readers, with no jsdom behind it. Built in one walk without recursion; a <template>'s
 * content stays out of it, as it stays out of the DOM's child lists.
 */
export function viewParse5Document(document: DefaultTreeAdapterTypes.Document): TreeDocument | null {
  const rootNode = document.childNodes.find((node): node is DefaultTreeAdapterTypes.Element => 'tagName' in node);
  if (!rootNode) return null;
  const root = new ViewElement(rootNode, null);
  const stack: [DefaultTreeAdapterTypes.Element, ViewElement][] = [[rootNode, root]];
  while (stack.length) {
    const [node, view] = stack.pop() as [DefaultTreeAdapterTypes.Element, ViewElement];
    let previous: ViewElement | null = null;
    for (const child of node.childNodes as ParseNode[]) {
      if ('tagName' in child) {
        const element = new ViewElement(child, view);
        view.childNodes.push(element);
        if (previous) previous.nextElementSibling = element;
        else view.firstElementChild = element;
        previous = element;
        stack.push([child, element]);
      } else if (child.nodeName === '#text') {
        view.childNodes.push(new ViewText((child as DefaultTreeAdapterTypes.TextNode).value));
      } else {
        view.childNodes.push(new ViewOther(child.nodeName === '#comment' ? 8 : 10));
      }
    }
  }
  return new ViewDocument(root);
}
