/** Shapes of the demo site's source data, shared by the templates and the build script. */

export const SITE_NAME = 'Meridian Ledger';
export const ORIGIN = '{{origin}}';
export const WORDS_PER_MINUTE = 230;

export type Person = { name: string; slug: string };

/** How a caption's credit is written on the page; the expected record always has them split. */
export type CreditStyle =
  | 'source-brackets' // "Caption [source: Getty]"
  | 'photo-prefix' // "Caption Photo: Reuters"
  | 'photograph-prefix' // "Caption Photograph: Kofi Mensah/Meridian Ledger"
  | 'foto-prefix' // "Caption Foto: dpa"
  | 'copyright' // "Caption © AFP"
  | 'c-parens' // "Caption (c) AFP"
  | 'credit-prefix' // "Caption Credit: X"
  | 'pipe' // "Caption | Getty Images"
  | 'span' // "Caption <span class=credit>X</span>"
  | 'photo-parens'; // "Caption <small>(Photo: X)</small>"

export type LeadImage = {
  file: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string | null;
  creditStyle: CreditStyle;
  colors: [string, string];
};

/** One block of article body. Only p, h2, blockquote, list, entry and slide text count as body words. */
export type Block =
  | { kind: 'p'; html: string }
  | { kind: 'h2'; text: string }
  | { kind: 'quote'; html: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'widget'; html: string }
  | { kind: 'pullquote'; text: string }
  | { kind: 'figure'; image: LeadImage }
  | { kind: 'entry'; time: string; label: string; title: string; paragraphs: string[] }
  | { kind: 'slide'; image: LeadImage; text: string };

export type TemplateName = 'article' | 'div-soup' | 'legacy' | 'blog' | 'feature' | 'brief' | 'gallery' | 'live' | 'paywall';

export type ArticleSource = {
  slug: string;
  path: string;
  template: TemplateName;
  lang: string;
  dir: 'ltr' | 'rtl';
  encoding?: 'windows-1252';
  title: string;
  description: string;
  section: string;
  sectionSlug: string;
  tags: string[];
  authors: Person[];
  /** Set when no person is named: the organisation is the author. */
  authorOrganization?: string;
  published: string;
  modified: string | null;
  visibleDate: string;
  /** No JSON-LD and no article:published_time: the date is only in a `<time datetime>`. */
  timeElementOnly?: boolean;
  readTimeLabel?: string;
  /** Live blogs: the "Key points" box above the entries (not part of the body). */
  keyPoints?: string[];
  image: LeadImage | null;
  blocks: Block[];
  mustContain: string[];
  mustNotContain: string[];
  /** One line for the README: what this page exercises. */
  exercises: string;
};

/** The truth about a page as its author knows it (demo/site/expected/<slug>.json). */
export type ExpectedArticle = {
  path: string;
  title: string;
  description: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  section: string | null;
  tags: string[];
  siteName: string;
  language: string;
  direction: 'ltr' | 'rtl';
  image: { url: string; caption: string; credit: string | null; alt: string } | null;
  wordCountApprox: number;
  mustContain: string[];
  mustNotContain: string[];
  readingTimeMinutes: number;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

/** Plain text of a small HTML fragment: tags dropped, the few entities we write decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The article body's own text, one string per block, in page order (no captions, widgets or pull quotes). */
export function bodyTexts(source: ArticleSource): string[] {
  const texts: string[] = [];
  for (const block of source.blocks) {
    switch (block.kind) {
      case 'p':
      case 'quote':
        texts.push(textOf(block.html));
        break;
      case 'h2':
        texts.push(block.text);
        break;
      case 'list':
        texts.push(...block.items.map(textOf));
        break;
      case 'entry':
        texts.push(block.title, ...block.paragraphs.map(textOf));
        break;
      case 'slide':
        texts.push(textOf(block.text));
        break;
      default:
        break;
    }
  }
  return texts;
}

export function imageUrl(image: LeadImage): string {
  return `${ORIGIN}/assets/img/${image.file}`;
}

export function articleUrl(source: ArticleSource): string {
  return `${ORIGIN}${source.path}`;
}

/** "2022-04-28T11:42:00+01:00" -> "2022-04-28T10:42:00.000Z". */
export function toUtc(stamp: string): string {
  return new Date(stamp).toISOString();
}

/** The caption text as printed on the page, credit included in the page's own style. */
export function captionHtml(image: LeadImage): string {
  const caption = esc(image.caption);
  const credit = image.credit === null ? null : esc(image.credit);
  if (credit === null) return caption;
  switch (image.creditStyle) {
    case 'source-brackets':
      return `${caption} [source: ${credit}]`;
    case 'photo-prefix':
      return `${caption} Photo: ${credit}`;
    case 'photograph-prefix':
      return `${caption} Photograph: ${credit}`;
    case 'foto-prefix':
      return `${caption} Foto: ${credit}`;
    case 'copyright':
      return `${caption} © ${credit}`;
    case 'c-parens':
      return `${caption} (c) ${credit}`;
    case 'credit-prefix':
      return `${caption} Credit: ${credit}`;
    case 'pipe':
      return `${caption} | ${credit}`;
    case 'span':
      return `${caption} <span class="credit">${credit}</span>`;
    case 'photo-parens':
      return `${caption} <small class="credit">(Photo: ${credit})</small>`;
  }
}

/** The credit exactly as printed, for mustNotContain. */
export function printedCredit(image: LeadImage): string | null {
  if (image.credit === null) return null;
  const text = textOf(captionHtml(image));
  return text.slice(image.caption.length).trim();
}
