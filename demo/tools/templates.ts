/** Page templates of the demo site: several CMS styles, each with its own markup and chrome. */
import { type ArticleSource, articleUrl, type Block, captionHtml, esc, imageUrl, type LeadImage, ORIGIN, SITE_NAME } from './site-model.js';

export type RenderContext = { related: ArticleSource[] };

const SECTIONS: Array<[string, string]> = [
  ['World', 'world'],
  ['MENA', 'mena'],
  ['Europe', 'europe'],
  ['UK', 'uk'],
  ['Business', 'business'],
  ['Technology', 'technology'],
  ['Science', 'science'],
  ['Culture', 'culture'],
  ['Features', 'features'],
  ['Local', 'local'],
];

const HACK_SCRIPT = `<script>
  document.addEventListener('DOMContentLoaded', function () {
    document.body.innerHTML = 'HACKED';
  });
</script>`;

const ANALYTICS = (source: ArticleSource): string => `<script>
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'article_view', section: ${JSON.stringify(source.sectionSlug)}, articleId: ${JSON.stringify(source.slug)}, template: ${JSON.stringify(source.template)} });
</script>`;

const LAZY_PLACEHOLDER = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function tagSlug(tag: string): string {
  return encodeURIComponent(tag.toLowerCase().replace(/\s+/g, '-'));
}

function jsonLd(data: unknown): string {
  const json = JSON.stringify(data, null, 2).replace(/</g, '\\u003c');
  return `<script type="application/ld+json">\n${json}\n</script>`;
}

function ogLocale(lang: string): string {
  const map: Record<string, string> = { en: 'en_US', 'en-GB': 'en_GB', de: 'de_DE', fr: 'fr_FR', ar: 'ar_AR' };
  return map[lang] ?? 'en_GB';
}

/** The `<head>` contents shared by most templates: meta, OpenGraph, Twitter, stylesheet, feeds. */
function headMeta(source: ArticleSource, options: { publishedMeta: boolean; charset?: string }): string {
  const url = articleUrl(source);
  const lines = [
    `<meta charset="${options.charset ?? 'utf-8'}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(source.title)} | ${SITE_NAME}</title>`,
    `<meta name="description" content="${esc(source.description)}">`,
    '<meta name="robots" content="index, follow, max-image-preview:large">',
    `<link rel="canonical" href="${url}">`,
    '<meta property="og:type" content="article">',
    `<meta property="og:site_name" content="${SITE_NAME}">`,
    `<meta property="og:locale" content="${ogLocale(source.lang)}">`,
    `<meta property="og:title" content="${esc(source.title)}">`,
    `<meta property="og:description" content="${esc(source.description)}">`,
    `<meta property="og:url" content="${url}">`,
  ];
  if (source.image) {
    lines.push(
      `<meta property="og:image" content="${imageUrl(source.image)}">`,
      `<meta property="og:image:width" content="${source.image.width}">`,
      `<meta property="og:image:height" content="${source.image.height}">`,
      `<meta property="og:image:alt" content="${esc(source.image.alt)}">`,
    );
  }
  if (options.publishedMeta) {
    lines.push(`<meta property="article:published_time" content="${source.published}">`);
    if (source.modified) lines.push(`<meta property="article:modified_time" content="${source.modified}">`);
  }
  lines.push(`<meta property="article:section" content="${esc(source.section)}">`);
  for (const tag of source.tags) lines.push(`<meta property="article:tag" content="${esc(tag)}">`);
  lines.push(
    '<meta name="twitter:card" content="summary_large_image">',
    '<meta name="twitter:site" content="@meridianledger">',
    `<meta name="twitter:title" content="${esc(source.title)}">`,
    `<link rel="stylesheet" href="${ORIGIN}/assets/site.css">`,
    `<link rel="icon" type="image/png" href="${ORIGIN}/assets/img/favicon.png">`,
    `<link rel="alternate" type="application/rss+xml" title="${SITE_NAME}: World" href="${ORIGIN}/feeds/world.rss">`,
  );
  return lines.join('\n');
}

function authorLd(source: ArticleSource): unknown {
  if (source.authorOrganization) {
    return { '@type': 'Organization', name: source.authorOrganization, url: `${ORIGIN}/` };
  }
  const people = source.authors.map((person) => ({
    '@type': 'Person',
    name: person.name,
    url: `${ORIGIN}/authors/${person.slug}`,
  }));
  return people.length === 1 ? people[0] : people;
}

function publisherLd(): unknown {
  return {
    '@type': 'Organization',
    name: SITE_NAME,
    url: `${ORIGIN}/`,
    logo: { '@type': 'ImageObject', url: `${ORIGIN}/assets/img/logo.png`, width: 360, height: 80 },
  };
}

function imageLd(image: LeadImage): unknown {
  return { '@type': 'ImageObject', url: imageUrl(image), width: image.width, height: image.height };
}

function newsArticleLd(source: ArticleSource, style: { keywordsAsString: boolean; type?: string }): unknown {
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': style.type ?? 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': articleUrl(source) },
    headline: source.title,
    description: source.description,
    inLanguage: source.lang,
    datePublished: source.published,
  };
  if (source.modified) data.dateModified = source.modified;
  data.author = authorLd(source);
  data.publisher = publisherLd();
  data.articleSection = source.section;
  data.keywords = style.keywordsAsString ? source.tags.join(', ') : source.tags;
  if (source.image) data.image = imageLd(source.image);
  return data;
}

