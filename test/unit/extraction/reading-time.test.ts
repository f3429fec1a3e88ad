import { describe, expect, it } from 'vitest';
import { countWords, readingTimeMinutes, WORDS_PER_MINUTE } from '../../../shared/article/reading-time';

describe('reading time', () => {
  it('is words over 230 a minute, rounded, at least one for any text', () => {
    expect(WORDS_PER_MINUTE).toBe(230);
    expect(readingTimeMinutes('word '.repeat(10))).toBe(1);
    expect(readingTimeMinutes('word '.repeat(387))).toBe(2);
    expect(readingTimeMinutes('word '.repeat(805))).toBe(4);
    expect(readingTimeMinutes('')).toBe(0);
  });

  it('counts words across scripts, each CJK character as one', () => {
    expect(countWords('Iran’s defence minister, 2022-04-28: “cooperation”.')).toBe(5);
    expect(countWords('افتتحت بلدية المدينة يوم الإثنين')).toBe(5);
    expect(countWords('港町の商店街')).toBe(6);
  });
});
