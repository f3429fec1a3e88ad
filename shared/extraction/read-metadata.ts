import type { FieldSource } from '../article/article';
import { resolveHttpUrl } from '../article/resolve-url';
import { findDates } from '../dates/parse-date';
import { normalizeSpace, stripHtml } from '../text/strip-html';
import { cleanDescription, isSummaryText } from './check-description';
import { firstContentImage, isPlaceholderImage } from './choose-lead-image';
import { chooseSiteName } from './choose-site-name';
import { chooseTitle, namesSite, type TitleCandidate, tokenF1 } from './choose-title';
import {
  closestTag,
  elementsByTag,
  elementsByTags,
  elementsWithClass,
  isInside,
  type TreeDocument,
  type TreeElement,
  type TreeNode,
  textOutside,
  walkElements,
} from './dom-query';
import { type DateCandidate, findPageDates } from './find-page-dates';
import { isPerson, type JsonLdNode, jsonLdList, jsonLdText, pickArticleNode, readJsonLdNodes, typesOf } from './read-json-ld';
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
  /** The most trusted publication date the page states (before plausibility and the feed's date are weighed). */
  published: Sourced<string> | null;
  /** Every publication date the page offers, most trusted first (see findPageDates). */
  publishedCandidates: DateCandidate[];
  modified: Sourced<string> | null;
  section: Sourced<string> | null;
  tags: Sourced<string[]> | null;
  siteName: Sourced<string> | null;
  language: Sourced<string> | null;
  /** Every language the page declares, in order of trust (html lang, JSON-LD, og:locale, meta), for assembleArticle to weigh against the text. */
  declaredLanguages: Sourced<string>[];
  direction: Sourced<'ltr' | 'rtl'> | null;
  canonicalUrl: Sourced<string> | null;
  image: Sourced<PageImage> | null;
  /** The page is a live blog: a stream of timestamped entries rather than one story. */
  liveBlog: boolean;
  /** The JSON-LD article node's `articleBody` as the page states it (text or HTML), for body selection. */
  articleBody: string | null;
}

function clean(value: string | null | undefined, max = 2000): string | null {
  if (!value) return null;
  const text = normalizeSpace(stripHtml(value));
  return text && text.length <= max ? text : null;
}

type Candidate<T> = T | null | undefined | (() => T | null | undefined);

/** The first candidate with a value. Heuristics are passed as functions so they only run when needed. */
function first<T>(...candidates: [Candidate<T>, FieldSource][]): Sourced<T> | null {
  for (const [candidate, source] of candidates) {
    const value = typeof candidate === 'function' ? (candidate as () => T | null | undefined)() : candidate;
    if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) return { value, source };
  }
  return null;
}

/** A page's `<meta>` values by lower-case name, property or itemprop, in document order. */
type MetaIndex = Map<string, string[]>;

// One pass over the <meta> elements; looking each key up in the DOM again costs a selector walk
// per key, and pages carry hundreds of metas.
function indexMetas(metaElements: readonly TreeElement[]): MetaIndex {
  const index: MetaIndex = new Map();
  for (const meta of metaElements) {
    const content = meta.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (!key) continue;
      const list = index.get(key);
      if (list) list.push(content);
      else index.set(key, [content]);
    }
  }
  return index;
}

function metaContent(metas: MetaIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = metas.get(key.toLowerCase())?.[0];
    if (value) return value;
  }
  return null;
}

function metaContents(metas: MetaIndex, key: string): string[] {
  return metas.get(key.toLowerCase()) ?? [];
}

// An archived copy's address holds the page's own: https://web.archive.org/web/20190717140047/http://www.modabot.de/...
const ARCHIVED = /^https?:\/\/(?:web\.)?archive\.org\/web\/\d{1,14}[a-z_]*\/(https?:\/\/.+)$/i;

/** The host whose names the page's title and author fields may carry: an archived page's original host. */
function hostOf(url: string): string {
  try {
    return new URL(ARCHIVED.exec(url)?.[1] ?? url).hostname;
  } catch {
    return '';
  }
}

// "facebook.com/vegolosi": article:author is a profile URL by OpenGraph's definition, scheme or not.
const looksLikeUrl = (value: string): boolean =>
  /^(?:https?:)?\/\//i.test(value) || /^www\./i.test(value) || /^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\/\S*$/i.test(value);

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
// Job titles and desk names that follow a name in a byline ("Jane Doe, Staff Writer").
const ROLE =
  /^(?:(?:the\s+)?(?:staff|senior|chief|political|deputy|managing|contributing|executive|associate|special|foreign|science|business|sports?|tech(?:nology)?|health|news|digital|freelance|guest)\s+)*(?:writer|reporter|editor|correspondent|columnist|contributor|photographer|analyst|journalist|producer|author|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|rédact(?:eur|rice)|journaliste|envoyée?\s+spéciale?|periodista|redactor(?:a)?|corresponsal|giornalista|inviat[oa]|redacteur|verslaggever|desk|staff|team|newsroom|redaktion|rédaction|redacción|redazione)s?\b/i;
const ROLE_AT_END =
  /\b(?:writer|reporter|editor|correspondent|columnist|contributor|photographer|journalist|producer|redakteur(?:in)?)s?(?:[-\s]at[-\s]large)?$/i;
// A wire agency or the paper written after a person's name in a byline ("Tom Davies Associated Press").
const AGENCY_AT_END =
  /(?<=\p{L}\s+\p{L}+)\s+(?:[Tt]he\s+)?(?:[Aa]ssociated [Pp]ress|Reuters|REUTERS|AFP|AP|dpa|DPA|UPI|PTI|Bloomberg(?: News)?|\p{Lu}{2,}(?:\s+\p{Lu}{2,})*)$/u;
// Wire agencies and broadcasters credited by acronym alone.
const WIRE_AGENCY =
  /^(?:AP|AFP|DPA|UPI|PTI|ANSA|EFE|KNA|APA|SDA|ANP|AAP|ANI|IANS|TASS|EPD|SID|CNA|PA|BBC|CNN|NPR|ABC|CBS|NBC|JIJI|KYODO|XINHUA|YONHAP|BERNAMA|ANTARA|IRNA|BELGA|PAP|MTI|CTK|ATS|NTB|STT)$/;
const WEEKDAY_AT_END =
  /[\s,]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)[\s,]*$/i;
// An abbreviated weekday before the date ("Von Tomas Spahn Fr, 18. Oktober 2019"): only with its full stop or
// comma, so a short surname before a date is not taken for one.
// What joins a date that opens a byline to the credit after it: ", by ", " at 3:49 PM by ", " | von ".
const DATE_THEN_BY = /^[\s,|•·—–-]*(?:(?:at|um|à)\s+\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?[\s,|•·—–-]*)?(?:by|von|par|por)\s+(?=\p{Lu})/iu;
const SHORT_WEEKDAY_AT_END = /\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim)(?:\.,?|,)\s*$/i;
const NOT_A_NAME =
  /^(?:updated|published|posted|modified|aktualisiert|veröffentlicht|stand|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|admin|administrator|guest|anonymous|unknown|editor|editors|staff|redaktion|newsdesk|news desk|follow|folgen|suivre|seguir|segui|share|teilen|partager|subscribe|abonnieren|profile|profil|more|mehr|plus|read more|weiterlesen|about|über|close|schließen|fermer|cerrar|chiudi|no author|kein autor|unknown author|n\/a|log\s?in|log\s?out|sign\s?in|sign\s?up|register|registrieren|anmelden|abmelden|my account|mein konto|mein profil|my profile|sponsored|anzeige|advertorial|werbung|promotion|partner content|paid content|gastautor(?:in)?|guest author|guest post|filed(?:\s+under)?|tagged|tags?|categor(?:y|ies)|kategorien?|rubrik)\b/i;
// What an author box or a comment form shows beside the name, read as one ("View Profile", "Google +", "Name *"):
// buttons, social networks and form labels are no names.
const NOT_NAME_WIDGET =
  /^(?:view|see|visit)\s+(?:my\s+|full\s+|author\s+)?(?:profile|posts|all\s+posts|website|bio)\b|^(?:all|more)\s+posts(?:\s+by)?$|^(?:author\s+)?profile$|^(?:your\s+)?(?:name|e-?mail|website|comment)$|^(?:(?:leave|add|post|write)\s+a\s+)?(?:reply|comment)$|^(?:\d+\s+)?(?:comments?|replies)$|^(?:google(?:\s*\+|\s+plus)?|facebook|twitter|linkedin|instagram|pinterest|youtube|tumblr|reddit|whatsapp|rss|print)$/i;
// A job title after a name ("Scott Zuccarino, Product Manager", "Thomas Kang, Software Engineer"): it ends the list.
const JOB_AT_END =
  /(?<!\p{L})(?:manager|engineer|director|designer|developer|scientist|officer|intern|strategist|consultant|specialist|president|founder|co-?founder|ceo|cto|cfo|coo|evangelist|coordinator|researcher|professor|lecturer|librarian|ambassador|marketing|lead)s?$/iu;
// A collective credit ("HLNF Staff Report", "Wire Staff", "Online-Redaktion", "Editorial Team", "revamp-it Webteam",
// a Chinese paper's news-flash or news-centre desk "上報快訊") names no person.
const COLLECTIVE =
  /\b(?:staff(?:\s+reports?)?|staff\s+writers?|news\s*desk|newsroom|editorial(?:\s+(?:team|board|staff))?|team|desk|redaktion|onlineredaktion|rédaction|redacción|redaccion|redação|redacao|redazione|redactie|bureau|autoren|authors|contributors|news\s+service|wire\s+services?|press\s+office|pressestelle|presseabteilung|pressesprecher(?:in)?|media\s+relations|(?:corporate\s+)?communications)$|^(?:pressestelle|presseabteilung|press\s+office)\b|(?:web|online|redaktions|presse?|media|content|news|editorial|support|kommunikations|communications?)-?team$|(?<![\p{L}\p{M}])(?:ब्यूरो|डेस्क)$|(?:快訊|快讯|新聞|新闻|編輯部|编辑部|編輯|编辑|報導|报道|綜合|综合|中心)$/iu;
// A collective's word anywhere in a name ("Team PETA", "Sports Desk Mumbai", "Redazione Web"): no person's name
// holds one. Checked on people only: an organisation author ("Northern Wire Staff") keeps DESIGN's rule.
const COLLECTIVE_WORD =
  /(?<![\p{L}\p{N}])(?:team|staff|desk|newsroom|newsdesk|redaktion|rédaction|redaction|redacción|redaccion|redação|redacao|redazione|redactie|webmaster|webteam|admin|administrator|moderator|moderation|editorial)(?![\p{L}\p{N}])/iu;
// "By", "Written by", "Par", "بقلم", "Un documentaire de"... before the names. "Von" opens a German byline, but inside a name it
// is a particle ("Christoph von Ritter"): only at the start or after a word that announces the author.
const BYLINE_PREFIX =
  /^(?:(?:\p{L}+\s+){0,3}by|(?:(?:ein(?:e|en)?\s+)?(?:beitrag|artikel|text|kommentar|gastbeitrag|bericht|interview|gespräch|rezept|geschrieben|verfasst|erstellt|eingestellt|gespeichert|gepostet|veröffentlicht|zum\s+profil|blog\s*beitrag)\s+)?von|(?:propos\s+)?recueilli(?:e|s|es)?\s+par|par|por|di|da|door|av|af|przez|автор|بقلم|كتب|كتبت|(?:un[ae]?\s+(?:documentaire|reportage|reportaje|article|artículo|articolo|chronique|crónica|cronaca|entretien|entrevista|intervista|podcast|film|récit|enquête|billet|tribune|texte|texto|portrait|série|serie)\s+)(?:de|di))(?:[:\s]+|$)/iu;
const BYLINE_SEPARATOR =
  /\s+[|•·—–-]\s+|(?<=\p{L}{2})(?<!\b(?:Dr|Prof|Mr|Mrs|Ms|Mme|Mlle|Sr|Sra|Jr|Dipl|Ing|St))\.\s+(?=\p{Lu})|\s*[|•·]\s*|\s+(?=\d)|\s+(?:on|am|le|el|il|op)\s+(?=\p{L}+\.?\s+\d|\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)|\s+(?=(?:updated|published|posted|last\s+modified|aktualisiert|veröffentlicht|publié|mis\s+à\s+jour|publicado|actualizado|pubblicato|aggiornato)\b)/iu;

// A wire agency written after a person's name, as a name of its own ("Colleen Barry, The Associated Press").
const AGENCY_NAME =
  /^(?:the\s+)?(?:associated\s+press|reuters|agence\s+france[-\s]presse|afp|ap|dpa|upi|pti|ansa|efe|kna|apa|sda|epd|sid|bloomberg(?:\s+news)?|canadian\s+press|press\s+association|australian\s+associated\s+press|united\s+press\s+international|press\s+trust\s+of\s+india|deutsche\s+presse-agentur|kyodo(?:\s+news)?|jiji(?:\s+press)?|xinhua(?:\s+news\s+agency)?|yonhap(?:\s+news(?:\s+agency)?)?|anadolu(?:\s+agency)?)$/i;
// The paper a byline names after the person, introduced by "The" ("Kenneth P. Vogel The New York Times"):
// "The" inside a person's name does not occur.
const PAPER_AT_END = /(?<=\S\s+\p{L}{2,}\.?)\s+The\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*$/u;
// An organisation, not a person: a registered legal form, or a public body, institute or association.
const ORGANISATION =
  /(?<![\p{L}\p{N}])(?:gmbh|mbh|kgaa|inc|llc|ltd|plc|corp|e\.\s?v)(?![\p{L}\p{N}])|(?:ministeri(?:um|o)|ministry|department|institut(?:e|o)?|universit(?:y|ät|é|à|ad)|verband|verein|stiftung|foundation|association|gesellschaft|bundesamt|behörde|fraktion|anstalt)(?!\p{L})|\sonline$/iu;
