import type { FieldSource } from '../article/article';

/** A headline a page offers, with where it was found. */
export interface TitleCandidate {
  value: string;
  source: FieldSource;
  /** `<title>` and OpenGraph titles often carry the site's name, and so do some JSON-LD headlines. */
  mayHaveSuffix: boolean;
}

// Separators between a headline and the site's name in <title> and og:title ("Story | Site",
// "Site - Story", "Story :: Site", "Story « Site", "Story ‹ Site").
const SEPARATOR = /\s+[|\-–—:·•»«‹›/~]{1,2}\s+|\s*[|·•»«‹›_]\s*/;
const SEPARATOR_GLOBAL = new RegExp(SEPARATOR.source, 'g');

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Token F1 of two strings (bag of lower-case words): how much two headlines agree. */
export function tokenF1(a: string, b: string): number {
  return bagF1(words(a), words(b));
}

/** F1 of two bags of tokens (each token counts as often as it occurs); 0 when either is empty. */
export function bagF1(left: readonly string[], right: readonly string[]): number {
  if (!left.length || !right.length) return 0;
  const counts = new Map<string, number>();
  for (const word of right) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of left) {
    const n = counts.get(word) ?? 0;
    if (n > 0) {
      common++;
      counts.set(word, n - 1);
    }
  }
  if (!common) return 0;
  const precision = common / left.length;
  const recall = common / right.length;
  return (2 * precision * recall) / (precision + recall);
}

