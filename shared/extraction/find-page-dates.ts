import type { FieldSource } from '../article/article';
import { findDates, isPlausibleDate, type ParseDateOptions, type ParsedDate, parseDate } from '../dates/parse-date';
import { normalizeSpace } from '../text/strip-html';
import { type TreeDocument, type TreeElement, walkElements } from './dom-query';
import { type JsonLdNode, jsonLdText, typesOf } from './read-json-ld';

/** How a date candidate was found, most trusted first; the order {@link choosePublishedDate} tries them in. */
export type DateCue =
  | 'structured' // JSON-LD, OpenGraph / article meta, common meta names, microdata
  | 'url' // a full /2020/10/04/ date in the page's address
  | 'markup' // <time datetime>, <abbr class="published" title>, pubdate
  | 'dateline' // a short date line in an element named for dates, bylines or post metadata
  | 'text' // a date written anywhere in the visible text (last resort)
  | 'modified'; // a modification date, only when nothing says when the page was published

/** A publication date a page offers, with where it was found. */
export interface DateCandidate {
  raw: string;
  date: ParsedDate;
  cue: DateCue;
  source: FieldSource;
}

// Meta names and properties that carry a publication date (OpenGraph, article:*, Dublin Core, the
// common CMS and analytics names; schema.org microdata on <meta itemprop>).
export const PUBLISHED_META_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'article:published',
  'datepublished',
  'datecreated',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'published-date',
  'published_date',
  'published_time',
  'publication_date',
  'date_published',
  'dateposted',
  'dc.date.issued',
  'dc.date.created',
  'dc.date.publication',
  'dc.date',
  'dc.created',
  'dc:date',
  'dc:created',
  'dcterms.issued',
  'dcterms.created',
  'dcterms.date',
  'citation_publication_date',
  'citation_date',
  'prism.publicationdate',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
  'article.created',
  'article_date_original',
  'originalpublicationdate',
  'cxenseparse:recs:publishtime',
  'shareaholic:article_published_time',
  'rnews:datepublished',
  'bt:pubdate',
  'date',
  'created',
];
export const MODIFIED_META_KEYS = [
  'article:modified_time',
  'og:article:modified_time',
  'og:updated_time',
  'datemodified',
  'dateupdated',
  'dcterms.modified',
  'dc.modified',
  'modified_time',
  'updated_time',
  'article.updated',
  'last-modified',
  'lastmodified',
];

const OPENGRAPH_KEYS = new Set(['article:published_time', 'og:article:published_time', 'og:published_time', 'article:published']);

/** What {@link findPageDates} reads: the document, its meta values by key, its JSON-LD nodes and address. */
export interface PageDateSources {
  doc: TreeDocument;
  metaValues: (key: string) => string[];
  jsonLd: readonly JsonLdNode[];
  /** The JSON-LD node that describes the article, when there is one. */
  article: JsonLdNode | null;
  pageUrl: string;
  language: string | null;
}

// Languages whose numeric dates with slashes put the day first (04/10/2020 is 4 October). German,
// Dutch and the Nordic languages write dots or dashes, so a slashed date on their pages is most
// often a US-style machine value (11/01/2023 12:43:42); US English puts the month first.
const SLASH_DAY_FIRST = /^(?:fr|es|it|pt|ca|gl|el|ar|he|tr|ru|uk|id|ms|vi|hi|ur|fa|ro|en-(?:GB|AU|NZ|IE|IN|ZA))(?:-|$)/i;

function dateOptions(language: string | null): ParseDateOptions {
  return language ? { dayFirst: SLASH_DAY_FIRST.test(language) } : {};
}

const ARTICLE_NODE = /Article|Posting|Report|Review|Recipe/;

function jsonLdCandidates(sources: PageDateSources, options: ParseDateOptions, out: DateCandidate[]): void {
  // The article's own node first, then any other node that says when it was published (a WebPage,
  // the article nested in a @graph without a recognised type).
  const nodes = sources.article ? [sources.article, ...sources.jsonLd.filter((n) => n !== sources.article)] : [...sources.jsonLd];
  const ranked = nodes.filter((node) => node === sources.article || typesOf(node).some((t) => ARTICLE_NODE.test(t)));
  for (const node of [...ranked, ...nodes.filter((n) => !ranked.includes(n))]) {
    for (const key of ['datePublished', 'dateCreated', 'uploadDate']) {
      const raw = jsonLdText(node[key]);
      const date = parseDate(raw, options);
      if (raw && date) out.push({ raw, date, cue: 'structured', source: 'jsonld' });
    }
  }
}