// A newspaper, magazine, blog or broadcaster by what it is ("India Post News Weekly", "Lokalzeitung", "Metro TV"):
// a site's or a partner's credit, no person. German compounds end in the word; the others stand as words; a
// Chinese or Japanese brand ends in what it is ("北京新浪網": a website, 網 "net"; "…日報": a daily).
const MEDIA_BRAND =
  /(?:zeitung|magazin|nachrichten|rundschau|anzeiger|fernsehen|rundfunk|verlag|blog)(?!\p{L})|(?<!\p{L})(?:news|tv|radio|media|medien|magazine|journal|jornal|revista|rivista|periódico|periodico|gazeta|krant|dagblad|tidning|times|tribune|gazette|herald|daily|weekly|network|review|diario|diário|noticias|notícias|kurier|courier|gazzetta|giornale|quotidien|hebdo)(?!\p{L})|(?:網|网|新聞|新闻|日報|日报|晚報|晚报|時報|时报|電視台|电视台|電台|电台)$/iu;
// Lower-case words inside a person's name are particles ("Christoph von Ritter", "Maria da Silva"); other
// lower-case words make a phrase ("Syrian defense ministries"), not a name.
const NAME_PARTICLE = /^(?:von|van|vom|zu|zur|der|den|des|del|della|delle|di|da|das|do|dos|du|de|la|le|lo|bin|bint|ibn|ben|al|el|ter|ten|af|av|y|e)$/u;
const CREDENTIAL = /^(?:ph\.?\s?d|m\.?d|mba|mph|msc|bsc|m\.?a|b\.?a|rn|rdn|ld|cpt|dr|prof|jr|sr|esq|frcp|lmft|lcsw|cscs)\.?$/i;
// A host name ("stol.it / Suedtirol Online") in an author field: the site credits itself.
const HOST_NAME = /(?:^|[\s/])[\p{L}\p{N}-]{2,}\.[a-z]{2,6}(?=$|[\s/])/u;

// A user handle: lower-case letters and digits ("gnaddrig", "rcwps2d8w0", "satter"), or a capitalised word
// run on into digits ("Marianne1"), which no person's name is.
const USER_HANDLE = /^(?=[\p{L}\d._-]*\p{Ll})(?:[\p{Ll}\d][\p{Ll}\d._-]{2,29}|\p{Lu}\p{Ll}{2,}[\p{Ll}._-]*\d{1,4})$/u;
// A CMS's default or shared account names no writer ("oradmin", "webmaster", "editor2").
const ADMIN_HANDLE = /admin|webmaster|root|editor|redakt|author|autor|user|guest|gast|test|system|^wp|\d{3,}/i;

/**
 * Splits a byline into clean person names: "By", "Written by" and their equivalents, e-mail
 * addresses ("Jane Doe (jane@x.com)", "jane@x.com (Jane Doe)"), dates and times ("Dan Goodin -
 * Apr 16"), roles ("Staff Writer"), "for The Site" and what follows a separator are dropped; "A, B
 * and C" gives three names.
 */
