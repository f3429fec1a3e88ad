/** A date read from a feed or a page: the instant, how precise the source was, and the publisher's own reading. */
export interface ParsedDate {
  instant: Date;
  precision: 'instant' | 'day';
  /**
   * The date as the publisher's calendar and clock show it: `YYYY-MM-DD` for a day, else
   * `YYYY-MM-DDTHH:MM:SS` followed by the offset the source gave (`Z`, `+02:00`), or by nothing when
   * it gave none (the instant then reads the time as UTC). Its first ten characters are the
   * publisher's calendar day, which the instant alone cannot give back once converted to UTC.
   */
  local: string;
}

/** How to read an ambiguous numeric date such as 04/10/2020. */
export interface ParseDateOptions {
  /** The page's language writes day before month (most languages but English in the US). */
  dayFirst?: boolean;
}

// RFC 822 section 5.1 and RFC 2822 section 4.3 zones, plus the abbreviations pages and feeds use anyway.
const ZONE_OFFSETS_MINUTES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  MET: 60,
  MEZ: 60,
  CEST: 120,
  CEDT: 120,
  MEST: 120,
  MESZ: 120,
  WEST: 60,
  EET: 120,
  EEST: 180,
  MSK: 180,
  TRT: 180,
  GST: 240,
  PKT: 300,
  IST: 330,
  ICT: 420,
  WIB: 420,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  PHT: 480,
  AWST: 480,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  EST: -300,
  EDT: -240,
  ET: -300,
  CST: -360,
  CDT: -300,
  CT: -360,
  MST: -420,
  MDT: -360,
  MT: -420,
  PST: -480,
  PDT: -420,
  PT: -480,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  BRT: -180,
  ART: -180,
};

// Month names and their usual abbreviations in the languages of most news pages. Keys are lower
// case and accent-bearing as written; a trailing dot is optional in the pattern.
const MONTH_NAMES: Record<number, string[]> = {
  1: [
    'january',
    'jan',
    'janvier',
    'janv',
    'januar',
    'jänner',
    'jän',
    'enero',
    'ene',
    'gennaio',
    'genn',
    'gen',
    'janeiro',
    'januari',
    'styczeń',
    'stycznia',
    'يناير',
    'كانون الثاني',
    'جانفي',
    'ينایر',
  ],
  2: [
    'february',
    'feb',
    'febr',
    'février',
    'fevrier',
    'févr',
    'fevr',
    'fév',
    'februar',
    'febrero',
    'febbraio',
    'fevereiro',
    'fev',
    'februari',
    'lutego',
    'فبراير',
    'شباط',
    'فيفري',
    'فبرایر',
  ],
  3: ['march', 'mar', 'mars', 'märz', 'maerz', 'mär', 'marzo', 'março', 'marco', 'maart', 'mrt', 'marca', 'مارس', 'آذار', 'اذار'],
  4: ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia', 'أبريل', 'ابريل', 'إبريل', 'نيسان', 'أفريل', 'افريل'],
  5: ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'maja', 'مايو', 'أيار', 'ايار', 'ماي'],
  6: ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'giu', 'junho', 'czerwca', 'يونيو', 'يونيه', 'حزيران', 'جوان'],
  7: ['july', 'jul', 'juillet', 'juil', 'juli', 'julio', 'luglio', 'lug', 'julho', 'lipca', 'يوليو', 'يوليه', 'تموز', 'جويلية'],
  8: ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpnia', 'أغسطس', 'اغسطس', 'آب', 'اب', 'أوت'],
  9: ['september', 'sep', 'sept', 'septembre', 'septiembre', 'set', 'settembre', 'setembro', 'września', 'سبتمبر', 'أيلول', 'ايلول', 'سپتمبر'],
  10: [
    'october',
    'oct',
    'octobre',
    'oktober',
    'okt',
    'octubre',
    'ottobre',
    'ott',
    'outubro',
    'out',
    'października',
    'أكتوبر',
    'اكتوبر',
    'تشرين الأول',
    'تشرين الاول',
    'أكتوبر',
  ],
  11: ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'نوفمبر', 'تشرين الثاني', 'نونبر'],
  12: [
    'december',
    'dec',
    'décembre',
    'decembre',
    'déc',
    'dezember',
    'dez',
    'diciembre',
    'dic',
    'dicembre',
    'dezembro',
    'grudnia',
    'ديسمبر',
    'كانون الأول',
    'كانون الاول',
    'دجنبر',
  ],
};

