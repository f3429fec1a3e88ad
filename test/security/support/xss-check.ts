import { JSDOM } from 'jsdom';
import { DEFAULT_IFRAME_HOSTS } from '../../../shared/extraction/sanitize-html';

const HTML_NS = 'http://www.w3.org/1999/xhtml';
/** Elements that run code, load a document or resources of their own, change the base or submit. */
const ACTIVE_ELEMENTS = new Set([
  'script',
  'style',
  'object',
  'embed',
  'applet',
  'base',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'meta',
  'link',
  'frame',
  'frameset',
  'template',
  'noscript',
  'isindex',
  'portal',
  'xmp',
  'noembed',
  'plaintext',
]);
/** Attributes that run code or carry styles (CSS can load URLs and exfiltrate). */
const ACTIVE_ATTRIBUTES = new Set(['style', 'srcdoc', 'formaction', 'action', 'ping', 'background', 'dynsrc', 'lowsrc', 'xlink:href', 'http-equiv']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'data', 'action', 'formaction', 'background', 'longdesc', 'usemap', 'manifest', 'codebase']);

/** What the checker accepts in URL attributes. */
export interface VectorPolicy {
  /** Schemes allowed in URL attributes (besides mailto: in links). */
  schemes: readonly string[];
  /** Links must carry rel="noopener noreferrer". */
  requireLinkRel: boolean;
  /** Iframes are allowed from these hosts only (https, sandboxed); none when empty. */
  iframeHosts: readonly string[];
}

/** The policy of stored HTML (Article.contentHtml). */
export const STORED_HTML_POLICY: VectorPolicy = { schemes: ['http:', 'https:'], requireLinkRel: true, iframeHosts: DEFAULT_IFRAME_HOSTS };

function schemeOf(value: string, base: string): string | null {
  try {
    return new URL(value.trim(), base).protocol;
  } catch {
    return null;
  }
}

/**
 * Parses HTML as a browser would parse it inside a page body and lists everything in it that could
 * execute script, load an active document, submit a form or restyle the page: active elements, any
 * element outside the HTML namespace (SVG, MathML), `on*` handlers and other active attributes,
 * URLs (including each `srcset` candidate) with a scheme the policy does not allow, iframes not from
 * an allowlisted https host or not sandboxed, and links without `rel="noopener noreferrer"`.
 * An empty list means no executable vector.
 */
export function executableVectors(html: string, policy: VectorPolicy = STORED_HTML_POLICY, base = 'https://news.example/article'): string[] {
  const found: string[] = [];
  const fragment = JSDOM.fragment(html);
  for (const element of fragment.querySelectorAll('*')) {
    const name = element.localName.toLowerCase();
    const where = `<${name}>`;
    if (element.namespaceURI !== HTML_NS) found.push(`${where} outside the HTML namespace`);
    if (ACTIVE_ELEMENTS.has(name)) found.push(`${where} element`);
    for (const attribute of [...element.attributes]) {
      const attr = attribute.name.toLowerCase();
      if (attr.startsWith('on')) found.push(`${where} ${attr} handler`);
      if (ACTIVE_ATTRIBUTES.has(attr)) found.push(`${where} ${attr} attribute`);
      const allowed = name === 'a' && attr === 'href' ? [...policy.schemes, 'mailto:'] : policy.schemes;
      if (URL_ATTRIBUTES.has(attr)) {
        const scheme = schemeOf(attribute.value, base);
        if (!scheme || !allowed.includes(scheme)) found.push(`${where} ${attr}=${attribute.value.slice(0, 60)}`);
      }
      if (attr === 'srcset' || attr === 'imagesrcset') {
        for (const candidate of attribute.value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0] ?? '';
          const scheme = url ? schemeOf(url, base) : null;
          if (url && (!scheme || !policy.schemes.includes(scheme))) found.push(`${where} srcset candidate ${url.slice(0, 60)}`);
        }
      }
    }
    if (name === 'iframe') {
      const src = element.getAttribute('src') ?? '';
      let host = '';
      try {
        host = new URL(src).hostname;
      } catch {
        host = '';
      }
      if (!src.startsWith('https://') || !policy.iframeHosts.includes(host)) found.push(`${where} from ${src.slice(0, 60) || 'nowhere'}`);
      if (!element.hasAttribute('sandbox')) found.push(`${where} without sandbox`);
    }
    if (name === 'a' && element.hasAttribute('href') && policy.requireLinkRel) {
      const rel = (element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
      if (!rel.includes('noopener') || !rel.includes('noreferrer')) found.push(`${where} without rel="noopener noreferrer"`);
    }
  }
  return found;
}