function breadcrumbLd(source: ArticleSource): unknown {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: 'Home', item: `${ORIGIN}/` },
      { '@type': 'ListItem', position: 2, name: source.section, item: `${ORIGIN}/#${source.sectionSlug}` },
      { '@type': 'ListItem', position: 3, name: source.title, item: articleUrl(source) },
    ],
  };
}

function cookieBanner(): string {
  return `<div id="cookie-banner" class="cookie-consent" role="dialog" aria-live="polite" aria-label="Cookie consent">
  <p class="cookie-consent__text">We use cookies to personalise content and ads, and to analyse our traffic. You can change your choices at any time in Privacy settings.</p>
  <div class="cookie-consent__actions">
    <button type="button" class="btn btn-primary" data-consent="all">Accept all cookies</button>
    <button type="button" class="btn btn-link" data-consent="manage">Manage preferences</button>
  </div>
</div>`;
}

function navList(current: string): string {
  return SECTIONS.map(([name, slug]) => {
    const active = slug === current ? ' class="active" aria-current="page"' : '';
    return `      <li><a href="${ORIGIN}/#${slug}"${active}>${name}</a></li>`;
  }).join('\n');
}

function siteHeader(source: ArticleSource): string {
  return `<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header" role="banner">
  <div class="site-header__top">
    <a class="site-logo" href="${ORIGIN}/"><img src="${ORIGIN}/assets/img/logo.png" alt="${SITE_NAME}" width="180" height="40"></a>
    <a class="btn btn-subscribe" href="${ORIGIN}/#subscribe">Subscribe</a>
    <form class="site-search" role="search" action="${ORIGIN}/search" method="get">
      <label class="visually-hidden" for="q">Search ${SITE_NAME}</label>
      <input id="q" type="search" name="q" placeholder="Search">
      <button type="submit">Search</button>
    </form>
  </div>
  <nav class="main-nav" aria-label="Sections">
    <ul>
${navList(source.sectionSlug)}
    </ul>
  </nav>
</header>`;
}

function siteFooter(): string {
  return `<footer class="site-footer" role="contentinfo">
  <nav aria-label="Footer">
    <ul>
      <li><a href="${ORIGIN}/#about">About us</a></li>
      <li><a href="${ORIGIN}/#contact">Contact</a></li>
      <li><a href="${ORIGIN}/#privacy">Privacy settings</a></li>
      <li><a href="${ORIGIN}/feeds.opml">All feeds (OPML)</a></li>
    </ul>
  </nav>
  <p class="copyright">© 2022 ${SITE_NAME}. All rights reserved. ${SITE_NAME} is a fictional publication written for the Feedloom demo.</p>
</footer>`;
}

function newsletterBox(): string {
  return `<aside class="newsletter-signup" aria-label="Newsletter">
  <h2 class="newsletter-signup__title">Sign up for The Morning Ledger</h2>
  <p>Our editors’ pick of the day’s most important stories, in your inbox before breakfast.</p>
  <form action="${ORIGIN}/newsletter" method="post">
    <input type="email" name="email" placeholder="Your email address" aria-label="Email address">
    <button type="submit">Sign up</button>
  </form>
</aside>`;
}

function shareBar(source: ArticleSource): string {
  const url = encodeURIComponent(`https://meridian-ledger.example${source.path}`);
  return `<div class="share-bar" aria-label="Share this article">
  <span class="share-bar__label">Share this article</span>
  <a class="share share--facebook" href="https://www.facebook.com/sharer/sharer.php?u=${url}">Share on Facebook</a>
  <a class="share share--x" href="https://x.com/intent/post?url=${url}">Share on X</a>
  <a class="share share--whatsapp" href="https://wa.me/?text=${url}">Share on WhatsApp</a>
  <button type="button" class="share share--copy" data-copy="${articleUrl(source)}">Copy link</button>
</div>`;
}

function relatedList(context: RenderContext, heading: string, className: string): string {
  const items = context.related.map((other) => `    <li><a href="${articleUrl(other)}">${esc(other.title)}</a></li>`).join('\n');
  return `<aside class="${className}">
  <h2>${heading}</h2>
  <ul>
${items}
  </ul>
</aside>`;
}

function bylineLinks(source: ArticleSource): string {
  if (source.authorOrganization) return esc(source.authorOrganization);
  const links = source.authors.map((p) => `<a rel="author" href="${ORIGIN}/authors/${p.slug}">${esc(p.name)}</a>`);
  if (links.length <= 1) return links.join('');
  return `${links.slice(0, -1).join(', ')} and ${links.at(-1) ?? ''}`;
}

function img(image: LeadImage, extra = ''): string {
  return `<img src="${imageUrl(image)}" alt="${esc(image.alt)}" width="${image.width}" height="${image.height}"${extra}>`;
}

