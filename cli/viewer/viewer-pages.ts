import type { Article } from '../../shared/article/article';
import { ArticleSchema } from '../../shared/article/article';
import type { FeedSubscription } from '../../shared/ingestion/feed-subscription';
import { html, httpUrl, type SafeHtml, trustedHtml } from './html';

/** The filters of the article list, as the query string gives them. */
export interface ListFilters {
  feed: string;
  status: string;
  q: string;
}

const STATUSES = ['extracted', 'feed-only', 'failed'] as const;

/** `2022-04-28 09:00 UTC` from an ISO instant; the raw text when it is not one. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '-';
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const articleHref = (id: string, images = false): string => `/articles/${encodeURIComponent(id)}${images ? '?images=1' : ''}`;

function layout(title: string, current: 'articles' | 'feeds' | null, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} - Feedloom viewer</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header class="top"><a class="brand" href="/">Feedloom</a>
<nav><a href="/"${current === 'articles' ? html` aria-current="page"` : ''}>Articles</a> <a href="/feeds"${current === 'feeds' ? html` aria-current="page"` : ''}>Feeds</a></nav>
<span class="readonly">read-only viewer</span></header>
<main>
${body}
</main>
</body>
</html>
`;
}

function statusBadge(status: string): SafeHtml {
  return html`<span class="status status-${STATUSES.includes(status as never) ? status : 'other'}">${status}</span>`;
}

/** `/`: the stored articles, newest first, with the filter form. */
export function renderListPage(options: {
  articles: readonly Article[];
  feeds: readonly FeedSubscription[];
  filters: ListFilters;
  nextCursor: string | null;
  scanned: number;
}): SafeHtml {
  const { articles, feeds, filters } = options;
  const feedTitle = new Map(feeds.map((feed) => [feed.feedId, feed.title ?? feed.url]));
  const next = options.nextCursor ? `/?${new URLSearchParams({ ...filters, cursor: options.nextCursor }).toString()}` : null;
  const filtered = Boolean(filters.feed || filters.status || filters.q);
  const rows = articles.map(
    (article) => html`<li class="article-row">
<a class="title" href="${articleHref(article.id)}">${article.title || '(untitled)'}</a>
<div class="meta"><span class="site">${article.siteName ?? hostOf(article.url)}</span>
<time datetime="${article.publishedAt ?? article.fetchedAt}">${formatInstant(article.publishedAt ?? article.fetchedAt)}</time>
${statusBadge(article.status)}${article.extraction.error ? html` <code class="error-code">${article.extraction.error.code}</code>` : ''}
<span class="feed">${feedTitle.get(article.feedId) ?? article.feedUrl}</span></div>
</li>`,
  );
  const body = html`<h1>Articles</h1>
<form class="filters" method="get" action="/">
<label>Feed <select name="feed"><option value="">all feeds</option>${feeds.map(
    (feed) => html`<option value="${feed.feedId}"${feed.feedId === filters.feed ? html` selected` : ''}>${feed.title ?? feed.url}</option>`,
  )}</select></label>
<label>Status <select name="status"><option value="">any status</option>${STATUSES.map(
    (status) => html`<option value="${status}"${status === filters.status ? html` selected` : ''}>${status}</option>`,
  )}</select></label>
<label>Text <input type="search" name="q" value="${filters.q}" placeholder="title, text, author..."></label>
<button type="submit">Filter</button>${filtered ? html` <a href="/">clear</a>` : ''}
</form>
${
  articles.length
    ? html`<p class="count">${articles.length} article${articles.length === 1 ? '' : 's'}${filtered ? ` matching (of ${options.scanned} read)` : ''}</p>
<ol class="articles">${rows}</ol>`
    : html`<p class="empty">No articles ${filtered ? 'match these filters' : html`yet: run <code>npm start</code> or <code>feedloom run</code>`}.</p>`
}
${next ? html`<p class="more"><a rel="next" href="${next}">Older articles</a></p>` : ''}`;
  return layout('Articles', 'articles', body);
}

/** A field's value as text for the metadata table. */
function fieldValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.length ? value.join(', ') : '(none)';
  return JSON.stringify(value, null, 1);
}

function metadataRows(article: Article): SafeHtml[] {
  const sources = article.extraction.fieldSources;
  const rows: SafeHtml[] = [];
  for (const field of Object.keys(ArticleSchema.shape) as (keyof Article)[]) {
    if (field === 'extraction') continue;
    let value: unknown = article[field];
    if ((field === 'contentHtml' || field === 'contentText') && typeof value === 'string') value = `${value.length} characters (shown above)`;
    const source = sources[field];
    rows.push(
      html`<tr><th scope="row">${field}</th><td class="value">${fieldValue(value)}</td><td class="source">${source ? html`<span class="source-tag">${source}</span>` : '-'}</td></tr>`,
    );
  }
  const { fieldSources, ...extraction } = article.extraction;
  for (const [name, value] of Object.entries(extraction)) {
    rows.push(html`<tr><th scope="row">extraction.${name}</th><td class="value">${fieldValue(value)}</td><td class="source">-</td></tr>`);
  }
  // Sources the record names for fields that are not top-level Article fields (e.g. image.caption).
  for (const [name, source] of Object.entries(fieldSources)) {
    if (name in ArticleSchema.shape) continue;
    rows.push(html`<tr><th scope="row">${name}</th><td class="value">(see above)</td><td class="source"><span class="source-tag">${source}</span></td></tr>`);
  }
  return rows;
}

