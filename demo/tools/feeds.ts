/** The demo site's three feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) and its OPML subscription list. */
import { type ArticleSource, articleUrl, type Block, esc, imageUrl, ORIGIN, SITE_NAME } from './site-model.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2022-04-28T11:42:00+01:00" -> "Thu, 28 Apr 2022 11:42:00 +0100" (RFC 822 in the page's own offset). */
export function rfc822(stamp: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/.exec(stamp);
  if (!match) throw new Error(`not an RFC 3339 stamp: ${stamp}`);
  const [, year, month, day, time, offset] = match as unknown as [string, string, string, string, string, string];
  const weekday = DAYS[new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()];
  const zone = offset === 'Z' ? 'GMT' : offset.replace(':', '');
  return `${weekday}, ${day} ${MONTHS[Number(month) - 1]} ${year} ${time} ${zone}`;
}

/** Body blocks as clean HTML for a feed's full-content field (no widgets, figures or pull quotes). */
function feedContentHtml(blocks: Block[]): string {
  return blocks
    .map((block) => {
      if (block.kind === 'p') return `<p>${block.html}</p>`;
      if (block.kind === 'h2') return `<h2>${esc(block.text)}</h2>`;
      return '';
    })
    .filter((html) => html !== '')
    .join('\n');
}

function cdata(text: string): string {
  if (text.includes(']]>')) throw new Error('CDATA terminator in feed content');
  return `<![CDATA[${text}]]>`;
}

export type RssItem = {
  source: ArticleSource;
  /** 'permalink' uses the URL with isPermaLink="true"; anything else is an opaque guid. */
  guid: string;
  contentEncoded?: boolean;
};

export type FeedOnlyItem = {
  path: string;
  guid: string;
  title: string;
  description: string;
  author: string;
  category: string;
  published: string;
};

function rssItem(item: RssItem): string {
  const { source } = item;
  const guid = item.guid === 'permalink' ? `<guid isPermaLink="true">${articleUrl(source)}</guid>` : `<guid isPermaLink="false">${esc(item.guid)}</guid>`;
  const creators = source.authorOrganization ? [source.authorOrganization] : source.authors.map((a) => a.name);
  const lines = [
    '    <item>',
    `      <title>${esc(source.title)}</title>`,
    `      <link>${articleUrl(source)}</link>`,
    `      ${guid}`,
    `      <pubDate>${rfc822(source.published)}</pubDate>`,
    ...creators.map((name) => `      <dc:creator>${esc(name)}</dc:creator>`),
    ...source.tags.slice(0, 2).map((tag) => `      <category>${esc(tag)}</category>`),
    `      <description>${esc(source.description)}</description>`,
  ];
  if (item.contentEncoded) lines.push(`      <content:encoded>${cdata(feedContentHtml(source.blocks))}</content:encoded>`);
  if (source.image) {
    lines.push(
      `      <media:content url="${imageUrl(source.image)}" medium="image" type="image/png" width="${source.image.width}" height="${source.image.height}"/>`,
    );
  }
  lines.push('    </item>');
  return lines.join('\n');
}

function feedOnlyItem(item: FeedOnlyItem): string {
  return [
    '    <item>',
    `      <title>${esc(item.title)}</title>`,
    `      <link>${ORIGIN}${item.path}</link>`,
    `      <guid isPermaLink="false">${esc(item.guid)}</guid>`,
    `      <pubDate>${rfc822(item.published)}</pubDate>`,
    `      <dc:creator>${esc(item.author)}</dc:creator>`,
    `      <category>${esc(item.category)}</category>`,
    `      <description>${esc(item.description)}</description>`,
    '    </item>',
  ].join('\n');
}

