// What each body-trimming rule costs or gains on the wceb developer pages (issue 13): every page's
// first-pass body (the cleaned page, Readability with choose-body.ts's settings) is trimmed with
// every rule reporting what it removed, and the page is scored (score-wceb.mjs's bag-of-words F1)
// as trimmed and as it would be with one rule's blocks put back. Bag-of-words scoring ignores
// order, so putting the text back is exact. A positive sum means the rule removes text the
// ground truth keeps. First pass only: pages sent to the second pass are scored on their first body.
//
//   node --import tsx bench/trim-rule-audit.ts [--dataset dragnet,google-trends-2017] [--limit N]
//
// The held-aside set (cleaneval since the sixth pass, see WCEB_HELD_ASIDE) judges whether rules
// generalise, so it is not audited unless asked for by name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decodeText } from '../shared/encoding/decode-text';
import { buildJsdomDocument } from '../shared/extraction/build-jsdom-document';
import { htmlToText } from '../shared/extraction/html-to-text';
import { viewParse5Document } from '../shared/extraction/parse5-view';
import { readMetadata } from '../shared/extraction/read-metadata';
import { parsePage, reduceParsedPageTree } from '../shared/extraction/reduce-html';
import { sanitizeElement } from '../shared/extraction/sanitize-html';
import { trimBody } from '../shared/extraction/trim-body';
import { BenchDataMissingError, requireCorpus } from './support/bench-data';

const NO_URL = 'https://page.invalid/';

interface RuleTally {
  blocks: number;
  pages: number;
  gain: number;
  loss: number;
  delta: Record<string, number>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dataset: { type: 'string', default: 'dragnet,google-trends-2017' }, limit: { type: 'string' } } });
  const wceb = requireCorpus('wceb');
  const tools = requireCorpus('tools');
  const scorer = (await import(pathToFileURL(join(tools, 'score-wceb.mjs')).href)) as {
    scorePage: (truth: string, text: string) => { f1: number };
  };
  const datasets = (values.dataset ?? '').split(',').filter(Boolean);
  const limit = values.limit ? Number(values.limit) : Number.POSITIVE_INFINITY;
  const virtualConsole = new VirtualConsole();
  const tallies = new Map<string, RuleTally>();
  const trimmedF1: Record<string, number> = {};
  let window = new JSDOM('', { url: NO_URL, virtualConsole });
  let pagesSeen = 0;
  for (const dataset of datasets) {
    const index = JSON.parse(readFileSync(join(wceb, dataset, 'index.json'), 'utf8')) as { pages: { id: string; html: string; truth: string; url: string }[] };
    trimmedF1[dataset] = 0;
    for (const page of index.pages.slice(0, limit)) {
      const truth = readFileSync(join(wceb, dataset, page.truth), 'utf8');
      const url = page.url || NO_URL;
      const { text } = decodeText(readFileSync(join(wceb, dataset, page.html)), { contentType: null, kind: 'html' });
      const parsed5 = parsePage(text);
      const view = viewParse5Document(parsed5);
      const metadata = view ? readMetadata(view, url) : null;
      if (++pagesSeen % 10 === 0) {
        window.window.close();
        window = new JSDOM('', { url: NO_URL, virtualConsole });
      }
      const doc = buildJsdomDocument(reduceParsedPageTree(parsed5), new window.window.DOMParser().parseFromString('', 'text/html'));
      const article = new Readability<Node>(doc, { charThreshold: 500, keepClasses: true, disableJSONLD: true, serializer: (node) => node }).parse();
      const content = article?.content as Element | null | undefined;
      if (!content) continue;
      const removed = new Map<string, string[]>();
      trimBody(content, {
        title: metadata?.title?.value ?? article?.title ?? null,
        description: metadata?.description?.value ?? null,
        onRemove: (rule, blockText) => removed.set(rule, [...(removed.get(rule) ?? []), blockText]),
      });
      sanitizeElement(content, { baseUrl: url });
      const trimmed = htmlToText(content, { skipCaptions: true });
      const base = scorer.scorePage(truth, trimmed).f1;
      trimmedF1[dataset] += base;
      for (const [rule, texts] of removed) {
        const delta = scorer.scorePage(truth, `${trimmed}\n${texts.join('\n')}`).f1 - base;
        const tally = tallies.get(rule) ?? { blocks: 0, pages: 0, gain: 0, loss: 0, delta: {} };
        tally.blocks += texts.length;
        tally.pages++;
        if (delta > 0.0005) tally.gain++;
        if (delta < -0.0005) tally.loss++;
        tally.delta[dataset] = (tally.delta[dataset] ?? 0) + delta;
        tallies.set(rule, tally);
      }
    }
  }
  window.window.close();
  const total = (tally: RuleTally): number => Object.values(tally.delta).reduce((sum, value) => sum + value, 0);
  console.log(`F1 summed over pages if one rule's blocks were put back (positive: the rule removes text the truth keeps)`);
  console.log(`${'rule'.padEnd(24)}${datasets.map((name) => name.padStart(20)).join('')}  blocks  pages  gain  loss`);
  for (const [rule, tally] of [...tallies].sort((a, b) => total(b[1]) - total(a[1]))) {
    const cells = datasets.map((name) => (tally.delta[name] ?? 0).toFixed(3).padStart(20)).join('');
    console.log(
      `${rule.padEnd(24)}${cells}  ${String(tally.blocks).padStart(6)} ${String(tally.pages).padStart(6)} ${String(tally.gain).padStart(5)} ${String(tally.loss).padStart(5)}`,
    );
  }
  console.log(`sum of trimmed first-pass F1 per dataset: ${datasets.map((name) => `${name} ${(trimmedF1[name] ?? 0).toFixed(3)}`).join(', ')}`);
}

main().catch((error: unknown) => {
  if (error instanceof BenchDataMissingError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