function leadImage(article: Article, images: boolean): SafeHtml {
  const image = article.image;
  if (!image) return html``;
  const src = httpUrl(image.url);
  const caption =
    image.caption || image.credit
      ? html`<figcaption>${image.caption ?? ''}${image.credit ? html` <span class="credit">Credit: ${image.credit}</span>` : ''}</figcaption>`
      : '';
  const picture =
    images && src
      ? html`<img src="${src}" alt="${image.alt ?? ''}"${image.width ? html` width="${image.width}"` : ''}${image.height ? html` height="${image.height}"` : ''}>`
      : html`<div class="media-placeholder lead">Lead image not loaded${images ? ' (not an http(s) URL)' : ''}: ${image.alt || hostOf(image.url)}${
          !images && src ? html` <a href="${articleHref(article.id, true)}">show images</a>` : ''
        }</div>`;
  return html`<figure class="lead-image">${picture}${caption}</figure>`;
}

/** `/articles/:id`: one article as a reader sees it, with every field and where it came from. */
export function renderArticlePage(article: Article, options: { body: string | null; images: boolean }): SafeHtml {
  const original = httpUrl(article.url);
  const text = article.contentText
    ?.split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim())
    .map((paragraph) => html`<p>${paragraph}</p>`);
  const body = options.body !== null ? trustedHtml(options.body) : text?.length ? text : html`<p class="empty">This article has no body.</p>`;
  const page = html`<article class="article" lang="${article.language ?? ''}" dir="${article.direction ?? 'auto'}">
<p class="crumbs"><a href="/">All articles</a> / <span>${article.siteName ?? hostOf(article.url)}</span>${article.section ? html` / <span>${article.section}</span>` : ''}</p>
<h1>${article.title || '(untitled)'}</h1>
${article.description ? html`<p class="standfirst">${article.description}</p>` : ''}
<p class="byline">${article.authors.length ? html`By ${article.authors.join(', ')} · ` : ''}<time datetime="${article.publishedAt ?? ''}">${formatInstant(article.publishedAt)}</time> · ${article.readingTimeMinutes} min read · ${statusBadge(article.status)}</p>
<p class="original">${original ? html`<a class="original-link" href="${original}" rel="noopener noreferrer nofollow">Original page</a> <span class="url">${original}</span>` : html`Original URL (not a link): <span class="url">${article.url}</span>`}
 · ${options.images ? html`<a href="${articleHref(article.id)}">hide images</a>` : html`<a href="${articleHref(article.id, true)}">show images</a> (remote images are not loaded by default)`}</p>
${leadImage(article, options.images)}
<div class="body">${body}</div>
</article>
<section class="fields">
<h2>Fields</h2>
<table><thead><tr><th>field</th><th>value</th><th>source</th></tr></thead>
<tbody>${metadataRows(article)}</tbody></table>
</section>`;
  return layout(article.title || 'Article', null, page);
}

/** `/feeds`: every subscribed feed with its fetch state. */
export function renderFeedsPage(feeds: readonly FeedSubscription[]): SafeHtml {
  const rows = feeds.map((feed) => {
    const url = httpUrl(feed.url);
    return html`<tr>
<td><a href="/?feed=${encodeURIComponent(feed.feedId)}">${feed.title ?? '(untitled)'}</a><div class="url">${url ? html`<a href="${url}" rel="noopener noreferrer nofollow">${url}</a>` : feed.url}</div></td>
<td>${statusBadge(feed.status)}</td>
<td>${formatInstant(feed.lastFetchedAt)}${feed.lastHttpStatus !== null ? html` <span class="http">HTTP ${feed.lastHttpStatus}</span>` : ''}</td>
<td>${formatInstant(feed.lastSuccessAt)}</td>
<td>${feed.errorCount}</td>
<td>${feed.lastError ? html`<code class="error-code">${feed.lastError.code}</code> ${feed.lastError.message} <span class="when">(${formatInstant(feed.lastError.at)})</span>` : '-'}</td>
<td>${feed.status === 'active' ? formatInstant(feed.nextFetchAt) : '-'}</td>
</tr>`;
  });
  const body = html`<h1>Feeds</h1>
${
  feeds.length
    ? html`<table class="feeds"><thead><tr><th>feed</th><th>state</th><th>last fetch</th><th>last success</th><th>errors</th><th>last error</th><th>next fetch</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : html`<p class="empty">No feeds subscribed.</p>`
}`;
  return layout('Feeds', 'feeds', body);
}

/** Any page that is not there. */
export function renderNotFoundPage(message: string): SafeHtml {
  return layout('Not found', null, html`<h1>Not found</h1><p>${message}</p><p><a href="/">All articles</a></p>`);
}
