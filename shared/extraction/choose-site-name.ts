import type { FieldSource } from '../article/article';
import { normalizeSpace } from '../text/strip-html';
import { tokenF1 } from './choose-title';

/** A site name found on the page, with where it was found. */
export interface SiteNameCandidate {
  value: string | null;
  source: FieldSource;
}

/** What the page says beside its stated names: what the site name must not be, and where else it shows. */
export interface SiteNameContext {
  /** The page's host (an archived page's original host). */
  host: string;
  /** The headline chosen for the page. */
  headline: string | null;
  /** The section the page states (a CMS may put it in og:site_name). */
  section: string | null;
  /** The text of the page's <title>. */
  headTitle: string | null;
}

const MAX_NAME_CHARS = 60;
// A host name written as the site's name ("die-tagespost.de", "tagblatt.ch"); a brand written like one keeps
// its capitals ("AerzteZeitung.de", "Phys.org") and is a name.
const HOST_LIKE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/;
// The legal form a company's registered name adds to its brand ("St.Galler Tagblatt AG", "Katapult-Magazin gGmbH").
const LEGAL_FORM_AT_END = /,?\s+(?:g?gmbh|ag|kg|se|inc\.?|llc|ltd\.?|limited|plc|corp\.?|s\.?a\.?|s\.?l\.?|b\.?v\.?|n\.?v\.?|pty\.? ltd\.?)$/i;
// Separators between a <title>'s headline and the site's name, spaced: "Headline - Site", "Site | Headline", "Headline « Site".
const TITLE_SEPARATOR = /\s+[|–—~«»‹›ǀ·•:-]\s+|\s+[|ǀ]|[|ǀ]\s+/u;

const compact = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** The labels of a host that may carry a site's name (not www, m, the top-level domain or a second-level one like co, gv). */
function hostLabels(host: string): string[] {
  const labels = host.toLowerCase().split('.');
  const tld = labels.pop() ?? '';
  // "bundeskanzleramt.gv.at", "bbc.co.uk": a second-level domain under a country code names no site.
  if (tld.length === 2 && labels.length > 1 && /^(?:co|com|gv|gov|ac|or|ne|org|net|edu)$/.test(labels[labels.length - 1] ?? '')) labels.pop();
  return labels.filter((label) => !/^(?:www\d*|m|amp)$/.test(label));
}

/** Whether a name and the host share the site's name: the host carries one of its words, or the name carries a host label. */
export function nameMatchesHost(name: string, host: string): boolean {
  const labels = hostLabels(host).map(compact);
  const whole = compact(name);
  if (labels.some((label) => label.length >= 3 && whole.includes(label))) return true;
  const words = name
    .split(/[^\p{L}\p{N}]+/u)
    .map(compact)
    .filter((word) => word.length >= 4);
  return words.some((word) => labels.some((label) => label.includes(word)));
}

/**
 * A stated name as a site name: the first part of a name padded with a tagline or keywords behind pipes
 * ("WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale", "Autoracing | F1 | Indy | MotoGP"); null when
 * it is empty, too long to be a name, the section (some CMSs fill og:site_name with it) or the headline.
 */
function cleanStatedName(value: string | null, context: SiteNameContext): string | null {
  if (!value) return null;
  const name = normalizeSpace(value.split(/\s+\|\s+/)[0] ?? '').replace(LEGAL_FORM_AT_END, '');
  if (!name || name.length > MAX_NAME_CHARS) return null;
  if (context.section && compact(name) === compact(context.section)) return null;
  if (context.headline && tokenF1(name, context.headline) >= 0.8) return null;
  return name;
}

/** The site's name as the <title> shows it beside the headline, when that segment carries the host's name. */
function nameFromTitle(context: SiteNameContext): string | null {
  if (!context.headTitle || !context.headline) return null;
  const segments = context.headTitle
    .split(TITLE_SEPARATOR)
    .map((segment) => normalizeSpace(segment))
    .filter(Boolean);
  if (segments.length < 2) return null;
  const headline = context.headline;
  const others = segments.filter((segment) => tokenF1(segment, headline) < 0.5 && !compact(headline).includes(compact(segment)));
  return others.find((segment) => segment.length <= MAX_NAME_CHARS && segment.split(/\s+/).length <= 8 && nameMatchesHost(segment, context.host)) ?? null;
}

/**
 * The publisher's name: the first name the page states (og:site_name, the JSON-LD publisher, a WebSite or
 * Organization node, application-name and publisher metas) that is a name, with a host name ("lbv.de") kept
 * only when no other is stated; else the segment of the <title> beside the headline that carries the host's
 * name ("Headline - Eurailpress" on eurailpress.de), marked heuristic.
 */
export function chooseSiteName(candidates: readonly SiteNameCandidate[], context: SiteNameContext): { value: string; source: FieldSource } | null {
  const stated = candidates
    .map((candidate) => ({ value: cleanStatedName(candidate.value, context), source: candidate.source }))
    .filter((candidate): candidate is { value: string; source: FieldSource } => candidate.value !== null);
  const named = stated.find((candidate) => !HOST_LIKE.test(candidate.value));
  if (named) return named;
  const fromTitle = nameFromTitle(context);
  if (fromTitle && !HOST_LIKE.test(fromTitle)) return { value: fromTitle, source: 'heuristic' };
  return stated[0] ?? (fromTitle ? { value: fromTitle, source: 'heuristic' } : null);
}
