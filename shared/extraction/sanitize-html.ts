import { JSDOM } from 'jsdom';

/** Elements kept (with only the listed attributes). Everything else is unwrapped or dropped. */
const ALLOWED: Record<string, readonly string[]> = {
  p: [],
  br: [],
  hr: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  ul: [],
  ol: ['start', 'reversed'],
  li: [],
  dl: [],
  dt: [],
  dd: [],
  blockquote: ['cite'],
  q: ['cite'],
  pre: [],
  code: [],
  kbd: [],
  samp: [],
  var: [],
  em: [],
  strong: [],
  b: [],
  i: [],
  u: [],
  s: [],
  del: [],
  ins: [],
  mark: [],
  small: [],
  sub: [],
  sup: [],
  abbr: ['title'],
  cite: [],
  dfn: [],
  time: ['datetime'],
  bdi: [],
  bdo: ['dir'],
  div: [],
  a: ['href', 'title'],
  img: ['src', 'srcset', 'alt', 'title', 'width', 'height'],
  picture: [],
  source: ['srcset', 'type', 'media'],
  figure: [],
  figcaption: [],
  video: ['src', 'poster', 'controls', 'width', 'height'],
  audio: ['src', 'controls'],
  table: [],
  caption: [],
  thead: [],
  tbody: [],
  tfoot: [],
  tr: [],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
  iframe: ['src', 'width', 'height', 'allowfullscreen'],
};
// h1 is demoted to h2: the title lives in `title`, and a second h1 inside a body is never right.
const RENAMED: Record<string, string> = { h1: 'h2', article: 'div', section: 'div', main: 'div', center: 'div', font: 'span', strike: 's', tt: 'code' };
/** Elements removed together with their contents: active, embedded or form content. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'object',
  'embed',
  'applet',
  'frame',
  'frameset',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'label',
  'fieldset',
  'legend',
  'output',
  'meta',
  'link',
  'base',
  'head',
  'title',
  'canvas',
  'dialog',
  'slot',
  'portal',
  'param',
  'track',
  'map',
  'area',
  'xml',
  'nav',
  'aside',
  'footer',
  'header',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster']);
/** Hosts whose embeds are kept (video players); every other iframe is dropped. */
export const DEFAULT_IFRAME_HOSTS = [
  'www.youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'www.dailymotion.com',
  'open.spotify.com',
  'w.soundcloud.com',
];
const LAZY_SOURCES = ['data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-hi-res-src', 'data-full-src'];
const LAZY_SRCSETS = ['data-srcset', 'data-lazy-srcset'];

/** Options of the sanitizer. */
export interface SanitizeOptions {
  /** Absolute URL against which relative links and images resolve. */
  baseUrl: string;
  iframeHosts?: readonly string[];
}

function safeUrl(value: string, base: string, allowMailto: boolean): string | null {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"), so
  // the check runs on the URL as the WHATWG parser sees it.
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    if (allowMailto && url.protocol === 'mailto:') return url.href;
    return null;
  } catch {
    return null;
  }
}

function safeSrcset(value: string, base: string): string | null {
  const candidates = value.split(/,\s+/).flatMap((part) => {
    const [url, descriptor] = part.trim().split(/\s+/, 2);
    const safe = url ? safeUrl(url, base, false) : null;
    if (!safe || (descriptor && !/^\d+(?:\.\d+)?[wx]$/.test(descriptor))) return [];
    return [descriptor ? `${safe} ${descriptor}` : safe];
  });
  return candidates.length ? candidates.join(', ') : null;
}

function isPlaceholder(src: string | null): boolean {
  return !src || src.startsWith('data:') || /(?:blank|spacer|placeholder|pixel|lazy|1x1)\.(?:gif|png|svg)/i.test(src);
}

