import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { requireCorpus } from './bench-data';
import { seededRandom } from './seeded-random';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The real news pages of the Zyte article-extraction benchmark (181 pages), as HTML strings, in file
 * name order (the order its scorer uses). Read from the corpus itself, so they need no scorer:
 * `npm run bench:data` alone provides them. `env` chooses the data root (see bench-data.ts); throws
 * BenchDataMissingError when no root has the corpus.
 */
export function loadZytePages(env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = requireCorpus('article-extraction', env);
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, unknown>;
  const htmlDir = join(dir, 'html');
  return readdirSync(htmlDir)
    .filter((file) => file.endsWith('.html.gz') && (file.split('.')[0] as string) in truth)
    .sort()
    .map((file) => new TextDecoder('utf-8', { fatal: true }).decode(gunzipSync(readFileSync(join(htmlDir, file)))));
}

/** The article pages of the bundled demo site (6-19 KB each), `{{origin}}` left for the server to fill. */
export function loadDemoPages(): string[] {
  const newsDir = join(root, 'demo', 'site', 'news');
  return readdirSync(newsDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => readFileSync(join(newsDir, file), 'utf8'));
}

const WORDS = (
  'council harbour minister report week city plans budget residents police school hospital rail station water energy prices ' +
  'officials said statement court ruling union workers strike festival museum season team coach players match league ' +
  'scientists study glacier climate research data survey market shares investors company growth quarter river bridge ' +
  'election voters campaign party leader talks agreement border trade exports farmers harvest weather storm flooding'
).split(' ');

/**
 * `count` small generated news pages (about 3-5 KB each): a site header and navigation, a headline,
 * byline and date, 5-9 paragraphs of varying text, a related-links box and a footer, so
 * Readability has furniture to remove, at a fraction of a real page's cost.
 */
export function generateArticlePages(count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  const sentence = (): string => {
    const words = Array.from({ length: 8 + Math.floor(random() * 14) }, () => WORDS[Math.floor(random() * WORDS.length)] as string);
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  return Array.from({ length: count }, (_, index) => {
    const paragraphs = Array.from(
      { length: 5 + Math.floor(random() * 5) },
      () => `<p>${Array.from({ length: 3 + Math.floor(random() * 3) }, sentence).join(' ')}</p>`,
    );
    const day = String(1 + (index % 28)).padStart(2, '0');
    const title = sentence().slice(0, -1);
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | The Synthetic Gazette</title>
<meta name="description" content="${sentence()}"><meta property="og:site_name" content="The Synthetic Gazette">
<meta name="author" content="Desk ${index % 17}"></head>
<body><header class="site-header"><a href="/">The Synthetic Gazette</a><nav><a href="/news">News</a> <a href="/sport">Sport</a> <a href="/business">Business</a> <a href="/culture">Culture</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Desk ${index % 17}</p><time datetime="2025-01-${day}T08:30:00Z">${day} January 2025</time>
${paragraphs.join('\n')}
</article><aside class="related"><h2>Related</h2><ul><li><a href="/a">${sentence()}</a></li><li><a href="/b">${sentence()}</a></li></ul></aside></main>
<footer><p>&copy; 2025 The Synthetic Gazette. <a href="/privacy">Privacy</a> <a href="/cookies">Cookies</a></p></footer></body></html>
`;
  });
}
