import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors';
import { parseFeedList } from '../../../shared/feed/parse-feed-list';

const LISTS = resolve(__dirname, '../../fixtures/feeds/lists');

describe('parseFeedList', () => {
  it('reads OPML with nested outlines as categories, and the category attribute', () => {
    const entries = parseFeedList(readFileSync(resolve(LISTS, 'nested.opml'), 'utf8'));
    expect(entries).toEqual([
      { url: 'https://news.example/rss', title: 'News', categories: ['World', 'Middle East'] },
      { url: 'https://tech.example/atom.xml', title: 'Tech', categories: ['Tech', 'gadgets'] },
      { url: 'https://loose.example/feed', title: 'Loose', categories: [] },
    ]);
  });

  it('keeps the folder of every feed when a folder holds several self-closing outlines', () => {
    const entries = parseFeedList(readFileSync(resolve(LISTS, 'folders-several-feeds.opml'), 'utf8'));
    expect(entries.map((entry) => [entry.title, entry.categories])).toEqual([
      ['One', ['World']],
      ['Two', ['World']],
      ['Three', ['World']],
      ['Four', ['World', 'Regions']],
      ['Five', ['World', 'Regions']],
      ['Six', ['World', 'Regions']],
      ['Seven', ['World']],
      ['Eight', ['Tech']],
      ['Nine', ['Tech']],
      ['Loose', []],
    ]);
  });

  it('reads JSON arrays of URLs or objects, and plain text with comments', () => {
    expect(parseFeedList('["https://a.example/feed", {"url": "https://b.example/feed", "title": "B", "categories": ["x"]}]')).toEqual([
      { url: 'https://a.example/feed', title: null, categories: [] },
      { url: 'https://b.example/feed', title: 'B', categories: ['x'] },
    ]);
    expect(parseFeedList('# my feeds\nhttps://a.example/feed\n\nhttps://c.example/rss\n')).toEqual([
      { url: 'https://a.example/feed', title: null, categories: [] },
      { url: 'https://c.example/rss', title: null, categories: [] },
    ]);
  });

  it('merges duplicates and their categories', () => {
    const opml = `<opml version="2.0"><body>
      <outline text="A"><outline text="One" xmlUrl="https://dup.example/feed"/></outline>
      <outline text="B"><outline text="One again" xmlUrl="https://dup.example/feed"/></outline></body></opml>`;
    expect(parseFeedList(opml)).toEqual([{ url: 'https://dup.example/feed', title: 'One', categories: ['A', 'B'] }]);
  });

  it('rejects a list with a non-http URL or broken syntax with a typed error', () => {
    expect(() => parseFeedList('javascript:alert(1)')).toThrow(InvalidInputError);
    expect(() => parseFeedList('[{"title": "no url"}]')).toThrow(InvalidInputError);
    expect(() => parseFeedList('<opml><body><outline xmlUrl="https://a.example/"></body>')).toThrow(InvalidInputError);
  });
});
