import { describe, expect, it } from 'vitest';
import { parseDate, parsePlausibleDate } from '../../../shared/dates/parse-date';

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
    expect(parseDate(raw)).toEqual({ instant: new Date(iso), precision });
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