function metaCandidates(sources: PageDateSources, keys: readonly string[], cue: DateCue, options: ParseDateOptions, out: DateCandidate[]): void {
  for (const key of keys) {
    for (const raw of sources.metaValues(key)) {
      const date = parseDate(raw, options);
      if (date) out.push({ raw, date, cue, source: OPENGRAPH_KEYS.has(key) ? 'opengraph' : 'meta' });
    }
  }
}

// /2020/10/04/, /2020-10-04/, /20201004/ and /2020/10/04-slug: a CMS writes the day it published.
const URL_DATE = /(?:^|[/_-])((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=$|[/_.-]|\D)/;

/** The publication day written in a page's address, if a full one is. */
export function urlDate(pageUrl: string): DateCandidate | null {
  let path: string;
  try {
    path = new URL(pageUrl).pathname;
  } catch {
    return null;
  }
  const m = URL_DATE.exec(path);
  if (!m) return null;
  const raw = `${m[1]}-${m[2]}-${m[3]}`;
  const date = parseDate(raw);
  return date ? { raw, date, cue: 'url', source: 'heuristic' } : null;
}

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'select', 'option', 'iframe']);
const OUTSIDE_ARTICLE = new Set(['nav', 'footer', 'aside']);
// Elements named for a date line, a byline or the post's metadata (htmldate's "date expressions" idea).
const DATE_LINE = /date|datum|fecha|data|time|zeit|publi|posted|byline|dateline|meta|info|subline|submitted|stand|entry-footer/i;
const COMMENT_LIKE = /comment|related|recommend|sidebar|popular|trending|calendar|breadcrumb/i;
const MAX_DATE_LINE_CHARS = 160;

// A layout that says it has a sidebar ("pagebody--wsidebar", "has-sidebar", "with-sidebar") holds the
// story beside it: a BEM modifier ("--...") and such a class describe the element, they do not name it.
const LAYOUT_MODIFIER = /--[\w-]*|\b(?:has|with|no)-(?:sidebar|comments|related)\b/gi;

