/** The viewer's one stylesheet, served as /style.css (the CSP allows no inline styles). */
export const VIEWER_CSS = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5d6875; --line: #dfe3e8; --accent: #1f5fa8; --bg: #fbfbfa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
header.top { display: flex; gap: 1.5rem; align-items: baseline; padding: .7rem 1.5rem; border-bottom: 1px solid var(--line); background: #fff; }
header.top .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
header.top nav a { margin-right: 1rem; text-decoration: none; }
header.top nav a[aria-current="page"] { font-weight: 600; text-decoration: underline; }
header.top .readonly { margin-left: auto; color: var(--muted); font-size: .85rem; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { line-height: 1.2; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; padding: .75rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
form.filters select, form.filters input { font: inherit; padding: .25rem .4rem; min-width: 12rem; }
ol.articles { list-style: none; padding: 0; }
.article-row { padding: .6rem 0; border-bottom: 1px solid var(--line); }
.article-row .title { font-weight: 600; font-size: 1.05rem; }
.meta { display: flex; flex-wrap: wrap; gap: .75rem; font-size: .85rem; color: var(--muted); }
.status { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .78rem; border: 1px solid currentColor; }
.status-extracted, .status-active { color: #1d7a3a; }
.status-feed-only, .status-paused { color: #9a6a00; }
.status-failed, .status-dead { color: #b3261e; }
.error-code { color: #b3261e; }
.article .crumbs, .article .byline, .article .original { color: var(--muted); font-size: .9rem; }
.article .standfirst { font-size: 1.15rem; }
.article .url { word-break: break-all; }
.article .body { max-width: 40rem; font-family: Georgia, "Times New Roman", serif; font-size: 1.08rem; }
.article .body img, .lead-image img { max-width: 100%; height: auto; }
.lead-image { margin: 1rem 0; }
.lead-image figcaption { font-size: .9rem; color: var(--muted); }
.lead-image .credit { font-style: italic; }
.media-placeholder { display: inline-block; padding: .4rem .6rem; background: #eef1f4; border: 1px dashed #aab4bf; color: var(--muted); font-size: .85rem; }
.media-placeholder.lead { display: block; padding: 2rem 1rem; text-align: center; }
section.fields table, table.feeds { border-collapse: collapse; width: 100%; font-size: .88rem; background: #fff; }
section.fields th, section.fields td, table.feeds th, table.feeds td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
section.fields td.value { white-space: pre-wrap; word-break: break-word; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .82rem; }
.source-tag { display: inline-block; padding: 0 .4rem; background: #e7eef8; border-radius: 4px; }
.empty { color: var(--muted); }
`;
