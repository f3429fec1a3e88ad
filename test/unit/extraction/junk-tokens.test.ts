import { describe, expect, it } from 'vitest';
import { classTokens, isHiddenClass, isJunkTokenSet, nameTokens } from '../../../shared/extraction/junk-tokens';

const junk = (className: string | null, id: string | null = null): boolean => isJunkTokenSet(classTokens(className, id));

describe('nameTokens', () => {
  it('splits at dashes, underscores and camelCase humps', () => {
    expect(nameTokens('share-bar__item')).toEqual(['share', 'bar', 'item']);
    expect(nameTokens('relatedArticles')).toEqual(['related', 'articles']);
  });
});

describe('isJunkTokenSet', () => {
  it.each([
    ['share-bar'],
    ['shareBar'],
    ['related-articles'],
    ['newsletter-signup'],
    ['cookie-banner'],
    ['ad-slot'],
    ['outbrain'],
    ['comments-area'],
    ['read-more-links'],
    ['most-read'],
    ['live-story-widget'],
    ['key-points'],
    ['story-byline'],
  ])('%s is furniture', (className) => {
    expect(junk(className)).toBe(true);
  });

  it.each([
    ['shared-content'],
    ['adaptive-layout'],
    ['non-ad-column'],
    ['article-body'],
    ['readmoreish'],
    // WordPress puts the post's topics into its classes: they describe the story, not the block.
    ['post-2211 post type-post tag-social-media tag-advertising category-related-news'],
  ])('%s is not', (className) => {
    expect(junk(className)).toBe(false);
  });

  it('reads the id too', () => {
    expect(junk(null, 'disqus_thread')).toBe(true);
    expect(junk('story', 'main-content')).toBe(false);
  });
});

describe('isHiddenClass', () => {
  it('knows framework classes that hide, by exact name only', () => {
    expect(isHiddenClass('foo sr-only')).toBe(true);
    expect(isHiddenClass('visually-hidden')).toBe(true);
    // Bootstrap's hidden-xs hides on phones only: the block is visible on a desktop.
    expect(isHiddenClass('inpage-embed hidden-xs')).toBe(false);
  });
});
