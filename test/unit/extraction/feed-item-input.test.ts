import { describe, expect, it } from 'vitest';
import { buildFeedItem } from '../../../bench/support/build-feed-item';
import { ArticleSchema } from '../../../shared/article/article';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { readFeedItemInput } from '../../../shared/extraction/feed-item-input';
import type { FeedItem } from '../../../shared/feed/feed';

// extractArticle is the library's edge: a FeedItem its caller builds by hand gets the URL rules
// parseFeed applies (only absolute http(s) URLs without credentials survive).
const URL = 'https://news.example/world/story.html';
const NOW = new Date('2024-06-01T12:00:00Z');
const PARAGRAPH = 'The ferry operator confirmed that the winter timetable will drop from five sailings a day to three, starting in November.';
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferry cuts</title></head><body><article><h1>Ferry cuts</h1>${`<p>${PARAGRAPH}</p>`.repeat(4)}</article></body></html>`;
const image = { url: 'https://cdn.news.example/ferry.jpg', caption: 'The ferry', credit: null, alt: null, width: null, height: null };
const item = buildFeedItem({
  itemId: 'guid:1',
  guid: '1',
  url: URL,
  title: 'Ferry timetable cut',
  summary: 'Three sailings a day over winter.',
  contentHtml: '<p>Three sailings a day over winter, the operator says.</p>',
  image,
});

describe('extractArticle validates the FeedItem it is handed', () => {
  it('keeps an http(s) lead image from the item when the page has none', async () => {
    const article = await extractArticle(page, { url: URL, now: NOW, item });
    expect(article.status).toBe('extracted');
    expect(article.image).toMatchObject({ url: image.url, caption: 'The ferry' });
    expect(article.extraction.fieldSources.image).toBe('feed');
  });

  it.each([
    'javascript:alert(document.cookie)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'file:///etc/passwd',
    'https://user:secret@cdn.news.example/ferry.jpg',
    'img/ferry.jpg',
    'not a url',
  ])('drops an item image whose URL is %s', async (url) => {
    const article = await extractArticle(page, { url: URL, now: NOW, item: { ...item, image: { ...image, url } } });
    expect(ArticleSchema.parse(article).status).toBe('extracted');
    expect(article.image).toBeNull();
    expect(JSON.stringify(article)).not.toContain(url);
  });

  it('drops it on the feed-only path too', async () => {
    const short = page.replace(/(<p>.*<\/p>)+/, '<p>Short.</p>');
    const article = await extractArticle(short, { url: URL, now: NOW, item: { ...item, image: { ...image, url: 'javascript:alert(1)' } } });
    expect(article.status).toBe('feed-only');
    expect(article.image).toBeNull();
  });

  it('drops a non-http link and enclosures, keeps the http ones', () => {
    const checked = readFeedItemInput({
      ...item,
      url: 'javascript:alert(1)',
      enclosures: [
        { url: 'https://cdn.news.example/a.mp3', type: 'audio/mpeg', length: 10 },
        { url: 'vbscript:msgbox', type: null, length: null },
        { url: 'ftp://files.news.example/b.mp3', type: null, length: null },
      ],
    });
    expect(checked?.url).toBeNull();
    expect(checked?.enclosures).toEqual([{ url: 'https://cdn.news.example/a.mp3', type: 'audio/mpeg', length: 10 }]);
    expect(readFeedItemInput(item)).toEqual(item);
  });

  it('turns an item of the wrong shape into a failed Article naming the field, never a throw', async () => {
    const broken = { ...item, authors: 'Jane Doe' } as unknown as FeedItem;
    const article = await extractArticle(page, { url: URL, now: NOW, item: broken });
    expect(ArticleSchema.parse(article).status).toBe('failed');
    expect(article.extraction.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('item.authors') });
  });
});