export function splitAuthorNames(raw: string, options: { handles?: boolean } = {}): string[] {
  let text = normalizeSpace(raw);
  // "Datum:", "Von Mob mit Macheten ermordet:": a label or a kicker, not a name.
  if (/^[\p{L}\s]{2,40}:$/u.test(text)) return [];
  // "Foto: Jan Berg", "Bild: …": a picture's credit names its photographer, not the writer.
  if (PICTURE_LABEL.test(text)) return [];
  // "email (Name)" and "Name (email)": the name is what is not the address.
  const paren = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(text);
  if (paren && (EMAIL.test(paren[1] ?? '') || EMAIL.test(paren[2] ?? ''))) text = EMAIL.test(paren[1] ?? '') ? (paren[2] ?? '') : (paren[1] ?? '');
  text = text.replace(new RegExp(EMAIL.source, 'g'), ' ').trim();
  const interview = /^(?:ein(?:e|en)?\s+)?(?:interview|gespräch)\s+von\b/iu.test(text) || /^(?:an\s+)?interview\s+by\b/i.test(text);
  // "Posted on September 21, 2020 by Adi Tzlil": WordPress's date line, the name after its "by".
  text = text.replace(/^(?:posted|published|written|veröffentlicht|publié)\s+(?:on|am|le)\s+.{4,50}?\s+(?:by|von|par)\s+(?=\S)/iu, '');
  // "作者： 记者王敬照": the Chinese author label and the role "reporter" before the name.
  text = text.replace(/^(?:作者|撰文|撰稿)\s*[：:]\s*/u, '').replace(/^(?:記者|记者)\s*(?=\p{Script=Han}{2,4}$)/u, '');
  // "Richard David Precht im Gespräch mit Karin Fischer": the journalist of an interview is its author, the guest is not.
  text = text.replace(/^[\p{L}\s.'’-]{2,60}?\s+(?:im\s+gespräch\s+mit|in\s+conversation\s+with|en\s+conversation\s+avec)\s+(?=\p{Lu})/iu, '');
  // Twice: "Rezept von Zum Profil von backfee".
  for (let i = 0; i < 2; i++) text = text.replace(BYLINE_PREFIX, '').trim();
  text = text.replace(/^\p{L}{2,12}\s*:\s+(?=\p{L})/u, '');
  // "Monday, November 12, 2012, by Matthew Kang": a date line that ends in the credit; the name follows its "by".
  const leading = findDates(text, {}, 1)[0];
  if (leading && !text.slice(0, leading.index).replace(WEEKDAY_AT_END, '').trim()) {
    const credit = DATE_THEN_BY.exec(text.slice(leading.index + leading.length));
    if (credit) text = text.slice(leading.index + leading.length + credit[0].length);
  }
  // A name ends where a date begins ("Associated Press November 21, 2019").
  const date = findDates(text, {}, 1)[0];
  if (date)
    text = text
      .slice(0, date.index)
      .replace(WEEKDAY_AT_END, '')
      .replace(SHORT_WEEKDAY_AT_END, '')
      .replace(/[\s,|•·—–-]+(?:on|am|le|el|il|op|at|um|den|the)?[\s,|•·—–-]*$/i, '');
  // "Datum: 19.11.2021 ...": what stood before the date was its label.
  if (date && /^[\p{L}\s]{2,40}:\s*$/u.test(text)) return [];
  text = text.split(BYLINE_SEPARATOR)[0] ?? '';
  text = text
    .replace(/\s+(?:for|für|pour|para|per|voor)\s+.*$/i, '')
    // "Eingestellt von Weinlachgummi um 10:52": the preposition of a time cut off above.
    .replace(/\s+(?:on|am|um|at|le|el|il|op)$/i, '')
    .replace(/[\s,;:|•·—–-]+$/, '');
  // An interviewer's credit names the interviewee after "mit"/"with" ("Ein Interview von Eugen Zentner mit Sonja Silberhorn").
  if (interview) text = text.replace(/\s+(?:mit|with|avec|con)\s+\p{Lu}.*$/u, '');
  // "Posted by Tari of ClayButtons.com": the writer's shop or site after "of" is an outlet, the name stays.
  text = text.replace(/(?<=\p{L})\s+(?:of|from|von|de)\s+[\p{L}\p{N}-]{2,}\.[a-z]{2,6}$/u, '');
  if (looksLikeUrl(text)) return [];
  // "Jane Doe / example.com": the host is the site's credit beside the person's; the names stay.
  text = text
    .split(/\s*\/\s*/)
    .filter((part) => !looksLikeUrl(part) && !HOST_NAME.test(part))
    .join(' / ');
  if (!text || looksLikeUrl(text) || HOST_NAME.test(text) || text.length > 120) return [];
  const names: string[] = [];
  // Conjunctions in lower case only: "Sarah E. Needleman" has an initial, not the Portuguese "e".
  // "Ralph Steiner/Carlo Natter", "det/dpa", "上報快訊／范姜佳鈺": a slash separates names too (the desk goes below).
  for (const part of text.split(/\s*(?:,|;|&|،|\/|／)\s*|\s+(?:and|AND|And|und|et|y|e|en|i|og|och|و)\s+/u)) {
    let name = part
      .replace(/^(?:by|von|par|por)\s+/i, '')
      // "Auswärtige Autoren (AA)", "Jane Doe (Reuters)": what a parenthesis adds is no part of the name.
      .replace(/\s*\([^()]{0,40}\)?\s*$/u, '')
      .replace(/^[\s"'“”‘’(]+|[\s"'“”‘’).]+$/g, '')
      // An avatar's alt text and the name beside it: "Jane Doe Jane Doe".
      .replace(/^(.{2,40}?)\s+\1$/u, '$1')
      .trim();
    // "By ANDREW DALTON<br>AP Entertainment Writer": a job line run on after the name, read without its break.
    // The role and up to two words before it ("AP Entertainment", "Senior Political") go; the name keeps two words at least.
    const words = name.split(/\s+/);
    if (!names.length && words.length >= 4 && ROLE_AT_END.test(name)) name = words.slice(0, Math.max(2, words.length - 3)).join(' ');
    // "Reporting by Jason Hovet; Editing by Jan Harvey": the editors credited after the reporters are no authors.
    if (names.length && /^(?:\p{L}+\s+){1,2}by\s/iu.test(name)) break;
    if (
      ROLE.test(name) ||
      ROLE_AT_END.test(name) ||
      NOT_A_NAME.test(name) ||
      COLLECTIVE.test(name) ||
      NOT_NAME_WIDGET.test(name) ||
      /[+*=<>{}]/.test(name) ||
      (names.length && (AGENCY_NAME.test(name) || JOB_AT_END.test(name)))
    ) {
      // "Jane Doe, Staff Writer": a role ends the list of names.
      if (names.length) break;
      continue;
    }
    // "Olympia-Verlag GmbH, Nürnberg, Germany": an organisation opening the list is followed by its address.
    if (ORGANISATION.test(name)) {
      if (!names.length && name === (text.split(/\s*[,;]\s*/)[0] ?? '').trim()) return [];
      continue;
    }
    // "Do UOL, em São Paulo": a place after a lower-case preposition is where the credit was written, no name.
    if (/^(?:em|in|en|aus|à|na|no|from)\s+\p{Lu}/u.test(name)) continue;
    // Credentials after a name ("Grant Tinsley, PhD") are no name.
    if (CREDENTIAL.test(name)) continue;
    // A lower-case agency credited alone ("det/dpa": an editor's initials and the agency) is the agency.
    if (!names.length && /^\p{Ll}{2,4}$/u.test(name) && WIRE_AGENCY.test(name.toUpperCase())) {
      names.push(name);
      continue;
    }
    const person = name.replace(PAPER_AT_END, '');
    // A user handle the page shows as its byline ("Autor: gnaddrig", "Gespeichert von rasos") is how the
    // page credits its writer; an account name in a hidden field is not (see below), nor a default login.
    if (
      options.handles &&
      !names.length &&
      person === text &&
      person.length >= 4 &&
      USER_HANDLE.test(person) &&
      !ADMIN_HANDLE.test(person) &&
      !WIRE_AGENCY.test(person.toUpperCase())
    ) {
      names.push(person);
      continue;
    }
    // No capital in a cased script: a phrase ("signing up"), not a name.
    if (/\p{Ll}/u.test(person) && !/\p{Lu}/u.test(person)) continue;
    if (MEDIA_BRAND.test(person)) continue;
    const personWords = person.split(/\s+/);
    if (personWords.length >= 2 && personWords.some((word) => /^\p{Ll}{3,}$/u.test(word) && !NAME_PARTICLE.test(word))) continue;
    // One word in capitals ("KWCHCIK") is a CMS user code or an acronym, unless a wire agency's ("REUTERS").
    if (personWords.length === 1 && person.length > 4 && /^\p{Lu}+$/u.test(person) && !WIRE_AGENCY.test(person) && !AGENCY_NAME.test(person)) continue;
    if (person.length < 2 || person.length > 60 || /\d|@|https?:/.test(person) || person.split(/\s+/).length > 5) continue;
    // A CMS login ("jdadmin", "gto") is no name; nor are credentials after one ("Jane Doe, MS, RDN").
    // Initials ("GNB", "JKL") stand for an editor but name no one a reader could look up; a wire
    // agency's acronym alone ("AFP") is an organisation's credit, kept (DESIGN).
    if (/^\p{Ll}+$/u.test(person) || (/^\p{Lu}{2,4}$/u.test(person) && (names.length || !WIRE_AGENCY.test(person)))) continue;
    // A name written in capitals ("MAYY EL SHEIKH", "MARY CLARE JALONICK") ends in a word in capitals that is its
    // surname: only an agency the byline names by its known name is cut from it.
    const agency = AGENCY_AT_END.exec(person);
    const inCapitals = !/\p{Ll}/u.test(person);
    const tail = agency?.[0].trim().replace(/^the\s+/i, '') ?? '';
    const cut = agency && (!inCapitals || WIRE_AGENCY.test(tail) || AGENCY_NAME.test(tail)) ? person.slice(0, agency.index).trim() : person;
    names.push(cut || person);
  }
  return names;
}

// Legal forms and the word "Verlag" a company's registered name adds to its brand.
const LEGAL_FORM =
  /(?<![\p{L}\p{N}])(?:gmbh|mbh|ag|kg|kgaa|co|inc|llc|llp|ltd|limited|plc|corp|corporation|company|verlag|sa|sas|srl|spa|bv|nv|pty)(?![\p{L}\p{N}])\.?/giu;

function withoutLegalForm(name: string): string {
  return name.replace(LEGAL_FORM, ' ');
}

/** An author field that opens with the site's name ("unocero - Alberto Ávila") without it. */
function withoutLeadingSite(raw: string, siteNames: readonly string[], host: string): string {
  const parts = /^(.{2,60}?)\s+[-–—|]\s+(.+)$/.exec(raw.trim());
  return parts?.[1] && parts[2] && namesSite(parts[1], siteNames, host) ? parts[2] : raw;
}

// Some CMSs write an author node into the JSON-LD as a JSON string ("{ \"@type\":\"Person\", \"name\":\"Alice Wu\" }"):
// read as the node it encodes, never as a name.
function decodedNode(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*\{[\s\S]*\}\s*$/.test(value)) return value;
  try {
    const node: unknown = JSON.parse(value);
    return node && typeof node === 'object' ? node : null;
  } catch {
    return null;
  }
}

// Yoast and other graph-writing CMSs give the author as a reference ({"@id": ".../#/schema/person/..."}) to a
// Person node elsewhere in the @graph (JSON-LD 1.1, section 4.3 node identifiers): the name is that node's.
// That node is the CMS account that posted, often not the person the page credits (a web producer, the
// site's owner), so it is read apart and trusted last.
function referencedNode(value: unknown, byId: ReadonlyMap<string, JsonLdNode>): JsonLdNode | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const node = value as JsonLdNode;
  const id = node['@id'];
  return typeof id === 'string' && node.name === undefined ? (byId.get(id) ?? null) : null;
}

/** The text a reader sees in the body (no scripts or styles), lower-cased with single spaces. */
function visibleBodyText(doc: TreeDocument): string {
  return shownBodyText(doc).toLowerCase();
}

/** Text folded for comparing names as a reader reads them: accents dropped, lower case ("Revolutionnaire" is "Révolutionnaire"). */
function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const ARTICLE_TAGS = new Set(['article', 'main']);

/**
 * The text of the site's own furniture: its navigation and the footers outside the article (the copyright
 * line "© 2019 nh24 by <owner>", a masthead's "Site d'information du <collective>"), folded.
 */
function furnitureText(doc: TreeDocument): string {
  if (!doc.body) return '';
  let text = '';
  walkElements(doc.body, (element) => {
    const tag = element.localName;
    if (tag !== 'nav' && !(tag === 'footer' && !closestTag(element, ARTICLE_TAGS))) return undefined;
    text += ` ${element.textContent ?? ''}`;
    return text.length > 100_000 ? false : 'skip';
  });
  return foldText(normalizeSpace(text));
}

/** The text of the page's body a reader sees, case kept (no scripts, navigation, footers, asides). */
function shownBodyText(doc: TreeDocument): string {
  if (!doc.body) return '';
  let text = '';
  const stack: TreeNode[] = [doc.body];
  while (stack.length && text.length < 500_000) {
    const node = stack.pop() as TreeNode;
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if (node.nodeType === 1 && !NOT_BYLINE_TAGS.has((node as TreeElement).localName)) {
      text += ' ';
      const children = (node as TreeElement).childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as TreeNode);
    }
  }
  return normalizeSpace(text);
}

/** The nodes of a page's JSON-LD that name something, by their @id. */
function nodesById(nodes: readonly JsonLdNode[]): Map<string, JsonLdNode> {
  const byId = new Map<string, JsonLdNode>();
  for (const node of nodes) {
    const id = node['@id'];
    if (typeof id === 'string' && node.name !== undefined && !byId.has(id)) byId.set(id, node);
  }
  return byId;
}

function jsonLdAuthors(
  node: JsonLdNode | null,
  byId: ReadonlyMap<string, JsonLdNode>,
): { people: string[]; organisations: string[]; referenced: string[]; handles: string[] } {
  const handles: string[] = [];
  const people: string[] = [];
  const organisations: string[] = [];
  const referenced: string[] = [];
  for (const listed of [...jsonLdList(node?.author), ...jsonLdList(node?.creator)]) {
    const target = referencedNode(listed, byId);
    if (target) {
      const name = clean(jsonLdText(target), 200);
      // Read as shown: it counts only when the page shows it (see readMetadata), so a handle may stand.
      if (name && isPerson(target)) referenced.push(...splitAuthorNames(name, { handles: true }));
      continue;
    }
    const author = decodedNode(listed);
    const name = clean(jsonLdText(author), 200);
    if (!name || looksLikeUrl(name)) continue;
    const isOrg = typeof author === 'object' && author !== null && !isPerson(author);
    // An author node with no type at all that names a staff account ("News4Max Staff", the posting account of
    // an SEO plugin) is no organisation's credit; one typed Organization keeps DESIGN's rule (golden page
    // organisation-author).
    const untyped = typeof author === 'object' && author !== null && !('@type' in author) && !('type' in author);
    if (isOrg && untyped && COLLECTIVE.test(name)) continue;
    if (isOrg) organisations.push(name);
    else {
      const names = splitAuthorNames(name);
      people.push(...names);
      // A Person named by a user handle ("jesusfreak"): kept apart, trusted only when the page shows it.
      if (!names.length) handles.push(...splitAuthorNames(name, { handles: true }));
    }
  }
  return { people: unique(people), organisations: unique(organisations), referenced: unique(referenced), handles: unique(handles) };
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

// "byline" glued to a prefix ("nodebyline", "postbyline") names a byline as plainly.
const BYLINE_CLASS = /(?:^|[\s_-])(?:byline|by-line|posted[-_]?by|author|contributor|writer|reporter|autor|auteur)|[a-z]byline(?![a-z])/i;
// The same words as a camelCase hump ("documentByLine", "documentAuthor", "postAuthor").
const BYLINE_CLASS_HUMP = /\p{Ll}(?:By[Ll]ine|Author|Autor|Contributor|Writer|Reporter)/u;
// Author names in comments, author boxes of related stories, and page furniture are not the byline.
// Drupal marks an article node "node-promoted" (promoted to the front page): that is no promo box. A widget is the
// sidebar's (a book shop's "author_widget" of the blogger's books: a cover's alt text equal to its title link).
const NOT_BYLINE_AREA = /comment|reply|respond|related|recommend|sidebar|teaser|promo(?!ted)|newsletter|share|social|widget/i;
// A blockquote quotes someone else: an embedded post's "Posted by" line is that post's.
const NOT_BYLINE_TAGS = new Set(['nav', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'select', 'button', 'blockquote']);

// An element's text with a space where elements meet: bylines put the name and the date in sibling
// spans ("Carrie Arnold" "November 18, 2019"), which textContent runs together.
function spacedText(root: TreeElement, options: { menus?: boolean; categories?: boolean } = {}): string {
  let text = '';
  const stack: TreeNode[] = [root];
  while (stack.length && text.length < 2000) {
    const node = stack.pop() as TreeNode;
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if (node.nodeType === 1) {
      if (options.menus === false && node !== root && isMenu(node as TreeElement)) continue;
      if (options.categories === false && node !== root && CATEGORY_CLASS.test((node as TreeElement).getAttribute('class') ?? '')) continue;
      text += ' ';
      const children = (node as TreeElement).childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as TreeNode);
    }
  }
  return text;
}

// What joins a date that opens an element's own text to a credit whose name stands in a child ("2012-10-09 by <a>…</a>").
const DATE_THEN_BY_ONLY = /^[\s,|•·—–-]*(?:(?:at|um|à)\s+\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?[\s,|•·—–-]*)?(?:by|von|par|por)(?:\s|$)/iu;

/** Whether a line opens with a date (a weekday before it at most) followed by "by": the post line of a blog template. */
function opensWithDateThenBy(text: string): boolean {
  const leading = findDates(text, {}, 1)[0];
  if (!leading || text.slice(0, leading.index).replace(WEEKDAY_AT_END, '').trim()) return false;
  return DATE_THEN_BY_ONLY.test(text.slice(leading.index + leading.length));
}

// A line that opens with "By" (or a phrase announcing the author: "Written by", "Ein Artikel von", the
// Danish and Norwegian "Af"/"Av", "Post written by") and a capitalised word is a byline even without markup ("Von Anna
// Berg und Tom Kraus", "Por Alberto Ávila"); the name may stand in a child element ("Ein Artikel von
// <strong>Pamela Sladky</strong>").
const OPENING_WORDS =
  /^\s*(?:(?:(?:this\s+(?:entry|post|article|story)\s+)?(?:this\s+)?was\s+written\s+by|(?:(?:(?:post|entry|article|story)\s+)?(?:written|posted|submitted|story|words|reported|reporting|text)\s+)?by)|(?:(?:ein(?:e|en)?\s+)?(?:(?:blog\s*)?beitrag|artikel|text|bericht|gastbeitrag|kommentar|interview|gespräch|geschrieben|verfasst|erstellt|eingestellt|gespeichert)\s+)?von|(?:propos\s+)?recueilli(?:e|s|es)?\s+par|par|por|di|door|af|av)(?=[:\s]|$)/iu;
// A label that names the field after it as the author: "Autor: Fritz Imhof", "<b>Autor:</b> <a>gnaddrig</a>",
// "<h4>Autor</h4><p>Nikolai Huke</p>", "<span>| By </span><span>Cara Stiles</span>".
const AUTHOR_LABEL =
  /^[\s|•·—–-]*(?:by|von|autor(?:in)?|autoren|author|authors|auteur|autore|verfasser(?:in)?|geschrieben von|verfasst von|eingestellt von|gespeichert von|erstellt von|posted by|written by|reporting by)\s*:?\s*$/iu;
// A credit announced by such a word or label may stand below the story (a blog engine's post footer,
// "Reporting by ..." at the end, an "Autor:" field), where an unannounced name would be a teaser's.
const ANNOUNCED = new RegExp(`${OPENING_WORDS.source}|^\\s*(?:autor(?:in)?|author|verfasser(?:in)?)\\s*:`, 'iu');
// A member's or author's profile page: /user/…, /profil/…, /members/…, /author/…, /@handle, ?u=79003.
const PROFILE_LINK =
  /\/(?:users?|members?|profiles?|profil|people|benutzer|nutzer|mitglied(?:er)?|authors?|autor(?:en)?|auteurs?)\/[^/?#\s]+|\/@[\w.-]+\/?$|[?&](?:u|uid|user(?:id)?|member(?:id)?)=\d+/i;
// An author label opening a line of the element's own text, the name after it ("Author: <a>…</a>, Datum: …").
// Chinese pages label the author "作者：" (with a full-width colon), often before the role "记者" and the name.
const LABEL_OPENING = /^\s*(?:(?:autor(?:in)?|author|auteur|autore|verfasser(?:in)?)\s*:|(?:作者|撰文|撰稿)\s*[：:])\s*/iu;
const BYLINE_OPENING = new RegExp(`${OPENING_WORDS.source}[:\\s]+\\p{Lu}`, 'iu');
// Chinese-language papers open the story with the reporter: "〔記者巫其倫／台北報導〕", "（记者 王芳/北京报道）".
const REPORTER_OPENING = /^[\s〔【（([]*[記记]者\s*(\p{Script=Han}{2,4})\s*[／/]/u;
// <font> and <td>: table-laid pages set their credit lines in them.
const BYLINE_LINE_TAGS = new Set(['p', 'div', 'span', 'address', 'strong', 'em', 'b', 'small', 'li', 'h4', 'h5', 'h6', 'font', 'td']);
// How far from the headline a byline may stand, in characters of text: bylines sit just above or
// below it; an author name further down belongs to a teaser, an author box or a sidebar.
const BEFORE_HEADLINE_CHARS = 600;
const AFTER_HEADLINE_CHARS = 1500;

// A sentence of up to 80 characters that ends in a full stop after a word of two letters or more (not an initial: "K.G.").
const FIRST_SENTENCE = /^.{4,80}?(?<=\p{L}{2})\.(?=\s+\p{Lu})/u;
// An author card (avatar, name, job line, a short bio, follow buttons) is short; a longer block is a post.
const CARD_CHARS = 600;

const CREDIT_LINE_CLASS = /(?:^|[\s_-])credits?(?:$|[\s_-])/i;
const PICTURE_AREAS = new Set(['figure', 'figcaption', 'picture']);
// A label that opens a picture's credit: "Foto:", "Photo:", "Bild:", the Bulgarian "Снимка:".
const PICTURE_LABEL = /^(?:fotos?|photos?|photograph|bild(?:er)?|снимк[аи]|фото|images?|imagen|immagine|pictures?|illustrations?|grafik)\s*:/iu;
const PICTURE_CREDIT = /\b(?:photo|foto|bild|image|picture|illustration|getty|shutterstock|istock|imago)|©|\(c\)/i;

function hasImage(root: TreeElement): boolean {
  let found = false;
  walkElements(root, (element) => {
    found = element.localName === 'img' || element.localName === 'picture';
    return found ? false : undefined;
  });
  return found;
}

function hasLogo(root: TreeElement): boolean {
  let found = false;
  walkElements(root, (element) => {
    found = element.getAttribute('itemprop') === 'logo';
    return found ? false : undefined;
  });
  return found;
}

function ownText(element: TreeElement): string {
  let text = '';
  const children = element.childNodes;
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as TreeNode;
    if (child.nodeType === 3) text += child.textContent ?? '';
  }
  return text;
}

// The first line of an element's text: up to its first <br> ("Von A und B<br>Kakuma").
function firstLineText(root: TreeElement): string {
  let text = '';
  const stack: TreeNode[] = [root];
  while (stack.length && text.length < 400) {
    const node = stack.pop() as TreeNode;
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if (node.nodeType === 1) {
      if ((node as TreeElement).localName === 'br' && text.trim()) break;
      text += ' ';
      const children = (node as TreeElement).childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as TreeNode);
    }
  }
  return text;
}

// Blocks that stand apart from the line after them: a list of categories, an icon.
const APART_BEFORE_LINE = new Set(['div', 'ul', 'ol', 'p', 'section', 'figure', 'img', 'table']);

/**
 * An element's line from its first own text on ("<div class=cats>…</div> By <a>Jane Doe</a> | Nov 06"), up to
 * a <br>: a block before it (categories, an icon) is left out. An inline element before it is the line's start
 * ("<a>Website Design</a> by <a>Studio</a>": a theme's credit), so then there is no such line.
 */
function lineFromOwnText(element: TreeElement): string {
  let text = '';
  const children = element.childNodes;
  for (let i = 0; i < children.length && text.length < 400; i++) {
    const node = children[i] as TreeNode;
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if (node.nodeType === 1 && text.trim()) {
      if ((node as TreeElement).localName === 'br') break;
      text += ` ${node.textContent ?? ''}`;
    } else if (node.nodeType === 1 && !APART_BEFORE_LINE.has((node as TreeElement).localName) && normalizeSpace(node.textContent ?? '')) return '';
  }
  return text;
}

/** The name an author card shows twice: as its avatar's alt text and as the whole text of one of its elements. */
function avatarName(card: TreeElement): string | null {
  const alts: string[] = [];
  const texts = new Set<string>();
  walkElements(card, (element) => {
    const alt = normalizeSpace(element.getAttribute('alt') ?? '');
    if (element.localName === 'img' && alt.length >= 3 && alt.length <= 60) alts.push(alt);
    const text = normalizeSpace(element.textContent ?? '');
    if (text.length >= 3 && text.length <= 60) texts.add(text.toLowerCase());
    return undefined;
  });
  return alts.find((alt) => texts.has(alt.toLowerCase())) ?? null;
}

// The post itself (WordPress's "hentry", TypePad's "entry"), whose other classes may name its author
// ("entry-author-eddie_ross", "author-kgs"): the post's block, not a byline element.
const POST_BLOCK_CLASS = /(?:^|\s)(?:hentry|post|entry|type-post)(?:\s|$)/i;

// A blog template's meta section of the post ("entry-footer", "post-meta", "entry-info"): what it credits is the post's.
const POST_META_CLASS = /(?:^|[\s_-])(?:entry|post)[-_]?(?:footer|meta|info|details)(?:$|[\s_-])/i;

/** Whether the element stands in the post's own meta section (an author block in the footer under the story). */
function inPostMeta(element: TreeElement): boolean {
  for (let up = element.parentElement; up && up.localName !== 'body'; up = up.parentElement) {
    if (POST_META_CLASS.test(up.getAttribute('class') ?? '')) return true;
  }
  return false;
}

/** An element marked as a byline: rel=author, itemprop=author, a byline or author class, NewsML's <byline>. */
function isMarkedByline(element: TreeElement): boolean {
  const itemprop = element.getAttribute('itemprop');
  if (POST_BLOCK_CLASS.test(element.getAttribute('class') ?? '') && itemprop !== 'author' && element.localName !== 'byline') return false;
  return (
    // <byline> is the NewsML/NITF element some CMSs print as it is.
    element.localName === 'byline' ||
    (element.getAttribute('rel') ?? '').split(/\s+/).includes('author') ||
    itemprop === 'author' ||
    itemprop === 'creator' ||
    BYLINE_CLASS.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`) ||
    BYLINE_CLASS_HUMP.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)
  );
}

/** The name schema.org microdata gives an author without showing it: <span itemprop=author><meta itemprop=name content=...>. */
function microdataName(author: TreeElement): string | null {
  let name: string | null = null;
  walkElements(author, (element) => {
    if (element.getAttribute('itemprop') === 'name') name = element.getAttribute('content');
    return name ? false : undefined;
  });
  return name;
}

/**
 * Author names schema.org microdata states without showing them (<span itemprop=author itemscope
 * itemtype=Person><meta itemprop=name content="Diêgo Holanda"></span>): structured like JSON-LD,
 * read wherever the author element stands, except in comments.
 */
function microdataAuthors(doc: TreeDocument): string[] {
  if (!doc.body) return [];
  const names: string[] = [];
  walkElements(doc.body, (element) => {
    if (/comment/i.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('itemtype') ?? ''}`)) return 'skip';
    const itemprop = element.getAttribute('itemprop');
    if (itemprop !== 'author' && itemprop !== 'creator') return undefined;
    const name = microdataName(element);
    if (name) names.push(...splitAuthorNames(name));
    return names.length >= 5 ? false : 'skip';
  });
  return unique(names);
}

