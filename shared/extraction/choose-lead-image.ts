import { resolveHttpUrl } from '../article/resolve-url';
import { normalizeSpace } from '../text/strip-html';
import { tokenF1 } from './choose-title';
import type { TreeDocument, TreeElement } from './dom-query';
import { walkElements } from './dom-query';

// File names of images that stand for no article: a CMS's blank or default share image, a placeholder, a
// spacer or tracking pixel, the site's logo, an avatar or an icon ("s0.wp.com/i/blank.jpg", "twitter-standard.jpg").
const PLACEHOLDER_FILE =
  /(?:^|[-_.])(?:blank|placeholder|spacer|pixel|transparent|no-?image|missing-image|default-(?:image|thumb|share|og)|(?:twitter|facebook|social|share|og)-(?:standard|default|image|logo|card))(?:[-_.\d]|$)/i;
// A logo, avatar or icon file: the word ends the file's name, but for a size or a colour variant ("site-logo-white.png",
// "avatar_96.jpg"); "fina-logo-fukuoka.jpeg" is a picture of a logo the article is about.
const FURNITURE_FILE =
  /(?:^|[-_.])(?:logo|avatar|favicon|icon|sprite)(?:[-_.]?(?:\d+x?\d*|white|black|dark|light|small|large|header|footer|default|retina|2x))*\.[a-z0-9]{2,5}$/i;

/** Whether an image URL names a placeholder, a logo, an avatar or an icon rather than an article's picture. */
export function isPlaceholderImage(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  const file = decodeURIComponent(path.split('/').pop() ?? '').toLowerCase();
  // A folder of logos or icons ("/images/logos/logo_transbg-50.png") holds the site's furniture.
  return PLACEHOLDER_FILE.test(file.replace(/_/g, '-')) || FURNITURE_FILE.test(file) || /\/(?:logos?|icons?|avatars?)\//i.test(path);
}

// Not <header>: an article's header holds its headline and often its picture.
const FURNITURE = new Set(['nav', 'footer', 'aside', 'form', 'button', 'noscript', 'template']);
const NOT_LEAD_CLASS = /logo|avatar|icon|author|profile|sponsor|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|banner|badge|emoji|share|social/i;
const MIN_LEAD_WIDTH = 300;
/** A lead picture stands by the headline: within this much paragraph text after it. */
const LEAD_IMAGE_WITHIN_CHARS = 1500;
const MAX_LEAD_ASPECT = 3.5;
const LAZY_SOURCES = ['data-src', 'data-lazy-src', 'data-original', 'src'];

function dimension(element: TreeElement, name: string): number | null {
  const value = Number.parseInt(element.getAttribute(name) ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** An <img> that can be an article's lead picture: big enough when its size is given, not a banner, not furniture. */
function isLeadCandidate(img: TreeElement, pageUrl: string): string | null {
  const width = dimension(img, 'width');
  const height = dimension(img, 'height');
  if (width === null || width < MIN_LEAD_WIDTH) return null;
  if (height !== null && width / height > MAX_LEAD_ASPECT) return null;
  if (NOT_LEAD_CLASS.test(`${img.getAttribute('class') ?? ''} ${img.getAttribute('id') ?? ''} ${img.getAttribute('alt') ?? ''}`)) return null;
  for (const attribute of LAZY_SOURCES) {
    const url = resolveHttpUrl(img.getAttribute(attribute), pageUrl);
    if (url && !isPlaceholderImage(url)) return url;
  }
  return null;
}

/**
 * The first picture after the page's headline <h1> (and within 1,500 characters of paragraphs of it) that can lead an article (at least 300 pixels wide by its
 * width attribute, not a banner, not in the page's navigation, footer or asides, not a logo, an avatar
 * or an ad by its class or name), for pages whose metadata names no image and that put none in a <figure>.
 */
export function firstContentImage(doc: TreeDocument, pageUrl: string, headline: string | null): { url: string; img: TreeElement } | null {
  if (!doc.body || !headline) return null;
  let afterHeadline = false;
  let textAfter = 0;
  let found: { url: string; img: TreeElement } | null = null;
  walkElements(doc.body, (element) => {
    if (!afterHeadline && element.localName === 'h1' && tokenF1(normalizeSpace(element.textContent ?? ''), headline) >= 0.6) {
      afterHeadline = true;
      return 'skip';
    }
    if (FURNITURE.has(element.localName)) return 'skip';
    if (afterHeadline && textAfter > LEAD_IMAGE_WITHIN_CHARS) return false;
    if (afterHeadline && /^(?:p|h[2-6]|li)$/.test(element.localName)) textAfter += (element.textContent ?? '').length;
    if (afterHeadline && element.localName === 'img') {
      const url = isLeadCandidate(element, pageUrl);
      if (url) {
        found = { url, img: element };
        return false;
      }
    }
    return undefined;
  });
  return found;
}
