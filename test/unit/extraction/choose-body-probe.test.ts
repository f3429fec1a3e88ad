import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { CHOOSER_FEATURES, chooserFeatures } from '../../../bench/support/body-chooser-features';
import { chooseBody, type ProbedCandidate } from '../../../shared/extraction/choose-body';

// The probe that bench/body-chooser-data.ts collects every body candidate with: it must see every
// candidate, and must not change the body choose-body.ts returns.
const PAGE = readFileSync(join(import.meta.dirname, '../../fixtures/pages/news-standard/input.html'), 'utf8');
const URL = 'https://news.example/2024/05/story.html';

function freshDocument(): Document {
  return new JSDOM(PAGE, { url: URL }).window.document;
}

describe('chooseBody probe', () => {
  it('hands over every candidate and leaves the choice as it was', () => {
    let reparsedWithout = 0;
    const without = chooseBody(freshDocument(), {
      url: URL,
      title: null,
      description: null,
      reparse: () => {
        reparsedWithout++;
        return freshDocument();
      },
    });
    let reparsedWith = 0;
    const seen: { candidates: readonly ProbedCandidate[]; rulesReparse: boolean }[] = [];
    const withProbe = chooseBody(freshDocument(), {
      url: URL,
      title: null,
      description: null,
      reparse: () => {
        reparsedWith++;
        return freshDocument();
      },
      probe: (candidates, rulesReparse) => seen.push({ candidates, rulesReparse }),
    });

    expect(reparsedWithout).toBe(0);
    expect(reparsedWith).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.rulesReparse).toBe(false);
    expect(seen[0]?.candidates.map((candidate) => candidate.source)).toEqual(['readability', 'readability-relaxed', 'blocks']);
    expect(withProbe.source).toBe('readability');
    expect(withProbe.text).toBe(without.text);
    expect(seen[0]?.candidates[0]?.text).toBe(without.text);
  });
});

describe('body chooser features', () => {
  const story =
    'The council voted on Tuesday to keep the library open on Sundays, after a petition.\n\nIt will cost the town about 40,000 a year, which the budget committee said it can find.';
  const comments = 'Great news! Posted by Ann at 10:42 am\n\nReply';

  it('writes one number per feature name', () => {
    const base = { text: story, linkShare: 0, source: 'readability' };
    expect(chooserFeatures(base, { text: `${story}\n\n${comments}`, linkShare: 0.05, source: 'blocks' }, 200)).toHaveLength(CHOOSER_FEATURES.length);
  });

  it('sees an identical candidate as contained both ways, and what a longer one adds', () => {
    const base = { text: story, linkShare: 0, source: 'readability' };
    const same = chooserFeatures(base, { ...base, source: 'readability-relaxed' }, 200);
    const feature = (vector: number[], name: (typeof CHOOSER_FEATURES)[number]): number => vector[CHOOSER_FEATURES.indexOf(name)] as number;
    expect(feature(same, 'log-length-ratio')).toBe(0);
    expect(feature(same, 'base-in-alt')).toBe(1);
    expect(feature(same, 'alt-in-base')).toBe(1);
    expect(feature(same, 'added-log-chars')).toBe(0);
    expect(feature(same, 'alt-is-relaxed')).toBe(1);

    const longer = chooserFeatures(base, { text: `${story}\n\n${comments}`, linkShare: 0, source: 'blocks' }, 200);
    expect(feature(longer, 'log-length-ratio')).toBeGreaterThan(0);
    expect(feature(longer, 'base-in-alt')).toBe(1);
    expect(feature(longer, 'alt-in-base')).toBeLessThan(1);
    expect(feature(longer, 'added-comment-lines')).toBeGreaterThan(0);
    expect(feature(longer, 'alt-is-blocks')).toBe(1);
  });
});
