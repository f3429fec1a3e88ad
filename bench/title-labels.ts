// `npx tsx bench/title-labels.ts [--misses] [--byline-misses] [--sets dev1,dev5,...]`: title token F1 (and the byline
// figures beside it) of extractArticle on every title/byline label set, fast (only the labelled pages are
// extracted), for iterating on the title rules. The same scoring as `npm run bench:metadata` (tokenF1 of
// shared/extraction/choose-title.ts against bench/labels/*-titles-bylines.json). With --misses it prints the
// title misses of the development sets, with --byline-misses their byline misses (invented bylines and wrong
// names, with the source each came from); the held-aside halves B (dates and Zyte) and any set marked held
// are only ever scored, never printed, so they stay a check of whether a rule generalises. The sixth set
// (dev6, index % 8 === 3) was labelled blind and held aside whole until the eighth pass measured it once; it
// is a development set since; the seventh (held-dev7, index % 8 === 5) took its place. Two sets on the wceb
// corpus: dev8 (dragnet pages at sorted position % 5 === 0, a development set) and held-gt (all 66
// google-trends-2017 pages, labelled blind and held aside whole: scored, never printed); a third, held-dragnet9
// (dragnet pages at sorted position % 5 === 2, labelled blind on the labels9 branch), is held aside whole the
// same way; a fourth, dev9 (dragnet pages at sorted position % 5 === 3, labelled blind on the labels11 branch
// before any rule saw them), is a development set like dev8; a fifth, held-dragnet10 (dragnet pages at sorted
// position % 5 === 1, labelled blind on the labels10 branch), is held aside whole, a fresh check of whether the
// title/byline rules generalise; a sixth, dev10 (dragnet pages at sorted position % 5 === 4, labelled blind on the
// labels12 branch before any rule saw them), is a development set like dev8 and dev9, and with it every dragnet
// page is labelled. A set is scored when its label file is present.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { tokenF1 } from '../shared/extraction/choose-title';
import { extractArticle } from '../shared/extraction/extract-article';
import { exitOnMissingData, requireCorpus } from './support/bench-data';
import { openWcebDataset, WCEB_NO_URL, type WcebDataset } from './support/wceb-pages';

type Label = { title: string; authors: string[] };
type Part = 'all' | 'A' | 'B';

const root = resolve(import.meta.dirname, '..');
const NOW = new Date('2026-01-01T00:00:00Z');
const { values } = parseArgs({
  options: { misses: { type: 'boolean', default: false }, 'byline-misses': { type: 'boolean', default: false }, sets: { type: 'string' } },
});

function readLabels(file: string): Record<string, Label> {
  const path = join(root, 'bench', 'labels', file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { labels: Record<string, Label> }).labels : {};
}

/** Half A (even position among the sorted keys) or B (odd), as bench/metadata-bench.ts splits them. */
const halfOf = (labels: Record<string, Label>, key: string): 'A' | 'B' => (Object.keys(labels).sort().indexOf(key) % 2 === 0 ? 'A' : 'B');

const SETS: { name: string; file: string; corpus: 'dates' | 'zyte' | 'wceb'; dataset?: string; part: Part; held?: boolean }[] = [
  { name: 'dev1', file: 'dates-sample-titles-bylines.json', corpus: 'dates', part: 'all' },
  { name: 'dev2', file: 'dates-dev2-titles-bylines.json', corpus: 'dates', part: 'all' },
  { name: 'dev3', file: 'dates-dev3-titles-bylines.json', corpus: 'dates', part: 'all' },
  { name: 'dev4', file: 'dates-dev4-titles-bylines.json', corpus: 'dates', part: 'all' },
  { name: 'dev5', file: 'dates-dev5-titles-bylines.json', corpus: 'dates', part: 'all' },
  // Labelled blind during the eighth pass, measured once held aside, then released for development.
  { name: 'dev6', file: 'dates-dev6-titles-bylines.json', corpus: 'dates', part: 'all' },
  // Labelled blind during the ninth pass and never developed on: scored, its misses never printed.
  { name: 'held-dev7', file: 'dates-dev7-titles-bylines.json', corpus: 'dates', part: 'all', held: true },
  { name: 'held-dates-A', file: 'dates-heldaside-titles-bylines.json', corpus: 'dates', part: 'A' },
  { name: 'held-dates-B', file: 'dates-heldaside-titles-bylines.json', corpus: 'dates', part: 'B' },
  { name: 'held-zyte-A', file: 'zyte-heldaside-titles-bylines.json', corpus: 'zyte', part: 'A' },
  { name: 'held-zyte-B', file: 'zyte-heldaside-titles-bylines.json', corpus: 'zyte', part: 'B' },
  // Labelled blind on the labels8 branch (wceb dragnet, sorted position % 5 === 0): a development set.
  { name: 'dev8', file: 'wceb-dragnet-dev8-titles-bylines.json', corpus: 'wceb', dataset: 'dragnet', part: 'all' },
  // Labelled blind on the labels11 branch (wceb dragnet, sorted position % 5 === 3) for the byline rules: a development set.
  { name: 'dev9', file: 'wceb-dragnet-dev9-titles-bylines.json', corpus: 'wceb', dataset: 'dragnet', part: 'all' },
  // Labelled blind on the labels12 branch (wceb dragnet, sorted position % 5 === 4) for the byline rules: a development set.
  { name: 'dev10', file: 'wceb-dragnet-dev10-titles-bylines.json', corpus: 'wceb', dataset: 'dragnet', part: 'all' },
  // Labelled blind on the labels8 branch and never developed on (as google-trends-2017 is for the body): scored whole, never printed.
  { name: 'held-gt', file: 'wceb-gt-titles-bylines.json', corpus: 'wceb', dataset: 'google-trends-2017', part: 'all', held: true },
  // Labelled blind on the labels9 branch (wceb dragnet, sorted position % 5 === 2) and never developed on: scored whole, never printed.
  { name: 'held-dragnet9', file: 'wceb-dragnet-held9-titles-bylines.json', corpus: 'wceb', dataset: 'dragnet', part: 'all', held: true },
  // Labelled blind on the labels10 branch (wceb dragnet, sorted position % 5 === 1) and never developed on: scored whole, never printed.
  { name: 'held-dragnet10', file: 'wceb-dragnet-held10-titles-bylines.json', corpus: 'wceb', dataset: 'dragnet', part: 'all', held: true },
];