/** Body blocks as generic semantic HTML; templates pass their own paragraph class. */
function renderBlocks(blocks: Block[], pClass = ''): string {
  const cls = pClass ? ` class="${pClass}"` : '';
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'p':
          return `<p${cls}>${block.html}</p>`;
        case 'h2':
          return `<h2>${esc(block.text)}</h2>`;
        case 'quote':
          return `<blockquote><p>${block.html}</p></blockquote>`;
        case 'list':
          return `<ul>\n${block.items.map((item) => `  <li>${item}</li>`).join('\n')}\n</ul>`;
        case 'widget':
          return block.html;
        case 'pullquote':
          return `<aside class="pullquote" aria-hidden="true"><blockquote><p>${esc(block.text)}</p></blockquote></aside>`;
        case 'figure':
          return `<figure class="inline-image">\n  ${img(block.image, ' loading="lazy"')}\n  <figcaption>${captionHtml(block.image)}</figcaption>\n</figure>`;
        default:
          return ''; // entries and slides are laid out by their own templates
      }
    })
    .join('\n');
}

function htmlOpen(source: ArticleSource): string {
  const dir = source.dir === 'rtl' ? ' dir="rtl"' : '';
  return `<!DOCTYPE html>\n<html lang="${source.lang}"${dir}>`;
}

/** Modern `<article>` template with a `<figure>` lead image (the reference layout). */
function renderArticle(source: ArticleSource, context: RenderContext): string {
  const rtl = source.dir === 'rtl';
  const image = source.image
    ? `  <figure class="article-lead-image">
    <picture>
      ${img(source.image, ' fetchpriority="high"')}
    </picture>
    <figcaption class="article-lead-image__caption">${captionHtml(source.image)}</figcaption>
  </figure>`
    : '';
  const readTime = source.readTimeLabel ? `\n      <span class="article-meta__read-time">${esc(source.readTimeLabel)}</span>` : '';
  const byPrefix = rtl ? '' : 'By ';
  return `${htmlOpen(source)}
<head>
${headMeta(source, { publishedMeta: true })}
${jsonLd(newsArticleLd(source, { keywordsAsString: false }))}
${jsonLd(breadcrumbLd(source))}
${ANALYTICS(source)}
</head>
<body class="page-article section-${source.sectionSlug}">
${cookieBanner()}
${siteHeader(source)}
<main id="main" class="layout layout--article">
<article class="article" data-article-id="${source.slug}">
  <header class="article-header">
    <a class="article-kicker" href="${ORIGIN}/#${source.sectionSlug}">${esc(source.section)}</a>
    <h1 class="article-title">${esc(source.title)}</h1>
    <p class="article-standfirst">${esc(source.description)}</p>
    <div class="article-meta">
      <span class="article-meta__byline">${byPrefix}${bylineLinks(source)}</span>
      <time class="article-meta__date" datetime="${source.published}">${esc(source.visibleDate)}</time>${readTime}
    </div>
${shareBar(source)}
  </header>
${image}
  <div class="article-body">
${renderBlocks(source.blocks)}
  </div>
  <footer class="article-footer">
    <ul class="article-tags" aria-label="Topics">
${source.tags.map((tag) => `      <li><a href="${ORIGIN}/#${tagSlug(tag)}">${esc(tag)}</a></li>`).join('\n')}
    </ul>
${shareBar(source)}
  </footer>
</article>
${newsletterBox()}
${relatedList(context, rtl ? 'اقرأ أيضاً' : 'Related articles', 'related-articles')}
</main>
${siteFooter()}
${HACK_SCRIPT}
<script src="${ORIGIN}/assets/app.js" defer></script>
</body>
</html>
`;
}

/** A single-page-app CMS that renders everything as nested `<div>`s with hashed class names. */
function renderDivSoup(source: ArticleSource, context: RenderContext): string {
  const image = source.image
    ? `<div class="story-media"><figure class="story-image"><div class="story-image__wrap">${img(source.image)}</div><figcaption class="story-image__caption">${captionHtml(source.image)}</figcaption></figure></div>`
    : '';
  const mostRead = context.related
    .map(
      (other, index) =>
        `<div class="MostRead_item__k2Lx"><span class="MostRead_rank__p0Q">${index + 1}</span><a href="${articleUrl(other)}">${esc(other.title)}</a></div>`,
    )
    .join('\n');
  const nav = SECTIONS.map(([name, slug]) => `<div class="Nav_item__3fZ"><a href="${ORIGIN}/#${slug}">${name}</a></div>`).join('');
  const paragraphs = renderBlocks(source.blocks, 'story-paragraph');
  return `${htmlOpen(source)}
<head>
${headMeta(source, { publishedMeta: true })}
${jsonLd(newsArticleLd(source, { keywordsAsString: true }))}
${ANALYTICS(source)}
<script>window.__APP_STATE__ = {"route":"/story","ads":{"enabled":true},"user":null};</script>
</head>
<body>
<div id="__app">
<div class="Layout_root__1sXk">
${cookieBanner()}
<div class="Header_root__aP3"><div class="Header_inner__Zz1">
<div class="Header_logo__Q9"><a href="${ORIGIN}/"><img src="${ORIGIN}/assets/img/logo.png" alt="${SITE_NAME}" width="180" height="40"></a></div>
<div class="Header_nav__Ee2">${nav}</div>
<div class="Header_account__Lm7"><a href="${ORIGIN}/#signin">Sign in</a></div>
</div></div>
<div class="Page_container__W1q"><div class="Page_row__h8"><div class="Page_main__c4R" id="main">
<div class="story-header">
<div class="story-kicker"><a href="${ORIGIN}/#${source.sectionSlug}">${esc(source.section)}</a></div>
<h1 class="story-headline">${esc(source.title)}</h1>
<div class="story-summary">${esc(source.description)}</div>
<div class="story-byline"><div class="story-byline__author">By ${bylineLinks(source)}</div><div class="story-byline__date"><span class="story-byline__label">Published</span> <span class="date-text">${esc(source.visibleDate)}</span></div></div>
${shareBar(source)}
</div>
${image}
<div class="story-body"><div class="story-body__inner">
${paragraphs}
</div></div>
<div class="story-footer"><div class="story-topics">${source.tags.map((tag) => `<div class="story-topic"><a href="${ORIGIN}/#${tagSlug(tag)}">${esc(tag)}</a></div>`).join('')}</div></div>
<div class="ad ad--leaderboard" data-ad-slot="story-bottom"><div class="ad__label">Advertisement</div></div>
</div>
<div class="Page_side__T7v">
<div class="MostRead_root__f2"><div class="MostRead_title__Yy">Most read</div>
${mostRead}
</div>
<div class="ad ad--mpu" data-ad-slot="side-1"><div class="ad__label">Advertisement</div></div>
${newsletterBox()}
</div></div></div>
${siteFooter()}
</div>
</div>
${HACK_SCRIPT}
<script src="${ORIGIN}/assets/app.js" async></script>
</body>
</html>
`;
}

