import { describe, expect, it } from 'vitest';
import { toBcp47 } from '../../../shared/extraction/read-metadata';

describe('toBcp47', () => {
  it('normalises the malformed language declarations pages carry', () => {
    expect(toBcp47('en_US')).toBe('en-US');
    expect(toBcp47('EN-us')).toBe('en-US');
    expect(toBcp47('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(toBcp47('english')).toBe('en');
    expect(toBcp47('Deutsch')).toBe('de');
    expect(toBcp47('de-DE, en')).toBe('de-DE');
  });

  it('refuses what names no language', () => {
    expect(toBcp47('und')).toBeNull();
    expect(toBcp47('x-default')).toBeNull();
    expect(toBcp47('{{lang}}')).toBeNull();
    expect(toBcp47('')).toBeNull();
  });
});
