/** Elements that start a new paragraph-level block in plain text. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'pre',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'table',
  'hr',
  'address',
  'details',
  'summary',
  'center',
]);
/** Elements that end a line without starting a paragraph. */
const LINES = new Set(['li', 'dt', 'dd', 'tr', 'figcaption', 'caption']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'button', 'select', 'textarea']);

/** Options of {@link htmlToText}. */
export interface HtmlToTextOptions {
  /** Leave figure captions out (they belong to the image, not the body text). */
  skipCaptions?: boolean;
}

/**
 * Converts an element's subtree to plain text with one paragraph per block, paragraphs separated
 * by a blank line, list items and table rows on their own lines. Words in adjacent blocks are never
 * glued together; runs of whitespace inside a block collapse to one space.
 */
export function htmlToText(root: Node, options: HtmlToTextOptions = {}): string {
  const blocks: string[] = [];
  let line = '';
  let lines: string[] = [];

  const endLine = (): void => {
    const clean = line.replace(/[ \t\r\n\f\u00a0\u200b]+/g, ' ').trim();
    if (clean) lines.push(clean);
    line = '';
  };
  const endBlock = (): void => {
    endLine();
    if (lines.length) blocks.push(lines.join('\n'));
    lines = [];
  };

  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      line += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return;
    const name = node.nodeType === 1 ? (node as Element).localName.toLowerCase() : '';
    if (SKIPPED.has(name)) return;
    if (options.skipCaptions && name === 'figcaption') return;
    if (name === 'br') {
      endLine();
      return;
    }
    const block = BLOCKS.has(name);
    const lineBreak = LINES.has(name);
    if (block) endBlock();
    else if (lineBreak) endLine();
    if (name === 'td' || name === 'th') line += ' ';
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) endBlock();
    else if (lineBreak) endLine();
  };
  walk(root);
  endBlock();
  return blocks.join('\n\n');
}