/** A 2000s CMS: HTML 4.01, table layout, no JSON-LD, charset declared only by `<meta charset>`. */
function renderLegacy(source: ArticleSource, context: RenderContext): string {
  const image = source.image
    ? `<div class="artimg">${img(source.image, ' border="0"')}
<div class="caption">${captionHtml(source.image)}</div></div>`
    : '';
  const links = context.related.map((other) => `<li><a href="${articleUrl(other)}">${esc(other.title)}</a></li>`).join('\n');
  const authorMeta = source.authors.map((p) => `<meta name="author" content="${esc(p.name)}">`).join('\n');
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html lang="${source.lang}">
<head>
${headMeta(source, { publishedMeta: true, charset: 'windows-1252' })}
${authorMeta}
<meta name="keywords" content="${esc(source.tags.join(', '))}">
<script type="text/javascript">
var _gaq = _gaq || [];
_gaq.push(['_setAccount', 'UA-0000000-1'], ['_trackPageview']);
</script>
</head>
<body bgcolor="#ffffff" onload="initPage()">
${cookieBanner()}
<table width="980" cellpadding="0" cellspacing="0" border="0" align="center" id="layout">
<tr><td colspan="2" id="top"><a href="${ORIGIN}/"><img src="${ORIGIN}/assets/img/logo.png" alt="${SITE_NAME}" width="180" height="40" border="0"></a>
<div id="topnav">${SECTIONS.map(([name, slug]) => `<a href="${ORIGIN}/#${slug}">${name}</a>`).join(' | ')}</div></td></tr>
<tr>
<td valign="top" width="680" id="maincol">
<div class="breadcrumb"><a href="${ORIGIN}/">Home</a> &raquo; <a href="${ORIGIN}/#${source.sectionSlug}">${esc(source.section)}</a></div>
<div class="artikel">
<h1 class="arttitle">${esc(source.title)}</h1>
<div class="artinfo">By <span class="author">${esc(source.authors.map((p) => p.name).join(', '))}</span> &middot; <span class="datum">${esc(source.visibleDate)}</span></div>
<p class="intro"><b>${esc(source.description)}</b></p>
${image}
<div class="arttext">
${renderBlocks(source.blocks, 'bodytext')}
</div>
<div class="printmail"><a href="javascript:window.print()">Print</a> | <a href="mailto:?subject=${encodeURIComponent(source.title)}">Email this article</a></div>
</div>
</td>
<td valign="top" width="300" id="rightcol">
<div class="box"><div class="boxtitle">More from ${esc(source.section)}</div><ul>
${links}
</ul></div>
<div class="ad"><script type="text/javascript">document.write('<div class="adbanner">Advertisement</div>');</script></div>
${newsletterBox()}
</td>
</tr>
<tr><td colspan="2">${siteFooter()}</td></tr>
</table>
${HACK_SCRIPT}
<script type="text/javascript">function initPage() { document.getElementById('cookie-banner').style.display = 'block'; }</script>
</body>
</html>
`;
}

const BLOG_LABELS: Record<string, Record<string, string>> = {
  de: {
    posted: 'Veröffentlicht am',
    by: 'von',
    share: 'Teilen mit:',
    related: 'Ähnliche Beiträge',
    tags: 'Schlagwörter:',
    comments: 'Kommentare',
    reply: 'Antworten',
    recent: 'Neueste Beiträge',
    previous: 'Vorheriger Beitrag',
    updated: 'Aktualisiert am',
  },
  fr: {
    posted: 'Publié le',
    by: 'par',
    share: 'Partager :',
    related: 'Articles similaires',
    tags: 'Étiquettes :',
    comments: 'commentaires',
    reply: 'Répondre',
    recent: 'Articles récents',
    previous: 'Article précédent',
    updated: 'Mis à jour le',
  },
  en: {
    posted: 'Posted on',
    by: 'by',
    share: 'Share this:',
    related: 'Related',
    tags: 'Tagged',
    comments: 'Comments',
    reply: 'Reply',
    recent: 'Recent posts',
    previous: 'Previous post',
    updated: 'Updated on',
  },
};

const BLOG_COMMENTS: Record<string, Array<[string, string]>> = {
  de: [
    ['Heike R.', 'Endlich! Ich fahre die Strecke seit Jahren auf der Landstraße, das ist ein riesiger Unterschied.'],
    ['Thomas_B', 'Schön und gut, aber wer bezahlt eigentlich den Winterdienst auf dem neuen Weg?'],
  ],
  fr: [['Martine', 'Dommage pour juin, mais septembre sur le port, ce sera très bien aussi.']],
  en: [
    ['Gwen in Elmsford', 'Saw it on Saturday and agree about the second half. The frost scene stayed with me all the way home.'],
    ['theatre_dad', 'Two hours forty is a long time on those Corn Exchange seats. Bring a cushion.'],
  ],
};

/** A WordPress-style blog: `<main>`, `.post-content`, Yoast `@graph` JSON-LD, share and related inside the content. */
function renderBlog(source: ArticleSource, context: RenderContext): string {
  const labels = BLOG_LABELS[source.lang.slice(0, 2)] ?? BLOG_LABELS.en ?? {};
  const comments = BLOG_COMMENTS[source.lang.slice(0, 2)] ?? [];
  const url = articleUrl(source);
  const person = source.authors[0];
  const personId = `${ORIGIN}/#/schema/person/${person?.slug ?? 'staff'}`;
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'NewsArticle',
        '@id': `${url}#article`,
        isPartOf: { '@id': url },
        author: { '@id': personId },
        headline: source.title,
        description: source.description,
        datePublished: source.published,
        ...(source.modified ? { dateModified: source.modified } : {}),
        mainEntityOfPage: { '@id': url },
        publisher: { '@id': `${ORIGIN}/#organization` },
        image: source.image ? { '@id': `${url}#primaryimage` } : undefined,
        keywords: source.tags,
        articleSection: [source.section],
        inLanguage: source.lang,
      },
      {
        '@type': 'WebPage',
        '@id': url,
        url,
        name: `${source.title} | ${SITE_NAME}`,
        isPartOf: { '@id': `${ORIGIN}/#website` },
        datePublished: source.published,
        inLanguage: source.lang,
      },
      ...(source.image
        ? [
            {
              '@type': 'ImageObject',
              '@id': `${url}#primaryimage`,
              url: imageUrl(source.image),
              contentUrl: imageUrl(source.image),
              width: source.image.width,
              height: source.image.height,
            },
          ]
        : []),
      { '@type': 'WebSite', '@id': `${ORIGIN}/#website`, url: `${ORIGIN}/`, name: SITE_NAME, inLanguage: source.lang },
      {
        '@type': 'Organization',
        '@id': `${ORIGIN}/#organization`,
        name: SITE_NAME,
        url: `${ORIGIN}/`,
        logo: { '@type': 'ImageObject', url: `${ORIGIN}/assets/img/logo.png` },
      },
      ...(person ? [{ '@type': 'Person', '@id': personId, name: person.name, url: `${ORIGIN}/authors/${person.slug}` }] : []),
    ],
  };
  const thumbnail = source.image
    ? `<div class="post-thumbnail">
<figure class="wp-block-image size-large">${img(source.image, ' class="attachment-post-thumbnail size-post-thumbnail wp-post-image" decoding="async"')}<figcaption class="wp-element-caption">${captionHtml(source.image)}</figcaption></figure>
</div>`
    : '';
  const relatedPosts = context.related
    .slice(0, 2)
    .map(
      (other) => `<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="${articleUrl(other)}">${esc(other.title)}</a></h4></div>`,
    )
    .join('\n');
  const commentItems = comments
    .map(
      ([name, text], index) =>
        `<li id="comment-${index + 101}" class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">${esc(name)}</b></footer><div class="comment-content"><p>${esc(text)}</p></div><div class="reply"><a class="comment-reply-link" href="#respond">${labels.reply}</a></div></article></li>`,
    )
    .join('\n');
  const postId = 4000 + source.slug.length * 37;
  return `${htmlOpen(source)}
<head>
${headMeta(source, { publishedMeta: true })}
<!-- This site is optimized with a popular SEO plugin -->
${jsonLd(graph)}
<!-- / SEO plugin. -->
<script id="theme-js-extra">var themeSettings = {"ajaxurl":"${ORIGIN}/wp-admin/admin-ajax.php","lazy":"1"};</script>
</head>
<body class="post-template-default single single-post postid-${postId} single-format-standard wp-embed-responsive">
${cookieBanner()}
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Skip to main content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="${ORIGIN}/" rel="home">${SITE_NAME}</a></p><p class="site-description">Notes from the newsroom</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
<ul id="primary-menu" class="menu">
${navList(source.sectionSlug)}
</ul></nav>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
<article id="post-${postId}" class="post-${postId} post type-post status-publish format-standard has-post-thumbnail hentry category-${source.sectionSlug}">
<header class="entry-header">
<span class="cat-links"><a href="${ORIGIN}/#${source.sectionSlug}" rel="category tag">${esc(source.section)}</a></span>
<h1 class="entry-title">${esc(source.title)}</h1>
<div class="entry-excerpt"><p>${esc(source.description)}</p></div>
<div class="entry-meta"><span class="posted-on">${labels.posted} <a href="${url}" rel="bookmark"><time class="entry-date published" datetime="${source.published}">${esc(source.visibleDate)}</time>${source.modified ? `<time class="updated" datetime="${source.modified}" hidden>${labels.updated}</time>` : ''}</a></span> <span class="byline">${labels.by} <span class="author vcard"><a class="url fn n" href="${ORIGIN}/authors/${person?.slug ?? 'staff'}">${esc(person?.name ?? SITE_NAME)}</a></span></span></div>
</header>
${thumbnail}
<div class="entry-content post-content">
${renderBlocks(source.blocks)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">${labels.share}</h3><div class="sd-content"><ul><li><a class="share-facebook" href="${url}?share=facebook">Facebook</a></li><li><a class="share-x" href="${url}?share=x">X</a></li><li><a class="share-email" href="${url}?share=email">E-Mail</a></li></ul></div></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>${labels.related}</em></h3>
${relatedPosts}
</div>
</div>
<footer class="entry-footer"><span class="tags-links">${labels.tags} ${source.tags.map((tag) => `<a href="${ORIGIN}/#${tagSlug(tag)}" rel="tag">${esc(tag)}</a>`).join(', ')}</span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links"><div class="nav-previous"><a href="${context.related[2] ? articleUrl(context.related[2]) : `${ORIGIN}/`}" rel="prev"><span class="nav-subtitle">${labels.previous}</span> <span class="nav-title">${esc(context.related[2]?.title ?? '')}</span></a></div></div></nav>
<div id="comments" class="comments-area">
<h2 class="comments-title">${comments.length} ${labels.comments}</h2>
<ol class="comment-list">
${commentItems}
</ol>
</div>
</main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">${labels.recent}</h2><ul>
${context.related.map((other) => `<li><a href="${articleUrl(other)}">${esc(other.title)}</a></li>`).join('\n')}
</ul></section></aside>
</div>
<footer id="colophon" class="site-footer-wrap">
${siteFooter()}
</footer>
</div>
${HACK_SCRIPT}
<script src="${ORIGIN}/assets/app.js" id="theme-js"></script>
</body>
</html>
`;
}