const datesDir = exitOnMissingData(() => join(requireCorpus('dates'), 'cases'));
const zyteDir = exitOnMissingData(() => requireCorpus('article-extraction'));
const zyteUrls = JSON.parse(readFileSync(join(zyteDir, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
const wcebDatasets = new Map<string, WcebDataset>();
/** The wceb dataset's pages, opened on first use (the wceb corpus is needed only when a wceb set is scored). */
function wcebDataset(name: string): WcebDataset {
  let dataset = wcebDatasets.get(name);
  if (!dataset) {
    dataset = exitOnMissingData(() => openWcebDataset(name));
    wcebDatasets.set(name, dataset);
  }
  return dataset;
}

/** A labelled page's bytes as distributed and the address it is extracted at. */
function pageOf(set: (typeof SETS)[number], key: string): [Uint8Array, string] {
  if (set.corpus === 'dates')
    return [
      new Uint8Array(gunzipSync(readFileSync(join(datesDir, key, 'source.html.gz')))),
      (JSON.parse(readFileSync(join(datesDir, key, 'expected.json'), 'utf8')) as { url: string }).url,
    ];
  if (set.corpus === 'zyte') return [new Uint8Array(gunzipSync(readFileSync(join(zyteDir, 'html', `${key}.html.gz`)))), zyteUrls[key]?.url ?? ''];
  const { bytes, url } = wcebDataset(set.dataset ?? '').read(key);
  return [bytes, url || WCEB_NO_URL];
}

const wanted = values.sets?.split(',');
const mean = (list: number[]): number => list.reduce((sum, v) => sum + v, 0) / Math.max(1, list.length);

console.log('| set | pages | title F1 | exact | byline F1 (pages) | invented (pages) |\n| --- | --- | --- | --- | --- | --- |');
for (const set of SETS) {
  if (wanted && !wanted.includes(set.name)) continue;
  const labels = readLabels(set.file);
  const keys = Object.keys(labels)
    .sort()
    .filter((key) => set.part === 'all' || halfOf(labels, key) === set.part);
  if (!keys.length) continue;
  const titles: number[] = [];
  const bylines: number[] = [];
  let bylineless = 0;
  let invented = 0;
  const misses: string[] = [];
  const bylineMisses: string[] = [];
  for (const key of keys) {
    const label = labels[key] as Label;
    const [bytes, url] = pageOf(set, key);
    const article = await extractArticle(bytes, { url, now: NOW });
    const f1 = tokenF1(article.title, label.title);
    titles.push(f1);
    if (label.authors.length) bylines.push(tokenF1(article.authors.join(' '), label.authors.join(' ')));
    else {
      bylineless++;
      if (article.authors.length) invented++;
    }
    const shown = set.part !== 'B' && !set.held;
    const bylineF1 = label.authors.length ? tokenF1(article.authors.join(' '), label.authors.join(' ')) : article.authors.length ? 0 : 1;
    if (bylineF1 < 1 && shown)
      bylineMisses.push(
        `  ${bylineF1.toFixed(2)} ${key} ${url} [${article.extraction.fieldSources.authors}]\n    got: ${JSON.stringify(article.authors)}\n    expected: ${JSON.stringify(label.authors)}`,
      );
    if (f1 < 1 && shown)
      misses.push(`  ${f1.toFixed(2)} ${key} [${article.extraction.fieldSources.title}]\n    got: ${article.title}\n    expected: ${label.title}`);
  }
  const exact = titles.filter((f1) => f1 === 1).length / titles.length;
  console.log(
    `| ${set.name} | ${keys.length} | ${mean(titles).toFixed(3)} | ${exact.toFixed(3)} | ${mean(bylines).toFixed(3)} (${bylines.length}) | ${invented}/${bylineless} |`,
  );
  if (values.misses && misses.length) console.log(misses.join('\n'));
  if (values['byline-misses'] && bylineMisses.length) console.log(bylineMisses.join('\n'));
}
