import { describe, expect, it } from 'vitest';
import { findDates, isPlausibleDate, parseDate, parsePlausibleDate } from '../../../shared/dates/parse-date';

const at = (raw: string): string | null => parseDate(raw)?.instant.toISOString() ?? null;

describe('parseDate', () => {
  it.each([
    ['Wed, 27 Apr 2022 10:00:00 GMT', '2022-04-27T10:00:00.000Z'],
    ['Wed, 27 Apr 2022 10:00:00 EST', '2022-04-27T15:00:00.000Z'],
    ['Wed, 27 Apr 2022 10:00:00 PDT', '2022-04-27T17:00:00.000Z'],
    ['Wed, 27 Apr 2022 10:00:00 +0100', '2022-04-27T09:00:00.000Z'],
    ['Wed, 27 Apr 2022 10:00:00 -05:30', '2022-04-27T15:30:00.000Z'],
    ['Wed, 27 Apr 2022 10:00:00', '2022-04-27T10:00:00.000Z'],
    ['27 Apr 22 10:00 UT', '2022-04-27T10:00:00.000Z'],
    ['Thu, 5 Apr 2012 10:00:00 +0200 (CEST)', '2012-04-05T08:00:00.000Z'],
    ['Wednesday, 27 April 2022 10:00:00 Z', '2022-04-27T10:00:00.000Z'],
  ])('reads RFC 822 / 2822 dates with odd zones: %s', (raw, iso) => {
    expect(at(raw)).toBe(iso);
    expect(parseDate(raw)?.precision).toBe('instant');
  });

  it.each([
    ['2022-04-27T10:00:00Z', '2022-04-27T10:00:00.000Z'],
    ['2022-04-27T12:00:00.250+02:00', '2022-04-27T10:00:00.250Z'],
    ['2022-04-27 10:00:00', '2022-04-27T10:00:00.000Z'],
    ['20220427T100000Z', '2022-04-27T10:00:00.000Z'],
    ['2022-04-27T10:00+01:00', '2022-04-27T09:00:00.000Z'],
  ])('reads ISO 8601 / RFC 3339: %s', (raw, iso) => {
    expect(at(raw)).toBe(iso);
  });

  it.each([
    ['28 April, 2022', '2022-04-28T00:00:00.000Z', 'day'],
    ['April 28, 2022', '2022-04-28T00:00:00.000Z', 'day'],
    ['28th April 2022', '2022-04-28T00:00:00.000Z', 'day'],
    ['2022-04-28', '2022-04-28T00:00:00.000Z', 'day'],
    ['Tuesday, April 26, 2022 at 5:30 PM EDT', '2022-04-26T21:30:00.000Z', 'instant'],
  ])('reads visible forms and keeps their precision: %s', (raw, iso, precision) => {
    expect(parseDate(raw)).toMatchObject({ instant: new Date(iso), precision });
  });

  it.each([
    ['2020-10-04 10:00 CEST', '2020-10-04T08:00:00.000Z', '2020-10-04T10:00:00+02:00'],
    ['October 4, 2020 10:00 a.m. PDT', '2020-10-04T17:00:00.000Z', '2020-10-04T10:00:00-07:00'],
    ['Sun, 04 Oct 2020 10:00:00 GMT+2', '2020-10-04T08:00:00.000Z', '2020-10-04T10:00:00+02:00'],
    ['2020/10/04', '2020-10-04T00:00:00.000Z', '2020-10-04'],
    ['2020.10.04', '2020-10-04T00:00:00.000Z', '2020-10-04'],
    ['11.11.2021', '2021-11-11T00:00:00.000Z', '2021-11-11'],
    ['4.10.2020, 10:30 Uhr', '2020-10-04T10:30:00.000Z', '2020-10-04T10:30:00'],
    ['2020-1-5T3:04:5Z', '2020-01-05T03:04:05.000Z', '2020-01-05T03:04:05Z'],
    ['Veröffentlicht am 4. Oktober 2020 um 10:30 Uhr', '2020-10-04T10:30:00.000Z', '2020-10-04T10:30:00'],
    ['1er octobre 2020 à 10h30', '2020-10-01T10:30:00.000Z', '2020-10-01T10:30:00'],
    ['4 de octubre de 2020', '2020-10-04T00:00:00.000Z', '2020-10-04'],
    ['10 ago 2020', '2020-08-10T00:00:00.000Z', '2020-08-10'],
    ['4 ottobre 2020', '2020-10-04T00:00:00.000Z', '2020-10-04'],
    ['4 de outubro de 2020', '2020-10-04T00:00:00.000Z', '2020-10-04'],
    ['3 mrt 2019', '2019-03-03T00:00:00.000Z', '2019-03-03'],
    ['٤ أكتوبر ٢٠٢٠', '2020-10-04T00:00:00.000Z', '2020-10-04'],
    ['15 تشرين الأول 2020', '2020-10-15T00:00:00.000Z', '2020-10-15'],
    ['2020年10月4日 10:30', '2020-10-04T10:30:00.000Z', '2020-10-04T10:30:00'],
    ['1601805600', '2020-10-04T10:00:00.000Z', '2020-10-04T10:00:00Z'],
  ])("reads zone names, numeric and non-English forms and keeps the publisher's day: %s", (raw, iso, local) => {
    expect(parseDate(raw)).toMatchObject({ instant: new Date(iso), local });
  });

  it('reads slashed numeric dates month first unless the language writes the day first', () => {
    expect(parseDate('04/10/2020')?.local).toBe('2020-04-10');
    expect(parseDate('04/10/2020', { dayFirst: true })?.local).toBe('2020-10-04');
    expect(parseDate('13/10/2020')?.local).toBe('2020-10-13');
  });

  it('finds every date in a line of text, in order', () => {
    const found = findDates('Published 4 October 2020, updated 2020-10-06T09:00:00+02:00');
    expect(found.map((f) => f.date.local)).toEqual(['2020-10-04', '2020-10-06T09:00:00+02:00']);
  });

  it.each(['', 'soon', 'Tue, 31 Feb 2004 10:00:00 GMT', '2022-13-01', 'x'.repeat(200)])('returns null for what it cannot read with confidence: %j', (raw) => {
    expect(parseDate(raw)).toBeNull();
  });
});

describe('parsePlausibleDate', () => {
  const now = new Date('2024-05-01T10:00:00Z');
  it('replaces a date more than a day ahead of now by now, and keeps one within a day', () => {
    expect(parsePlausibleDate('Fri, 01 Jan 2100 00:00:00 GMT', now)?.instant).toEqual(now);
    expect(parsePlausibleDate('2024-05-02T09:00:00Z', now)?.instant.toISOString()).toBe('2024-05-02T09:00:00.000Z');
  });
});

describe('isPlausibleDate', () => {
  const now = new Date('2024-05-01T10:00:00Z');
  it('refuses dates ahead of now (beyond a day of skew) and before the web', () => {
    const read = (raw: string) =>
      parseDate(raw) ??
      (() => {
        throw new Error(raw);
      })();
    expect(isPlausibleDate(read('2024-05-01'), now)).toBe(true);
    expect(isPlausibleDate(read('2024-05-03'), now)).toBe(false);
    expect(isPlausibleDate(read('1994-12-31'), now)).toBe(false);
    expect(isPlausibleDate(read('1995-01-01'), now)).toBe(true);
  });
});