// Lazy-loading pages keep the real image in data-* attributes and a placeholder in src.
function resolveLazyImage(img: Element): void {
  if (isPlaceholder(img.getAttribute('src'))) {
    const lazy = LAZY_SOURCES.map((name) => img.getAttribute(name)).find((value) => value && !isPlaceholder(value));
    if (lazy) img.setAttribute('src', lazy);
  }
  if (!img.getAttribute('srcset')) {
    const lazySet = LAZY_SRCSETS.map((name) => img.getAttribute(name)).find(Boolean);
    if (lazySet) img.setAttribute('srcset', lazySet);
  }
  if (isPlaceholder(img.getAttribute('src'))) {
    const first = img.getAttribute('srcset')?.split(/,\s+/)[0]?.trim().split(/\s+/)[0];
    if (first) img.setAttribute('src', first);
  }
}

function unwrap(element: Element): void {
  const parent = element.parentNode;
  if (!parent) return;
  while (element.firstChild) parent.insertBefore(element.firstChild, element);
  parent.removeChild(element);
}

function rename(element: Element, name: string): Element {
  const replacement = element.ownerDocument.createElement(name);
  while (element.firstChild) replacement.appendChild(element.firstChild);
  // Only what the new element may keep is copied. The HTML parser accepts attribute names that
  // setAttribute rejects ("47", `"a"`: not XML Names, DOM "InvalidCharacterError"), and the
  // allowlisted names are all valid.
  const allowed = ALLOWED[name] ?? [];
  for (const attribute of [...element.attributes]) {
    if (allowed.includes(attribute.name)) replacement.setAttribute(attribute.name, attribute.value);
  }
  element.replaceWith(replacement);
  return replacement;
}

function cleanAttributes(element: Element, name: string, options: SanitizeOptions): 'keep' | 'drop' | 'unwrap' {
  const allowed = ALLOWED[name] ?? [];
  for (const attribute of [...element.attributes]) {
    const attr = attribute.name.toLowerCase();
    if (!allowed.includes(attr)) {
      element.removeAttribute(attribute.name);
      continue;
    }
    if (URL_ATTRIBUTES.has(attr)) {
      const safe = safeUrl(attribute.value, options.baseUrl, name === 'a' && attr === 'href');
      if (safe) element.setAttribute(attr, safe);
      else element.removeAttribute(attribute.name);
    } else if (attr === 'srcset') {
      const safe = safeSrcset(attribute.value, options.baseUrl);
      if (safe) element.setAttribute(attr, safe);
      else element.removeAttribute(attribute.name);
    } else if ((attr === 'width' || attr === 'height' || attr === 'colspan' || attr === 'rowspan' || attr === 'start') && !/^\d{1,5}$/.test(attribute.value)) {
      element.removeAttribute(attribute.name);
    }
  }
  if (name === 'a') {
    if (!element.hasAttribute('href')) return 'unwrap';
    element.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  if (name === 'img' && !element.getAttribute('src')) return 'drop';
  if (name === 'iframe') {
    const src = element.getAttribute('src');
    const hosts = options.iframeHosts ?? DEFAULT_IFRAME_HOSTS;
    let host = '';
    try {
      host = src ? new URL(src).host : '';
    } catch {
      host = '';
    }
    if (!src?.startsWith('https://') || !hosts.includes(host)) return 'drop';
    element.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups');
    element.setAttribute('referrerpolicy', 'no-referrer');
    element.textContent = '';
  }
  return 'keep';
}

/** Elements the HTML parser never leaves inside a <p>: a <p> holding one would not survive a reparse. */
const CLOSES_P = new Set(['div', 'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'figure', 'figcaption', 'blockquote', 'pre', 'hr']);
/** Containers worth nothing without text or media inside. */
const EMPTY_DROPPED = new Set([
  'p',
  'div',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'li',
  'ul',
  'ol',
  'dl',
  'figure',
  'figcaption',
  'a',
  'strong',
  'em',
  'b',
  'i',
  'u',
  'small',
]);
const TABLE_PARTS = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'caption']);
const MEDIA = new Set(['img', 'picture', 'video', 'audio', 'iframe', 'br', 'hr', 'source']);

function hasTableAncestor(element: Element): boolean {
  for (let node = element.parentElement; node; node = node.parentElement) if (node.localName === 'table') return true;
  return false;
}

function holdsMedia(element: Element): boolean {
  for (const tag of MEDIA) if (element.getElementsByTagName(tag).item(0)) return true;
  return false;
}

// After its children are clean: a <p> that Readability's surgery left holding blocks becomes a
// <div> (so reparsing the output gives the same tree, and sanitising twice changes nothing), and
// containers left empty by the removals go.
function settle(element: Element, name: string): void {
  if (EMPTY_DROPPED.has(name) && !element.textContent?.trim() && !holdsMedia(element)) {
    element.remove();
    return;
  }
  // A table cell or row whose table was not extracted (Readability picked a <td> as the body)
  // would be dropped by the parser on reparse; its content stays, the tag goes.
  if (TABLE_PARTS.has(name) && !hasTableAncestor(element)) {
    unwrap(element);
    return;
  }
  if (name === 'p') {
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (CLOSES_P.has(child.localName)) {
        rename(element, 'div');
        return;
      }
    }
  }
}