const squash = (text: string): string => words(text).join('');
const normalizeCase = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ');
// A host spells a name in ASCII: "Ärzte Zeitung" is aerztezeitung.de, "Société Générale" societegenerale.com.
// Both spellings of an umlaut occur in hosts (ue and u), so a name is compared in each.
const STRIP_MARKS = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '');
function spellings(text: string): string[] {
  const key = squash(text);
  const transliterated = STRIP_MARKS(key.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'));
  return [...new Set([key, transliterated, STRIP_MARKS(key)])];
}

// Whether a title segment (or an author field) is the site's name: it equals the stated site name, or the host's name
// once "www." and the suffix are set aside ("The Verge" for theverge.com, "BBC News" for bbc.co.uk).
export function namesSite(segment: string, siteNames: readonly string[], host: string, options: { exact?: boolean } = {}): boolean {
  if (!squash(segment)) return true;
  return spellings(segment).some((key) => namesSiteKey(key, siteNames, host, options));
}

function namesSiteKey(key: string, siteNames: readonly string[], host: string, options: { exact?: boolean }): boolean {
  if (siteNames.some((name) => spellings(name).includes(key))) return true;
  const labels = host.replace(/^www\d*\./, '').split('.');
  const hostKey = (labels.length > 2 && labels.at(-2)?.length === 2 ? labels.slice(0, -2) : labels.slice(0, -1)).join('');
  // "Cleveland.com" as an author on cleveland.com.
  if (key === squash(host.replace(/^www\d*\./, ''))) return true;
  if (hostKey.length < 3) return false;
  if (key === hostKey || options.exact) return key === hostKey;
  // "Vortex Cannon Entertainment" on vortexcannon.org: a distinctive host name and a few words more.
  const extra = hostKey.length >= 6 ? 16 : 6;
  return (key.startsWith(hostKey) && key.length - hostKey.length <= extra) || (key.length >= 5 && hostKey.startsWith(key));
}

// Host labels that say nothing about whose site it is.
const GENERIC_HOST_WORDS = new Set([
  'www',
  'news',
  'blog',
  'blogs',
  'city',
  'online',
  'web',
  'site',
  'info',
  'home',
  'mobile',
  'amp',
  'edition',
  'the',
  'com',
  'org',
  'net',
  'gov',
  'edu',
]);

/** The distinctive words of a host's name: "wara" and "enforcement" for www.wara-enforcement.org. */
function hostWords(host: string): string[] {
  const labels = host.toLowerCase().split('.').slice(0, -1);
  return labels.flatMap((label) => label.split('-')).filter((word) => word.length >= 3 && !GENERIC_HOST_WORDS.has(word));
}

/**
 * Whether the last segment of a title is a site name that was not stated anywhere: it contains a
 * distinctive word of the host ("... - European Championships Munich 2022" on munich2022.com,
 * "... ‹ Wara Conservation Project" on wara-enforcement.org).
 */
function namesHost(segment: string, host: string): boolean {
  const key = squash(segment);
  return key.length > 0 && hostWords(host).some((word) => key.includes(word));
}

// WordPress's old default theme titles a post "Blog » Blog Archive » Post": a template's label, not headline.
const TEMPLATE_SEGMENT = /^blog archive$/i;

/**
 * A title without the site's name around it: segments split at the usual separators lose those
 * that name the site; what remains is joined back as the page wrote it. A title that is only the
 * site's name gives null.
 */
export function stripSiteName(raw: string, siteNames: readonly string[], host: string): string | null {
  // "The Space Review: Seeking a bigger role": the site as a label before a colon.
  // "Site » Nummer zwei: Leo": a label holding a separator is segments, the last of them the headline's.
  const label = labelOf(raw);
  const title = label && namesSite(label, siteNames, host) ? raw.replace(LABEL, '') : raw;
  const separators = title.match(SEPARATOR_GLOBAL) ?? [];
  if (!separators.length) return namesSite(title, siteNames, host) ? null : title;
  const segments = title.split(SEPARATOR);
  // Only the first and last segments can be the site ("Site | Story", "Story - Section - Site").
  let start = 0;
  let end = segments.length;
  const isSite = (segment: string): boolean => namesSite(segment, siteNames, host) || TEMPLATE_SEGMENT.test(segment.trim());
  while (end - start > 1 && isSite(segments[end - 1] ?? '')) end--;
  while (end - start > 1 && isSite(segments[start] ?? '')) start++;
  // No stated site name matched: a last segment naming the host is the site, when a headline of a
  // few words stays before it.
  if (end === segments.length && end - start > 1 && namesHost(segments[end - 1] ?? '', host)) {
    const rest = segments.slice(start, end - 1).join(' ');
    if (words(rest).length >= 3 && !namesHost(rest, host)) end--;
  }
  if (start === 0 && end === segments.length) return title;
  let out = segments[start] ?? '';
  for (let i = start + 1; i < end; i++) out += (separators[i - 1] ?? ' ') + segments[i];
  return out.trim() || null;
}

// "Lemon cake by Jane", "Mandarinen-Kuchen von jesusfreak": recipe and blog titles name their author.
const AUTHOR_CREDIT = /\s+(?:by|von|par|por|di|door)\s+([^|:]{2,60})$/i;

/** A title without a trailing "by <author>" credit that names one of the page's authors. */
function withoutAuthorCredit(title: string, authors: readonly string[]): string {
  const credit = AUTHOR_CREDIT.exec(title);
  if (!credit?.[1] || !authors.some((author) => squash(author) === squash(credit[1] ?? ''))) return title;
  return title.slice(0, credit.index).trim() || title;
}

/**
 * Whether `longer` holds every word of `shorter` and adds one to four words (at most as many as it
 * had): inside it, or before or after it behind a punctuation mark ("\"Pure Leere\": ...", "...:
 * einfach köstlich!"). Words run on without one ("1. Februar 2022 Bundesministerin ...", a kicker
 * span glued to the headline) are something else: a date, a kicker the stated title leaves out.
 */
function extends_(longer: string, shorter: string): boolean {
  const long = words(longer);
  const short = words(shorter);
  const extra = long.length - short.length;
  if (extra < 1 || extra > Math.min(4, short.length)) return false;
  if (long[0] !== short[0] || long.at(-1) !== short.at(-1)) {
    const at = normalizeCase(longer).indexOf(normalizeCase(shorter));
    if (at < 0) return false;
    const before = normalizeCase(longer).slice(0, at);
    const after = normalizeCase(longer).slice(at + normalizeCase(shorter).length);
    // A pipe sets off a site's name ("... | FASSETTE.NET"), not more headline.
    if (before.trim() && !/[:–—"“”»«)\]-]\s*$/u.test(before)) return false;
    if (after.trim() && !/^\s*[:–—([-]/u.test(after)) return false;
  }
  const counts = new Map<string, number>();
  for (const word of long) counts.set(word, (counts.get(word) ?? 0) + 1);
  return short.every((word) => {
    const n = counts.get(word) ?? 0;
    counts.set(word, n - 1);
    return n > 0;
  });
}

const TRUNCATED = /(?:\.{3}|…)$/;
/** An h1 this much in agreement with a stated title is the same headline. */
const AGREES = 0.6;

// "Blog Name: Post title": Blogger and TypePad title a post with the blog's name as a label before a colon.
const LABEL = /^([^:]{1,39}[^\s:]):\s+(?=\S)/;

/** The label before a colon that starts a title ("Experimental Philosophy" in "Experimental Philosophy: Faculty ..."). */
function labelOf(raw: string): string | undefined {
  const label = LABEL.exec(raw)?.[1];
  return label && !SEPARATOR.test(label) ? label : undefined;
}

/** A title's segments: split at the separators, and a leading label before a colon split off. */
function titleSegments(raw: string): string[] {
  const label = labelOf(raw);
  const rest = label ? raw.replace(LABEL, '') : raw;
  return [...(label ? [label] : []), ...rest.split(SEPARATOR)];
}

/**
 * The heading among `headings` that equals a run of a stated title's segments (not the whole title):
 * "Teil 49" stays with "Die Haubenfahrzeuge der Nachkriegszeit - Teil 49 - Site - Slogan". The one
 * covering most words wins (a logo heading matches a segment as well).
 */
function segmentHeading(raw: string, headings: readonly string[]): string | undefined {
  const segments = titleSegments(raw).map(squash);
  if (segments.length < 2) return undefined;
  const runs = new Set<string>();
  for (let from = 0; from < segments.length; from++) {
    let run = '';
    for (let to = from; to < segments.length; to++) {
      run += segments[to];
      if (to - from + 1 < segments.length && run) runs.add(run);
    }
  }
  return headings.filter((heading) => runs.has(squash(heading))).sort((a, b) => words(b).length - words(a).length)[0];
}

/**
 * The headline from the best agreeing source: structured data (JSON-LD headline), OpenGraph, other
 * title metas and `<title>`, each without the site's name; the page's `h1` only when it agrees with
 * one of them (a section label such as "World" or the site's logo text does not), or when the page
 * states no title at all. A stated title that was cut short ("…") gives way to the full `h1`.
 * `logoHeadings` are headings that link to the site's (or blog's) home: its name, as the reader sees
 * it. `subheadings` are the page's `h2`s: some themes give the post's headline an `h2` under a logo `h1`.
 */
export function chooseTitle(
  candidates: readonly TitleCandidate[],
  headings: readonly string[],
  options: { siteNames: string[]; host: string; authors?: readonly string[]; logoHeadings?: readonly string[]; subheadings?: readonly string[] },
): { value: string; source: FieldSource } | null {
  // An h1 that is a stated title's label ("Amazon Web Services Blog: The AWS Report ...") is the blog's
  // name shown as its logo, whether or not it links home.
  const labels = new Set(candidates.filter((c) => c.mayHaveSuffix).map((c) => squash(labelOf(c.value) ?? '')));
  const logoHeadings = [...(options.logoHeadings ?? []), ...headings.filter((heading) => labels.has(squash(heading)))];
  const logos = new Set(logoHeadings.map(squash));
  // A logo heading names the site: "Post | Blog Name" loses it like a stated site name.
  const siteNames = [...options.siteNames, ...logoHeadings];
  const subheadings = (options.subheadings ?? []).filter((heading) => heading.length >= 2 && heading.length <= 500 && !logos.has(squash(heading)));
  const stated: { value: string; source: FieldSource }[] = [];
  for (const candidate of candidates) {
    // A visible heading that is the whole stated title says its segments are all headline ("Take C.A.R.E. -
    // comwrap auf der DMEXCO 2018" on blog.comwrap.com).
    const whole = headings.some((heading) => squash(heading) === squash(candidate.value)) || subheadings.some((h) => squash(h) === squash(candidate.value));
    // An og:title or <title> that is the site's stated name as a whole is the site's, not a headline
    // (a template that fills every page's title with the shop's name and slogan).
    // A logo heading that is one segment of it says the template filled the site name with the title.
    if (!whole && siteNames.some((name) => squash(name) === squash(candidate.value)) && !segmentHeading(candidate.value, options.logoHeadings ?? [])) continue;
    const stripped = candidate.mayHaveSuffix && !whole ? stripSiteName(candidate.value, siteNames, options.host) : candidate.value;
    const value = stripped && withoutAuthorCredit(stripped, options.authors ?? []);
    if (value && value.length >= 2) stated.push({ value, source: candidate.source });
  }
  const h1s = headings.filter(
    (heading) => heading.length >= 2 && heading.length <= 500 && !logos.has(squash(heading)) && !namesSite(heading, options.siteNames, options.host),
  );
  // A <title> or og:title whose site part was not recognised still holds the h1 as one run of its
  // segments ("Story - Unknown Site"): the h1 is then the headline without the site. An h1 in the
  // site's place is the blog's name, not the headline: the label before the colon ("Blog Name: Post"),
  // or a short last segment (a name of three words at most) when a longer h2 or h3 is another run ("Post -
  // Blog Name" with the post's h3; a deck h2 beside a headline h1 of six words is no such case).
  for (const candidate of candidates) {
    if (!candidate.mayHaveSuffix) continue;
    const label = labelOf(candidate.value);
    const last = titleSegments(candidate.value).at(-1);
    const subheading = segmentHeading(candidate.value, subheadings);
    const siteSide = (h: string): boolean =>
      (label !== undefined && squash(h) === squash(label)) ||
      (subheading !== undefined && last !== undefined && squash(h) === squash(last) && words(h).length <= 3 && words(subheading).length > words(h).length);
    const heading = segmentHeading(
      candidate.value,
      h1s.filter((h) => !siteSide(h)),
    );
    const index = heading ? stated.findIndex((s) => s.source === candidate.source && s.value.length > heading.length && s.value.includes(heading)) : -1;
    if (heading && index >= 0) stated[index] = { value: heading, source: candidate.source };
  }
  const best = stated[0];
  if (!best) {
    const heading = h1s[0];
    return heading ? { value: heading, source: 'heuristic' } : null;
  }
  // A theme that gives the site's name the h1 and the post's headline an h2: when no h1 agrees with
  // a stated title, an h2 that is one run of a stated title's segments is the headline ("Post –
  // Ministry, Country" with the post's h2).
  if (!h1s.some((h) => stated.some((s) => tokenF1(h, s.value) >= AGREES))) {
    for (const candidate of candidates) {
      if (!candidate.mayHaveSuffix) continue;
      const heading = segmentHeading(candidate.value, subheadings);
      // A stated title that is that heading already (an og:title without the blog's name) keeps its source.
      if (heading && words(heading).length >= 2 && !namesSite(heading, siteNames, options.host))
        return stated.find((s) => squash(s.value) === squash(heading)) ?? { value: heading, source: candidate.source };
    }
  }
  if (TRUNCATED.test(best.value)) {
    const stem = best.value.replace(TRUNCATED, '').trim().toLowerCase();
    const full = h1s.find((heading) => heading.toLowerCase().startsWith(stem) && heading.length > stem.length);
    if (full) return { value: full, source: 'heuristic' };
    // Another stated title may hold it whole (a second JSON-LD node, <title> without the site).
    const whole = stated.find((other) => !TRUNCATED.test(other.value) && other.value.toLowerCase().startsWith(stem) && other.value.length > stem.length);
    if (whole) return whole;
  }
  // Two sources that agree word for word beat one that says something else: the visible h1 and a
  // stated title (often <title>) give the headline, an og:title or JSON-LD headline worded for social
  // media or search ("Yob dispersal order after ...") gives way, unless another source states it too.
  if (!h1s.some((h) => squash(h) === squash(best.value)) && !stated.some((other) => other !== best && squash(other.value) === squash(best.value))) {
    const twin = stated.find((candidate) => h1s.some((h) => squash(h) === squash(candidate.value)));
    if (twin) return twin;
  }
  // The h1 the reader sees may say a little more than the stated title: a quoted kicker ("\"Pure Leere\":
  // Marita Kramer verpasst ..."), a word the og:title dropped ("15 Helpful Tips" for "15 Tips"), an
  // aside in brackets. An h1 holding every word of the stated title and at most a few more is the
  // headline as shown.
  const fuller = h1s.find((heading) => extends_(heading, best.value) && stripSiteName(heading, siteNames, options.host) === heading);
  if (fuller) return { value: fuller, source: 'heuristic' };
  // The page's one headline the reader sees, when no stated title agrees with it: the og:title and
  // <title> were worded for search or sharing ("ADAC Kindersitz-Test 2018" above "18 Kindersitze im
  // Test: Vier Modelle fallen durch"). One h1 of four words or more that does not name the host; several
  // h1s (a logo, a teaser, a modal's "Thank you for subscribing!") leave it to the stated titles.
  if (h1s.length === 1) {
    const only = h1s[0] ?? '';
    if (words(only).length >= 4 && !namesHost(only, options.host) && !stated.some((s) => tokenF1(s.value, only) >= AGREES))
      return { value: only, source: 'heuristic' };
  }
  // A stated title that no other source and no h1 backs, while another stated title and an h1 agree,
  // is the odd one out (a CMS default, a series name, the site's slogan, an SEO headline in JSON-LD
  // beside the og:title and h1 that the reader sees). A lone JSON-LD headline is kept.
  const backed = (value: string): boolean =>
    stated.some((other) => other.value !== value && tokenF1(other.value, value) >= AGREES) || h1s.some((h) => tokenF1(h, value) >= AGREES);
  if (stated.length > 1 && !backed(best.value)) {
    const alternative = stated.find(
      (candidate) =>
        candidate !== best && (best.source !== 'jsonld' || candidate.source !== 'jsonld') && h1s.some((h) => tokenF1(h, candidate.value) >= AGREES),
    );
    if (alternative) return alternative;
  }
  return best;
}
