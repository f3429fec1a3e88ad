// Collects, for every developer page of the chooser's training sets (wceb dragnet + cleaneval; never
// google-trends-2017), every body candidate choose-body.ts can make (first pass, second pass, block
// classifier, stated articleBody), the one it chooses today, and plain Readability's text, each with
// its token F1 against the page's truth. Offline only: the output (a JSON file outside the repository)
// is what bench/train-body-chooser.ts learns from.
//
//   npx tsx bench/body-chooser-data.ts --out /tmp/body-candidates.json
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { prepareSelection, wordTokens } from '../scripts/block-model-trainer';
import { decodeText } from '../shared/encoding/decode-text';
import { chooseBody, type ProbedCandidate } from '../shared/extraction/choose-body';
import { bagF1 } from '../shared/extraction/choose-title';
import { mainRunProseOf, textBlocks } from '../shared/extraction/classify-blocks';
import { ExtractionError } from '../shared/extraction/extraction-error';
import { requireCorpus } from './support/bench-data';

export const CHOOSER_SETS = ['dragnet', 'cleaneval'] as const;
const NO_URL = 'https://page.invalid/';
const silent = new VirtualConsole();

const { values } = parseArgs({
  options: { out: { type: 'string', default: '/tmp/body-candidates.json' }, limit: { type: 'string' }, timing: { type: 'boolean', default: false } },
});

/**
 * Milliseconds of cleaning and body selection on one page, with the second pass only where the rules
 * ask for it, or (forced) on every page as a chooser over all candidates would need it.
 */
function timeSelection(text: string, url: string, forced: boolean): number {
  const started = performance.now();
  const { cleanFirst, bodyContext } = prepareSelection(text, url);
  const opened: (() => void)[] = [];
  try {
    const first = cleanFirst();
    opened.push(first.close);
    chooseBody(first.doc, { ...bodyContext(opened), ...(forced ? { probe: () => undefined } : {}) });
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
  } finally {
    for (const close of opened) close();
  }
  return performance.now() - started;
}

const wceb = requireCorpus('wceb');
if (values.timing) {
  // What forcing the second pass on every page would cost: both ways on each page, in alternating
  // order so machine load weighs on both alike; the median of the per-page ratios.
  const ratios: number[] = [];
  for (const dataset of CHOOSER_SETS) {
    let { pages } = JSON.parse(readFileSync(join(wceb, dataset, 'index.json'), 'utf8')) as { pages: { id: string; html: string; url?: string }[] };
    if (values.limit) pages = pages.slice(0, Number(values.limit));
    pages.forEach((page, at) => {
      const { text } = decodeText(readFileSync(join(wceb, dataset, page.html)), { contentType: null, kind: 'html' });
      const url = page.url || NO_URL;
      const [plain, forced] = at % 2 ? [timeSelection(text, url, false), timeSelection(text, url, true)] : [0, 0];
      const forcedFirst = at % 2 ? 0 : timeSelection(text, url, true);
      const plainSecond = at % 2 ? 0 : timeSelection(text, url, false);
      ratios.push(at % 2 ? forced / plain : forcedFirst / plainSecond);
    });
  }
  ratios.sort((a, b) => a - b);
  console.log(
    `${ratios.length} pages: selection time with the second pass forced / as the rules run it, per-page median ${ratios[Math.floor(ratios.length / 2)]?.toFixed(2)}`,
  );
  process.exit(0);
}
const rows: unknown[] = [];
for (const dataset of CHOOSER_SETS) {
  let { pages } = JSON.parse(readFileSync(join(wceb, dataset, 'index.json'), 'utf8')) as { pages: { id: string; html: string; truth: string; url?: string }[] };
  if (values.limit) pages = pages.slice(0, Number(values.limit));
  for (const page of pages) {
    const url = page.url || NO_URL;
    const bytes = readFileSync(join(wceb, dataset, page.html));
    const truth = wordTokens(readFileSync(join(wceb, dataset, page.truth), 'utf8'));
    const { text } = decodeText(bytes, { contentType: null, kind: 'html' });
    const { metadata, cleanFirst, bodyContext } = prepareSelection(text, url);
    const opened: (() => void)[] = [];
    let probed: { source: string; text: string; linkShare: number; html: string }[] = [];
    let chosen: string | null = null;
    let reparsed = false;
    let chosenText = '';
    let pageProse = 0;
    try {
      const first = cleanFirst();
      opened.push(first.close);
      pageProse = first.doc.body ? mainRunProseOf(textBlocks(first.doc.body)) : 0;
      try {
        const body = chooseBody(first.doc, {
          ...bodyContext(opened),
          blockModel: null,
          probe: (candidates: readonly ProbedCandidate[], rulesReparse: boolean) => {
            reparsed = rulesReparse;
            probed = candidates.map((candidate) => ({
              source: candidate.source,
              text: candidate.text,
              linkShare: candidate.linkShare,
              html: candidate.content.innerHTML,
            }));
          },
        });
        chosen = body.source;
        chosenText = body.text;
      } catch (error) {
        if (!(error instanceof ExtractionError)) throw error;
      }
    } finally {
      for (const close of opened) close();
    }
    const dom = new JSDOM(text, { url, virtualConsole: silent });
    let plain = '';
    try {
      plain = new Readability(dom.window.document).parse()?.textContent ?? '';
    } finally {
      dom.window.close();
    }
    rows.push({
      id: `${dataset}/${page.id}`,
      dataset,
      title: metadata?.title?.value ?? null,
      pageProse,
      chosen,
      reparsed,
      chosenF1: bagF1(truth, wordTokens(chosenText)),
      plainF1: bagF1(truth, wordTokens(plain)),
      candidates: probed.map((candidate) => ({ ...candidate, f1: bagF1(truth, wordTokens(candidate.text)) })),
    });
  }
}
writeFileSync(values.out as string, JSON.stringify(rows));
console.log(`${rows.length} pages written to ${values.out}`);
