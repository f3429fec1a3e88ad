import type { FieldSource } from '../article/article';
import { resolveHttpUrl } from '../article/resolve-url';
import { parseDate } from '../dates/parse-date';
import { normalizeSpace, stripHtml } from '../text/strip-html';
import { isPerson, type JsonLdNode, jsonLdList, jsonLdText, readJsonLd, typesOf } from './read-json-ld';
import { splitCaptionCredit } from './split-caption-credit';

/** A value found on the page together with where it was found. */
export interface Sourced<T> {
  value: T;
  source: FieldSource;
}

/** Lead image candidate read from the page's metadata and markup. */
export interface PageImage {
  url: string;
  alt: string | null;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
}

/** Everything the page says about itself, before the body is extracted. */
export interface PageMetadata {
  title: Sourced<string> | null;
  description: Sourced<string> | null;
  authors: Sourced<string[]> | null;
  published: Sourced<string> | null;
  modified: Sourced<string> | null;
  section: Sourced<string> | null;
  tags: Sourced<string[]> | null;
  siteName: Sourced<string> | null;
  language: Sourced<string> | null;
  direction: Sourced<'ltr' | 'rtl'> | null;
  canonicalUrl: Sourced<string> | null;
  image: Sourced<PageImage> | null;
  /** The page is a live blog: a stream of timestamped entries rather than one story. */
  liveBlog: boolean;
}

function clean(value: string | null | undefined, max = 2000): string | null {
  if (!value) return null;
  const text = normalizeSpace(stripHtml(value));
  return text && text.length <= max ? text : null;
}

function first<T>(...candidates: [T | null | undefined, FieldSource][]): Sourced<T> | null {
  for (const [value, source] of candidates) {
    if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) return { value, source };
  }
  return null;
}

function metaContent(doc: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    const lower = key.toLowerCase();
    for (const meta of doc.querySelectorAll('meta[content]')) {
      const name = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? '').toLowerCase();
      if (name === lower) {
        const content = meta.getAttribute('content')?.trim();
        if (content) return content;
      }
    }
  }
  return null;
}

function metaContents(doc: Document, key: string): string[] {
  const lower = key.toLowerCase();
  return [...doc.querySelectorAll('meta[content]')]
    .filter((meta) => (meta.getAttribute('property') ?? meta.getAttribute('name') ?? '').toLowerCase() === lower)
    .flatMap((meta) => meta.getAttribute('content')?.trim() || []);
}

const looksLikeUrl = (value: string): boolean => /^(?:https?:)?\/\//i.test(value) || /^www\./i.test(value);

/** Splits "A, B and C" bylines into names, dropping "By" and roles. */
export function splitAuthorNames(raw: string): string[] {
  const text = normalizeSpace(raw)
    .replace(/^(?:written\s+)?(?:by|von|par|por|di|door|av|af|przez)[:\s]+/i, '')
    .replace(/\s*[|•·]\s*.*$/, '');
  if (!text || looksLikeUrl(text) || text.length > 120) return [];
  return text
    .split(/\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*/i)
    .map((name) => name.replace(/^by\s+/i, '').trim())
    .filter((name) => name.length >= 2 && name.length <= 60 && !/^\d/.test(name) && !/@/.test(name));
}

