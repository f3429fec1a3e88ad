import type { ArticleImage } from '../../article/article';
import { resolveHttpUrl } from '../../article/resolve-url';
import { nonEmpty, stripHtml } from '../../text/strip-html';
import type { Enclosure } from '../feed';
import type { XmlElement } from '../xml/xml-node';
import { attributeOf, childrenNamed, elementsOf, firstChild, namespaceKey, textOf } from '../xml/xml-query';

/** What an entry carries besides its text: attachments and the best image with its caption. */
export interface EntryMedia {
  enclosures: Enclosure[];
  image: ArticleImage | null;
  /** `media:title`, for entries that have no title of their own. */
  mediaTitle: XmlElement | undefined;
}

function count(value: string | null): number | null {
  if (value === null) return null;
  const n = Number.parseInt(value.trim(), 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function positive(value: string | null): number | null {
  const n = count(value);
  return n !== null && n > 0 ? n : null;
}

function absolute(href: string | null, element: XmlElement): string | null {
  return resolveHttpUrl(href, element.base);
}

/**
 * Whether any child of the entry is one that readMedia reads (Media RSS and iTunes elements, an
 * enclosure, a link with rel="enclosure"); most entries have none, and then there is nothing to find.
 */
function mayCarryMedia(entry: XmlElement): boolean {
  for (const child of entry.children) {
    if (typeof child === 'string') continue;
    if (child.lname === 'enclosure' || (child.lname === 'link' && attributeOf(child, 'rel') === 'enclosure')) return true;
    const key = namespaceKey(child.ns);
    if (key === 'media' || key === 'itunes') return true;
  }
  return false;
}

/**
 * Reads enclosures (RSS 2.0 `<enclosure>`, Atom `link rel="enclosure"`, Media RSS `media:content`,
 * also inside `media:group`) and picks the entry's image: an image `media:content`, then
 * `media:thumbnail`, an image enclosure, `itunes:image`. Caption and credit come from Media RSS.
 */
export function readMedia(entry: XmlElement): EntryMedia {
  if (!mayCarryMedia(entry)) return { enclosures: [], image: null, mediaTitle: undefined };
  const groups = childrenNamed(entry, 'media', 'group');
  const scopes = [entry, ...groups];
  const mediaContents = scopes.flatMap((scope) => childrenNamed(scope, 'media', 'content'));
  const enclosures: Enclosure[] = [];
  const seen = new Set<string>();
  const add = (url: string | null, type: string | null, length: number | null): void => {
    if (!url || seen.has(url)) return;
    seen.add(url);
    enclosures.push({ url, type: nonEmpty(type), length });
  };
  for (const child of elementsOf(entry)) {
    const local = child.lname;
    if (local === 'enclosure' && child.ns === entry.ns) {
      add(absolute(attributeOf(child, 'url') ?? attributeOf(child, 'href'), child), attributeOf(child, 'type'), count(attributeOf(child, 'length')));
    } else if (local === 'link' && attributeOf(child, 'rel') === 'enclosure') {
      add(absolute(attributeOf(child, 'href'), child), attributeOf(child, 'type'), count(attributeOf(child, 'length')));
    }
  }
  for (const media of mediaContents) add(absolute(attributeOf(media, 'url'), media), attributeOf(media, 'type'), count(attributeOf(media, 'filesize')));

  const isImage = (media: XmlElement): boolean => {
    const medium = attributeOf(media, 'medium');
    const type = attributeOf(media, 'type');
    if (medium) return medium === 'image';
    if (type) return type.startsWith('image/');
    return /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(attributeOf(media, 'url') ?? '');
  };
  const textIn = (scopeList: XmlElement[], local: string): string | null => {
    for (const scope of scopeList) {
      const found = firstChild(scope, ['media', local]);
      if (found) return nonEmpty(stripHtml(textOf(found)));
    }
    return null;
  };
  const imageContent = mediaContents.find(isImage);
  const thumbnail = [imageContent, ...mediaContents, ...scopes].flatMap((scope) => (scope ? childrenNamed(scope, 'media', 'thumbnail') : []))[0];
  const itunesImage = firstChild(entry, ['itunes', 'image']);
  const captionScopes = imageContent ? [imageContent, ...scopes] : scopes;
  const candidates: [string | null, number | null, number | null][] = [
    imageContent
      ? [absolute(attributeOf(imageContent, 'url'), imageContent), positive(attributeOf(imageContent, 'width')), positive(attributeOf(imageContent, 'height'))]
      : [null, null, null],
    thumbnail
      ? [absolute(attributeOf(thumbnail, 'url'), thumbnail), positive(attributeOf(thumbnail, 'width')), positive(attributeOf(thumbnail, 'height'))]
      : [null, null, null],
    [enclosures.find((e) => e.type?.startsWith('image/'))?.url ?? null, null, null],
    itunesImage ? [absolute(attributeOf(itunesImage, 'href'), itunesImage), null, null] : [null, null, null],
  ];
  let image: ArticleImage | null = null;
  for (const [url, width, height] of candidates) {
    if (!url) continue;
    image = { url, caption: textIn(captionScopes, 'description'), credit: textIn(captionScopes, 'credit'), alt: null, width, height };
    break;
  }
  const mediaTitle = [...mediaContents, ...scopes].map((scope) => firstChild(scope, ['media', 'title'])).find(Boolean);
  return { enclosures, image, mediaTitle };
}
