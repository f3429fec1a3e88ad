import { describe, expect, it } from 'vitest';
import { articleId } from '../../../shared/article/article-id';
import { cleanUrl } from '../../../shared/article/clean-url';
import { resolveHttpUrl } from '../../../shared/article/resolve-url';

describe('cleanUrl', () => {
  it.each([
    ['https://Example.com:443/a?utm_source=x&id=3&fbclid=abc#top', 'https://example.com/a?id=3'],
    ['https://example.com/a?utm_medium=rss', 'https://example.com/a'],
    ['http://example.com/a?gclid=1&mc_cid=2&_ga=3', 'http://example.com/a'],
    ['https://example.com/a?page=2&UTM_Campaign=x', 'https://example.com/a?page=2'],
    ['https://example.com/a?', 'https://example.com/a'],
    // An empty fragment goes too (its url.hash reads as '').
    ['https://example.com/a/#', 'https://example.com/a/'],
    ['https://example.com/a?x=1#', 'https://example.com/a?x=1'],
  ])('cleans %s', (input, expected) => {
    expect(cleanUrl(input)).toBe(expected);
  });

  it('keeps parameters that select content and their order', () => {
    expect(cleanUrl('https://example.com/story?b=2&a=1')).toBe('https://example.com/story?b=2&a=1');
  });

  it('resolves relative URLs against a base', () => {
    expect(cleanUrl('../b?utm_source=x', 'https://example.com/a/c')).toBe('https://example.com/b');
  });
});

describe('articleId', () => {
  it('is the same for tracking-parameter variants of one URL and URL-safe', () => {
    const a = articleId('https://example.com/story?utm_source=twitter');
    expect(a).toBe(articleId('https://example.com/story#comments'));
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('differs for different articles', () => {
    expect(articleId('https://example.com/a')).not.toBe(articleId('https://example.com/b'));
  });
});

describe('resolveHttpUrl', () => {
  it.each(['javascript:alert(1)', 'data:text/html,x', 'mailto:a@b.c', 'file:///etc/passwd', 'http://user:pw@example.com/', '', 'http://'])(
    'refuses %s',
    (href) => {
      expect(resolveHttpUrl(href, 'https://example.com/')).toBeNull();
    },
  );

  it('resolves relative links', () => {
    expect(resolveHttpUrl('/x', 'https://example.com/a/b')).toBe('https://example.com/x');
  });
});
