import { describe, expect, it } from 'vitest';
import { deriveItemIds } from '../../../shared/feed/item-identity';

const entry = (guid: string | null, url: string | null, title: string | null = null, summary: string | null = null) => ({ guid, url, title, summary });

describe('deriveItemIds', () => {
  it('uses the guid when it identifies the entry', () => {
    const [a, b] = deriveItemIds([entry('g1', 'https://x.example/1'), entry('g1', 'https://x.example/1'), entry('g2', 'https://x.example/1')]);
    const again = deriveItemIds([entry('g1', 'https://x.example/other')]);
    expect(a).toBe(b);
    expect(again[0]).toBe(a);
  });

  it('adds the link when one guid is reused for different links in a feed (a CMS bug)', () => {
    const ids = deriveItemIds([entry('same', 'https://x.example/1'), entry('same', 'https://x.example/2'), entry('same', 'https://x.example/3')]);
    expect(new Set(ids).size).toBe(3);
  });

  it('falls back to the cleaned link: tracking parameters and fragments do not change identity', () => {
    const [a, b, c] = deriveItemIds([
      entry(null, 'https://x.example/story?id=4&utm_source=rss&fbclid=abc'),
      entry(null, 'https://x.example/story?id=4#comments'),
      entry(null, 'https://x.example/story?id=5&gclid=z'),
    ]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('falls back to title and summary when there is neither guid nor link', () => {
    const [a, b, c] = deriveItemIds([entry(null, null, 'T', 'S'), entry(null, null, 'T', 'S'), entry(null, null, 'T', 'other')]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('is URL-safe and stable across runs', () => {
    const [id] = deriveItemIds([entry('tag:example.com,2024:1', null)]);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(deriveItemIds([entry('tag:example.com,2024:1', null)])[0]).toBe(id);
  });
});
