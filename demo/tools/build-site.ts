/**
 * Builds demo/site/ (pages, feeds, OPML, images, expected records) from the article sources.
 * Run: npx tsx demo/tools/build-site.ts   (the output is committed; rerun after editing a source)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { councilChatbot, glacierMicrobes, glassOrchard, jazzFestival, lanternFestival, lighthouse, radschnellweg, voltaris } from './articles-more.js';
import { desalination, dustStorm, halvikPort, harbourCafe, iranChina, libraryHours, pensionFunds, railStrike } from './articles-news.js';
import { cultureJson, feedsOpml, techAtom, worldRss } from './feeds.js';
import { gradientPng } from './png.js';
import {
  type ArticleSource,
  articleUrl,
  bodyTexts,
  countWords,
  type ExpectedArticle,
  esc,
  imageUrl,
  type LeadImage,
  ORIGIN,
  printedCredit,
  SITE_NAME,
  textOf,
  toUtc,
  WORDS_PER_MINUTE,
} from './site-model.js';
import { renderPage } from './templates.js';

const SITE = join(dirname(fileURLToPath(import.meta.url)), '..', 'site');

export const ARTICLES: ArticleSource[] = [
  iranChina,
  harbourCafe,
  desalination,
  halvikPort,
  councilChatbot,
  radschnellweg,
  lighthouse,
  railStrike,
  libraryHours,
  lanternFestival,
  dustStorm,
  pensionFunds,
  glacierMicrobes,
  glassOrchard,
  jazzFestival,
  voltaris,
];

/** A feed item whose page does not exist (404): the pipeline must keep it as a feed-only article. */
const MISSING_STORY = {
  path: '/news/world/missing-story.html',
  guid: 'meridian-ledger:article:100455',
  title: 'Coastal towns brace for spring tides after a week of storms',
  description:
    'Flood barriers were closed in three coastal towns on Monday as forecasters warned that the highest spring tides of the year, combined with strong onshore winds, could push water over sea walls on Tuesday morning. Residents of low-lying streets in Halvik and Oster were advised to move cars and valuables to higher ground.',
  author: 'Marcus Hale',
  category: 'Weather',
  published: '2022-05-09T08:00:00+01:00',
};

const COMMON_NOT_CONTAIN = ['Accept all cookies', 'We use cookies to personalise content', 'Sign up for The Morning Ledger', 'All rights reserved', 'HACKED'];

function encodable(source: ArticleSource, other: ArticleSource): boolean {
  if (source.encoding !== 'windows-1252') return true;
  return iconv.decode(iconv.encode(other.title, 'windows-1252'), 'windows-1252') === other.title;
}

function relatedFor(source: ArticleSource): ArticleSource[] {
  const start = ARTICLES.indexOf(source);
  const rotated = [...ARTICLES.slice(start + 1), ...ARTICLES.slice(0, start)];
  const sameLanguage = rotated.filter((o) => o.lang === source.lang);
  const english = rotated.filter((o) => o.lang.startsWith('en') && o.lang !== source.lang);
  return [...sameLanguage, ...english].filter((o) => encodable(source, o)).slice(0, 3);
}

const failures: string[] = [];

function readingTime(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

function expectedFor(source: ArticleSource, related: ArticleSource[], pageText: string): ExpectedArticle {
  const body = bodyTexts(source);
  const bodyText = body.join('\n');
  const words = countWords(bodyText);
  const problems: string[] = [];
  const ceil = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
  if (ceil !== readingTime(words)) problems.push(`${words} words: rounding and ceiling disagree`);
  // Keep every page 20 words clear of where rounding and ceiling would start to disagree.
  const minutes = readingTime(words);
  const low = minutes === 1 ? 1 : (minutes - 0.5) * WORDS_PER_MINUTE + 20;
  const high = minutes === 1 ? WORDS_PER_MINUTE - 20 : minutes * WORDS_PER_MINUTE - 20;
  if (words < low || words > high) problems.push(`${words} words is too close to a reading-time boundary`);
  if (words < 150 || words > 1500) problems.push(`${words} words is outside 150..1500`);

  const notContain = [...source.mustNotContain, ...COMMON_NOT_CONTAIN.filter((s) => s === 'HACKED' || pageText.includes(s))];
  const firstRelated = related[0];
  if (firstRelated) notContain.push(firstRelated.title);
  const credit = source.image ? printedCredit(source.image) : null;
  if (credit && !notContain.some((s) => s.includes(credit))) notContain.push(credit);
  const uniqueNotContain = [...new Set(notContain)];

  for (const sentence of source.mustContain) {
    if (!bodyText.includes(sentence)) problems.push(`mustContain not in body: ${sentence}`);
  }
  const last = body.at(-1) ?? '';
  if (!source.mustContain.some((sentence) => last.includes(sentence))) problems.push('no mustContain from the last paragraph');
  if (source.mustContain.length < 2 || source.mustContain.length > 4) problems.push('mustContain needs 2 to 4 sentences');
  for (const text of uniqueNotContain) {
    if (bodyText.includes(text)) problems.push(`mustNotContain is in the body: ${text}`);
    if (text !== 'HACKED' && !pageText.includes(text)) problems.push(`mustNotContain is not on the page: ${text}`);
  }
  if (problems.length > 0) failures.push(`${source.slug}:\n  ${problems.join('\n  ')}`);

  return {
    path: source.path,
    title: source.title,
    description: source.description,
    authors: source.authorOrganization ? [source.authorOrganization] : source.authors.map((a) => a.name),
    publishedAt: toUtc(source.published),
    modifiedAt: source.modified ? toUtc(source.modified) : null,
    section: source.section,
    tags: source.tags,
    siteName: SITE_NAME,
    language: source.lang,
    direction: source.dir,
    image: source.image ? { url: imageUrl(source.image), caption: source.image.caption, credit: source.image.credit, alt: source.image.alt } : null,
    wordCountApprox: words,
    mustContain: source.mustContain,
    mustNotContain: uniqueNotContain,
    readingTimeMinutes: readingTime(words),
  };
}

function pageFile(path: string): string {
  return path.endsWith('/') ? join(SITE, path, 'index.html') : join(SITE, path);
}

async function write(file: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, data);
}