// A post's categories or tags ("cats", "category", "post-tags", "rubrik").
const CATEGORY_CLASS = /(?:^|[\s_-])(?:cats?|categor(?:y|ies)|tags?|rubri[ck]s?)(?:$|[\s_-])/i;
// A list or a drop-down menu of the author's links (profile, e-mail, networks) that a byline opens on a click.
const MENU_CLASS = /(?:^|[\s_-])(?:dropdown|drop-down|menu|popup|popover|flyout)(?:$|[\s_-])/i;

function isMenu(element: TreeElement): boolean {
  return element.localName === 'ul' || element.localName === 'ol' || element.localName === 'menu' || MENU_CLASS.test(element.getAttribute('class') ?? '');
}

/** The names a byline element gives: its text, or the microdata name it carries without showing it. */
function bylineNames(element: TreeElement): string[] {
  // A theme's byline row holds the post's categories beside the author ("<div class='byline-part cats'>Wein &
  // Geschmack</div> · date"): a category is no name.
  const text = spacedText(element, { categories: false });
  if (normalizeSpace(text)) {
    // "Jason Schreier" beside a drop-down of "View Profile", "Email", "Twitter": the name is the text outside the menu.
    const outside = normalizeSpace(spacedText(element, { menus: false, categories: false }));
    const fromOutside = outside && outside !== normalizeSpace(text) && outside.length <= 160 ? splitAuthorNames(outside, { handles: true }) : [];
    if (fromOutside.length) return fromOutside;
    return normalizeSpace(text).length > 160 ? [] : splitAuthorNames(text, { handles: true });
  }
  const itemprop = element.getAttribute('itemprop');
  const hidden = itemprop === 'author' || itemprop === 'creator' ? microdataName(element) : null;
  return hidden ? splitAuthorNames(hidden) : [];
}

/**
 * The names of the byline elements inside a byline-marked block, when it has any: a block named for
 * date and author ("created_and_author") holds the section, the date and a contact line beside the
 * author element, whose text alone is the byline.
 */
function innerBylineNames(block: TreeElement): string[] {
  const names: string[] = [];
  walkElements(block, (element) => {
    if (!isMarkedByline(element)) return undefined;
    names.push(...bylineNames(element));
    return 'skip';
  });
  return unique(names);
}

// The words after "By"/"Von" start with a capital ("By signing up, you agree" is no byline); a lower-case
// user handle alone stands as the page shows it ("Gespeichert von rasos am 24. Juli 2017").
function opensWithCapital(text: string): boolean {
  const rest = text.replace(OPENING_WORDS, '').replace(/^[:\s]+/, '');
  const handle = /^(\S+)(?:\s+(?:am|um|on|at|le|el|il|op)\b|\s*[|•·—–,-]|\s*$)/u.exec(rest)?.[1] ?? '';
  return /^\p{Lu}/u.test(rest) || (text.length <= 80 && USER_HANDLE.test(handle));
}

/**
 * The names written after an author label (AUTHOR_LABEL) in the element's parent: the following text
 * and inline elements up to a line break or a block, or the next element's text when the label stands
 * alone in a block of its own ("<h4>Autor</h4><p>Nikolai Huke</p>").
 */
function labelledNames(label: TreeElement): string[] {
  const parent = label.parentElement;
  if (!parent) return [];
  const siblings = parent.childNodes;
  let text = '';
  let after = false;
  for (let i = 0; i < siblings.length && text.length < 120; i++) {
    const node = siblings[i] as TreeNode;
    if (node === label) {
      after = true;
      continue;
    }
    if (!after) continue;
    if (node.nodeType === 3) text += node.textContent ?? '';
    else if (node.nodeType === 1) {
      const element = node as TreeElement;
      if (element.localName === 'br' && text.trim()) break;
      if (AUTHOR_LABEL.test(normalizeSpace(element.textContent ?? '')) || /:\s*$/.test(normalizeSpace(element.textContent ?? ''))) break;
      text += ` ${element.textContent ?? ''}`;
    }
  }
  if (!normalizeSpace(text)) text = label.nextElementSibling?.textContent ?? '';
  text = normalizeSpace(text);
  return text && text.length <= 80 ? splitAuthorNames(text, { handles: true }) : [];
}

/** The names an author field inside the block gives ("Datum: 19.11.2021 <br> Autor: Fritz Imhof <br> Quelle: ..."). */
function labelledFieldNames(block: TreeElement): string[] {
  let names: string[] = [];
  walkElements(block, (element) => {
    if (!AUTHOR_LABEL.test(normalizeSpace(element.textContent ?? ''))) return undefined;
    names = labelledNames(element);
    return names.length ? false : 'skip';
  });
  return names;
}

// Headings that link to another page are teasers' titles (a blog's home page, a list of stories): a byline
// under one is that teaser's.
function isLinkedHeading(heading: TreeElement): boolean {
  const text = normalizeSpace(heading.textContent ?? '');
  let linked = false;
  walkElements(heading, (element) => {
    linked = element.localName === 'a' && Boolean(element.getAttribute('href')) && normalizeSpace(element.textContent ?? '').length >= text.length * 0.8;
    return linked ? false : undefined;
  });
  return linked;
}

/** A heading's text, or the alt text of the image it is set in (a title rendered as a picture by a blog plugin). */
function headingText(heading: TreeElement): string {
  const text = normalizeSpace(heading.textContent ?? '');
  if (text) return text;
  let alt = '';
  walkElements(heading, (element) => {
    if (element.localName === 'img') alt = normalizeSpace(element.getAttribute('alt') ?? '');
    return alt ? false : undefined;
  });
  return alt;
}

const headingTexts = (elements: readonly TreeElement[]): string[] =>
  elements.map((heading) => clean(heading.textContent, 500)).filter((text): text is string => Boolean(text));

/**
 * Whether a heading is wholly a link to the site's home or to a page above this one (a blog's home
 * on a shared host, blog.example/someone for blog.example/someone/e/123): the site's logo, not a
 * headline. A link to the page itself or to another article is neither.
 */
function linksHome(heading: TreeElement, pageUrl: string): boolean {
  if (!isLinkedHeading(heading)) return false;
  let href: string | null = null;
  walkElements(heading, (element) => {
    if (element.localName === 'a') href = element.getAttribute('href');
    return href ? false : undefined;
  });
  const target = resolveHttpUrl(href, pageUrl);
  const page = resolveHttpUrl(ARCHIVED.exec(pageUrl)?.[1] ?? pageUrl);
  if (!target || !page) return false;
  const link = new URL(target);
  const here = new URL(page);
  if (link.hostname.replace(/^www\./, '') !== here.hostname.replace(/^www\./, '') || link.search) return false;
  const path = link.pathname.replace(/\/+$/, '');
  return path === '' || (here.pathname.startsWith(`${path}/`) && here.pathname.replace(/\/+$/, '') !== path);
}

/**
 * The message of a page that states no title and has no heading: a bot check or an error page
 * ("Request unsuccessful. Incapsula incident ID: ..."). Only a page whose whole visible text is short
 * is such a page; its first sentence is its title.
 */
function interstitialMessage(doc: TreeDocument): { value: string; source: FieldSource } | null {
  const text = shownBodyText(doc);
  if (!text || text.length > 400) return null;
  const sentence = text.split(/[.!?…]+(?:\s|$)/)[0]?.trim() ?? '';
  return sentence.length >= 8 && sentence.length <= 120 && /\s/.test(sentence) ? { value: sentence, source: 'heuristic' } : null;
}

/** The largest block around the headline that holds little more than it: the article's header. */
function headerBlock(headline: TreeElement): TreeElement {
  const own = normalizeSpace(headline.textContent ?? '').length;
  let block = headline;
  for (let up = headline.parentElement; up && up.localName !== 'body'; up = up.parentElement) {
    if (normalizeSpace(up.textContent ?? '').length > own + 1000) break;
    block = up;
  }
  return block;
}

const SUBHEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
// The heading of an author box ("About the author", "Über den Autor"): the name under it is the writer's.
const AUTHOR_BOX_HEADING = /author|autor|auteur|writer|verfasser|about|über|à propos|sobre|redakteur|journalist|contributor/i;

interface BylineCandidate {
  names: string[];
  at: number;
  /** Announced by a byline word or an author label, so it may stand away from the headline. */
  announced: boolean;
  /** Under a heading that is a link to another page: a teaser's byline. */
  underTeaser: boolean;
  /** The element whose text the reader read just before this one (none for a heading that is itself the label). */
  afterText?: TreeElement | null;
}

/**
 * The byline the reader sees: an element marked as one (rel=author, itemprop=author, a byline or
 * author class), else a short line opening with "By" or an author label. When the headline is found
 * in the body, only bylines near it count, or else one announced by a byline word or an author label
 * below it (a post footer's "Eingestellt von", "Reporting by", an "Autor:" field).
 */
