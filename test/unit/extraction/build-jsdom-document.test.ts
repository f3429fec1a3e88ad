import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/encoding/decode-text';
import { buildJsdomDocument } from '../../../shared/extraction/build-jsdom-document';
import { parsePage, reduceParsedPage, reduceParsedPageTree, serializePage } from '../../../shared/extraction/reduce-html';

// Building jsdom's document from the parse5 tree must give the document jsdom's own parser builds from
// the serialised tree (what extraction did before): same nodes, same text nodes, same doctype and mode.
const pagesDir = join(import.meta.dirname, '../../fixtures/pages');
const pages = readdirSync(pagesDir).map((name) => ({
  name,
  url: `https://news.example.com/${name}/`,
  html: decodeText(readFileSync(join(pagesDir, name, 'input.html')), { contentType: null, kind: 'html' }).text,
}));

const window = new JSDOM('', { url: 'https://news.example.com/' }).window;
const emptyDocument = (): Document => new window.DOMParser().parseFromString('', 'text/html');
const parsedByJsdom = (html: string): Document => new window.DOMParser().parseFromString(html, 'text/html');

/** Every node in document order with its type, name, attributes and data: what a serialisation could merge or hide. */
function shapeOf(document: Document): string[] {
  const shape: string[] = [`mode ${document.compatMode}`];
  const walker = document.createTreeWalker(document, 0xffffffff);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      const element = node as Element;
      shape.push(`${element.namespaceURI} ${element.localName} ${[...element.attributes].map((a) => `${a.namespaceURI}:${a.name}=${a.value}`).join(' ')}`);
    } else if (node.nodeType === 10) {
      const doctype = node as DocumentType;
      shape.push(`doctype ${doctype.name} "${doctype.publicId}" "${doctype.systemId}"`);
    } else {
      shape.push(`${node.nodeType} ${JSON.stringify(node.nodeValue)}`);
    }
  }
  return shape;
}

describe('buildJsdomDocument', () => {
  // Serialising a parsed page and parsing it again is not always the identity (a MathML <mglyph> that
  // parse5 put in the HTML namespace comes back as MathML; a quirks-mode <p> holding a <table> does
  // not survive a doctype reduced to its name), so the pages are compared from the tree a round trip
  // gives, where jsdom's parser and the builder must agree node for node. On the page itself the
  // builder keeps what parse5 built.
  const stable = (html: string) => parsePage(serializePage(parsePage(html)));

  it.each(pages)('builds the document jsdom parses from the serialised page: $name', ({ html }) => {
    expect(shapeOf(buildJsdomDocument(stable(html), emptyDocument()))).toEqual(shapeOf(parsedByJsdom(serializePage(stable(html)))));
  });

  it.each(pages)('builds the document jsdom parses from the reduced page: $name', ({ html }) => {
    expect(shapeOf(buildJsdomDocument(reduceParsedPageTree(stable(html)), emptyDocument()))).toEqual(shapeOf(parsedByJsdom(reduceParsedPage(stable(html)))));
  });

  it.each([
    ['text either side of a removed script becomes one node', '<!DOCTYPE html><body><p>before <script>x()</script>after</p></body>'],
    ['a doctype keeps only its name, and the mode follows from it', '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><body><p>x</p></body>'],
    ['no doctype: quirks mode', '<body><p>x</p></body>'],
    [
      'pre, listing and textarea lose the newline after their start tag',
      '<!DOCTYPE html><body><pre>\n\nx</pre><listing>\n\ny</listing><textarea>\n\nz</textarea><pre>\n</pre></body>',
    ],
    ['foreign content and namespaced attributes', '<!DOCTYPE html><body><math><mi xlink:href="#a">x</mi></math><p is="x-p" data-a="1">y</p></body>'],
    ['character references in text and attributes', '<!DOCTYPE html><body><p title="a &amp; &quot;b&quot;">&lt;tag&gt; &amp;&nbsp;x</p></body>'],
  ])('%s', (_name, html) => {
    expect(shapeOf(buildJsdomDocument(parsePage(html), emptyDocument()))).toEqual(shapeOf(parsedByJsdom(serializePage(parsePage(html)))));
  });

  it("puts a template's children in its content fragment, as jsdom's parser does", () => {
    // parsePage drops templates; parse5 alone keeps them.
    const built = buildJsdomDocument(parse('<!DOCTYPE html><body><template><p>inside</p></template></body>', { scriptingEnabled: false }), emptyDocument());
    const template = built.querySelector('template') as HTMLTemplateElement;
    expect(template.childNodes.length).toBe(0);
    expect(template.content.firstChild?.textContent).toBe('inside');
    expect(shapeOf(built)).toEqual(shapeOf(parsedByJsdom('<!DOCTYPE html><body><template><p>inside</p></template></body>')));
  });
});