const MONTHS = new Map<string, number>();
for (const [month, names] of Object.entries(MONTH_NAMES)) for (const name of names) MONTHS.set(name, Number(month));

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first, so "september" is tried before "sep" and "كانون الثاني" before a shorter name.
const MONTH = `(${[...MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|')})\\.?`;
const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{M}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{M}])';

// A clock time after the date: "10:00", "10:00:5", "5:30 PM", "10.30 Uhr", "10h30", "14:35 CEST",
// "10:00 GMT+2". Joiners in the languages above ("at", "um", "à", "a las", "alle", "às", "om", ",", "|", "-").
const JOINER = String.raw`(?:\s*(?:,|\||-|–|—|/|T|@|·|•)?\s*(?:(?:at|um|à|a\s+las?|alle(?:\s+ore)?|às|om|kl\.?|o|ab|ore|le)\s+)?)`;
const CLOCK = String.raw`(\d{1,2})(?::|h|\.(?=\d{2}\s*(?:uhr|h)\b))(\d{2})(?::(\d{1,2})(?:[.,]\d+)?)?`;
const MERIDIEM = String.raw`(?:\s*([ap])\.?\s?m\.?(?![\p{L}]))?`;
const ZONE = String.raw`(?:\s*(?:uhr|h)(?![\p{L}]))?(?:\s*(Z(?![\p{L}])|[+-]\d{2}:?\d{2}(?!\d)|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?(?!\d)|\(?[A-Za-z]{1,5}\)?(?![\p{L}])))?`;
const TIME = `(?:${JOINER}${CLOCK}${MERIDIEM}${ZONE})?`;

// The date forms, each a whole date with an optional time after it.
const YEAR_FIRST = new RegExp(String.raw`(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])${TIME}`, 'giu');
const NUMERIC = new RegExp(String.raw`(?<![\d.,:/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2}(?![\d.]))(?!\d)${TIME}`, 'giu');
const DAY_MONTH = new RegExp(
  String.raw`(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|e|º|°|\.)?\s*(?:de\s+|-)?${NOT_LETTER_BEFORE}${MONTH}${NOT_LETTER_AFTER}\s*,?\s*(?:de\s+|del\s+|-)?(\d{4}|\d{2}(?=\s+\d{1,2}:\d{2}))(?!\d)${TIME}`,
  'giu',
);
const MONTH_DAY = new RegExp(`${NOT_LETTER_BEFORE}${MONTH}${NOT_LETTER_AFTER}\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s*,?\\s*(\\d{4})(?!\\d)${TIME}`, 'giu');
const CJK =
  /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?(?:\s*(?:\([^)]{1,4}\)|（[^）]{1,4}）)?\s*(?:[午前後上下]{2}\s*)?(\d{1,2})[:時시]\s*(\d{2})\s*分?)?/gu;
// Compact ISO 8601 basic format, only for whole values (a lone 8-digit number in text is rarely a date).
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const ISO_FRACTION = /(\d{1,2}):(\d{2}):(\d{1,2})[.,](\d+)/;

/** A date found in text: where it starts and ends, and what it reads as. */
export interface FoundDate {
  date: ParsedDate;
  index: number;
  length: number;
}

const DIGIT_BLOCKS: [number, number][] = [
  [0x0660, 0x0669], // Arabic-Indic
  [0x06f0, 0x06f9], // Extended Arabic-Indic (Persian, Urdu)
  [0xff10, 0xff19], // full width
  [0x0966, 0x096f], // Devanagari
];

function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\u0966-\u096f]/g, (c) => {
    const code = c.charCodeAt(0);
    for (const [start] of DIGIT_BLOCKS) if (code >= start && code <= start + 9) return String(code - start);
    return c;
  });
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return null;
  const text = zone.replace(/[()\s]/g, '');
  const numeric = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(text);
  if (numeric) {
    const sign = numeric[1] === '-' ? -1 : 1;
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    return hours <= 14 && minutes < 60 ? sign * (hours * 60 + minutes) : null;
  }
  const named = ZONE_OFFSETS_MINUTES[text.toUpperCase()];
  if (named !== undefined) return named;
  // RFC 822 military zones are ambiguous in practice (RFC 2822 section 4.3 says treat as -0000).
  if (/^[A-IK-Z]$/.test(text)) return 0;
  return null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number | undefined;
  minute?: number | undefined;
  second?: number | undefined;
  millis?: number | undefined;
  /** Minutes east of UTC; undefined when the source gave no zone. */
  offset?: number | null | undefined;
}

