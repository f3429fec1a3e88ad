import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRobots, robotsPatternMatches } from '../../../shared/robots/match-robots';
import { parseRobotsTxt } from '../../../shared/robots/parse-robots-txt';
import { productTokenOf } from '../../../shared/robots/product-token';
import { robotsCacheLifetimeMs } from '../../../shared/robots/robots-cache-lifetime';
import { normaliseRobotsPath } from '../../../shared/robots/robots-policy';

const FIXTURES = join(import.meta.dirname, 'fixtures');

interface Expected {
  userAgent: string;
  crawlDelaySeconds: number | null;
  urls: Record<string, boolean>;
}

describe('robots.txt (RFC 9309), one fixture folder per case', () => {
  for (const name of readdirSync(FIXTURES)) {
    it(name, () => {
      const text = readFileSync(join(FIXTURES, name, 'robots.txt'), 'utf8');
      const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
      const policy = parseRobotsTxt(text, productTokenOf(expected.userAgent));
      expect(policy.crawlDelaySeconds).toBe(expected.crawlDelaySeconds);
      const decided = Object.fromEntries(Object.keys(expected.urls).map((url) => [url, matchRobots(policy, url).allowed]));
      expect(decided).toEqual(expected.urls);
    });
  }
});

describe('robots.txt pieces', () => {
  it('takes the product token of a User-Agent string', () => {
    expect(productTokenOf('Feedloom/0.1 (+https://github.com/feedloom/feedloom; news ingestion)')).toBe('Feedloom');
    expect(productTokenOf('my_crawler-x 2')).toBe('my_crawler-x');
  });

  it('normalises percent-encoding both ways (RFC 9309 section 2.2.2 table)', () => {
    expect(normaliseRobotsPath('/foo/bar?baz=quz')).toBe('/foo/bar?baz=quz');
    expect(normaliseRobotsPath('/foo/bar/ツ')).toBe('/foo/bar/%E3%83%84');
    expect(normaliseRobotsPath('/foo/bar/%e3%83%84')).toBe('/foo/bar/%E3%83%84');
    expect(normaliseRobotsPath('/foo/bar/%62%61%7A')).toBe('/foo/bar/baz');
    expect(normaliseRobotsPath('/a b')).toBe('/a%20b');
  });

  it('matches a pattern of many stars against a long path without backtracking', () => {
    const path = `/${'a'.repeat(5_000)}`;
    const pattern = `/${'a*'.repeat(2_000)}b`;
    // A backtracking matcher would not finish this; the piecewise one answers at once.
    expect(robotsPatternMatches(pattern, path)).toBe(false);
    expect(robotsPatternMatches(`/${'a*'.repeat(2_000)}$`, path)).toBe(true);
  });

  it('keeps a robots.txt as long as its HTTP caching says, between one minute and 24 hours', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(robotsCacheLifetimeMs({}, now)).toBe(24 * 3600_000);
    expect(robotsCacheLifetimeMs({ 'cache-control': 'public, max-age=3600' }, now)).toBe(3600_000);
    expect(robotsCacheLifetimeMs({ 'cache-control': 'max-age=600, s-maxage=7200' }, now)).toBe(7200_000);
    expect(robotsCacheLifetimeMs({ 'cache-control': 'max-age=864000' }, now)).toBe(24 * 3600_000);
    expect(robotsCacheLifetimeMs({ 'cache-control': 'no-cache' }, now)).toBe(60_000);
    expect(robotsCacheLifetimeMs({ expires: 'Thu, 01 Jan 2026 02:00:00 GMT', date: 'Thu, 01 Jan 2026 00:00:00 GMT' }, now)).toBe(7200_000);
    expect(robotsCacheLifetimeMs({ expires: '0' }, now)).toBe(60_000);
  });
});