function allImages(): LeadImage[] {
  const images: LeadImage[] = [];
  for (const source of ARTICLES) {
    if (source.image) images.push(source.image);
    for (const block of source.blocks) {
      if (block.kind === 'figure' || block.kind === 'slide') images.push(block.image);
    }
  }
  return images;
}

function homePage(): string {
  const sections = new Map<string, ArticleSource[]>();
  for (const source of ARTICLES) {
    const list = sections.get(source.sectionSlug) ?? [];
    list.push(source);
    sections.set(source.sectionSlug, list);
  }
  const blocks = [...sections.entries()]
    .map(([slug, list]) => {
      const items = list
        .map(
          (s) =>
            `      <li lang="${s.lang}"${s.dir === 'rtl' ? ' dir="rtl"' : ''}><a href="${articleUrl(s)}">${esc(s.title)}</a> <time datetime="${s.published}">${s.published.slice(0, 10)}</time></li>`,
        )
        .join('\n');
      return `  <section id="${slug}">\n    <h2>${esc(list[0]?.sectionSlug === 'mena' ? 'MENA' : (list[0]?.section ?? slug))}</h2>\n    <ul>\n${items}\n    </ul>\n  </section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${SITE_NAME}: fictional news for the Feedloom demo</title>
<meta name="description" content="A bundled demo news site for Feedloom. Every story here is fictional and was written for the project.">
<link rel="stylesheet" href="${ORIGIN}/assets/site.css">
<link rel="alternate" type="application/rss+xml" title="${SITE_NAME}: World" href="${ORIGIN}/feeds/world.rss">
<link rel="alternate" type="application/atom+xml" title="${SITE_NAME}: Technology and Science" href="${ORIGIN}/feeds/tech.atom">
<link rel="alternate" type="application/feed+json" title="${SITE_NAME}: Culture" href="${ORIGIN}/feeds/culture.json">
</head>
<body class="home">
<header class="site-header"><a class="site-logo" href="${ORIGIN}/"><img src="${ORIGIN}/assets/img/logo.png" alt="${SITE_NAME}" width="180" height="40"></a></header>
<main id="main">
  <h1>${SITE_NAME}</h1>
  <p>A fictional news site bundled with Feedloom for demos and tests. The stories are invented.</p>
  <section id="feeds">
    <h2>Feeds</h2>
    <ul>
      <li><a href="${ORIGIN}/feeds/world.rss">World (RSS 2.0)</a></li>
      <li><a href="${ORIGIN}/feeds/tech.atom">Technology and Science (Atom 1.0)</a></li>
      <li><a href="${ORIGIN}/feeds/culture.json">Culture (JSON Feed 1.1)</a></li>
      <li><a href="${ORIGIN}/feeds.opml">All feeds (OPML)</a></li>
    </ul>
  </section>
${blocks}
</main>
</body>
</html>
`;
}

const SITE_CSS = `/* Meridian Ledger demo stylesheet (deliberately small). */
:root { --ink: #1a1a1a; --accent: #b3261e; --muted: #5f6368; }
body { font: 18px/1.6 Georgia, 'Times New Roman', serif; color: var(--ink); margin: 0; }
.site-header, .site-footer, main { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
.main-nav ul, .article-tags, .share-bar { display: flex; gap: 12px; list-style: none; padding: 0; }
.article-kicker, .story-kicker a, .cat-links a { color: var(--accent); font: 700 14px/1 sans-serif; text-transform: uppercase; }
.article-standfirst, .story-summary, .feature-dek { font-size: 1.2em; color: var(--muted); }
figcaption, .caption { font: 14px/1.4 sans-serif; color: var(--muted); }
.cookie-consent { position: fixed; bottom: 0; inset-inline: 0; background: #fff; border-top: 1px solid #ccc; padding: 12px; }
.pullquote { font-size: 1.6em; border-inline-start: 4px solid var(--accent); padding-inline-start: 16px; }
.ad { background: #f1f3f4; min-height: 90px; text-align: center; font: 12px sans-serif; }
.paywall__box { border: 1px solid #ccc; padding: 24px; text-align: center; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
img { max-width: 100%; height: auto; }
`;

const APP_JS = `/* Meridian Ledger demo script: lazy images and the cookie banner. Never needed to read an article. */
document.querySelectorAll('img[data-src]').forEach(function (img) { img.src = img.getAttribute('data-src'); });
document.querySelectorAll('[data-consent]').forEach(function (button) {
  button.addEventListener('click', function () { document.getElementById('cookie-banner').hidden = true; });
});
`;

async function main(): Promise<void> {
  await rm(join(SITE, 'news'), { recursive: true, force: true });
  await rm(join(SITE, 'expected'), { recursive: true, force: true });
  await rm(join(SITE, 'feeds'), { recursive: true, force: true });
  await rm(join(SITE, 'assets'), { recursive: true, force: true });

  for (const source of ARTICLES) {
    const related = relatedFor(source);
    const html = renderPage(source, { related });
    let bytes: Buffer;
    if (source.encoding === 'windows-1252') {
      bytes = iconv.encode(html, 'windows-1252');
      if (iconv.decode(bytes, 'windows-1252') !== html) throw new Error(`${source.slug}: not representable in windows-1252`);
    } else {
      bytes = Buffer.from(html, 'utf8');
    }
    await write(pageFile(source.path), bytes);
    const expected = expectedFor(source, related, textOf(html));
    await write(join(SITE, 'expected', `${source.slug}.json`), `${JSON.stringify(expected, null, 2)}\n`);
    console.log(`${source.slug.padEnd(36)} ${String(expected.wordCountApprox).padStart(5)} words  ${expected.readingTimeMinutes} min  ${source.template}`);
  }

  for (const image of allImages()) {
    await write(join(SITE, 'assets', 'img', image.file), gradientPng(image.width, image.height, image.colors[0], image.colors[1]));
  }
  await write(join(SITE, 'assets', 'img', 'logo.png'), gradientPng(360, 80, '#b3261e', '#7f1d1d'));
  await write(join(SITE, 'assets', 'img', 'favicon.png'), gradientPng(32, 32, '#b3261e', '#7f1d1d'));
  await write(join(SITE, 'assets', 'site.css'), SITE_CSS);
  await write(join(SITE, 'assets', 'app.js'), APP_JS);

  await write(
    join(SITE, 'feeds', 'world.rss'),
    worldRss(
      [
        { source: libraryHours, guid: 'permalink' },
        { source: radschnellweg, guid: 'permalink' },
        { source: railStrike, guid: 'meridian-ledger:article:100482', contentEncoded: true },
        { source: desalination, guid: 'permalink' },
        MISSING_STORY,
        { source: halvikPort, guid: 'meridian-ledger:article:100431', contentEncoded: true },
        { source: pensionFunds, guid: 'meridian-ledger:article:100427' },
        { source: harbourCafe, guid: 'permalink' },
        { source: lighthouse, guid: 'meridian-ledger:article:100402' },
        { source: iranChina, guid: 'permalink' },
        { source: dustStorm, guid: 'permalink' },
        // The CMS republished the Halvik item: the same guid appears twice; it must become one Article.
        { source: halvikPort, guid: 'meridian-ledger:article:100431', contentEncoded: true },
      ],
      '2022-05-13T10:05:00+01:00',
    ),
  );
  await write(
    join(SITE, 'feeds', 'tech.atom'),
    techAtom([
      { source: voltaris, id: 'tag:meridian-ledger.example,2022-05-10:article/100470', enclosure: true },
      { source: councilChatbot, id: 'tag:meridian-ledger.example,2022-05-09:article/100461' },
      { source: glacierMicrobes, id: 'tag:meridian-ledger.example,2022-05-02:article/100419', content: true },
    ]),
  );
  await write(
    join(SITE, 'feeds', 'culture.json'),
    cultureJson([
      { source: lanternFestival, id: articleUrl(lanternFestival) },
      { source: jazzFestival, id: 'meridian-ledger:article:100445' },
      { source: glassOrchard, id: 'meridian-ledger:article:100439', contentHtml: true },
      { source: lighthouse, id: 'meridian-ledger:article:100402' },
    ]),
  );
  await write(join(SITE, 'feeds.opml'), feedsOpml('2022-05-13T10:05:00+01:00'));
  await write(join(SITE, 'index.html'), homePage());
  if (failures.length > 0) throw new Error(`the site does not match its sources:\n${failures.join('\n')}`);
  await write(join(SITE, '_routes.json'), `${JSON.stringify({ [MISSING_STORY.path]: { status: 404 } }, null, 2)}\n`);
}

await main();