function jsonLdAuthors(node: JsonLdNode | null): { people: string[]; organisations: string[] } {
  const people: string[] = [];
  const organisations: string[] = [];
  for (const author of [...jsonLdList(node?.author), ...jsonLdList(node?.creator)]) {
    const name = clean(jsonLdText(author), 200);
    if (!name || looksLikeUrl(name)) continue;
    const isOrg = typeof author === 'object' && author !== null && !isPerson(author);
    if (isOrg) organisations.push(name);
    else people.push(...splitAuthorNames(name));
  }
  return { people: unique(people), organisations: unique(organisations) };
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function splitKeywords(value: unknown): string[] {
  return jsonLdList(value).flatMap((item) => {
    const text = jsonLdText(item);
    return text
      ? text
          .split(/\s*[,;]\s*/)
          .map((t) => normalizeSpace(t))
          .filter((t) => t && t.length <= 80)
      : [];
  });
}

function visibleBylines(doc: Document): string[] {
  const selectors =
    '[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .byline__name, .author-name, .byline, .author, [class*="byline"]';
  for (const element of doc.querySelectorAll(selectors)) {
    const names = splitAuthorNames(element.textContent ?? '');
    if (names.length) return unique(names);
  }
  return [];
}

function visibleDate(doc: Document): string | null {
  const candidates = doc.querySelectorAll('time, [itemprop="datePublished"], [class*="date"], [class*="published"], [class*="timestamp"]');
  let checked = 0;
  for (const element of candidates) {
    if (++checked > 60) break;
    const attribute = element.getAttribute('datetime') ?? element.getAttribute('content');
    if (attribute && parseDate(attribute)) return attribute;
    const text = normalizeSpace(element.textContent ?? '');
    if (text && text.length <= 60) {
      const stripped = text.replace(/^(?:published|posted|updated|on)[:\s]+/i, '');
      if (parseDate(stripped)) return stripped;
    }
  }
  return null;
}

const STANDFIRST =
  /(?:^|[\s_-])(?:standfirst|dek|deck|sub-?head(?:line)?|subtitle|strapline|lede|article-summary|summary|excerpt|intro|teaser-text|description)(?:$|[\s_-])/i;

function visibleStandfirst(doc: Document): string | null {
  for (const element of doc.querySelectorAll('p[class], div[class], h2[class], span[class]')) {
    if (!STANDFIRST.test(element.getAttribute('class') ?? '')) continue;
    const text = normalizeSpace(element.textContent ?? '');
    if (text.length >= 30 && text.length <= 500) return text;
  }
  return null;
}

const KICKER =
  /(?:^|[\s_-])(?:kicker|eyebrow|overline|rubric|section-label|section-name|category-label|article-section|story-section|primary-section)(?:$|[\s_-])/i;

function visibleSection(doc: Document): string | null {
  for (const element of doc.querySelectorAll('[class]')) {
    if (!KICKER.test(element.getAttribute('class') ?? '')) continue;
    const text = normalizeSpace(element.textContent ?? '');
    if (text && text.length <= 40) return text;
  }
  return null;
}

function toBcp47(value: string | null): string | null {
  if (!value) return null;
  const tag =
    value
      .trim()
      .replace(/_/g, '-')
      .split(/[\s,;]/)[0] ?? '';
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag)) return null;
  const [language, ...rest] = tag.split('-');
  return [
    language?.toLowerCase(),
    ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part.length === 4 ? part[0]?.toUpperCase() + part.slice(1).toLowerCase() : part)),
  ].join('-');
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ug', 'ku', 'ckb']);

