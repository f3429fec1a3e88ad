import { describe, expect, it } from 'vitest';
import { findDates, parseDate } from '../../../shared/dates/parse-date';

// parseDate reads the two shapes nearly every feed date has (ISO 8601 and exact RFC 822) with one
// reader instead of all five; it must give exactly what the full scan gives, findDates with limit 1.
const fullScan = (text: string) => findDates(text, {}, 1)[0]?.date ?? null;

const WEEKDAYS = ['', 'thu, '];
const MONTHS = ['Jan', 'feb', 'MAR', 'Dec'];
const DAYS = ['1', '06', '31', '32'];
const YEARS = ['2010', '0999', '3000'];
const TIMES = ['1:00', '00:01', '23:59:59', '24:00:00', '10:60:00', '09:30:61'];
const ZONES = ['', ' -0000', ' Gmt', ' +05', ' X', ' +05:30', ' GMT', ' UT', ' z', ' +0000', ' -0530', ' +1500', ' EST', ' pdt', ' CDT'];

function rfc822Values(): string[] {
  const out: string[] = [];
  for (const weekday of WEEKDAYS)
    for (const month of MONTHS)
      for (const day of DAYS)
        for (const year of YEARS) for (const time of TIMES) for (const zone of ZONES) out.push(`${weekday}${day} ${month} ${year} ${time}${zone}`);
  return out;
}

function isoValues(): string[] {
  const dates = ['2010-09-06', '2010/9/6', '2010.09.06', '2010-02-30', '2010-13-01', '0999-01-01', '2010-09-06-07', '2010-9'];
  const times = [
    '',
    'T00:01:00Z',
    'T10:00:00.5z',
    't10:00:00+0530',
    'T10:00Z',
    ' 10:00:00',
    'T10:00:00.999999-1200',
    'T23:59:59+1500',
    'T10:00:00+05',
    'T10:00:00.Z',
    'T10:00:00+05:3',
    'T10:00:00 ',
    'T10:00:0',
    'T10:00:00.123456+02:00',
    ' 10:00',
    'T10:00:00,5-0700',
    'T25:00:00Z',
    'T10:00:00 CEST',
    'T1000',
    ' and 12 May 2011',
  ];
  return dates.flatMap((date) => times.map((time) => `${date}${time}`));
}

describe('parseDate on the common shapes', () => {
  it.each([
    ['RFC 822', rfc822Values()],
    ['ISO 8601', isoValues()],
  ])('gives what the full scan gives for every %s value', (_shape, values) => {
    expect(values.length).toBeGreaterThan(50);
    const differing = values.filter((value) => JSON.stringify(parseDate(value)) !== JSON.stringify(fullScan(value)));
    expect(differing).toEqual([]);
    // Not vacuous: most values are dates, and some are not.
    const read = values.filter((value) => parseDate(value) !== null).length;
    expect(read).toBeGreaterThan(values.length / 10);
    expect(read).toBeLessThan(values.length);
  });
});