/** A long-form feature: full-bleed hero, pull quotes, subheadings, inline figures. */
function renderFeature(source: ArticleSource, context: RenderContext): string {
  const hero = source.image
    ? `<figure class="feature-hero__figure">
  <picture>
    <source type="image/png" srcset="${imageUrl(source.image)} 1200w">
    ${img(source.image, ' sizes="100vw"')}
  </picture>
  <figcaption class="feature-hero__caption">${captionHtml(source.image)}</figcaption>
</figure>`
    : '';
  const more = context.related
    .map(
      (other) =>
        `<li class="card"><a href="${articleUrl(other)}"><span class="card__kicker">${esc(other.section)}</span><span class="card__title">${esc(other.title)}</span></a></li>`,
    )
    .join('\n');
  return `${htmlOpen(source)}
<head>
${headMeta(source, { publishedMeta: true })}
${jsonLd(newsArticleLd(source, { keywordsAsString: false }))}
${ANALYTICS(source)}
</head>
<body class="longform theme-dark">
${cookieBanner()}
<header class="site-header site-header--minimal">
  <a class="site-logo" href="${ORIGIN}/"><img src="${ORIGIN}/assets/img/logo.png" alt="${SITE_NAME}" width="180" height="40"></a>
  <span class="site-header__section">${esc(source.section)}</span>
  <button class="menu-button" type="button" aria-expanded="false">Menu</button>
  <nav class="drawer-nav" hidden><ul>
${navList(source.sectionSlug)}
  </ul></nav>
</header>
<main id="main">
<article class="feature">
  <div class="feature-hero">
${hero}
    <div class="feature-hero__text">
      <p class="feature-label"><a href="${ORIGIN}/#${source.sectionSlug}">${esc(source.section)}</a></p>
      <h1 class="feature-title">${esc(source.title)}</h1>
      <p class="feature-dek">${esc(source.description)}</p>
      <p class="feature-byline">By ${bylineLinks(source)} <span class="dot">·</span> <time datetime="${source.published}">${esc(source.visibleDate)}</time>${source.readTimeLabel ? ` <span class="dot">·</span> <span class="read-time">${esc(source.readTimeLabel)}</span>` : ''}</p>
    </div>
  </div>
${shareBar(source)}
  <div class="feature-body">
${renderBlocks(source.blocks)}
  </div>
  <div class="feature-end"><p class="feature-end__note">This article is part of our series <a href="${ORIGIN}/#features">Coastal Lives</a>.</p></div>
</article>
<section class="more-features"><h2>More from Features</h2><ul class="cards">
${more}
</ul></section>
${newsletterBox()}
</main>
${siteFooter()}
${HACK_SCRIPT}
</body>
</html>
`;
}