export function worldRss(items: Array<RssItem | FeedOnlyItem>, lastBuild: string): string {
  const rendered = items.map((item) => ('source' in item ? rssItem(item) : feedOnlyItem(item))).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>${SITE_NAME}: World</title>
    <link>${ORIGIN}/</link>
    <atom:link href="${ORIGIN}/feeds/world.rss" rel="self" type="application/rss+xml"/>
    <description>World, Middle East, Europe, business and UK news from the ${SITE_NAME}. Fictional demo content for Feedloom.</description>
    <language>en-gb</language>
    <copyright>© 2022 ${SITE_NAME}</copyright>
    <lastBuildDate>${rfc822(lastBuild)}</lastBuildDate>
    <ttl>15</ttl>
    <generator>Meridian CMS 4.2</generator>
    <image>
      <url>${ORIGIN}/assets/img/logo.png</url>
      <title>${SITE_NAME}: World</title>
      <link>${ORIGIN}/</link>
    </image>
${rendered}
  </channel>
</rss>
`;
}

export type AtomEntry = { source: ArticleSource; id: string; content?: boolean; enclosure?: boolean };

export function techAtom(entries: AtomEntry[]): string {
  const updated = entries
    .map((entry) => entry.source.modified ?? entry.source.published)
    .reduce((latest, stamp) => (Date.parse(stamp) > Date.parse(latest) ? stamp : latest));
  const rendered = entries
    .map(({ source, id, content, enclosure }) => {
      const authors = source.authors
        .map((a) => `    <author>\n      <name>${esc(a.name)}</name>\n      <uri>${ORIGIN}/authors/${a.slug}</uri>\n    </author>`)
        .join('\n');
      const lines = [
        '  <entry>',
        `    <id>${esc(id)}</id>`,
        `    <title type="text">${esc(source.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${articleUrl(source)}"/>`,
        `    <published>${source.published}</published>`,
        `    <updated>${source.modified ?? source.published}</updated>`,
        authors,
        ...source.tags.map((tag) => `    <category term="${esc(tag)}"/>`),
        `    <summary type="text">${esc(source.description)}</summary>`,
      ];
      if (content) lines.push(`    <content type="html">${esc(feedContentHtml(source.blocks))}</content>`);
      if (enclosure && source.image) {
        lines.push(`    <link rel="enclosure" type="image/png" href="${imageUrl(source.image)}"/>`);
      }
      lines.push('  </entry>');
      return lines.join('\n');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <id>tag:meridian-ledger.example,2022:feeds/technology</id>
  <title>${SITE_NAME}: Technology and Science</title>
  <subtitle>Technology and science news from the ${SITE_NAME}. Fictional demo content for Feedloom.</subtitle>
  <link rel="self" type="application/atom+xml" href="${ORIGIN}/feeds/tech.atom"/>
  <link rel="alternate" type="text/html" href="${ORIGIN}/#technology"/>
  <updated>${updated}</updated>
  <icon>${ORIGIN}/assets/img/favicon.png</icon>
  <logo>${ORIGIN}/assets/img/logo.png</logo>
  <rights>© 2022 ${SITE_NAME}</rights>
  <generator version="4.2">Meridian CMS</generator>
${rendered}
</feed>
`;
}

export type JsonFeedItem = { source: ArticleSource; id: string; contentHtml?: boolean };

export function cultureJson(items: JsonFeedItem[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${SITE_NAME}: Culture`,
    home_page_url: `${ORIGIN}/#culture`,
    feed_url: `${ORIGIN}/feeds/culture.json`,
    description: `Culture, features and photography from the ${SITE_NAME}. Fictional demo content for Feedloom.`,
    icon: `${ORIGIN}/assets/img/logo.png`,
    favicon: `${ORIGIN}/assets/img/favicon.png`,
    language: 'en-GB',
    authors: [{ name: SITE_NAME, url: `${ORIGIN}/` }],
    items: items.map(({ source, id, contentHtml }) => ({
      id,
      url: articleUrl(source),
      title: source.title,
      summary: source.description,
      ...(contentHtml ? { content_html: feedContentHtml(source.blocks) } : { content_text: source.description }),
      ...(source.image ? { image: imageUrl(source.image) } : {}),
      date_published: source.published,
      ...(source.modified ? { date_modified: source.modified } : {}),
      authors: source.authors.map((a) => ({ name: a.name, url: `${ORIGIN}/authors/${a.slug}` })),
      tags: source.tags,
      language: source.lang,
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

export function feedsOpml(dateCreated: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>${SITE_NAME} demo feeds</title>
    <dateCreated>${rfc822(dateCreated)}</dateCreated>
    <ownerName>Feedloom demo</ownerName>
    <docs>http://opml.org/spec2.opml</docs>
  </head>
  <body>
    <outline text="News" title="News">
      <outline text="World" title="World">
        <outline type="rss" text="${SITE_NAME}: World" title="${SITE_NAME}: World" xmlUrl="${ORIGIN}/feeds/world.rss" htmlUrl="${ORIGIN}/" language="en-gb"/>
      </outline>
      <outline text="Technology and Science" title="Technology and Science">
        <outline type="rss" text="${SITE_NAME}: Technology and Science" title="${SITE_NAME}: Technology and Science" xmlUrl="${ORIGIN}/feeds/tech.atom" htmlUrl="${ORIGIN}/#technology"/>
      </outline>
    </outline>
    <outline text="Culture" title="Culture">
      <outline type="rss" text="${SITE_NAME}: Culture" title="${SITE_NAME}: Culture" xmlUrl="${ORIGIN}/feeds/culture.json" htmlUrl="${ORIGIN}/#culture" description="A JSON Feed 1.1"/>
    </outline>
  </body>
</opml>
`;
}
