import { resolveHttpUrl } from '../../article/resolve-url';
import { nonEmpty } from '../../text/strip-html';
import type { XmlElement } from '../xml/xml-node';
import { attributeOf, elementsOf, firstChild, namespaceKey, textOf } from '../xml/xml-query';
import type { FeedDraft, ItemDraft } from './finish-feed';
import { type FeedTextKind, readFeedHtml, readFeedText } from './read-feed-text';
import { readMedia } from './read-media';

/**
 * Atom 1.0 (RFC 4287) and Atom 0.3 (the pre-standard draft, `http://purl.org/atom/ns#`), as a
 * feed document or a lone entry document. Elements are matched in the root's namespace, so an Atom
 * document without a namespace declaration is read too.
 */
export function readAtomFeed(root: XmlElement, issues: string[]): FeedDraft {
  const kind: FeedTextKind = namespaceKey(root.ns) === 'atom03' || (attributeOf(root, 'version') ?? '').startsWith('0.') ? 'atom03' : 'atom';
  const own = (parent: XmlElement, ...locals: string[]): XmlElement | undefined => {
    for (const local of locals) {
      const found = elementsOf(parent).find((child) => child.ns === root.ns && child.lname === local);
      if (found) return found;
    }
    return undefined;
  };
  const ownAll = (parent: XmlElement, local: string): XmlElement[] => elementsOf(parent).filter((child) => child.ns === root.ns && child.lname === local);
  const isEntryDocument = root.lname === 'entry';
  const feedAuthors = isEntryDocument ? [] : authorsOf(root, ownAll, own);
  const logo = own(root, 'logo', 'icon');
  return {
    format: 'atom',
    title: isEntryDocument ? { text: null, html: null } : readFeedText(own(root, 'title'), kind),
    homeUrl: isEntryDocument ? null : alternateLink(ownAll(root, 'link')),
    description: readFeedText(own(root, 'subtitle', 'tagline', 'info'), kind).text,
    language: nonEmpty(attributeOf(root, 'lang', 'xml')),
    imageUrl: logo ? resolveHttpUrl(textOf(logo), logo.base) : null,
    ttlMinutes: null,
    // An unclosed <entry> makes the next one its child; entries never nest, so nested ones are taken out.
    items: (isEntryDocument ? [root] : ownAll(root, 'entry'))
      .flatMap(function withNested(entry): XmlElement[] {
        return [entry, ...ownAll(entry, 'entry').flatMap(withNested)];
      })
      .map((entry) => readEntry(entry, kind, own, ownAll, feedAuthors)),
    issues,
  };
}

type Own = (parent: XmlElement, ...locals: string[]) => XmlElement | undefined;
type OwnAll = (parent: XmlElement, local: string) => XmlElement[];

// Relations that never name the entry's (or the feed's) own web page: the feed document itself, an
// attachment, editing and paging endpoints (RFC 4287 section 4.2.7.2, RFC 5005, RFC 5023, WebSub).
const NOT_THE_PAGE = new Set([
  'self',
  'enclosure',
  'edit',
  'edit-media',
  'replies',
  'hub',
  'license',
  'next',
  'previous',
  'prev',
  'first',
  'last',
  'current',
  'payment',
  'search',
  'service',
  'via',
]);

function relOf(link: XmlElement): string {
  // RFC 4287 section 4.2.7.2: a link without rel is an alternate link; IANA relations may be written as full URIs.
  return (attributeOf(link, 'rel') ?? 'alternate')
    .trim()
    .toLowerCase()
    .replace(/^http:\/\/www\.iana\.org\/assignments\/relation\//, '');
}

/**
 * The page an entry or feed links to: its alternate link (an HTML one first when there are several),
 * else a link of another relation that can be a page ("related", an unknown one); never its self,
 * enclosure, editing or paging link, so an entry without a page is not given the feed's URL or an mp3.
 */
function alternateLink(links: XmlElement[]): string | null {
  const alternates = links.filter((link) => relOf(link) === 'alternate');
  const html = alternates.find((link) => /html/i.test(attributeOf(link, 'type') ?? 'text/html'));
  const chosen = html ?? alternates[0] ?? links.find((link) => !NOT_THE_PAGE.has(relOf(link)));
  return chosen ? resolveHttpUrl(attributeOf(chosen, 'href') ?? textOf(chosen), chosen.base) : null;
}

function authorsOf(parent: XmlElement, ownAll: OwnAll, own: Own): string[] {
  return ownAll(parent, 'author').flatMap((author) => {
    const name = own(author, 'name');
    const value = nonEmpty(name ? textOf(name) : elementsOf(author).length ? null : textOf(author));
    return value ? [value] : [];
  });
}

function readEntry(entry: XmlElement, kind: FeedTextKind, own: Own, ownAll: OwnAll, feedAuthors: string[]): ItemDraft {
  const media = readMedia(entry);
  const content = own(entry, 'content');
  const summary = readFeedText(own(entry, 'summary'), kind);
  const contentText = summary.text ? readFeedHtml(content, kind) : readFeedText(content, kind);
  const dateText = (...locals: string[]): string | null => {
    const found = own(entry, ...locals);
    return found ? nonEmpty(textOf(found)) : null;
  };
  const dcDate = firstChild(entry, ['dc', 'date']);
  const updated = dateText('updated', 'modified');
  const authors = authorsOf(entry, ownAll, own);
  const id = own(entry, 'id');
  return {
    guid: id ? nonEmpty(textOf(id)) : null,
    link: alternateLink(ownAll(entry, 'link')),
    title: readFeedText(own(entry, 'title'), kind),
    summary: summary.text ? summary : contentText,
    contentHtml: contentText.html,
    authors: authors.length ? authors : feedAuthors,
    categories: ownAll(entry, 'category').map((category) => attributeOf(category, 'term') ?? attributeOf(category, 'label') ?? textOf(category)),
    publishedRaw: dateText('published', 'issued', 'created') ?? (dcDate ? nonEmpty(textOf(dcDate)) : null) ?? updated,
    modifiedRaw: updated,
    image: media.image,
    enclosures: media.enclosures,
  };
}