/** A short news brief: no figure, breadcrumbs, "More news" list. */
function renderBrief(source: ArticleSource, context: RenderContext): string {
  const ld = source.timeElementOnly ? '' : `${jsonLd(newsArticleLd(source, { keywordsAsString: true }))}\n`;
  const author = source.authorOrganization
    ? `<span class="brief-author">${esc(source.authorOrganization)}</span>`
    : `<span class="brief-author">By ${esc(source.authors.map((p) => p.name).join(' and '))}</span>`;
  const head = source.timeElementOnly
    ? headMeta(source, { publishedMeta: false }) +
      `\n${source.authors.map((p) => `<meta name="author" content="${esc(p.name)}">`).join('\n')}\n<meta name="keywords" content="${esc(source.tags.join(', '))}">`
    : headMeta(source, { publishedMeta: true });
  const summary = source.timeElementOnly ? '' : `\n<p class="brief-summary">${esc(source.description)}</p>`;
  return `${htmlOpen(source)}
<head>
${head}
${ld}${ANALYTICS(source)}
</head>
<body class="brief-page">
${cookieBanner()}
${siteHeader(source)}
<main id="main" class="container">
<div class="brief-wrapper">
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="${ORIGIN}/">Home</a></li><li><a href="${ORIGIN}/#${source.sectionSlug}">${esc(source.section)}</a></li></ol></nav>
<h1 class="brief-headline">${esc(source.title)}</h1>${summary}
<div class="brief-meta">${author} <span class="sep">|</span> <time datetime="${source.published}">${esc(source.visibleDate)}</time></div>
<div class="brief-text">
${renderBlocks(source.blocks)}
</div>
${relatedList(context, 'More news', 'brief-more')}
</div>
</main>
${siteFooter()}
${HACK_SCRIPT}
</body>
</html>
`;
}

