/** A date read from a feed or a page: the instant, how precise the source was, and the raw text. */
export interface ParsedDate {
  instant: Date;
  precision: 'instant' | 'day';
}

// RFC 822 section 5.1 and RFC 2822 section 4.3 obsolete zones, plus the common ones feeds use anyway.
const ZONE_OFFSETS_MINUTES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  MET: 60,
  CEST: 120,
  MEST: 120,
  WEST: 60,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
};

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  sept: 9,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  // French, German, Spanish, Italian, Portuguese and Dutch month names seen on news pages.
  janvier: 1,
  fevrier: 2,
  février: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  août: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  décembre: 12,
  januar: 1,
  februar: 2,
  märz: 3,
  maerz: 3,
  juni: 6,
  juli: 7,
  oktober: 10,
  dezember: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  gennaio: 1,
  febbraio: 2,
  aprile: 4,
  maggio: 5,
  giugno: 6,
  luglio: 7,
  settembre: 9,
  ottobre: 10,
  dicembre: 12,
  janeiro: 1,
  fevereiro: 2,
  março: 3,
  maio: 5,
  junho: 6,
  julho: 7,
  setembro: 9,
  outubro: 10,
  dezembro: 12,
  januari: 1,
  februari: 2,
  maart: 3,
  mei: 5,
  augustus: 8,
};

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)];
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return null;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const sign = numeric[1] === '-' ? -1 : 1;
    return sign * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  }
  const named = ZONE_OFFSETS_MINUTES[zone.toUpperCase()];
  if (named !== undefined) return named;
  // RFC 822 military zones are ambiguous in practice (RFC 2822 section 4.3 says treat as -0000).
  if (/^[A-IK-Z]$/i.test(zone)) return 0;
  return null;
}

function makeDate(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offsetMinutes: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return null; // 31 February and friends
  return new Date(utc - offsetMinutes * 60_000);
}

function expandYear(year: string): number {
  const n = Number(year);
  if (year.length === 2) return n < 50 ? 2000 + n : 1900 + n; // RFC 2822 section 4.3
  return n;
}

// ISO 8601 / RFC 3339, also with a space instead of T, without seconds, or date only.
const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// A leading weekday: an English name (comma optional), or any word followed by a comma ("Lundi,").
// It must not be able to eat the start of a month name (the "Ap" of "April").
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*|[A-Za-z\u00C0-\u00FF]{2,12}\.?,\s*)?`;
const TIME_AND_ZONE = String.raw`(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AP]M))?\s*(\(?[A-Za-z]{1,5}\)?|[+-]\d{2}:?\d{2})?)?`;
// RFC 822: [Day,] DD Mon YYYY HH:MM[:SS] [zone]
const RFC822 = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})[\s-]+([A-Za-zéûä]{3,9})\.?[\s-]+(\d{2,4})${TIME_AND_ZONE}`, 'i');
// "April 28, 2022", "Apr 28 2022 10:00 AM EST"
const MONTH_FIRST = new RegExp(String.raw`^${WEEKDAY}([A-Za-zéûä]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME_AND_ZONE}`, 'i');
// "28 April, 2022", "28th April 2022"
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-zéûäç]{3,10})\.?,?\s+(\d{4})/i;

function hour12(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toUpperCase() === 'PM';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

/**
 * Parses the date forms feeds and pages use: ISO 8601 / RFC 3339, RFC 822 / 2822 with named or
 * numeric zones (a missing zone is read as UTC), and visible forms such as "28 April, 2022".
 * Returns null for anything it cannot read with confidence.
 */
export function parseDate(raw: string | null | undefined): ParsedDate | null {
  if (!raw) return null;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 100) return null;

  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    if (h === undefined) {
      const date = makeDate(Number(y), Number(mo), Number(d), 0, 0, 0, 0, 0);
      return date ? { instant: date, precision: 'day' } : null;
    }
    const offset = zoneOffsetMinutes(zone) ?? 0;
    const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    const date = makeDate(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), millis, offset);
    return date ? { instant: date, precision: 'instant' } : null;
  }

  const rfc = RFC822.exec(text);
  if (rfc) {
    const [, d, mon, y, h, mi, s, meridiem, zone] = rfc;
    const month = mon ? monthNumber(mon) : undefined;
    if (month) {
      const hasTime = h !== undefined;
      const offset = zoneOffsetMinutes(zone?.replace(/[()]/g, '')) ?? 0;
      const date = makeDate(
        expandYear(y ?? ''),
        month,
        Number(d),
        hasTime ? hour12(Number(h), meridiem) : 0,
        Number(mi ?? 0),
        Number(s ?? 0),
        0,
        hasTime ? offset : 0,
      );
      if (date) return { instant: date, precision: hasTime ? 'instant' : 'day' };
    }
  }

  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    const [, mon, d, y, h, mi, s, meridiem, zone] = monthFirst;
    const month = mon ? monthNumber(mon) : undefined;
    if (month) {
      const hasTime = h !== undefined;
      const offset = zoneOffsetMinutes(zone?.replace(/[()]/g, '')) ?? 0;
      const date = makeDate(Number(y), month, Number(d), hasTime ? hour12(Number(h), meridiem) : 0, Number(mi ?? 0), Number(s ?? 0), 0, hasTime ? offset : 0);
      if (date) return { instant: date, precision: hasTime ? 'instant' : 'day' };
    }
  }

  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, d, mon, y] = dayFirst;
    const month = mon ? monthNumber(mon) : undefined;
    if (month) {
      const date = makeDate(Number(y), month, Number(d), 0, 0, 0, 0, 0);
      if (date) return { instant: date, precision: 'day' };
    }
  }
  return null;
}

/** How far ahead of the fetch a date may lie before it is distrusted (clock skew, time zones). */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * Parses a date and applies the plausibility rule: a date more than a day after `now` is replaced
 * by `now` (the raw string is kept by the caller). Dates before 1990 are rejected as placeholders.
 */
export function parsePlausibleDate(raw: string | null | undefined, now: Date): ParsedDate | null {
  const parsed = parseDate(raw);
  if (!parsed) return null;
  const time = parsed.instant.getTime();
  if (time > now.getTime() + MAX_FUTURE_SKEW_MS) return { instant: new Date(now.getTime()), precision: 'instant' };
  if (time < Date.UTC(1990, 0, 1)) return null;
  return parsed;
}
