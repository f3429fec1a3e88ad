import type { ArticleImage } from '../../article/article';
import { resolveHttpUrl } from '../../article/resolve-url';
import { nonEmpty, stripHtml } from '../../text/strip-html';
import type { Enclosure } from '../feed';
import type { XmlElement } from '../xml/xml-node';
import { attributeOf, childNamed, childrenNamed, elementsOf, isElement, namespaceKey, textOf } from '../xml/xml-query';

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
  const scopes = [entry, ...childrenNamed(entry, 'media', 'group')];
  const mediaContents: XmlElement[] = [];
  for (const scope of scopes) for (const child of elementsOf(scope)) if (isElement(child, 'media', 'content')) mediaContents.push(child);
  const enclosures: Enclosure[] = [];
  const seen = new Set<string>();
  for (const child of elementsOf(entry)) {
    const local = child.lname;
    if (local === 'enclosure' && child.ns === entry.ns) {
      addEnclosure(
        enclosures,
        seen,
        absolute(attributeOf(child, 'url') ?? attributeOf(child, 'href'), child),
        attributeOf(child, 'type'),
        count(attributeOf(child, 'length')),
      );
    } else if (local === 'link' && attributeOf(child, 'rel') === 'enclosure') {
      addEnclosure(enclosures, seen, absolute(attributeOf(child, 'href'), child), attributeOf(child, 'type'), count(attributeOf(child, 'length')));
    }
  }
  for (const media of mediaContents) {
    addEnclosure(enclosures, seen, absolute(attributeOf(media, 'url'), media), attributeOf(media, 'type'), count(attributeOf(media, 'filesize')));
  }

  const imageContent = mediaContents.find(isImage);
  const thumbnail = [imageContent, ...mediaContents, ...scopes].flatMap((scope) => (scope ? childrenNamed(scope, 'media', 'thumbnail') : []))[0];
  const itunesImage = childNamed(entry, 'itunes', 'image');
  const captionScopes = imageContent ? [imageContent, ...scopes] : scopes;
  let image: ArticleImage | null = null;
  const candidates: [string | null, number | null, number | null][] = [
    imageContent
      ? [absolute(attributeOf(imageContent, 'url'), imageContent), positive(attributeOf(imageContent, 'width')), positive(attributeOf(imageContent, 'height'))]
      : [null, null, null],
    thumbnail
      ? [absolute(attributeOf(thumbnail, 'url'), thumbnail), positive(attributeOf(thumbnail, 'width')), positive(attributeOf(thumbnail, 'height'))]
      : [null, null, null],
    [enclosures.find(isImageEnclosure)?.url ?? null, null, null],
    itunesImage ? [absolute(attributeOf(itunesImage, 'href'), itunesImage), null, null] : [null, null, null],
  ];
  for (const [url, width, height] of candidates) {
    if (!url) continue;
    image = { url, caption: mediaTextIn(captionScopes, 'description'), credit: mediaTextIn(captionScopes, 'credit'), alt: null, width, height };
    break;
  }
  let mediaTitle: XmlElement | undefined;
  for (const scope of mediaContents) {
    mediaTitle = childNamed(scope, 'media', 'title');
    if (mediaTitle) break;
  }
  if (!mediaTitle) {
    for (const scope of scopes) {
      mediaTitle = childNamed(scope, 'media', 'title');
      if (mediaTitle) break;
    }
  }
  return { enclosures, image, mediaTitle };
}

// Module functions rather than closures inside readMedia: it runs for every entry that carries media.

/** Adds an enclosure unless its URL is missing or already listed. */
function addEnclosure(enclosures: Enclosure[], seen: Set<string>, url: string | null, type: string | null, length: number | null): void {
  if (!url || seen.has(url)) return;
  seen.add(url);
  enclosures.push({ url, type: nonEmpty(type), length });
}

function isImage(media: XmlElement): boolean {
  const medium = attributeOf(media, 'medium');
  const type = attributeOf(media, 'type');
  if (medium) return medium === 'image';
  if (type) return type.startsWith('image/');
  return IMAGE_EXTENSION.test(attributeOf(media, 'url') ?? '');
}

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

function isImageEnclosure(enclosure: Enclosure): boolean {
  return enclosure.type?.startsWith('image/') ?? false;
}

/** The text of the first `media:<local>` child found in the scopes, in order. */
function mediaTextIn(scopes: XmlElement[], local: string): string | null {
  for (const scope of scopes) {
    const found = childNamed(scope, 'media', local);
    if (found) return nonEmpty(stripHtml(textOf(found)));
  }
  return null;
}