/** A photo gallery with lazy-loaded images (placeholder `src`, real URL in `data-src`). */
function renderGallery(source: ArticleSource, context: RenderContext): string {
  const slides = source.blocks.filter((block): block is Extract<Block, { kind: 'slide' }> => block.kind === 'slide');
  const intro = source.blocks.filter((block) => block.kind !== 'slide');
  const slideHtml = slides
    .map(
      (slide, index) => `<li class="gallery-slide" id="slide-${index + 1}">
  <figure class="gallery-slide__figure">
    <img class="lazyload" src="${LAZY_PLACEHOLDER}" data-src="${imageUrl(slide.image)}" data-srcset="${imageUrl(slide.image)} 1200w" alt="${esc(slide.image.alt)}" width="${slide.image.width}" height="${slide.image.height}">
    <noscript><img src="${imageUrl(slide.image)}" alt="${esc(slide.image.alt)}"></noscript>
    <figcaption><span class="gallery-slide__caption">${esc(slide.image.caption)}</span> <span class="gallery-slide__credit">© ${esc(slide.image.credit ?? '')}</span></figcaption>
  </figure>
  <p class="gallery-slide__text">${slide.text}</p>
  <span class="gallery-slide__count">${index + 1} of ${slides.length}</span>
</li>`,
    )
    .join('\n');
  return `${htmlOpen(source)}
<head>
${headMeta(source, { publishedMeta: true })}
${jsonLd({
  ...(newsArticleLd(source, { keywordsAsString: false }) as Record<string, unknown>),
  image: slides.map((slide) => imageLd(slide.image)),
})}
${ANALYTICS(source)}
<script src="${ORIGIN}/assets/app.js" async></script>
</head>
<body class="gallery-page">
${cookieBanner()}
${siteHeader(source)}
<main id="main">
<article class="gallery">
<header class="gallery-header">
<p class="gallery-label">In pictures</p>
<h1 class="gallery-title">${esc(source.title)}</h1>
<p class="gallery-dek">${esc(source.description)}</p>
<p class="gallery-meta">Photographs by ${bylineLinks(source)} · <time datetime="${source.published}">${esc(source.visibleDate)}</time></p>
</header>
<div class="gallery-intro">
${renderBlocks(intro)}
</div>
<ol class="gallery-slides">
${slideHtml}
</ol>
${shareBar(source)}
</article>
${relatedList(context, 'More galleries and stories', 'related-articles')}
</main>
${siteFooter()}
${HACK_SCRIPT}
</body>
</html>
`;
}

