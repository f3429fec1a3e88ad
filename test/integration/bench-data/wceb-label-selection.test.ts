import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCorpus } from '../../../bench/support/bench-data';
import { openWcebDataset } from '../../../bench/support/wceb-pages';

const root = resolve(import.meta.dirname, '../../..');
const labelKeys = (file: string): string[] =>
  Object.keys((JSON.parse(readFileSync(join(root, 'bench', 'labels', file), 'utf8')) as { labels: Record<string, unknown> }).labels).sort();

// The label files say which pages they cover; a corpus rebuilt with other ids would silently score other pages.
describe.skipIf(findCorpus('wceb') === null)('wceb title/byline label files cover the pages their selection names', () => {
  it('held-gt: every google-trends-2017 page', () => {
    expect(labelKeys('wceb-gt-titles-bylines.json')).toEqual(openWcebDataset('google-trends-2017').ids);
  });

  it('dev8: the dragnet pages at position % 5 === 0 of the sorted ids', () => {
    const ids = openWcebDataset('dragnet').ids.filter((_, position) => position % 5 === 0);
    expect(labelKeys('wceb-dragnet-dev8-titles-bylines.json')).toEqual(ids);
  });

  it('held-dragnet9: the dragnet pages at position % 5 === 2 of the sorted ids, none of them in dev8', () => {
    const ids = openWcebDataset('dragnet').ids.filter((_, position) => position % 5 === 2);
    const held = labelKeys('wceb-dragnet-held9-titles-bylines.json');
    expect(held).toEqual(ids);
    const dev8 = new Set(labelKeys('wceb-dragnet-dev8-titles-bylines.json'));
    expect(held.filter((key) => dev8.has(key))).toEqual([]);
  });

  it('dev9: the dragnet pages at position % 5 === 3 of the sorted ids, none of them in dev8 or held-dragnet9', () => {
    const ids = openWcebDataset('dragnet').ids.filter((_, position) => position % 5 === 3);
    const dev9 = labelKeys('wceb-dragnet-dev9-titles-bylines.json');
    expect(dev9).toEqual(ids);
    const others = new Set([...labelKeys('wceb-dragnet-dev8-titles-bylines.json'), ...labelKeys('wceb-dragnet-held9-titles-bylines.json')]);
    expect(dev9.filter((key) => others.has(key))).toEqual([]);
  });

  it('held-dragnet10: the dragnet pages at position % 5 === 1 of the sorted ids, none of them in dev8, held-dragnet9 or dev9', () => {
    const ids = openWcebDataset('dragnet').ids.filter((_, position) => position % 5 === 1);
    const held = labelKeys('wceb-dragnet-held10-titles-bylines.json');
    expect(held).toEqual(ids);
    const others = new Set([
      ...labelKeys('wceb-dragnet-dev8-titles-bylines.json'),
      ...labelKeys('wceb-dragnet-held9-titles-bylines.json'),
      ...labelKeys('wceb-dragnet-dev9-titles-bylines.json'),
    ]);
    expect(held.filter((key) => others.has(key))).toEqual([]);
  });

  it('dev10: the dragnet pages at position % 5 === 4 of the sorted ids, none of them in dev8, dev9, held-dragnet9 or held-dragnet10', () => {
    const dragnet = openWcebDataset('dragnet').ids;
    const ids = dragnet.filter((_, position) => position % 5 === 4);
    const dev10 = labelKeys('wceb-dragnet-dev10-titles-bylines.json');
    expect(dev10).toEqual(ids);
    const others = [
      ...labelKeys('wceb-dragnet-dev8-titles-bylines.json'),
      ...labelKeys('wceb-dragnet-dev9-titles-bylines.json'),
      ...labelKeys('wceb-dragnet-held9-titles-bylines.json'),
      ...labelKeys('wceb-dragnet-held10-titles-bylines.json'),
    ];
    expect(dev10.filter((key) => others.includes(key))).toEqual([]);
    // The five selections together label every dragnet page, each once.
    expect([...others, ...dev10].sort()).toEqual([...dragnet].sort());
  });
});