function attributeCue(element: TreeElement): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`.replace(LAYOUT_MODIFIER, ' ');
}

function markupDate(element: TreeElement, options: ParseDateOptions): { raw: string; date: ParsedDate } | null {
  for (const attribute of ['datetime', 'content', 'data-datetime', 'data-date', 'data-timestamp']) {
    const raw = element.getAttribute(attribute);
    const date = parseDate(raw, options);
    if (raw && date) return { raw, date };
  }
  if (element.localName === 'abbr') {
    const raw = element.getAttribute('title');
    const date = parseDate(raw, options);
    if (raw && date) return { raw, date };
  }
  return null;
}

function shortText(element: TreeElement): string | null {
  const text = normalizeSpace(element.textContent ?? '');
  return text.length >= 6 && text.length <= MAX_DATE_LINE_CHARS ? text : null;
}

interface WalkState {
  seenH1: boolean;
  markup: DateCandidate[];
  lines: DateCandidate[];
  earlyLines: DateCandidate[];
}

const PUBLISHED_CUE = /publi|posted|pubdate|created|erstellt|veröffentlicht|datepublished|entry-date|post-date|article-date|story-date/i;
const UPDATED_CUE = /updated|modified|aktualisiert|mis à jour|actualizado|aggiornato|last-mod|dateModified/i;

function markupCandidates(sources: PageDateSources, options: ParseDateOptions): WalkState {
  const state: WalkState = { seenH1: false, markup: [], lines: [], earlyLines: [] };
  const body = sources.doc.body;
  if (!body) return state;
  let visited = 0;
  walkElements(body, (element) => {
    if (++visited > 20_000) return false;
    const tag = element.localName;
    if (SKIP_TAGS.has(tag)) return 'skip';
    if (tag === 'h1') state.seenH1 = true;
    const cue = attributeCue(element);
    const itemprop = (element.getAttribute('itemprop') ?? '').toLowerCase();
    if (COMMENT_LIKE.test(cue) && !PUBLISHED_CUE.test(cue)) return 'skip';
    const isMarkup =
      tag === 'time' ||
      itemprop === 'datepublished' ||
      itemprop === 'datecreated' ||
      element.getAttribute('pubdate') !== null ||
      (tag === 'abbr' && /published|updated|date/i.test(cue));
    if (isMarkup && state.markup.length < 20 && itemprop !== 'datemodified' && !UPDATED_CUE.test(cue)) {
      const found = markupDate(element, options);
      const text = found ? null : shortText(element);
      const written = text ? parseDate(text, options) : null;
      const candidate = found ?? (text && written ? { raw: text, date: written } : null);
      if (candidate) {
        // Marked as the publication date: it outranks every other <time> on the page.
        const strong = itemprop === 'datepublished' || element.getAttribute('pubdate') !== null || PUBLISHED_CUE.test(cue);
        const entry: DateCandidate = { ...candidate, cue: 'markup', source: itemprop ? 'meta' : 'heuristic' };
        if (strong) state.markup.unshift(entry);
        else state.markup.push(entry);
      }
      return 'skip';
    }
    if (DATE_LINE.test(cue) && state.lines.length + state.earlyLines.length < 30) {
      const text = shortText(element);
      if (text && !UPDATED_CUE.test(text.slice(0, 30))) {
        const found = findDates(text, options, 1)[0];
        if (found) {
          const entry: DateCandidate = { raw: text.slice(found.index, found.index + found.length), date: found.date, cue: 'dateline', source: 'heuristic' };
          (state.seenH1 ? state.lines : state.earlyLines).push(entry);
          // Not skipped: a <time datetime> inside the line gives the same date exactly.
          return undefined;
        }
      }
    }
    return undefined;
  });
  return state;
}

function visibleText(root: TreeElement, limit: number): string {
  const parts: string[] = [];
  let length = 0;
  const stack: TreeElement[] = [root];
  while (stack.length && length < limit) {
    const element = stack.pop() as TreeElement;
    const children = Array.from(element.childNodes);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child?.nodeType === 1) {
        const el = child as TreeElement;
        if (!SKIP_TAGS.has(el.localName) && !OUTSIDE_ARTICLE.has(el.localName) && !COMMENT_LIKE.test(attributeCue(el))) stack.push(el);
      }
    }
    // Text children in order, separated so that adjacent blocks do not run together.
    for (const child of children) {
      if (child.nodeType === 3 && child.textContent) {
        parts.push(child.textContent);
        length += child.textContent.length;
      }
    }
    parts.push('\n');
  }
  return parts.join(' ');
}

function textCandidates(sources: PageDateSources, options: ParseDateOptions): DateCandidate[] {
  const body = sources.doc.body;
  if (!body) return [];
  return findDates(visibleText(body, 200_000), options, 200).map((found) => ({
    raw: found.date.local,
    date: found.date,
    cue: 'text' as const,
    source: 'heuristic' as const,
  }));
}

/**
 * Every publication date a page offers, most trusted first: structured data (JSON-LD including
 * `@graph`, OpenGraph / article meta and the common meta names, microdata), the address
 * (/2020/10/04/), machine-readable markup (`<time datetime>`, `<abbr title>`), date lines in elements
 * named for dates and bylines (those after the `h1` first), then dates in the visible text, and
 * modification dates last. The choice among them (plausibility, the feed's date) is
 * {@link choosePublishedDate}'s.
 */
export function findPageDates(sources: PageDateSources): DateCandidate[] {
  const options = dateOptions(sources.language);
  const out: DateCandidate[] = [];
  jsonLdCandidates(sources, options, out);
  metaCandidates(sources, PUBLISHED_META_KEYS, 'structured', options, out);
  const fromUrl = urlDate(sources.pageUrl);
  if (fromUrl) out.push(fromUrl);
  const markup = markupCandidates(sources, options);
  out.push(...markup.markup, ...markup.lines, ...markup.earlyLines);
  // The whole text is read only when nothing more specific names a date.
  if (out.length === 0) out.push(...textCandidates(sources, options));
  for (const node of sources.article ? [sources.article] : []) {
    const raw = jsonLdText(node.dateModified);
    const date = parseDate(raw, options);
    if (raw && date) out.push({ raw, date, cue: 'modified', source: 'jsonld' });
  }
  metaCandidates(sources, MODIFIED_META_KEYS, 'modified', options, out);
  return out;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(date: ParsedDate): number {
  return Math.floor(Date.parse(`${date.local.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** The publication date to keep, and the candidate it came from (null when it is the feed's). */
export interface ChosenDate {
  candidate: DateCandidate | null;
  date: ParsedDate;
}

/**
 * Chooses the publication date among a page's candidates ({@link findPageDates}'s order): only
 * dates that are plausible at `now` (not ahead of it, not before the web); the feed entry's date,
 * when there is one, as a strong prior (the first page date within a day of it wins, else the
 * feed's date itself); without a feed date, structured data unless the address names another day,
 * then the rest in order.
 */
export function choosePublishedDate(candidates: readonly DateCandidate[], options: { now: Date; feedDate?: ParsedDate | null }): ChosenDate | null {
  const plausible = candidates.filter((candidate) => isPlausibleDate(candidate.date, options.now));
  const feedDate = options.feedDate && isPlausibleDate(options.feedDate, options.now) ? options.feedDate : null;
  if (feedDate) {
    const feedDay = dayNumber(feedDate);
    const agreeing = plausible.find((candidate) => candidate.cue !== 'modified' && Math.abs(dayNumber(candidate.date) - feedDay) <= 1);
    return agreeing ? { candidate: agreeing, date: agreeing.date } : { candidate: null, date: feedDate };
  }
  const chosen = plausible[0];
  if (!chosen) return null;
  // The address names the day the CMS filed the story under: a date on another day is another
  // story's or a later edit's, unless it is the same moment written in UTC.
  const fromUrl = plausible.find((candidate) => candidate.cue === 'url');
  if (fromUrl && chosen !== fromUrl && dayNumber(chosen.date) !== dayNumber(fromUrl.date)) {
    const utc = chosen.date.precision === 'instant' && chosen.date.local.endsWith('Z');
    if (utc && sameMoment(chosen.date, fromUrl.date)) return { candidate: chosen, date: { ...chosen.date, local: fromUrl.date.local } };
    return { candidate: fromUrl, date: fromUrl.date };
  }
  return { candidate: chosen, date: inPublisherZone(chosen, plausible) };
}

const HOUR_MS = 60 * 60 * 1000;
const QUARTER_HOUR_MS = 15 * 60 * 1000;

// Whether `other` names the UTC instant `utc` in the publisher's terms: the same instant with an
// offset; a zone-less wall time that differs by a whole zone offset (quarter hours, at most 14
// hours); or a calendar day that the instant falls in for some zone (-12 to +14 hours).
function sameMoment(utc: ParsedDate, other: ParsedDate): boolean {
  const delta = other.instant.getTime() - utc.instant.getTime();
  if (other.precision === 'day') return delta > -36 * HOUR_MS && delta <= 14 * HOUR_MS;
  if (!/[+-]\d{2}:\d{2}$|Z$/.test(other.local)) {
    const remainder = Math.abs(delta) % QUARTER_HOUR_MS;
    return Math.abs(delta) <= 14 * HOUR_MS && (remainder < 60_000 || QUARTER_HOUR_MS - remainder < 60_000);
  }
  return Math.abs(delta) < 60_000;
}

/**
 * A structured date given in UTC ("2019-10-18T22:04:00Z") loses the publisher's calendar day when
 * the publisher is east or west of Greenwich; when another structured date names the same instant
 * with its offset, or the page's first visible date line names it in local terms ("19. Oktober
 * 2019 00:04 Uhr", "5. November 2021"), that day is the publisher's. The instant stays the precise
 * one; only `local` changes.
 */
function inPublisherZone(chosen: DateCandidate, candidates: readonly DateCandidate[]): ParsedDate {
  const date = chosen.date;
  if (date.precision !== 'instant' || !date.local.endsWith('Z')) return date;
  const day = dayNumber(date);
  const structured = candidates.filter((c) => c.cue === 'structured' && /[+-]\d{2}:\d{2}$/.test(c.date.local));
  const visible = candidates.find((c) => c.cue === 'markup' || c.cue === 'dateline');
  for (const other of visible ? [...structured, visible] : structured) {
    if (other === chosen || dayNumber(other.date) === day || !sameMoment(date, other.date)) continue;
    const offsetMatch = /([+-])(\d{2}):(\d{2})$/.exec(other.date.local);
    if (offsetMatch) {
      const offset = (offsetMatch[1] === '-' ? -1 : 1) * (Number(offsetMatch[2]) * 60 + Number(offsetMatch[3]));
      const wall = new Date(date.instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
      return { ...date, local: `${wall}${offsetMatch[0]}` };
    }
    return { ...date, local: other.date.local.slice(0, 10) };
  }
  return date;
}