// Days in each month of a common year; February of a leap year (Gregorian rule) has 29.
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] as number;
}

/** pad(n) for 0 <= n < 100, which every month, day and clock part is once build has checked them. */
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

function build(parts: DateParts): ParsedDate | null {
  const { year, month, day } = parts;
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (day > daysInMonth(year, month)) return null; // 31 February and friends
  // year has four digits here, so it needs no padding.
  const ymd = `${year}-${pad2(month)}-${pad2(day)}`;
  if (parts.hour === undefined) return { instant: new Date(Date.UTC(year, month - 1, day)), precision: 'day', local: ymd };
  const hour = parts.hour;
  const minute = parts.minute ?? 0;
  const second = Math.min(parts.second ?? 0, 59);
  if (hour > 24 || minute > 59 || (parts.second ?? 0) > 60) return null;
  const offset = parts.offset ?? null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, parts.millis ?? 0) - (offset ?? 0) * 60_000;
  const clock = `${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  return { instant: new Date(utc), precision: 'instant', local: `${ymd}T${clock}${offset === null ? '' : formatOffset(offset)}` };
}

function expandYear(year: string): number {
  const n = Number(year);
  if (year.length === 2) return n < 50 ? 2000 + n : 1900 + n; // RFC 2822 section 4.3
  return n;
}

function hour12(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase() === 'p';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

// Groups of TIME, in order: hour, minute, second, meridiem, zone.
function withTime(base: Omit<DateParts, 'hour'>, time: (string | undefined)[]): DateParts {
  const [h, mi, s, meridiem, zone] = time;
  if (h === undefined) return base;
  const offset = zoneOffsetMinutes(zone);
  return { ...base, hour: hour12(Number(h), meridiem), minute: Number(mi), second: s === undefined ? 0 : Number(s), offset };
}

// Which of two numbers is the day in a numeric date: a part above 12 can only be a day; otherwise
// a dot or a dash means day first (European and Asian usage) and a slash means month first unless
// the page's language writes day first.
function dayAndMonth(a: number, b: number, separator: string, options: ParseDateOptions): [number, number] {
  if (a > 12) return [a, b];
  if (b > 12) return [b, a];
  if (separator === '/' && !options.dayFirst) return [b, a];
  return [a, b];
}

function monthOf(name: string): number | undefined {
  return MONTHS.get(name.toLowerCase().replace(/\.$/, ''));
}

type Reader = (m: RegExpExecArray, options: ParseDateOptions) => DateParts | null;

const READERS: [RegExp, Reader][] = [
  [YEAR_FIRST, (m) => withTime({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) }, m.slice(5, 10))],
  [
    NUMERIC,
    (m, options) => {
      const [day, month] = dayAndMonth(Number(m[1]), Number(m[3]), m[2] ?? '', options);
      return withTime({ year: expandYear(m[4] ?? ''), month, day }, m.slice(5, 10));
    },
  ],
  [
    DAY_MONTH,
    (m) => {
      const month = monthOf(m[2] ?? '');
      return month ? withTime({ year: expandYear(m[3] ?? ''), month, day: Number(m[1]) }, m.slice(4, 9)) : null;
    },
  ],
  [
    MONTH_DAY,
    (m) => {
      const month = monthOf(m[1] ?? '');
      return month ? withTime({ year: Number(m[3]), month, day: Number(m[2]) }, m.slice(4, 9)) : null;
    },
  ],
  [
    CJK,
    (m) => {
      const base = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
      return m[4] === undefined ? base : { ...base, hour: Number(m[4]), minute: Number(m[5]), second: 0, offset: null };
    },
  ],
];

function normalise(raw: string): string {
  if (isNormal(raw)) return raw;
  return asciiDigits(raw).replace(/[\s\u00a0\u2009\u202f]+/g, ' ');
}

/**
 * Whether normalise would give the text back unchanged: printable ASCII (no other digits, no other
 * whitespace) without two spaces in a row. Nearly every date is; the two replacements are then skipped.
 */
function isNormal(text: string): boolean {
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || (code === 0x20 && previous === 0x20)) return false;
    previous = code;
  }
  return true;
}

/**
 * Every date written in `text`, in order of position: ISO 8601 and its relatives (2020/10/04,
 * 2020.10.04, unpadded parts, a space for the T), numeric day-first and month-first forms (11.11.2021,
 * 04/10/2020), dates with month names or abbreviations in English, German, French, Spanish, Italian,
 * Portuguese, Dutch, Polish and Arabic (also with Arabic-Indic digits), and CJK year-month-day
 * forms; each with an optional clock time, AM/PM and zone (numeric, GMT+2, or a name such as CEST
 * or PDT). A time without a zone is read as UTC and its `local` form says so by having no offset.
 */
export function findDates(text: string, options: ParseDateOptions = {}, limit = 50): FoundDate[] {
  const source = normalise(text);
  const found: FoundDate[] = [];
  for (const [pattern, read] of READERS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
      const date = dateOfMatch(m, read, options);
      // A match overlapping an earlier, longer form (the "04/2020" inside "2020/04/10") is not another date.
      if (date && !found.some((f) => m && m.index < f.index + f.length && f.index < m.index + m[0].length)) {
        found.push({ date, index: m.index, length: m[0].length });
      }
      if (found.length >= limit) break;
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The date one match of a reader's pattern stands for, or null when its parts make no date. */
function dateOfMatch(m: RegExpExecArray, read: Reader, options: ParseDateOptions): ParsedDate | null {
  const parts = read(m, options);
  if (!parts) return null;
  const millisMatch = ISO_FRACTION.exec(m[0]);
  if (millisMatch && parts.hour !== undefined) parts.millis = Math.round(Number(`0.${millisMatch[4]}`) * 1000);
  return build(parts);
}

/** The first match of one reader's pattern that makes a date, as findDates's loop takes it. */
function firstDateOf(source: string, reader: [RegExp, Reader], options: ParseDateOptions): FoundDate | null {
  const [pattern, read] = reader;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    const date = dateOfMatch(m, read, options);
    if (date) return { date, index: m.index, length: m[0].length };
  }
  return null;
}

// The two shapes nearly every feed date has, for which one reader alone gives what findDates(text, _, 1)
// would: running the other four patterns (two of them alternations of 200 month names) over every
// entry's date was a tenth of parsing a feed.
// - A value starting with a year and a separator (ISO 8601, RFC 3339): a date YEAR_FIRST reads at
//   index 0 is the answer, because findDates keeps the earliest date and, at equal index, the first
//   reader's (a later reader's match there overlaps it and is dropped).
// - RFC 822 / 2822 exactly ("Mon, 06 Sep 2010 00:01:00 +0000"): no digit is followed by - / or .,
//   so YEAR_FIRST and NUMERIC cannot match; there is no 年 or 년 for CJK; and MONTH_DAY needs one or two
//   digits standing alone after a month name, where these have a four-digit year (after the weekday,
//   a comma). DAY_MONTH's first date is then the only date.
const STARTS_WITH_YEAR = /^\d{4}[-/.]/;
const RFC_822 =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun), )?\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec) \d{4} \d{2}:\d{2}(?::\d{2})?(?: (?:[+-]\d{4}|gmt|utc|ut|z|[ecmp][sd]t))?$/i;
const YEAR_FIRST_READER = READERS[0] as [RegExp, Reader];
const DAY_MONTH_READER = READERS[2] as [RegExp, Reader];

// The same two shapes written exactly, read by character code into the parts DAY_MONTH or YEAR_FIRST
// would give (the differential test in test/unit/dates holds them equal to the full scan):
//   RFC 822  (?:(?:mon|tue|wed|thu|fri|sat|sun), )?\d{1,2} (?:jan|...|dec) \d{4} \d{2}:\d{2}(?::\d{2})?(?: zone)?
//            zone: [+-]\d{4}, gmt, utc, ut, z or [ecmp][sd]t, case ignored
//   ISO 8601 \d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?
// A match array with its captured strings and Number() on each made these most of a date's cost.
const WEEKDAYS_3 = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const MONTHS_3: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const RFC_822_NAMED_ZONES = new Set(['gmt', 'utc', 'ut', 'z', 'est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt']);

/** The number written by `count` ASCII digits at `from`, or -1 when any of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  if (from + count > text.length) return -1;
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A numeric zone `[+-]hh:?mm` as zoneOffsetMinutes reads it (null past 14 hours). */
function numericZone(sign: number, hours: number, minutes: number): number | null {
  return hours <= 14 && minutes < 60 ? sign * (hours * 60 + minutes) : null;
}

/** Parts of an exact RFC 822 value (see above), or null. */
function exactRfc822Parts(text: string): DateParts | null {
  let i = 0;
  if (text.charCodeAt(3) === 0x2c /* , */ && text.charCodeAt(4) === 0x20 && WEEKDAYS_3.has(text.slice(0, 3).toLowerCase())) i = 5;
  const oneDigitDay = text.charCodeAt(i + 1) === 0x20;
  const day = digitsAt(text, i, oneDigitDay ? 1 : 2);
  i += oneDigitDay ? 1 : 2;
  if (day < 0 || text.charCodeAt(i) !== 0x20) return null;
  const month = MONTHS_3[text.slice(i + 1, i + 4).toLowerCase()];
  i += 4;
  if (month === undefined || text.charCodeAt(i) !== 0x20) return null;
  const year = digitsAt(text, i + 1, 4);
  i += 5;
  if (year < 0 || text.charCodeAt(i) !== 0x20) return null;
  const hour = digitsAt(text, i + 1, 2);
  const minute = digitsAt(text, i + 4, 2);
  if (hour < 0 || text.charCodeAt(i + 3) !== 0x3a /* : */ || minute < 0) return null;
  i += 6;
  let second = 0;
  if (text.charCodeAt(i) === 0x3a) {
    second = digitsAt(text, i + 1, 2);
    if (second < 0) return null;
    i += 3;
  }
  let offset: number | null = null;
  if (i < text.length) {
    if (text.charCodeAt(i) !== 0x20) return null;
    const zone = text.slice(i + 1);
    const sign = zone.charCodeAt(0) === 0x2b /* + */ ? 1 : zone.charCodeAt(0) === 0x2d /* - */ ? -1 : 0;
    if (sign !== 0) {
      const hours = digitsAt(zone, 1, 2);
      const minutes = digitsAt(zone, 3, 2);
      if (zone.length !== 5 || hours < 0 || minutes < 0) return null;
      offset = numericZone(sign, hours, minutes);
    } else {
      if (!RFC_822_NAMED_ZONES.has(zone.toLowerCase())) return null;
      offset = zoneOffsetMinutes(zone);
    }
  }
  return { year, month, day, hour, minute, second, offset };
}

/** Parts of an exact ISO 8601 value (see above), or null. */
function exactIsoParts(text: string): DateParts | null {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== 0x2d /* - */ || text.charCodeAt(7) !== 0x2d) return null;
  if (text.length === 10) return { year, month, day };
  const separator = text.charCodeAt(10);
  if (separator !== 0x54 /* T */ && separator !== 0x74 /* t */ && separator !== 0x20) return null;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (hour < 0 || text.charCodeAt(13) !== 0x3a /* : */ || minute < 0) return null;
  let i = 16;
  let second = 0;
  let millis: number | undefined;
  if (text.charCodeAt(i) === 0x3a) {
    second = digitsAt(text, i + 1, 2);
    if (second < 0) return null;
    i += 3;
    if (text.charCodeAt(i) === 0x2e /* . */) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end++;
      if (end === i + 1) return null;
      millis = Math.round(Number(`0.${text.slice(i + 1, end)}`) * 1000);
      i = end;
    }
  }
  let offset: number | null = null;
  if (i < text.length) {
    const c = text.charCodeAt(i);
    if ((c === 0x5a /* Z */ || c === 0x7a) && i + 1 === text.length) offset = 0;
    else if (c === 0x2b /* + */ || c === 0x2d /* - */) {
      const hours = digitsAt(text, i + 1, 2);
      const colon = text.charCodeAt(i + 3) === 0x3a ? 1 : 0;
      const minutes = digitsAt(text, i + 3 + colon, 2);
      if (hours < 0 || minutes < 0 || i + 5 + colon !== text.length) return null;
      offset = numericZone(c === 0x2d ? -1 : 1, hours, minutes);
    } else return null;
  }
  const parts: DateParts = { year, month, day, hour, minute, second, offset };
  if (millis !== undefined) parts.millis = millis;
  return parts;
}

/** Parts of an exact RFC 822 or ISO 8601 value, as DAY_MONTH or YEAR_FIRST would read it; null for other text. */
function exactShapeParts(text: string): DateParts | null {
  const first = text.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39 && text.charCodeAt(4) === 0x2d) return exactIsoParts(text);
  return exactRfc822Parts(text);
}

/** What findDates(text, options, 1) gives for the common shapes, without running every reader; undefined for other text. */
function readCommonShape(text: string, options: ParseDateOptions): ParsedDate | null | undefined {
  const exact = exactShapeParts(text);
  if (exact) {
    const date = build(exact);
    if (date) return date;
  }
  if (STARTS_WITH_YEAR.test(text)) {
    const first = firstDateOf(text, YEAR_FIRST_READER, options);
    return first?.index === 0 ? first.date : undefined;
  }
  if (RFC_822.test(text)) return firstDateOf(text, DAY_MONTH_READER, options)?.date ?? undefined;
  return undefined;
}

/**
 * Parses one date value as feeds and metadata give it: ISO 8601 / RFC 3339 (also the basic format
 * 20220427T100000Z), RFC 822 / 2822 with named or numeric zones (a missing zone is read as UTC), and
 * the written forms {@link findDates} knows, wherever in the value the date stands
 * ("Published: 4. Oktober 2020, 10:30 Uhr"). Returns null for anything it cannot read with confidence.
 */
export function parseDate(raw: string | null | undefined, options: ParseDateOptions = {}): ParsedDate | null {
  if (!raw) return null;
  const text = normalise(raw).trim();
  if (!text || text.length > 200) return null;
  const basic = ISO_BASIC.exec(text);
  if (basic) {
    const [, y, mo, d, h, mi, s, zone] = basic;
    const base = { year: Number(y), month: Number(mo), day: Number(d) };
    return build(h === undefined ? base : { ...base, hour: Number(h), minute: Number(mi), second: Number(s ?? 0), offset: zoneOffsetMinutes(zone) });
  }
  // A bare Unix timestamp in seconds or milliseconds (some CMSs put one in their date meta).
  if (/^\d{10}(?:\d{3})?$/.test(text)) {
    const ms = text.length === 10 ? Number(text) * 1000 : Number(text);
    const date = new Date(ms);
    return { instant: date, precision: 'instant', local: `${date.toISOString().slice(0, 19)}Z` };
  }
  const common = readCommonShape(text, options);
  if (common) return common;
  return findDates(text, options, 1)[0]?.date ?? null;
}

/** How far ahead of the fetch a date may lie before it is distrusted (clock skew, time zones). */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/** Before this no news page was published on the web; earlier dates on pages are placeholders or history. */
export const EARLIEST_WEB_DATE_MS = Date.UTC(1995, 0, 1);

/** Whether a date may be a page's publication date when fetched at `now`: not ahead of it, not before the web. */
export function isPlausibleDate(date: ParsedDate, now: Date): boolean {
  const time = date.instant.getTime();
  return time <= now.getTime() + MAX_FUTURE_SKEW_MS && time >= EARLIEST_WEB_DATE_MS;
}

/**
 * Parses a date and applies the plausibility rule: a date more than a day after `now` is replaced
 * by `now` (the raw string is kept by the caller). Dates before 1990 are rejected as placeholders.
 */
export function parsePlausibleDate(raw: string | null | undefined, now: Date): ParsedDate | null {
  const parsed = parseDate(raw);
  if (!parsed) return null;
  const time = parsed.instant.getTime();
  if (time > now.getTime() + MAX_FUTURE_SKEW_MS) return { instant: new Date(now.getTime()), precision: 'instant', local: `${now.toISOString().slice(0, 19)}Z` };
  if (time < Date.UTC(1990, 0, 1)) return null;
  return parsed;
}
