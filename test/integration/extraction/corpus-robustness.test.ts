import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findCorpus } from '../../../bench/support/bench-data';
import { seededRandom } from '../../../bench/support/seeded-random';
import { ArticleSchema } from '../../../shared/article/article';
import { extractArticle } from '../../../shared/extraction/extract-article';

// Every real page of the developer corpora (626 wceb pages, 181 Zyte pages), whole and cut off at
// a random byte (broken markup, a torn multi-byte character, unclosed everything): extraction must
// return an Article on each, valid against the schema, and never fail with INTERNAL_ERROR (an
// exception the pipeline did not classify). The corpora are not in the repository (licences);
// without them the suite is skipped and says where it looked.
interface CorpusPage {
  id: string;
  url: string;
  bytes: Uint8Array;
}

const NO_URL = 'https://page.invalid/';

function wcebPages(root: string): { name: string; pages: () => CorpusPage[] }[] {
  return readdirSync(root)
    .filter((dataset) => existsSync(join(root, dataset, 'index.json')))
    .sort()
    .map((dataset) => ({
      name: `wceb/${dataset}`,
      pages: () => {
        const index = JSON.parse(readFileSync(join(root, dataset, 'index.json'), 'utf8')) as { pages: { id: string; html: string; url?: string }[] };
        return index.pages.map((page) => ({
          id: `${dataset}/${page.id}`,
          url: page.url || NO_URL,
          bytes: new Uint8Array(readFileSync(join(root, dataset, page.html))),
        }));
      },
    }));
}

function zytePages(root: string): { name: string; pages: () => CorpusPage[] } {
  return {
    name: 'article-extraction (Zyte)',
    pages: () => {
      const truth = JSON.parse(readFileSync(join(root, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
      return readdirSync(join(root, 'html'))
        .filter((file) => file.endsWith('.html.gz'))
        .sort()
        .map((file) => {
          const id = file.split('.')[0] as string;
          return { id, url: truth[id]?.url || NO_URL, bytes: new Uint8Array(gunzipSync(readFileSync(join(root, 'html', file)))) };
        });
    },
  };
}

const wceb = findCorpus('wceb');
const zyte = findCorpus('article-extraction');
const sets = [...(wceb ? wcebPages(wceb) : []), ...(zyte ? [zytePages(zyte)] : [])];
if (!wceb || !zyte) {
  process.stderr.write(
    `corpus-robustness: ${!wceb ? 'wceb' : ''}${!wceb && !zyte ? ' and ' : ''}${!zyte ? 'article-extraction' : ''} not found (set FEEDLOOM_BENCH_DATA or place ../shared/bench beside the checkout); skipping those pages\n`,
  );
}

describe.skipIf(sets.length === 0)('extraction on every corpus page, whole and torn', () => {
  it.each(sets)(
    '$name: no page throws or fails with INTERNAL_ERROR',
    async ({ pages }) => {
      const random = seededRandom(13);
      const problems: string[] = [];
      let extracted = 0;
      const list = pages();
      for (const page of list) {
        const cut = page.bytes.subarray(0, Math.floor(page.bytes.length * (0.2 + 0.7 * random())));
        for (const [variant, bytes] of [
          ['whole', page.bytes],
          ['torn', cut],
        ] as const) {
          try {
            const article = ArticleSchema.parse(await extractArticle(bytes, { url: page.url, now: new Date('2025-01-01T00:00:00Z') }));
            if (article.extraction.error?.code === 'INTERNAL_ERROR') problems.push(`${page.id} (${variant}): ${article.extraction.error.message}`);
            if (variant === 'whole' && article.status === 'extracted') extracted++;
          } catch (error) {
            problems.push(`${page.id} (${variant}) threw: ${String(error).slice(0, 200)}`);
          }
          // jsdom frees a window only after the event loop turns.
          await yieldToEventLoop();
        }
      }
      expect(problems).toEqual([]);
      // Not a quality bar (the benchmarks measure that): a guard that the pages were really read.
      expect(extracted).toBeGreaterThan(list.length / 2);
    },
    1_800_000,
  );
});