/**
 * Sanitises an element's subtree in place with an allowlist: only the elements and attributes of
 * the table above survive, URLs become absolute http(s) (mailto for links), lazy images are
 * resolved, iframes survive only from allowlisted hosts, links get rel="noopener noreferrer
 * nofollow", comments disappear. Sanitising the serialised result again changes nothing.
 */
export function sanitizeElement(root: Element, options: SanitizeOptions): void {
  const walk = (parent: Node): void => {
    let child = parent.firstChild;
    while (child) {
      const next = child.nextSibling;
      if (child.nodeType === 8 || child.nodeType === 7 || child.nodeType === 4) {
        parent.removeChild(child);
      } else if (child.nodeType === 1) {
        try {
          const resume = sanitizeChild(parent, child as Element);
          if (resume) {
            child = resume;
            continue;
          }
        } catch {
          // A node the DOM refuses to rebuild (odd names or namespaces from a broken page) is
          // dropped alone; the rest of the body is kept.
          if (child.parentNode === parent) parent.removeChild(child);
        }
      }
      child = next;
    }
  };
  // Returns the node to continue from when the element was unwrapped (its first child), else null.
  const sanitizeChild = (parent: Node, child: Element): ChildNode | null => {
    let element = child;
    let name = element.localName.toLowerCase();
    const isForeign = element.namespaceURI !== 'http://www.w3.org/1999/xhtml';
    if (isForeign || DROPPED.has(name) || element.hasAttribute('hidden')) {
      parent.removeChild(element);
      return null;
    }
    if (name === 'img') resolveLazyImage(element);
    else if (name === 'source' && !element.getAttribute('srcset')) {
      const lazySet = LAZY_SRCSETS.map((attribute) => element.getAttribute(attribute)).find(Boolean);
      if (lazySet) element.setAttribute('srcset', lazySet);
    }
    const renamed = RENAMED[name];
    if (renamed) {
      element = rename(element, renamed);
      name = renamed;
    }
    const verdict = name in ALLOWED ? cleanAttributes(element, name, options) : 'unwrap';
    if (verdict === 'unwrap') {
      const first = element.firstChild;
      unwrap(element);
      // Walk the unwrapped children from where they now sit.
      return first;
    }
    if (verdict === 'drop') parent.removeChild(element);
    else {
      walk(element);
      settle(element, name);
    }
    return null;
  };
  walk(root);
}

/** Sanitises an HTML fragment string (a feed's content, a stored body) and returns HTML. */
export function sanitizeHtml(html: string, options: SanitizeOptions): string {
  const fragment = JSDOM.fragment(html);
  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  sanitizeElement(container, options);
  return container.innerHTML.trim();
}