/** A live blog: timestamped entries, newest first, LiveBlogPosting JSON-LD. */
function renderLive(source: ArticleSource, context: RenderContext): string {
  const entries = source.blocks.filter((block): block is Extract<Block, { kind: 'entry' }> => block.kind === 'entry');
  const ld = {
    ...(newsArticleLd(source, { keywordsAsString: false, type: 'LiveBlogPosting' }) as Record<string, unknown>),
    coverageStartTime: source.published,
    coverageEndTime: source.modified ?? source.published,
    liveBlogUpdate: entries.map((entry, index) => ({
      '@type': 'BlogPosting',
      headline: entry.title,
      datePublished: entry.time,
      url: `${articleUrl(source)}#entry-${entries.length - index}`,
      articleBody: entry.paragraphs.map((p) => p.replace(/<[^>]+>/g, '')).join(' '),
    })),
  };
  const feed = entries
    .map(
      (entry, index) => `<article class="live-entry" id="entry-${entries.length - index}">
  <header class="live-entry__header">
    <time class="live-entry__time" datetime="${entry.time}">${esc(entry.label)}</time>
    <h2 class="live-entry__title">${esc(entry.title)}</h2>
  </header>
  <div class="live-entry__body">
${entry.paragraphs.map((p) => `    <p>${p}</p>`).join('\n')}
  </div>
  <footer class="live-entry__footer"><a class="live-entry__share" href="${articleUrl(source)}#entry-${entries.length - index}">Share this update</a></footer>
</article>`,
    )
    .join('\n');
  const keyPoints = source.keyPoints
    ? `<div class="key-points" aria-label="Key points"><h2>Key points</h2><ul>\n${source.keyPoints.map((point) => `  <li>${esc(point)}</li>`).join('\n')}\n</ul></div>\n`
    : '';
  const image = source.image ? `<figure class="live-lead">${img(source.image)}<figcaption>${captionHtml(source.image)}</figcaption></figure>` : '';
  return `${htmlOpen(source)}
<head>
${headMeta(source, { publishedMeta: true })}
<meta http-equiv="refresh" content="300">
${jsonLd(ld)}
${ANALYTICS(source)}
</head>
<body class="live-page section-${source.sectionSlug}">
${cookieBanner()}
${siteHeader(source)}
<main id="main" class="live-layout">
<div class="live-header">
  <span class="live-badge" aria-label="Live coverage">Live</span>
  <a class="article-kicker" href="${ORIGIN}/#${source.sectionSlug}">${esc(source.section)}</a>
  <h1 class="live-title">${esc(source.title)}</h1>
  <p class="live-summary">${esc(source.description)}</p>
  <p class="live-meta">By ${bylineLinks(source)} · Updated <time datetime="${source.modified ?? source.published}">${esc(source.visibleDate)}</time></p>
</div>
${image}
${keyPoints}<div class="live-feed" id="live-feed" aria-live="polite">
${feed}
</div>
<button class="live-load-more" type="button">Load more updates</button>
${shareBar(source)}
${relatedList(context, 'Related coverage', 'related-articles')}
</main>
${siteFooter()}
${HACK_SCRIPT}
<script>setInterval(function () { fetch('${ORIGIN}/api/live/${source.slug}').catch(function () {}); }, 60000);</script>
</body>
</html>
`;
}

/** A subscriber-only article: two free paragraphs, then the paywall box. */
function renderPaywall(source: ArticleSource, context: RenderContext): string {
  const ld = {
    ...(newsArticleLd(source, { keywordsAsString: true }) as Record<string, unknown>),
    isAccessibleForFree: false,
    hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.paywalled-content' },
  };
  const image = source.image ? `<figure class="premium-figure">${img(source.image)}<figcaption>${captionHtml(source.image)}</figcaption></figure>` : '';
  return `${htmlOpen(source)}
<head>
${headMeta(source, { publishedMeta: true })}
${jsonLd(ld)}
${ANALYTICS(source)}
</head>
<body class="premium-page">
${cookieBanner()}
${siteHeader(source)}
<main id="main">
<article class="premium-article">
<header class="premium-header">
<p class="premium-kicker"><a href="${ORIGIN}/#${source.sectionSlug}">${esc(source.section)}</a> <span class="premium-badge">Subscriber exclusive</span></p>
<h1>${esc(source.title)}</h1>
<p class="premium-standfirst">${esc(source.description)}</p>
<p class="premium-byline">${bylineLinks(source)} <time datetime="${source.published}">${esc(source.visibleDate)}</time></p>
</header>
${image}
<section class="article-content paywalled-content">
${renderBlocks(source.blocks)}
</section>
<div class="paywall" id="paywall" role="region" aria-label="Subscription">
  <div class="paywall__fade"></div>
  <div class="paywall__box">
    <h2>Subscribe to continue reading</h2>
    <p>This article is for subscribers. Get unlimited access to ${SITE_NAME} journalism from £1 a week for your first three months. Cancel any time.</p>
    <a class="btn btn-primary" href="${ORIGIN}/#subscribe">See subscription options</a>
    <p class="paywall__signin">Already a subscriber? <a href="${ORIGIN}/#signin">Sign in</a></p>
  </div>
</div>
</article>
${relatedList(context, 'More from Business', 'related-articles')}
</main>
${siteFooter()}
${HACK_SCRIPT}
</body>
</html>
`;
}

export function renderPage(source: ArticleSource, context: RenderContext): string {
  switch (source.template) {
    case 'article':
      return renderArticle(source, context);
    case 'div-soup':
      return renderDivSoup(source, context);
    case 'legacy':
      return renderLegacy(source, context);
    case 'blog':
      return renderBlog(source, context);
    case 'feature':
      return renderFeature(source, context);
    case 'brief':
      return renderBrief(source, context);
    case 'gallery':
      return renderGallery(source, context);
    case 'live':
      return renderLive(source, context);
    case 'paywall':
      return renderPaywall(source, context);
  }
}