/** Writing direction implied by a language tag, when the page states none. */
export function directionOfLanguage(language: string | null): 'ltr' | 'rtl' | null {
  if (!language) return null;
  return RTL_LANGUAGES.has(language.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? Math.round(n) : null;
}

function sameImage(a: string, b: string): boolean {
  const strip = (url: string): string => url.replace(/^https?:/, '').replace(/[?#].*$/, '');
  return strip(a) === strip(b);
}

function figureCaption(
  doc: Document,
  imageUrl: string | null,
  pageUrl: string,
): { caption: string | null; credit: string | null; alt: string | null; img: Element | null } {
  const images = [...doc.querySelectorAll('img')];
  let img: Element | null = null;
  if (imageUrl) {
    img =
      images.find((candidate) => {
        for (const attr of ['src', 'data-src', 'data-lazy-src', 'data-original']) {
          const value = resolveHttpUrl(candidate.getAttribute(attr), pageUrl);
          if (value && sameImage(value, imageUrl)) return true;
        }
        return false;
      }) ?? null;
  }
  if (!img) img = doc.querySelector('article figure img, main figure img, [itemprop="articleBody"] figure img, figure img');
  const figure = img?.closest('figure') ?? null;
  const captionElement = figure?.querySelector('figcaption') ?? null;
  let credit: string | null = null;
  let captionText: string | null = null;
  if (captionElement) {
    const creditElement = captionElement.querySelector(
      '[class*="credit"], [class*="copyright"], [class*="source"], [itemprop="copyrightHolder"], [itemprop="creditText"]',
    );
    if (creditElement) {
      credit = splitCaptionCredit(creditElement.textContent).credit ?? clean(creditElement.textContent, 80);
      const copy = captionElement.cloneNode(true) as Element;
      copy.querySelector('[class*="credit"], [class*="copyright"], [class*="source"], [itemprop="copyrightHolder"], [itemprop="creditText"]')?.remove();
      captionText = clean(copy.textContent);
    } else {
      captionText = clean(captionElement.textContent);
    }
  }
  const split = splitCaptionCredit(captionText);
  return { caption: split.caption, credit: credit ?? split.credit, alt: clean(img?.getAttribute('alt'), 500), img };
}

function readImage(doc: Document, ld: JsonLdNode | null, pageUrl: string): Sourced<PageImage> | null {
  const ldImage = jsonLdList(ld?.image)[0];
  const ldImageUrl = resolveHttpUrl(
    typeof ldImage === 'string' ? ldImage : jsonLdText((ldImage as JsonLdNode | undefined)?.url ?? (ldImage as JsonLdNode | undefined)?.contentUrl),
    pageUrl,
  );
  const ogUrl = resolveHttpUrl(metaContent(doc, 'og:image:secure_url', 'og:image', 'og:image:url'), pageUrl);
  const twitterUrl = resolveHttpUrl(metaContent(doc, 'twitter:image', 'twitter:image:src'), pageUrl);
  const chosen = first<string>([ldImageUrl, 'jsonld'], [ogUrl, 'opengraph'], [twitterUrl, 'meta']);
  const figure = figureCaption(doc, chosen?.value ?? null, pageUrl);
  const markupUrl = figure.img ? resolveHttpUrl(figure.img.getAttribute('data-src') ?? figure.img.getAttribute('src'), pageUrl) : null;
  const source = chosen ?? (markupUrl ? { value: markupUrl, source: 'heuristic' as const } : null);
  if (!source) return null;
  const ldNode = typeof ldImage === 'object' && ldImage !== null ? (ldImage as JsonLdNode) : null;
  const ldSplit = splitCaptionCredit(clean(jsonLdText(ldNode?.caption)));
  const width =
    source.source === 'jsonld' ? positiveInt(ldNode?.width) : source.source === 'opengraph' ? positiveInt(metaContent(doc, 'og:image:width')) : null;
  const height =
    source.source === 'jsonld' ? positiveInt(ldNode?.height) : source.source === 'opengraph' ? positiveInt(metaContent(doc, 'og:image:height')) : null;
  return {
    value: {
      url: source.value,
      alt: figure.alt ?? clean(metaContent(doc, 'og:image:alt', 'twitter:image:alt'), 500),
      width: width ?? positiveInt(figure.img?.getAttribute('width')),
      height: height ?? positiveInt(figure.img?.getAttribute('height')),
      caption: figure.caption ?? ldSplit.caption,
      credit: figure.credit ?? ldSplit.credit ?? clean(jsonLdText(ldNode?.creditText) ?? jsonLdText(ldNode?.copyrightHolder) ?? jsonLdText(ldNode?.author), 80),
    },
    source: source.source,
  };
}

function stripSiteSuffix(title: string, siteName: string | null): string {
  if (siteName) {
    const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stripped = title.replace(new RegExp(`\\s*[|\\-–—:·•]\\s*${escaped}\\s*$`, 'i'), '').replace(new RegExp(`^${escaped}\\s*[|\\-–—:·•]\\s*`, 'i'), '');
    if (stripped && stripped !== title) return stripped;
  }
  return title;
}

/**
 * Reads a page's own description of itself, each field from the most trusted source that has it:
 * JSON-LD, then OpenGraph, then other meta tags, then visible markup (heuristics).
 */
export function readMetadata(doc: Document, pageUrl: string): PageMetadata {
  const ld = readJsonLd(doc);
  const siteName = first<string>(
    [clean(metaContent(doc, 'og:site_name'), 200), 'opengraph'],
    [clean(jsonLdText((ld?.publisher as JsonLdNode | undefined)?.name ?? ld?.publisher), 200), 'jsonld'],
    [clean(metaContent(doc, 'application-name', 'publisher', 'dc.publisher'), 200), 'meta'],
  );
  const h1 = clean(doc.querySelector('h1')?.textContent, 500);
  const ogTitle = clean(metaContent(doc, 'og:title'), 500);
  const title = first<string>(
    [clean(jsonLdText(ld?.headline), 500), 'jsonld'],
    [ogTitle ? stripSiteSuffix(ogTitle, siteName?.value ?? null) : null, 'opengraph'],
    [clean(metaContent(doc, 'twitter:title', 'dc.title', 'parsely-title', 'sailthru.title'), 500), 'meta'],
    [h1, 'heuristic'],
  );
  const description = first<string>(
    [clean(jsonLdText(ld?.description)), 'jsonld'],
    [clean(metaContent(doc, 'og:description')), 'opengraph'],
    [clean(metaContent(doc, 'description', 'twitter:description', 'dc.description', 'sailthru.description')), 'meta'],
    [visibleStandfirst(doc), 'heuristic'],
  );
  const ldAuthors = jsonLdAuthors(ld);
  const metaAuthors = unique(
    metaContents(doc, 'author')
      .concat(metaContents(doc, 'article:author'), metaContents(doc, 'parsely-author'), metaContents(doc, 'sailthru.author'), metaContents(doc, 'dc.creator'))
      .flatMap(splitAuthorNames),
  );
  const people = first<string[]>([ldAuthors.people, 'jsonld'], [metaAuthors, 'meta'], [visibleBylines(doc), 'heuristic']);
  const authors = people ?? first<string[]>([ldAuthors.organisations, 'jsonld']);

  const published = first<string>(
    [jsonLdText(ld?.datePublished) ?? jsonLdText(ld?.dateCreated), 'jsonld'],
    [metaContent(doc, 'article:published_time', 'og:article:published_time'), 'opengraph'],
    [
      metaContent(
        doc,
        'datePublished',
        'pubdate',
        'publishdate',
        'publish-date',
        'date',
        'dc.date',
        'dc.date.issued',
        'dcterms.created',
        'parsely-pub-date',
        'sailthru.date',
        'article.published',
        'published-date',
        'cxenseparse:recs:publishtime',
      ),
      'meta',
    ],
    [visibleDate(doc), 'heuristic'],
  );
  const modified = first<string>(
    [jsonLdText(ld?.dateModified), 'jsonld'],
    [metaContent(doc, 'article:modified_time', 'og:updated_time'), 'opengraph'],
    [metaContent(doc, 'dateModified', 'last-modified', 'dcterms.modified', 'article.updated'), 'meta'],
  );
  const section = first<string>(
    [clean(jsonLdText(ld?.articleSection), 100), 'jsonld'],
    [clean(metaContent(doc, 'article:section'), 100), 'opengraph'],
    [clean(metaContent(doc, 'section', 'parsely-section', 'sailthru.section', 'category'), 100), 'meta'],
    [visibleSection(doc), 'heuristic'],
  );
  const tags = first<string[]>(
    [unique(splitKeywords(ld?.keywords)), 'jsonld'],
    [unique(metaContents(doc, 'article:tag').flatMap((t) => splitKeywords(t))), 'opengraph'],
    [unique(splitKeywords(metaContent(doc, 'news_keywords', 'keywords', 'parsely-tags', 'sailthru.tags'))), 'meta'],
  );
  const html = doc.documentElement;
  const language = first<string>(
    [toBcp47(html.getAttribute('lang') ?? html.getAttribute('xml:lang')), 'meta'],
    [toBcp47(jsonLdText(ld?.inLanguage)), 'jsonld'],
    [toBcp47(metaContent(doc, 'og:locale')), 'opengraph'],
    [toBcp47(metaContent(doc, 'content-language', 'language', 'dc.language')), 'meta'],
  );
  const dirAttr = (html.getAttribute('dir') ?? doc.body?.getAttribute('dir') ?? '').toLowerCase();
  const direction = first<'ltr' | 'rtl'>(
    [dirAttr === 'rtl' || dirAttr === 'ltr' ? dirAttr : null, 'meta'],
    [directionOfLanguage(language?.value ?? null), 'heuristic'],
  );
  const canonicalUrl = first<string>(
    [resolveHttpUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), pageUrl), 'meta'],
    [resolveHttpUrl(metaContent(doc, 'og:url'), pageUrl), 'opengraph'],
    [resolveHttpUrl(jsonLdText(ld?.url) ?? jsonLdText((ld?.mainEntityOfPage as JsonLdNode | undefined)?.['@id'] ?? ld?.mainEntityOfPage), pageUrl), 'jsonld'],
  );
  return {
    title,
    description,
    authors,
    published,
    modified,
    section,
    tags,
    siteName,
    language,
    direction,
    canonicalUrl,
    image: readImage(doc, ld, pageUrl),
    liveBlog: (ld !== null && typesOf(ld).includes('LiveBlogPosting')) || doc.querySelectorAll('[class*="live-entry"], [class*="liveblog-entry"], [class*="live-update"], [class*="live-post"]').length >= 3,
  };
}
