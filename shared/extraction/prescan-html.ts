import { ExtractionError } from './extraction-error';

/** Limits the cheap pre-scan enforces before a DOM is ever built. */
export interface HtmlLimits {
  maxChars: number;
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_HTML_LIMITS: HtmlLimits = { maxChars: 5 * 1024 * 1024, maxDepth: 256, maxElements: 30_000 };

// Elements that never have an end tag (HTML "void elements"), so they never deepen the tree.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen']);
// Elements whose end tag is optional and implied by a sibling: counting them as nesting would
// overstate the depth of ordinary pages (a list of 500 <li> without </li> is flat).
const IMPLIED_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'thead', 'tbody', 'tfoot', 'rt', 'rp', 'colgroup', 'optgroup']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/**
 * Scans HTML as a tag stream (no DOM) and throws an ExtractionError when it is too large, nested too
 * deeply or has too many elements: Readability's recursion takes seconds at a depth of 1,000 and
 * overflows the stack at 5,000, and a DOM costs memory per element. Runs in milliseconds.
 */
export function prescanHtml(html: string, limits: HtmlLimits = DEFAULT_HTML_LIMITS): void {
  if (html.length > limits.maxChars) {
    throw new ExtractionError('HTML_TOO_LARGE', `page has ${html.length} characters (limit ${limits.maxChars})`);
  }
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->/g;
  const stack: string[] = [];
  let elements = 0;
  let match: RegExpExecArray | null = tag.exec(html);
  while (match !== null) {
    const closing = match[1] === '/';
    const name = match[2]?.toLowerCase();
    if (name) {
      if (closing) {
        const at = stack.lastIndexOf(name);
        if (at >= 0) stack.length = at;
      } else {
        elements++;
        if (elements > limits.maxElements) {
          throw new ExtractionError('HTML_TOO_MANY_ELEMENTS', `page has more than ${limits.maxElements} elements`);
        }
        if (RAW_TEXT.has(name)) {
          const endTag = new RegExp(`</${name}`, 'gi');
          endTag.lastIndex = tag.lastIndex;
          tag.lastIndex = endTag.exec(html) ? endTag.lastIndex - name.length - 2 : html.length;
        } else if (!VOID.has(name) && match[3] !== '/') {
          if (IMPLIED_END.has(name) && stack[stack.length - 1] === name) stack.pop();
          stack.push(name);
          if (stack.length > limits.maxDepth) {
            throw new ExtractionError('HTML_TOO_DEEP', `page nests elements more than ${limits.maxDepth} deep`);
          }
        }
      }
    }
    match = tag.exec(html);
  }
}