function visibleBylines(doc: TreeDocument, headline: string | null): string[] {
  if (!doc.body) return [];
  const marked: BylineCandidate[] = [];
  const lines: BylineCandidate[] = [];
  // The blocks around the headline are the article's header, whatever their class says: a header
  // module named "imageTeaser" or a wrapper named "signa-share" (signature and share buttons) holds the
  // byline, not a teaser's.
  const header = new Set<TreeElement>();
  let headerRoot: TreeElement | null = null;
  let headlineElement: TreeElement | null = null;
  walkElements(doc.body, (element) => {
    if (!headline || !/^h[1-3]$/.test(element.localName) || tokenF1(headingText(element), headline) < 0.6) return undefined;
    for (let up = element.parentElement; up; up = up.parentElement) header.add(up);
    headerRoot = headerBlock(element);
    headlineElement = element;
    return false;
  });
  // In the headline's block or the one around it (a <header> holding the h1 and an <aside> of author and date).
  const besideHeadline = (element: TreeElement): boolean =>
    headlineElement !== null &&
    (element.parentElement === headlineElement.parentElement || element.parentElement === headlineElement.parentElement?.parentElement);
  const inHeader = (element: TreeElement): boolean => header.has(element) || (headerRoot !== null && isInside(element, headerRoot));
  let offset = 0;
  let previousText: TreeElement | null = null;
  let headlineAt: number | null = null;
  let teaserHeading: TreeElement | null = null;
  // Under a teaser: in the block that holds the last linked heading (its grandparent: a title wrapper and a meta line).
  const teaserOf = (element: TreeElement): boolean => {
    const block = teaserHeading?.parentElement?.parentElement;
    return Boolean(block && block.localName !== 'body' && isInside(element, block));
  };
  const announcedText = (element: TreeElement): boolean => ANNOUNCED.test(normalizeSpace(firstLineText(element)));
  walkElements(doc.body, (element) => {
    // An <aside> inside the article's header is its meta box (author and date beside the headline), not a sidebar.
    if (NOT_BYLINE_TAGS.has(element.localName) && !(element.localName === 'aside' && besideHeadline(element))) return 'skip';
    // A schema.org comment (itemprop=comment, itemtype Comment) is a reader's, whatever its class says.
    const className = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''} ${element.getAttribute('itemprop') === 'comment' ? 'comment' : ''} ${/Comment$/.test(element.getAttribute('itemtype') ?? '') ? 'comment' : ''}`;
    if (NOT_BYLINE_AREA.test(className) && !/byline/i.test(className) && !inHeader(element)) return 'skip';
    const own = ownText(element);
    const at = offset;
    offset += own.length;
    // What the reader read just before this element (judged only for a byline found far below, in `below`).
    const afterText = SUBHEADINGS.has(element.localName) ? null : previousText;
    if (/\S/.test(own)) previousText = element;
    if (/^h[1-6]$/.test(element.localName)) {
      const isHeadline = headline !== null && tokenF1(headingText(element), headline) >= 0.6;
      if (headlineAt === null && isHeadline && /^h[1-3]$/.test(element.localName)) {
        headlineAt = at;
        teaserHeading = null;
        return undefined;
      }
      // A linked h1 is the site's logo more often than a teaser.
      // A heading that is itself a byline ("<h3 class=byline>By <a>SELINA WILLIAMS</a></h3>", the name linked to a
      // search for the writer's stories) credits the article, it is no teaser's title.
      const byline = isMarkedByline(element) || BYLINE_OPENING.test(normalizeSpace(element.textContent ?? ''));
      if (!isHeadline && element.localName !== 'h1' && !byline && isLinkedHeading(element)) teaserHeading = element;
    }
    const underTeaser = teaserOf(element);
    // A credit line in the article's header, after the headline and outside any picture ("<p class=credit>JIJI</p>"):
    // the story's source. A picture's credit names the photographer or the agency of the photo.
    if (headlineAt !== null && CREDIT_LINE_CLASS.test(className) && inHeader(element) && !closestTag(element, PICTURE_AREAS) && !hasImage(element)) {
      const text = normalizeSpace(spacedText(element));
      const names = text.length <= 60 && !PICTURE_CREDIT.test(text) ? splitAuthorNames(text) : [];
      if (names.length) marked.push({ names, at, announced: false, underTeaser });
      return 'skip';
    }
    // A byline-classed wrapper around the headline ("title-byline": the h1 and, beside it, the byline) is the
    // article's header: the headline and the byline are read inside it, not the whole as one name.
    if (isMarkedByline(element) && headlineElement !== null && isInside(headlineElement, element)) return undefined;
    if (isMarkedByline(element)) {
      // A picture's credit in an author-classed element ("<span class=…--autor>Foto: Ingo Schneider", "Снимка: Getty
      // Images") names the photographer or the picture agency, not the story's writer.
      if (closestTag(element, PICTURE_AREAS) || PICTURE_LABEL.test(normalizeSpace(spacedText(element)))) return 'skip';
      // An author card (avatar, name, job line, follow button) reads as no byline as a whole; its
      // name is the one the avatar's alt text and a line of the card both give.
      // A whole post whose class names its author ("entry-author-jane_doe") is no card: a picture's alt text
      // there that equals a link's text names the picture's subject.
      const carded = hasLogo(element) || normalizeSpace(spacedText(element)).length > CARD_CHARS ? null : avatarName(element);
      const cardNames = carded ? splitAuthorNames(carded, { handles: true }) : [];
      if (cardNames.length) {
        marked.push({ names: cardNames, at, announced: false, underTeaser });
        return 'skip';
      }
      const text = spacedText(element);
      // An author's bio box holds a name in a nested element; a long block is a bio.
      if (normalizeSpace(text).length > 160) return undefined;
      // A publisher block (name and logo) in an author slot names no person.
      if (hasLogo(element)) return 'skip';
      const inner = innerBylineNames(element);
      const names = inner.length ? inner : bylineNames(element);
      const fielded = names.length ? names : labelledFieldNames(element);
      if (!fielded.length) return 'skip';
      // Schema.org's itemprop=author and rel=author state the author as plainly as a label does: such an element
      // below the story (an editor line after the text) counts when nothing stands near the headline.
      const stated = element.getAttribute('itemprop') === 'author' || (element.getAttribute('rel') ?? '').split(/\s+/).includes('author');
      // "This entry was written by <span class=author>matt</span>, posted on …": the line around the name announces it.
      const announcedAround = element.parentElement !== null && OPENING_WORDS.test(ownText(element.parentElement));
      // A class that says "posted by" ("posted-by") announces its name as plainly as the words would.
      const postedBy = /posted[-_]?by/i.test(className);
      marked.push({
        names: fielded,
        at,
        announced: announcedText(element) || announcedAround || postedBy || inPostMeta(element) || !names.length || stated,
        underTeaser,
        afterText,
      });
      return 'skip';
    }
    // A link to the poster's profile page beside the headline, with no byline markup (a deal or forum post's
    // "<img avatar> <a href=/user-uebersicht/?u=79003>MikeNils</a> 18.10.2019"): the page's author.
    if (element.localName === 'a' && headlineAt !== null && inHeader(element) && PROFILE_LINK.test(element.getAttribute('href') ?? '')) {
      const text = normalizeSpace(element.textContent ?? '');
      const names = text.length <= 40 ? splitAuthorNames(text, { handles: true }) : [];
      if (names.length) lines.push({ names, at, announced: false, underTeaser });
      return 'skip';
    }
    const reporter = REPORTER_OPENING.exec(own)?.[1];
    if (reporter && BYLINE_LINE_TAGS.has(element.localName)) lines.push({ names: [reporter], at, announced: true, underTeaser, afterText });
    else if (BYLINE_LINE_TAGS.has(element.localName) && OPENING_WORDS.test(own)) {
      // The line opens where the element's own text does: a block of categories or an icon before "By" is no part of it.
      const whole = normalizeSpace(firstLineText(element));
      const line = BYLINE_OPENING.test(whole) ? whole : normalizeSpace(lineFromOwnText(element));
      // "This was written by K.G. Schneider. Posted on … Filed under …": a long meta line's first sentence is the byline.
      const text = line.length <= 120 ? line : (FIRST_SENTENCE.exec(line)?.[0] ?? line);
      const names = text.length <= 120 && BYLINE_OPENING.test(text) && opensWithCapital(text) ? splitAuthorNames(text, { handles: true }) : [];
      if (names.length) lines.push({ names, at, announced: true, underTeaser, afterText });
    } else if (BYLINE_LINE_TAGS.has(element.localName) && opensWithDateThenBy(normalizeSpace(own))) {
      // "2012-10-09 by <a>Herb Sutter</a>": a blog's post line of the date and the credit; the name follows its "by".
      const text = normalizeSpace(firstLineText(element));
      const names = text.length <= 120 ? splitAuthorNames(text, { handles: true }) : [];
      if (names.length) lines.push({ names, at, announced: true, underTeaser, afterText });
    } else if (BYLINE_LINE_TAGS.has(element.localName) && LABEL_OPENING.test(own) && !AUTHOR_LABEL.test(normalizeSpace(element.textContent ?? ''))) {
      // "Author: <a>Gàbor Muniér</a>, Datum: 03.Mär.19": the label and the name on one line of other fields.
      const text = normalizeSpace(firstLineText(element));
      const rest = text.replace(LABEL_OPENING, '');
      const names = text.length <= 120 && /^[\p{Lu}\p{Script=Han}]/u.test(rest) ? splitAuthorNames(text, { handles: true }) : [];
      if (names.length) lines.push({ names, at, announced: true, underTeaser, afterText });
    } else if (
      (BYLINE_LINE_TAGS.has(element.localName) || /^(?:h[3-6]|dt|label|b)$/.test(element.localName)) &&
      AUTHOR_LABEL.test(normalizeSpace(element.textContent ?? ''))
    ) {
      const names = labelledNames(element);
      if (names.length) lines.push({ names, at, announced: true, underTeaser, afterText });
    }
    return undefined;
  });
  const own = (candidate: BylineCandidate): boolean => !candidate.underTeaser;
  if (headlineAt === null) return unique(marked.find(own)?.names ?? []);
  const anchor: number = headlineAt;
  const near = (candidate: BylineCandidate): boolean =>
    own(candidate) && candidate.at >= anchor - BEFORE_HEADLINE_CHARS && candidate.at <= anchor + AFTER_HEADLINE_CHARS;
  // A byline below the story's opening counts, but not one that opens a section under a crosshead ("A city
  // upended" / "By Nada Tawfik, BBC News, New York"): that credits the section or a second story, not the page.
  const afterCrosshead = (candidate: BylineCandidate): boolean => {
    const heading = candidate.afterText ? closestTag(candidate.afterText, SUBHEADINGS) : null;
    return heading !== null && heading !== headlineElement && !AUTHOR_BOX_HEADING.test(heading.textContent ?? '');
  };
  const below = (candidate: BylineCandidate): boolean => own(candidate) && candidate.announced && candidate.at > anchor && !afterCrosshead(candidate);
  // A user handle ("Gespeichert von human") gives way to a name near the headline ("Blog Beitrag von Margarita Koreneva").
  const named = (candidate: BylineCandidate): boolean => !candidate.names.every((name) => USER_HANDLE.test(name));
  const nearby = [...marked.filter(near), ...lines.filter(near)];
  return unique((nearby.find(named) ?? nearby[0] ?? [...marked, ...lines].sort((a, b) => a.at - b.at).find(below))?.names ?? []);
}

/**
 * Structured authors give way to the visible byline when they name only a wire agency or an
 * organisation (DESIGN: organisations only when no person is named; "Associated Press" in meta
 * beside "By ANDREW DALTON"), or when a meta author is never shown on the page and the byline the
 * reader sees names someone (a posting account beside "Ein Interview von Eugen Zentner").
 */
function preferShownPeople(
  people: Sourced<string[]> | null,
  organisations: ReadonlySet<string>,
  shown: (name: string) => boolean,
  visible: () => string[],
): Sourced<string[]> | null {
  if (!people || people.source === 'heuristic') return people;
  const isAgency = (name: string): boolean => AGENCY_NAME.test(name) || WIRE_AGENCY.test(name.toUpperCase()) || organisations.has(name.toLowerCase());
  const agencyOnly = people.value.every(isAgency);
  // A structured author the page never shows is the account that posted (a CMS user, a web producer);
  // the byline the reader sees beside the headline credits the writer, an agency included ("Por: Agencia
  // Reforma" beside a JSON-LD Person the page never names).
  const unseen = !people.value.some(shown);
  if (!agencyOnly && !unseen && people.source !== 'meta') return people;
  const names = visible();
  const structuredWords = wordsOfNames(people.value);
  if (!agencyOnly && !unseen) {
    // A meta author (the weakest source) that the byline beside the headline does not name, while that byline
    // names someone else, is the site's owners or the theme's credit ("Erstellt von Fabian" beside meta
    // "Matthias Hille - Lukas Balbach", named on the page only in a link list).
    const other = names.length > 0 && !names.some((name) => sharesWord(name, structuredWords));
    if (people.source === 'meta' && other) return { value: names, source: 'heuristic' };
    // Microdata authors read from the whole page hold the teasers' writers too ("Uche Amako" in the byline,
    // "Simon Briggs" on four related stories): those the byline beside the headline names are the article's.
    const visibleWords = wordsOfNames(names);
    const named = people.value.filter((name) => sharesWord(name, visibleWords));
    return people.source === 'meta' && named.length && named.length < people.value.length ? { value: named, source: 'meta' } : people;
  }
  // A visible byline that gives part of the structured name ("Priya" for "Priya Nandakumar") shows that name, shortened.
  const shortened = names.length > 0 && names.every((name) => sharesWord(name, structuredWords));
  if (unseen && !agencyOnly) return names.length && !shortened ? { value: names, source: 'heuristic' } : people;
  // A visible byline that credits the agency too ("PTI, Washington") confirms the structured one.
  return names.length && !names.some(isAgency) ? { value: names, source: 'heuristic' } : people;
}

/** The lower-case words of some names. */
function wordsOfNames(names: readonly string[]): Set<string> {
  return new Set(names.flatMap((name) => name.toLowerCase().split(/\s+/)));
}

/** Whether a name shares a word with others ("Priya" with "Priya Nandakumar"). */
function sharesWord(name: string, words: ReadonlySet<string>): boolean {
  return name
    .toLowerCase()
    .split(/\s+/)
    .some((word) => words.has(word));
}

// A company by its registered form in Japanese or Chinese ("株式会社イルグルム"): words run on, no spaces to bound it.
const CJK_COMPANY = /株式会社|有限会社|合同会社|有限公司|股份公司|集团公司/u;

/**
 * A JSON-LD organisation author that can stand as a byline (DESIGN: organisations only when no person is
 * named, a wire agency say). Not one: a host name ("oe24.at", the site crediting itself under its
 * address), an editor's lower-case initials marked as no Person ("mf"), or a company by its registered legal form (a press release's issuer, "株式会社イルグルム"): the
 * labels' conventions count none of these as a byline.
 */
function isCreditingOrganisation(name: string): boolean {
  if (looksLikeUrl(name) || HOST_NAME.test(name)) return false;
  if (/^\p{Ll}{1,4}$/u.test(name) && !WIRE_AGENCY.test(name.toUpperCase())) return false;
  if (NOT_A_NAME.test(name)) return false;
  // "北京新浪網": a website (網, "net") credited as author is the site under a regional name, no outside source.
  if (/(?:網|网)$/u.test(name)) return false;
  return !CJK_COMPANY.test(name) && !/(?<![\p{L}\p{N}])(?:gmbh|mbh|kgaa|inc|llc|ltd|plc|corp|ag|s\.?a\.?s?|s\.?r\.?l|b\.?v|n\.?v)\.?$/iu.test(name);
}

/** The host's distinctive name ("houzz" for www.houzz.de), when it is long enough to tell a site apart. */
function distinctiveHostWord(host: string): string | null {
  const labels = host.replace(/^www\d*\./, '').split('.');
  const key = labels.length > 2 && labels.at(-2)?.length === 2 ? labels.at(-3) : labels.at(-2);
  return key && key.length >= 5 && /^[a-z]+$/.test(key) ? key : null;
}

/**
 * The site's own name given as an author in another form: the words whose initials spell the host's name or
 * the site's short name ("Deutsches Rotes Kreuz" on drk.de beside og:site_name "DRK e.V.", "Preußische
 * Allgemeine Zeitung" on paz.de), the start of the host's name ("Vortex" on vortexcannon.org), or a blog's one-word brand that is a label of the host ("SeglerBlog" on
 * seglerblog.example.de). Three words at least for initials: a person's two names spelling a host is chance.
 */
function namesSiteOtherwise(name: string, siteNames: readonly string[], host: string): boolean {
  const words = asciiWords(name.replace(/ß/g, 'ss'));
  // "Vortex" on vortexcannon.org: one word that opens the host's distinctive name is the site, shortened.
  const hostWord = distinctiveHostWord(host);
  if (words.length === 1 && (words[0]?.length ?? 0) >= 5 && hostWord?.startsWith(words[0] ?? '')) return true;
  const labels = host
    .toLowerCase()
    .replace(/^www\d*\./, '')
    .split('.')
    .slice(0, -1)
    .filter((label) => /^[a-z]{3,}$/.test(label));
  const shortNames = siteNames.map((site) => asciiWords(withoutLegalForm(site)).join('')).filter((short) => short.length >= 3);
  if (words.length >= 3) {
    const initials = words.map((word) => word[0]).join('');
    if (labels.includes(initials) || shortNames.includes(initials)) return true;
  }
  // A blog's brand ("SeglerBlog") is no person; a blog host's subdomain alone ("creeny" on creeny.wordpress.com)
  // is the blogger's name.
  return words.length === 1 && /^\p{L}{3,}blog$/iu.test(name.trim()) && labels.includes(words[0] ?? '');
}

/**
 * People's names without the credits beside them: one Latin-script word after a full name ("Victor
 * Tangermann", "Futurism") is a partner site, a wire agency after people ("…", "Associated Press") or a
 * broadcaster's desk ("Jill Disis", "CNN Business") is the source, not a writer. Agencies alone stay.
 */
function withoutBrandCredits(credited: readonly string[]): string[] {
  const isAgency = (name: string): boolean => AGENCY_NAME.test(name) || WIRE_AGENCY.test(name.toUpperCase()) || WIRE_AGENCY.test(name.split(/\s+/)[0] ?? '');
  // "The Water Coolest", "The Russian": a title or a people, not a person's name. (Read here, after a
  // byline naming the site, "By The Planetary Press", has kept a later credit from standing in for it.)
  const names = credited.filter((name) => !/^the\s/i.test(name) || AGENCY_NAME.test(name));
  const people = names.filter((name) => !isAgency(name));
  if (!people.length || (people.length === names.length && !people.some((name) => name.includes(' ')))) return [...names];
  const fullName = people.some((name) => /\p{L}+\s+\p{L}+/u.test(name));
  return people.filter((name) => !(fullName && /^[A-Za-z][a-z]+$/.test(name)));
}

// A forum thread's address: its posts are readers' replies in form, and the first is the thread's opening post.
const FORUM_URL = /\/(?:forums?|foren|board|discussions?|threads?|topics?|showthread|viewtopic)(?:[/.?_-]|$)/i;
const POSTER_CLASS = /(?:account|user|member|poster)[-_]?name|username|poster|post[-_]?author|comment[-_]?author/i;

/**
 * On a forum thread (by its address), the poster of the opening post: the first poster-name element of the
 * first post, which forum software styles as a comment and marks with no byline (the labels' convention:
 * "the opening post's author of a forum thread's first page is its byline").
 */
function openingPoster(doc: TreeDocument, pageUrl: string): string[] {
  if (!doc.body || !FORUM_URL.test(pageUrl)) return [];
  let names: string[] = [];
  walkElements(doc.body, (element) => {
    if (NOT_BYLINE_TAGS.has(element.localName) || element.localName === 'header') return 'skip';
    if (!POSTER_CLASS.test(element.getAttribute('class') ?? '')) return undefined;
    const text = normalizeSpace(element.textContent ?? '');
    names = text.length <= 40 ? splitAuthorNames(text, { handles: true }) : [];
    return names.length ? false : 'skip';
  });
  return names;
}

// A signature that closes a post, a name alone after two hyphens or a dash ("-- Jeff;", "— Anna Berg"), or after one
// hyphen set against it ("-Jodi": a hyphen before a capital opens no sentence, a spaced one may be a list's).
const DASH_SIGNATURE = /^(?:--|—|–|-(?=\p{Lu}))\s*(\p{Lu}[\p{Ll}'’.-]+(?:\s+\p{Lu}[\p{Ll}'’.-]+){0,2})\s*[;,.!]?$/u;

/** The element just before this one under the same parent. */
function previousElement(element: TreeElement): TreeElement | null {
  let previous: TreeElement | null = null;
  for (let at = element.parentElement?.firstElementChild ?? null; at && at !== element; at = at.nextElementSibling) previous = at;
  return previous;
}

/**
 * The name a post is signed with, when nothing else credits it: the last paragraph of the story that holds only a
 * dash and a name ("<p>-- Jeff;</p>" after the last paragraph of a company blog's post). Comments, sidebars and
 * footers are skipped; a quotation's attribution stands in a blockquote, which is skipped too.
 */
function dashSignature(doc: TreeDocument): string[] {
  if (!doc.body) return [];
  let names: string[] = [];
  walkElements(doc.body, (element) => {
    if (NOT_BYLINE_TAGS.has(element.localName)) return 'skip';
    if (NOT_BYLINE_AREA.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)) return 'skip';
    if (element.localName !== 'p') return undefined;
    const text = normalizeSpace(element.textContent ?? '');
    const name = DASH_SIGNATURE.exec(text)?.[1];
    if (!name) return 'skip';
    // "<blockquote>…</blockquote><p>– Sebastian Kurz</p>": a quotation's attribution, not the post's signature; and a
    // signature closes the post, so no paragraph of prose follows it.
    if (previousElement(element)?.localName === 'blockquote') return 'skip';
    for (let next = element.nextElementSibling; next; next = next.nextElementSibling) {
      if (normalizeSpace(next.textContent ?? '').length >= 40) return 'skip';
    }
    // The first signature decides: a later one is a comment's or another post's.
    names = splitAuthorNames(name);
    return false;
  });
  return names;
}

/**
 * The wire agency of a dateline that opens the story ("Bogotá (dpa) - Gebrochene Wirbelsäule…", "PARIS (AFP/Reuters) —"):
 * a report the site takes whole from an agency, credited in the byline's place when the page names no one else.
 * An agency in parentheses closing the text is no byline (the label sets' convention), so only the opening counts.
 */
function datelineAgencies(doc: TreeDocument): string[] {
  if (!doc.body) return [];
  let found: string[] = [];
  walkElements(doc.body, (element) => {
    if (NOT_BYLINE_TAGS.has(element.localName)) return 'skip';
    if (element.localName !== 'p') return undefined;
    const text = normalizeSpace(element.textContent ?? '');
    if (text.length < 80) return 'skip';
    const agencies = /^\p{Lu}[\p{L}\s.'’/-]{1,40}?\s*\(([\p{L}/,\s]{2,30})\)\s*[-–—:]\s/u.exec(text)?.[1];
    found = (agencies ?? '').split(/\s*[/,]\s*/).filter((agency) => WIRE_AGENCY.test(agency.toUpperCase()) || AGENCY_NAME.test(agency));
    // The first paragraph of some length decides: a dateline opens the story or not at all.
    return false;
  });
  return found;
}

/** The names a head title credits at its end, after a separator and "By" ("… - By linksc", "… | von Anna Berg"). */
function titleCredit(title: string | null): string[] {
  const credit = title ? /\s[-|–—:]\s*(?:by|von|par|por)\s+([^|–—]{2,60})$/iu.exec(title)?.[1] : undefined;
  return credit ? splitAuthorNames(credit, { handles: true }) : [];
}

/** The text (lower case) holds the name as whole words. */
function containsWords(text: string, name: string): boolean {
  const key = normalizeSpace(name).toLowerCase();
  if (!key) return false;
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + key.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

/** A name's words in ASCII, lower case, accents dropped. */
function asciiWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** An author field that gives a web address of a host other than the page's. */
function otherSiteAddress(raw: string, host: string): boolean {
  const address = /(?:https?:\/\/|www\.)([\w.-]+\.[a-z]{2,})/i
    .exec(raw)?.[1]
    ?.toLowerCase()
    .replace(/^www\./, '');
  const own = host.toLowerCase().replace(/^www\d*\./, '');
  return Boolean(address) && address !== own && !own.endsWith(`.${address}`) && !(address ?? '').endsWith(`.${own}`);
}

const STANDFIRST =
  /(?:^|[\s_-])(?:standfirst|dek|deck|sub-?head(?:line)?|subtitle|strapline|lede|article-summary|summary|excerpt|intro|teaser-text|(?:news|article|story)-teaser|description)(?:$|[\s_-])/i;
const STANDFIRST_TAGS = new Set(['p', 'div', 'h2', 'span']);
// A class that names a picture's caption or a widget beside "description" ("image-description", "widget_sp_image-description").
const NOT_STANDFIRST_CLASS = /image|photo|img|caption|figure|widget|author|comment|video/i;
const NOT_STANDFIRST_AREAS = new Set(['figure', 'figcaption', 'footer', 'aside', 'nav']);

function visibleStandfirst(doc: TreeDocument): string | null {
  for (const element of elementsWithClass(doc, STANDFIRST)) {
    if (!STANDFIRST_TAGS.has(element.localName)) continue;
    if (NOT_STANDFIRST_CLASS.test(element.getAttribute('class') ?? '') || closestTag(element, NOT_STANDFIRST_AREAS)) continue;
    const text = normalizeSpace(element.textContent ?? '');
    if (text.length >= 30 && text.length <= 500) return text;
  }
  return null;
}

const KICKER =
  /(?:^|[\s_-])(?:kicker|eyebrow|overline|rubric|section-label|section-name|category-label|article-section|story-section|primary-section)(?:$|[\s_-])/i;

function visibleSection(doc: TreeDocument): string | null {
  for (const element of elementsWithClass(doc, KICKER)) {
    const text = normalizeSpace(element.textContent ?? '');
    if (text && text.length <= 40) return text;
  }
  return null;
}

// Language names some CMSs write where a tag belongs (<meta name="language" content="English">).
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  german: 'de',
  deutsch: 'de',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  italian: 'it',
  italiano: 'it',
  portuguese: 'pt',
  português: 'pt',
  portugues: 'pt',
  dutch: 'nl',
  nederlands: 'nl',
  russian: 'ru',
  arabic: 'ar',
  chinese: 'zh',
  japanese: 'ja',
  hebrew: 'he',
  persian: 'fa',
  farsi: 'fa',
  urdu: 'ur',
  turkish: 'tr',
  polish: 'pl',
};
// BCP 47 special tags that name no language: undetermined, multiple, no linguistic content; x-default is hreflang's.
const NO_LANGUAGE = new Set(['und', 'mul', 'zxx', 'mis', 'x']);

/** A declared language as a BCP 47 tag ("en_US", "EN-us" -> "en-US"; "english" -> "en"), or null when it names none. */
export function toBcp47(value: string | null): string | null {
  if (!value) return null;
  const tag =
    value
      .trim()
      .replace(/_/g, '-')
      .split(/[\s,;]/)[0] ?? '';
  const named = LANGUAGE_NAMES[tag.toLowerCase()];
  if (named) return named;
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) || NO_LANGUAGE.has(tag.split('-')[0]?.toLowerCase() ?? '')) return null;
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

// One picture in another size: WordPress and similar CMSs add "-730x395" before the extension.
function sameRendition(a: string, b: string): boolean {
  const strip = (url: string): string =>
    url
      .replace(/^https?:/, '')
      .replace(/[?#].*$/, '')
      .replace(/-\d{2,4}x\d{2,4}(?=\.[a-z0-9]{2,5}$)/i, '');
  return strip(a) === strip(b);
}

const CAPTION_CLASS = /(?:^|[\s_-])(?:caption|captions|figcaption|legend|cutline|img-text|image-text|photo-text)(?:$|[\s_-])/i;
/** Beyond this much text an image's ancestor is a section of the page, not the image's frame. */
const FRAME_CHARS = 1500;

// Pages without <figure> (table layouts, older CMSs) put the caption in a sibling block named
// for it: <div class="artimg"><img><div class="caption">...</div></div>.
function nearbyCaption(img: TreeElement): TreeElement | null {
  let frame = img.parentElement;
  for (let depth = 0; frame && depth < 3; depth++, frame = frame.parentElement) {
    if ((frame.textContent?.length ?? 0) > FRAME_CHARS) return null;
    for (const element of elementsWithClass(frame, CAPTION_CLASS)) if (!isInside(img, element)) return element;
  }
  return null;
}

const LAZY_SOURCES = ['src', 'data-src', 'data-lazy-src', 'data-original'];
const CREDIT_CLASS = /credit|copyright|source/i;
const CREDIT_PROPS = new Set(['copyrightHolder', 'creditText']);
const FIGURE = new Set(['figure']);
const SVG = new Set(['svg']);
const CONTENT_ROOTS = new Set(['article', 'main']);

function hasArticleBodyAncestor(element: TreeElement): boolean {
  for (let node: TreeElement | null = element; node; node = node.parentElement) if (node.getAttribute('itemprop') === 'articleBody') return true;
  return false;
}

function isCredit(element: TreeElement): boolean {
  return CREDIT_CLASS.test(element.getAttribute('class') ?? '') || CREDIT_PROPS.has(element.getAttribute('itemprop') ?? '');
}

function creditIn(caption: TreeElement): TreeElement | null {
  let found: TreeElement | null = null;
  walkElements(caption, (element) => {
    if (isCredit(element)) found = element;
    return found === null;
  });
  return found;
}

// The image the metadata names, found in the markup by URL; else the first image in a figure,
// preferring one inside the article.
function leadImageElement(images: readonly TreeElement[], imageUrl: string | null, pageUrl: string, options: { exactOnly?: boolean } = {}): TreeElement | null {
  if (imageUrl) {
    const file = (
      imageUrl
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() ?? ''
    )
      .replace(/\.[a-z0-9]{2,5}$/i, '')
      .replace(/-\d{2,4}x\d{2,4}$/, '');
    for (const candidate of images) {
      for (const attr of LAZY_SOURCES) {
        const raw = candidate.getAttribute(attr);
        // Cheap file-name test first; resolving every URL on a page is not free.
        if (!raw || (file && !raw.includes(file))) continue;
        const value = resolveHttpUrl(raw, pageUrl);
        if (value && (sameImage(value, imageUrl) || sameRendition(value, imageUrl))) return candidate;
      }
    }
  }
  if (options.exactOnly) return null;
  let anyFigureImage: TreeElement | null = null;
  for (const candidate of images) {
    if (!closestTag(candidate, FIGURE)) continue;
    if (closestTag(candidate, CONTENT_ROOTS) || hasArticleBodyAncestor(candidate)) return candidate;
    anyFigureImage ??= candidate;
  }
  return anyFigureImage;
}

function figureCaption(
  images: readonly TreeElement[],
  imageUrl: string | null,
  pageUrl: string,
): { caption: string | null; credit: string | null; alt: string | null; img: TreeElement | null } {
  const img = leadImageElement(images, imageUrl, pageUrl);
  const figure = img ? closestTag(img, FIGURE) : null;
  const captionElement = (figure ? elementsByTag(figure, 'figcaption')[0] : null) ?? (img ? nearbyCaption(img) : null);
  let credit: string | null = null;
  let captionText: string | null = null;
  if (captionElement) {
    const creditElement = creditIn(captionElement);
    if (creditElement) {
      credit = splitCaptionCredit(creditElement.textContent).credit ?? clean(creditElement.textContent, 80);
      captionText = clean(textOutside(captionElement, creditElement));
    } else {
      captionText = clean(captionElement.textContent);
    }
  }
  const split = splitCaptionCredit(captionText);
  return { caption: split.caption, credit: credit ?? split.credit, alt: clean(img?.getAttribute('alt'), 500), img };
}

function readImage(
  doc: TreeDocument,
  headline: string | null,
  images: readonly TreeElement[],
  metas: MetaIndex,
  ld: JsonLdNode | null,
  pageUrl: string,
): Sourced<PageImage> | null {
  const ldImage = jsonLdList(ld?.image)[0];
  const ldImageUrl = resolveHttpUrl(
    typeof ldImage === 'string' ? ldImage : jsonLdText((ldImage as JsonLdNode | undefined)?.url ?? (ldImage as JsonLdNode | undefined)?.contentUrl),
    pageUrl,
  );
  const ogUrl = resolveHttpUrl(metaContent(metas, 'og:image:secure_url', 'og:image', 'og:image:url'), pageUrl);
  const twitterUrl = resolveHttpUrl(metaContent(metas, 'twitter:image', 'twitter:image:src'), pageUrl);
  // A placeholder, a logo or a CMS's blank share image names no picture of the article. Of the images the
  // metadata names, the one the reader is shown in the page wins (a recipe's JSON-LD may list older photos, a
  // CMS a larger rendition than the page shows); when none is shown, the most trusted stands.
  const named = (
    [
      { value: ldImageUrl, source: 'jsonld' },
      { value: ogUrl, source: 'opengraph' },
      { value: twitterUrl, source: 'meta' },
    ] as { value: string | null; source: FieldSource }[]
  ).filter((candidate): candidate is Sourced<string> => candidate.value !== null && !isPlaceholderImage(candidate.value));
  const shown = named.find((candidate) => leadImageElement(images, candidate.value, pageUrl, { exactOnly: true }) !== null);
  const chosen = shown ?? named[0] ?? null;
  const figure = figureCaption(images, chosen?.value ?? null, pageUrl);
  const markupUrl = figure.img ? resolveHttpUrl(figure.img.getAttribute('data-src') ?? figure.img.getAttribute('src'), pageUrl) : null;
  const content = chosen || markupUrl ? null : firstContentImage(doc, pageUrl, headline);
  const source =
    chosen ?? (markupUrl ? { value: markupUrl, source: 'heuristic' as const } : content ? { value: content.url, source: 'heuristic' as const } : null);
  if (!source) return null;
  if (content) {
    return {
      value: {
        url: content.url,
        alt: clean(content.img.getAttribute('alt'), 500),
        width: positiveInt(content.img.getAttribute('width')),
        height: positiveInt(content.img.getAttribute('height')),
        caption: null,
        credit: null,
      },
      source: 'heuristic',
    };
  }
  const ldNode = typeof ldImage === 'object' && ldImage !== null && (ldImageUrl === null || source.value === ldImageUrl) ? (ldImage as JsonLdNode) : null;
  const ldSplit = splitCaptionCredit(clean(jsonLdText(ldNode?.caption)));
  const width =
    source.source === 'jsonld' ? positiveInt(ldNode?.width) : source.source === 'opengraph' ? positiveInt(metaContent(metas, 'og:image:width')) : null;
  const height =
    source.source === 'jsonld' ? positiveInt(ldNode?.height) : source.source === 'opengraph' ? positiveInt(metaContent(metas, 'og:image:height')) : null;
  return {
    value: {
      url: source.value,
      alt: figure.alt ?? clean(metaContent(metas, 'og:image:alt', 'twitter:image:alt'), 500),
      width: width ?? positiveInt(figure.img?.getAttribute('width')),
      height: height ?? positiveInt(figure.img?.getAttribute('height')),
      caption: figure.caption ?? ldSplit.caption,
      credit: figure.credit ?? ldSplit.credit ?? clean(jsonLdText(ldNode?.creditText) ?? jsonLdText(ldNode?.copyrightHolder) ?? jsonLdText(ldNode?.author), 80),
    },
    source: source.source,
  };
}

const LIVE_ENTRY_CLASS = /live-?(?:blog-?)?(?:entry|update|post)/i;

function canonicalLink(links: readonly TreeElement[]): string | null {
  for (const link of links) {
    if ((link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) return link.getAttribute('href');
  }
  return null;
}

/**
 * Reads a page's own description of itself, each field from the most trusted source that has it:
 * JSON-LD, then OpenGraph, then other meta tags, then visible markup (heuristics).
 */
export function readMetadata(doc: TreeDocument, pageUrl: string): PageMetadata {
  const byTag = elementsByTags(doc, ['meta', 'link', 'script', 'img', 'h1', 'h2', 'h3', 'title']);
  const ldNodes = readJsonLdNodes(byTag.get('script') ?? []);
  const ld = pickArticleNode(ldNodes);
  const metas = indexMetas(byTag.get('meta') ?? []);
  const siteName = first<string>(
    [clean(metaContent(metas, 'og:site_name'), 200), 'opengraph'],
    [clean(jsonLdText((ld?.publisher as JsonLdNode | undefined)?.name ?? ld?.publisher), 200), 'jsonld'],
    [clean(metaContent(metas, 'application-name', 'publisher', 'dc.publisher'), 200), 'meta'],
  );
  // Every name the site goes by, to recognise it beside a headline or in an author field.
  const siteNames = unique(
    [
      siteName?.value,
      clean(jsonLdText((ld?.publisher as JsonLdNode | undefined)?.name), 200),
      clean(metaContent(metas, 'application-name', 'apple-mobile-web-app-title', 'twitter:site', 'publisher', 'dc.publisher'), 200)?.replace(/^@/, ''),
      ...ldNodes
        .filter((node) => typesOf(node).some((t) => t === 'WebSite' || t === 'Organization' || t === 'NewsMediaOrganization'))
        .map((node) => clean(jsonLdText(node.name), 200)),
    ].filter((name): name is string => Boolean(name)),
  );
  const host = hostOf(pageUrl);
  const headTitle = (byTag.get('title') ?? []).find((element) => !closestTag(element, SVG));
  // A page's or a recipe's name is not its headline (a recipe names the dish).
  const isArticleNode = ld !== null && !typesOf(ld).every((t) => t === 'WebPage' || t === 'Blog' || t === 'Recipe' || t === 'HowTo');
  // The names an author field gives, as written: a title may end with "by <one of them>".
  const creditNames = [...jsonLdList(ld?.author), ...jsonLdList(ld?.creator)]
    .map((author) => clean(jsonLdText(author), 200))
    .concat(metaContents(metas, 'author'))
    .filter((name): name is string => Boolean(name));
  const h1Elements = (byTag.get('h1') ?? []).slice(0, 5);
  const h2Elements = (byTag.get('h2') ?? []).slice(0, 30);
  const chosenTitle = chooseTitle(
    [
      // Some CMSs fill the JSON-LD headline from <title>: it may carry the site's name or a kicker too.
      { value: clean(jsonLdText(ld?.headline), 500) ?? '', source: 'jsonld', mayHaveSuffix: true },
      { value: isArticleNode ? (clean(jsonLdText(ld?.name), 500) ?? '') : '', source: 'jsonld', mayHaveSuffix: true },
      // A page may state og:title twice (a theme's and an SEO plugin's): each is a candidate.
      ...metaContents(metas, 'og:title').map((value): TitleCandidate => ({ value: clean(value, 500) ?? '', source: 'opengraph', mayHaveSuffix: true })),
      {
        value: clean(metaContent(metas, 'twitter:title', 'dc.title', 'parsely-title', 'sailthru.title'), 500) ?? '',
        source: 'meta',
        mayHaveSuffix: true,
      },
      { value: clean(headTitle?.textContent, 500) ?? '', source: 'meta', mayHaveSuffix: true },
      // A script app's shell may state its title only in a non-standard <meta name="title">.
      { value: headTitle ? '' : (clean(metaContent(metas, 'title'), 500) ?? ''), source: 'meta', mayHaveSuffix: true },
    ].filter((candidate) => candidate.value) as TitleCandidate[],
    headingTexts(h1Elements),
    {
      siteNames,
      host,
      authors: creditNames,
      logoHeadings: headingTexts(h1Elements.concat(h2Elements.slice(0, 3)).filter((heading) => linksHome(heading, pageUrl))),
      // Blog themes give the post's headline an h2 or h3 under the blog's name.
      subheadings: headingTexts(h2Elements.concat((byTag.get('h3') ?? []).slice(0, 30))),
    },
  );
  // One spelling per character: the same headline arrives composed or decomposed (Bengali "ড়", "é").
  const title = (chosenTitle && { ...chosenTitle, value: chosenTitle.value.normalize('NFC') }) ?? interstitialMessage(doc);
  // A stated description counts only when it can summarise (not a byline, a label or a cookie notice).
  const summary = (text: string | null): string | null => {
    const cleaned = cleanDescription(text);
    return cleaned && isSummaryText(cleaned) ? cleaned : null;
  };
  const description = first<string>(
    [summary(clean(jsonLdText(ld?.description))), 'jsonld'],
    [summary(clean(metaContent(metas, 'og:description'))), 'opengraph'],
    [summary(clean(metaContent(metas, 'description', 'twitter:description', 'dc.description', 'sailthru.description'))), 'meta'],
    [() => summary(visibleStandfirst(doc)), 'heuristic'],
  );
  // An author field that names the site itself (a CMS default) names no one; nor does one that holds the
  // host's distinctive name as a word ("Houzz Deutschland" on houzz.de, "OÖ Volksblatt" on volksblatt.at).
  const hostWord = distinctiveHostWord(host);
  // A publisher given as a Person (a podcaster's or a blogger's own site) is the writer's name, not a brand.
  // schema.org's context makes "type" an alias of "@type", and some sites write it so.
  const publisher = ld?.publisher as JsonLdNode | undefined;
  const publisherType = publisher && typeof publisher === 'object' ? (publisher['@type'] ?? publisher.type) : null;
  const publisherPerson =
    publisher && (Array.isArray(publisherType) ? publisherType : [publisherType]).includes('Person') ? clean(jsonLdText(publisher.name), 200) : null;
  const brandNames = siteNames.filter((name) => name !== publisherPerson);
  // A blog named after its owner's handle ("Mywakenews's Blog"): that handle as the byline is the blog's name
  // (the labels count none), though a blog host's subdomain alone stays the blogger's name.
  const blogOwners = brandNames.map((name) => /^(\S{3,30})['’]s\s+(?:blog|weblog|site|page|journal|diary)$/iu.exec(name)?.[1]?.toLowerCase()).filter(Boolean);
  const hostLabels = host
    .toLowerCase()
    .replace(/^www\d*\./, '')
    .split('.')
    .slice(0, -1);
  // "Do UOL" on uol.com.br: a credit "from <the site>" names the site.
  const fromSite = (name: string): boolean => {
    const site = /^(?:do|da|from|aus|de)\s+(\S{2,30})$/iu.exec(name.trim())?.[1];
    return Boolean(site && (hostLabels.includes(site.toLowerCase()) || namesSite(site, brandNames, host, { exact: true })));
  };
  const isPerson = (name: string): boolean =>
    !namesSite(name, brandNames, host, { exact: true }) &&
    !(hostWord && asciiWords(name).includes(hostWord)) &&
    !namesSiteOtherwise(name, brandNames, host) &&
    !(/^\p{Ll}[\p{Ll}\d._-]*$/u.test(name) && blogOwners.includes(name.toLowerCase())) &&
    !fromSite(name);
  // A person's name holds no collective's word anywhere ("Team PETA", "Sports Desk Mumbai", "Redazione Web",
  // "Admin Nord"): a team or desk account is no byline, whichever source names it (organisations keep DESIGN's rule).
  const isPersonName = (name: string): boolean => isPerson(name) && !COLLECTIVE_WORD.test(name);
  // A personal site's host is its owner's full name ("2012-10-09 by Herb Sutter" on herbsutter.com): the name the
  // post's visible credit line gives is the writer's (the labels keep a person's name shown as the post's credit),
  // though the same name in metadata alone names only the site's owner. Two capitalised words at least: one word
  // that opens the host ("Vortex" on vortexcannon.org) stays the site; and a name the site calls itself by
  // ("Eat What Tonight" on eatwhattonight.com, its og:site_name) is the site crediting itself.
  const ownerCredited = (name: string): boolean => {
    const words = name.trim().split(/\s+/);
    return (
      words.length >= 2 &&
      words.every((word) => /^\p{Lu}/u.test(word)) &&
      namesSite(name, [], host, { exact: true }) &&
      !namesSite(name, siteNames, '', { exact: true }) &&
      !COLLECTIVE_WORD.test(name) &&
      !ORGANISATION.test(name) &&
      !MEDIA_BRAND.test(name)
    );
  };
  const ldAuthors = jsonLdAuthors(ld, nodesById(ldNodes));
  ldAuthors.people = ldAuthors.people.filter(isPersonName);
  // An organisation credited as author that is the publisher itself, under its legal name or not
  // ("Springer Medizin, Ärzte Zeitung" beside the publisher "Springer Medizin Verlag GmbH, Ärzte
  // Zeitung"), is the site's name, not a byline (issue 14: bylines name no site). Another organisation,
  // a wire agency say, stays: DESIGN allows organisations when no person is named.
  const siteLegalNames = siteNames.map(withoutLegalForm);
  ldAuthors.organisations = ldAuthors.organisations.filter(
    (name) => isPerson(name) && !namesSite(withoutLegalForm(name), siteLegalNames, host, { exact: true }) && isCreditingOrganisation(name),
  );
  // The site's name as the head title ends with it ("… - المدينة نيوز"): a meta author equal to it is the site
  // crediting itself (a weak source; JSON-LD and the visible byline are not judged by it).
  const titleSite = /\s[-|–—]\s([^|–—-]{2,40})$/u.exec(clean(headTitle?.textContent, 500) ?? '')?.[1]?.trim();
  const titleSiteNames = titleSite ? [titleSite] : [];
  let shownText: string | null = null;
  const shown = (name: string): boolean => {
    shownText ??= visibleBodyText(doc);
    return containsWords(shownText, name);
  };
  // A structured author the article never shows (accents aside) while the site's navigation or footer names it
  // is the site's owner ("© 2019 nh24 by <owner>" with the owner as meta author, a collective the masthead
  // calls the site's publisher): the labels count no byline (issue 14, "none when the page names only the
  // site or its owner"). Both texts are read once per page, and only when a structured author is unseen.
  let shownFolded: string | null = null;
  let furniture: string | null = null;
  const ownerOnly = (name: string): boolean => {
    if (shown(name)) return false;
    const key = foldText(name);
    shownFolded ??= foldText(shownText ?? '');
    if (containsWords(shownFolded, key)) return false;
    furniture ??= furnitureText(doc);
    return containsWords(furniture, key);
  };
  const notOwner = (names: string[]): string[] => names.filter((name) => !ownerOnly(name));
  const metaAuthors = unique(
    metaContents(metas, 'author')
      .concat(
        metaContents(metas, 'article:author'),
        // OpenGraph's article namespace written with the og: prefix, as some CMSs do.
        metaContents(metas, 'og:article:author'),
        metaContents(metas, 'parsely-author'),
        metaContents(metas, 'sailthru.author'),
        metaContents(metas, 'dc.creator'),
      )
      .map((raw) => withoutLeadingSite(raw, siteNames, host))
      // "Jobs & Hire", "Bündnis 90/Die Grünen Bundestagsfraktion": the site or an organisation as a whole, before
      // its "&" or "/" could split it into names.
      .filter(
        (raw) =>
          !namesSite(raw, siteNames, host, { exact: true }) &&
          !(titleSiteNames.length && namesSite(raw, titleSiteNames, '', { exact: true })) &&
          !((ORGANISATION.test(raw) || MEDIA_BRAND.test(raw)) && !/,|\s(?:and|und)\s/.test(raw)),
      )
      // "Frank Bueltge - http://bueltge.de": a name with another site's address that the page never shows is
      // the theme's or the web designer's credit (WordPress themes write it into meta author).
      .filter((raw) => !(otherSiteAddress(raw, host) && !splitAuthorNames(raw).some(shown)))
      .flatMap((raw) => splitAuthorNames(raw)),
  ).filter(isPersonName);
  // A byline-looking block naming what JSON-LD calls an organisation is not a person.
  const organisations = new Set(ldAuthors.organisations.map((name) => name.toLowerCase()));
  const people = first<string[]>(
    [() => notOwner(ldAuthors.people), 'jsonld'],
    [() => notOwner(metaAuthors), 'meta'],
    [() => notOwner(microdataAuthors(doc).filter(isPersonName)), 'meta'],
    [
      () => visibleBylines(doc, title?.value ?? null).filter((name) => !organisations.has(name.toLowerCase()) && (isPersonName(name) || ownerCredited(name))),
      'heuristic',
    ],
    // "How To Scrape Google With Python - By linksc": a head title that ends in a credit, shown on the page too.
    [() => titleCredit(clean(headTitle?.textContent, 500)).filter((name) => isPersonName(name) && shown(name)), 'meta'],
    // A referenced account counts only when the page shows its name to the reader (an author box, a credit).
    [() => ldAuthors.referenced.filter((name) => isPersonName(name) && shown(name)), 'jsonld'],
    [() => ldAuthors.handles.filter((name) => isPersonName(name) && shown(name)), 'jsonld'],
    [() => openingPoster(doc, pageUrl).filter((name) => isPersonName(name)), 'heuristic'],
    [() => datelineAgencies(doc), 'heuristic'],
    [() => dashSignature(doc).filter((name) => isPersonName(name)), 'heuristic'],
  );
  const chosen =
    preferShownPeople(people, organisations, shown, () =>
      visibleBylines(doc, title?.value ?? null).filter((name) => !organisations.has(name.toLowerCase()) && isPersonName(name)),
    ) ?? first<string[]>([() => notOwner(ldAuthors.organisations), 'jsonld']);
  const credited = chosen ? withoutBrandCredits(chosen.value) : [];
  const authors = chosen && credited.length ? { ...chosen, value: credited } : null;

  const modified = first<string>(
    [jsonLdText(ld?.dateModified), 'jsonld'],
    [metaContent(metas, 'article:modified_time', 'og:updated_time'), 'opengraph'],
    [metaContent(metas, 'dateModified', 'last-modified', 'dcterms.modified', 'article.updated'), 'meta'],
  );
  const section = first<string>(
    [clean(jsonLdText(ld?.articleSection), 100), 'jsonld'],
    [clean(metaContent(metas, 'article:section'), 100), 'opengraph'],
    [clean(metaContent(metas, 'section', 'parsely-section', 'sailthru.section', 'category'), 100), 'meta'],
    [() => visibleSection(doc), 'heuristic'],
  );
  // The publisher's name for the record; `siteName` above stays what recognises the site in titles and bylines.
  const publisherName = chooseSiteName(
    [
      { value: clean(metaContent(metas, 'og:site_name'), 200), source: 'opengraph' },
      { value: clean(jsonLdText((ld?.publisher as JsonLdNode | undefined)?.name ?? ld?.publisher), 200), source: 'jsonld' },
      ...ldNodes
        .filter((node) => typesOf(node).some((t) => t === 'WebSite' || t === 'Organization' || t === 'NewsMediaOrganization'))
        .map((node) => ({ value: clean(jsonLdText(node.name), 200), source: 'jsonld' as const })),
      { value: clean(metaContent(metas, 'application-name', 'publisher', 'dc.publisher'), 200), source: 'meta' },
    ],
    { host, headline: title?.value ?? null, section: section?.value ?? null, headTitle: clean(headTitle?.textContent, 500) },
  );
  const tags = first<string[]>(
    [unique(splitKeywords(ld?.keywords)), 'jsonld'],
    [unique(metaContents(metas, 'article:tag').flatMap((t) => splitKeywords(t))), 'opengraph'],
    [unique(splitKeywords(metaContent(metas, 'news_keywords', 'keywords', 'parsely-tags', 'sailthru.tags'))), 'meta'],
  );
  const html = doc.documentElement;
  const declaredLanguages = (
    [
      { value: toBcp47(html.getAttribute('lang') ?? html.getAttribute('xml:lang')), source: 'meta' },
      // The article node's language, else the page's or the site's (Yoast writes inLanguage on WebPage and WebSite only).
      { value: toBcp47(jsonLdText(ld?.inLanguage)) ?? ldNodes.map((node) => toBcp47(jsonLdText(node.inLanguage))).find(Boolean) ?? null, source: 'jsonld' },
      { value: toBcp47(metaContent(metas, 'og:locale')), source: 'opengraph' },
      { value: toBcp47(metaContent(metas, 'content-language', 'language', 'dc.language')), source: 'meta' },
    ] as { value: string | null; source: FieldSource }[]
  ).filter((declared): declared is Sourced<string> => declared.value !== null);
  const language = declaredLanguages[0] ?? null;
  const publishedCandidates = findPageDates({
    doc,
    metaValues: (key) => metaContents(metas, key),
    jsonLd: ldNodes,
    article: ld,
    pageUrl,
    language: language?.value ?? null,
  });
  const firstPublished = publishedCandidates.find((candidate) => candidate.cue !== 'modified');
  const published = firstPublished ? { value: firstPublished.raw, source: firstPublished.source } : null;
  const dirAttr = (html.getAttribute('dir') ?? doc.body?.getAttribute('dir') ?? '').toLowerCase();
  const direction = first<'ltr' | 'rtl'>(
    [dirAttr === 'rtl' || dirAttr === 'ltr' ? dirAttr : null, 'meta'],
    [directionOfLanguage(language?.value ?? null), 'heuristic'],
  );
  const canonicalUrl = first<string>(
    [resolveHttpUrl(canonicalLink(byTag.get('link') ?? []), pageUrl), 'meta'],
    [resolveHttpUrl(metaContent(metas, 'og:url'), pageUrl), 'opengraph'],
    [resolveHttpUrl(jsonLdText(ld?.url) ?? jsonLdText((ld?.mainEntityOfPage as JsonLdNode | undefined)?.['@id'] ?? ld?.mainEntityOfPage), pageUrl), 'jsonld'],
  );
  return {
    title,
    description,
    authors,
    published,
    publishedCandidates,
    modified,
    section,
    tags,
    siteName: publisherName,
    language,
    declaredLanguages,
    direction,
    canonicalUrl,
    image: readImage(doc, title?.value ?? null, byTag.get('img') ?? [], metas, ld, pageUrl),
    liveBlog: (ld !== null && typesOf(ld).includes('LiveBlogPosting')) || elementsWithClass(doc, LIVE_ENTRY_CLASS).length >= 3,
    articleBody: typeof ld?.articleBody === 'string' && ld.articleBody.trim() ? ld.articleBody : null,
  };
}
