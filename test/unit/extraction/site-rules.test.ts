import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors';
import { DEFAULT_SITE_RULES, parseSiteRules, siteRuleFor } from '../../../shared/extraction/site-rules';

describe('site rules', () => {
  const rules = parseSiteRules({ hosts: { 'example.com': { drop: ['.promo-rail'] }, 'news.example.com': { keep: ['.story-aside'] } } });

  it('applies a host rule to the host and its subdomains, nearest first', () => {
    expect(siteRuleFor(rules, 'https://www.example.com/a')).toEqual({ keep: [], drop: ['.promo-rail'] });
    expect(siteRuleFor(rules, 'https://news.example.com/a')).toEqual({ keep: ['.story-aside'], drop: [] });
    expect(siteRuleFor(rules, 'https://example.org/a')).toBeNull();
    expect(siteRuleFor(rules, 'not a url')).toBeNull();
  });

  it('refuses a malformed rules document with a typed error naming the problem', () => {
    expect(() => parseSiteRules({ hosts: { 'Bad Host!': {} } })).toThrow(InvalidInputError);
    expect(() => parseSiteRules({ hosts: { 'example.com': { drop: 'not-a-list' } } })).toThrow(/hosts\.example\.com\.drop/);
  });

  it('ships a valid rules file', () => {
    expect(DEFAULT_SITE_RULES.hosts).toBeTypeOf('object');
  });
});
