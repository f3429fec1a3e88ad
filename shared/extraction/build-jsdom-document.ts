// jsdom's internal modules require each other in cycles that only resolve when its entry point has
// loaded first (in a bundle this file can be the first to touch jsdom): load it before them.
import 'jsdom';
import attributes from 'jsdom/lib/jsdom/living/attributes.js';
import CommentImpl from 'jsdom/lib/jsdom/living/generated/Comment.js';
import DocumentTypeImpl from 'jsdom/lib/jsdom/living/generated/DocumentType.js';
import TextImpl from 'jsdom/lib/jsdom/living/generated/Text.js';
import idlUtils from 'jsdom/lib/jsdom/living/generated/utils.js';
import createElementHelpers from 'jsdom/lib/jsdom/living/helpers/create-element.js';
import type { DefaultTreeAdapterTypes } from 'parse5';

type ParseNode = DefaultTreeAdapterTypes.Node;
type ParseElement = DefaultTreeAdapterTypes.Element;

/** The part of a jsdom node implementation that building a tree needs. */
interface NodeImpl {
  readonly nodeType: number;
  readonly lastChild: NodeImpl | null;
  data: string;
  _ownerDocument: DocumentImpl;
  _globalObject: unknown;
  _append(node: NodeImpl): void;
  _templateContents?: NodeImpl;
  _parserInserted?: boolean;
  _mode?: string;
}
type DocumentImpl = NodeImpl;

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const TEXT_NODE = 3;
// The HTML parser drops a newline right after these start tags (HTML "in body" insertion mode),
// and the serialiser does not write one back, so a page that went through serialise-and-parse lost it.
const LEADING_NEWLINE_DROPPED = new Set(['pre', 'listing', 'textarea']);

function isElement(node: ParseNode): node is ParseElement {
  return 'tagName' in node;
}

/**
 * The document mode the HTML parser gives a page that starts with `<!DOCTYPE name>` (the only form
 * the serialiser writes), or none: HTML "the initial insertion mode".
 */
function documentModeOf(page: DefaultTreeAdapterTypes.Document): string {
  const first = page.childNodes.find((node) => node.nodeName !== '#comment');
  if (first?.nodeName !== '#documentType') return 'quirks';
  return (first as DefaultTreeAdapterTypes.DocumentType).name === 'html' ? 'no-quirks' : 'quirks';
}

function appendText(parent: NodeImpl, text: string): void {
  // Adjacent text becomes one node, as the parser's "insert a character" makes it; removing the
  // element between two runs of text leaves them adjacent in the light tree.
  const last = parent.lastChild;
  if (last && last.nodeType === TEXT_NODE) last.data += text;
  else parent._append(TextImpl.createImpl(parent._globalObject, [], { data: text, ownerDocument: parent._ownerDocument }) as NodeImpl);
}

/**
 * Fills an empty jsdom document with the nodes of a page parse5 has already parsed, through the
 * node constructors jsdom's own parser calls, instead of serialising the page and having jsdom
 * tokenise and tree-build it a second time. The result is the document jsdom's parser would build
 * from `serialize(page)`: the doctype keeps only its name, the document mode follows from it, and
 * adjacent text is merged.
 */
export function buildJsdomDocument(page: DefaultTreeAdapterTypes.Document, target: Document): Document {
  target.replaceChildren();
  const documentImpl = idlUtils.implForWrapper(target) as DocumentImpl;
  documentImpl._mode = documentModeOf(page);
  const stack: [ParseNode[], NodeImpl][] = [[page.childNodes, documentImpl]];
  while (stack.length) {
    const [children, parent] = stack.pop() as [ParseNode[], NodeImpl];
    const ownerDocument = parent._ownerDocument ?? documentImpl;
    for (const child of children) {
      if (isElement(child)) {
        const isValue = child.attrs.find((attribute) => attribute.name === 'is')?.value ?? null;
        const element = createElementHelpers.createElement(ownerDocument, child.tagName, child.namespaceURI, null, isValue, false) as NodeImpl;
        for (const attribute of child.attrs) {
          attributes.setAttributeValue(element, attribute.name, attribute.value, attribute.prefix || null, attribute.namespace ?? null);
        }
        if ('_parserInserted' in element) element._parserInserted = true;
        parent._append(element);
        const template = child.tagName === 'template' && child.namespaceURI === HTML_NS;
        let grandchildren = template ? (child as DefaultTreeAdapterTypes.Template).content.childNodes : child.childNodes;
        const first = grandchildren[0];
        if (first?.nodeName === '#text' && LEADING_NEWLINE_DROPPED.has(child.tagName) && child.namespaceURI === HTML_NS) {
          const text = (first as DefaultTreeAdapterTypes.TextNode).value;
          if (text.startsWith('\n')) {
            grandchildren = grandchildren.slice(1);
            if (text.length > 1) appendText(element, text.slice(1));
          }
        }
        if (grandchildren.length) stack.push([grandchildren, template ? (element._templateContents as NodeImpl) : element]);
      } else if (child.nodeName === '#text') {
        appendText(parent, (child as DefaultTreeAdapterTypes.TextNode).value);
      } else if (child.nodeName === '#comment') {
        parent._append(
          CommentImpl.createImpl(parent._globalObject, [], { data: (child as DefaultTreeAdapterTypes.CommentNode).data, ownerDocument }) as NodeImpl,
        );
      } else if (child.nodeName === '#documentType') {
        const name = (child as DefaultTreeAdapterTypes.DocumentType).name;
        parent._append(DocumentTypeImpl.createImpl(parent._globalObject, [], { name, publicId: '', systemId: '', ownerDocument }) as NodeImpl);
      }
    }
  }
  return target;
}
