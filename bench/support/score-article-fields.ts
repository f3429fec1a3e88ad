// How `npm run bench:metadata` compares an Article's other fields (site name, language, direction,
// description, lead image, canonical URL) with a person's labels (bench/labels/*-fields.json, whose
// "about" says how they were written). The comparison rules, one per field:
//
// - siteName: right when the Article's name equals one of the label's spellings after NFKC, lower case and
//   every space and punctuation mark removed ("St.Galler Tagblatt" = "St. Galler Tagblatt"); null is right
//   only when the label lists "none".
// - language: the primary subtag (before the first "-", lower case) equals the label's.
// - direction: equal ("ltr" / "rtl"); null is wrong.
// - description: present, not the title repeated (token F1 < 0.9 against it, or longer than it by half),
//   not starting with one of the label's notDescription (site boilerplate), and starting with one of the
//   label's acceptable starts (compared on at most their first 40 characters after NFKC, lower case, straight
//   quotes and single spaces); a label start "*" accepts any description that passes the other tests.
// - standfirst used: on pages whose label shows a standfirst, the description starts with it (same rule).
// - image: a label of [] (no lead image on the page) is right only when the Article has none; otherwise the
//   Article's image URL must match one of the label's URLs, or be null when the label lists "none". Two URLs
//   match when they are equal after decoding, lower case, without scheme, "www." and query, or when their
//   file names agree once size suffixes ("-1024x576", "_750x421") and the extension are removed and at least
//   8 characters remain (one picture in several renditions).
// - canonicalUrl: equal to one of the label's after lower-casing scheme and host, dropping "www.", the
//   fragment and a trailing slash; null is right only when the label lists "none".
import type { Article } from '../../shared/article/article';
import { tokenF1 } from '../../shared/extraction/choose-title';

/** One page's labels for the other fields (see bench/labels/*-fields.json). */
export interface FieldLabel {
  siteName: string[];
  language: string;
  direction: 'ltr' | 'rtl';
  standfirst: string | null;
  description: string[];
  notDescription: string[];
  image: string[];
  canonicalUrl: string[];
}

export type FieldName = 'siteName' | 'language' | 'direction' | 'description' | 'image' | 'canonicalUrl';
export const FIELD_NAMES: readonly FieldName[] = ['siteName', 'language', 'direction', 'description', 'image', 'canonicalUrl'];

const compactName = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

const textKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛`´]/g, "'")
    .replace(/[“”„‟«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

function decodeFully(url: string): string {
  let value = url;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(value);
      if (next === value) break;
      value = next;
    } catch {
      break;
    }
  }
  return value;
}

const imageKey = (url: string): string =>
  decodeFully(url)
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '');

function fileStem(url: string): string {
  const file = imageKey(url).split('/').pop() ?? '';
  return file.replace(/\.[a-z0-9]{2,5}$/, '').replace(/[-_]\d{2,4}x\d{2,4}$/, '');
}

/** Whether two image URLs name the same picture (see the rule above). */
export function sameImage(a: string, b: string): boolean {
  if (imageKey(a) === imageKey(b)) return true;
  const stem = fileStem(a);
  return stem.length >= 8 && stem === fileStem(b);
}

function canonicalKey(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host.replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

const startsWithLabel = (text: string, start: string): boolean => textKey(text).startsWith(textKey(start).slice(0, 40));

/** Whether the description repeats the title instead of summarising the article. */
function repeatsTitle(description: string, title: string): boolean {
  return tokenF1(description, title) >= 0.9 && description.length < title.length * 1.5;
}

/** The verdict on each field of one page. */
export function judgeFields(article: Article, label: FieldLabel): Record<FieldName, boolean> & { standfirstUsed: boolean | null } {
  const description = article.description;
  const descriptionRight =
    description !== null &&
    !repeatsTitle(description, article.title) &&
    !label.notDescription.some((start) => startsWithLabel(description, start)) &&
    label.description.some((start) => start === '*' || startsWithLabel(description, start));
  const imageUrl = article.image?.url ?? null;
  const imageRight =
    label.image.length === 0
      ? imageUrl === null
      : imageUrl === null
        ? label.image.includes('none')
        : label.image.some((url) => url !== 'none' && sameImage(imageUrl, url));
  const canonical = article.canonicalUrl;
  return {
    siteName:
      article.siteName === null
        ? label.siteName.includes('none')
        : label.siteName.some((name) => name !== 'none' && compactName(name) === compactName(article.siteName ?? '')),
    language: (article.language?.split('-')[0]?.toLowerCase() ?? null) === label.language,
    direction: article.direction === label.direction,
    description: descriptionRight,
    image: imageRight,
    canonicalUrl:
      canonical === null
        ? label.canonicalUrl.includes('none')
        : label.canonicalUrl.some((url) => url !== 'none' && canonicalKey(url) === canonicalKey(canonical)),
    standfirstUsed: label.standfirst === null ? null : description !== null && startsWithLabel(description, label.standfirst),
  };
}

/** Share of pages right per field, the standfirst figure, and each page's misses (for development). */
export function scoreFields(pages: { key: string; article: Article; label: FieldLabel }[]): {
  pages: number;
  accuracy: Record<FieldName, number>;
  standfirstUsed: number;
  standfirstPages: number;
  misses: Record<string, unknown>[];
} {
  const right: Record<FieldName, number> = { siteName: 0, language: 0, direction: 0, description: 0, image: 0, canonicalUrl: 0 };
  let standfirstPages = 0;
  let standfirstUsed = 0;
  const misses: Record<string, unknown>[] = [];
  for (const { key, article, label } of pages) {
    const verdict = judgeFields(article, label);
    const wrong: Record<string, unknown> = {};
    for (const field of FIELD_NAMES) {
      if (verdict[field]) right[field]++;
      else
        wrong[field] = {
          got: field === 'image' ? (article.image?.url ?? null) : article[field],
          source: article.extraction.fieldSources[field] ?? null,
          expected: field === 'description' ? label.description : label[field],
        };
    }
    if (verdict.standfirstUsed !== null) {
      standfirstPages++;
      if (verdict.standfirstUsed) standfirstUsed++;
    }
    if (Object.keys(wrong).length) misses.push({ key, ...wrong });
  }
  const share = (n: number, of: number): number => Math.round((n / Math.max(1, of)) * 1000) / 1000;
  return {
    pages: pages.length,
    accuracy: Object.fromEntries(FIELD_NAMES.map((field) => [field, share(right[field], pages.length)])) as Record<FieldName, number>,
    standfirstUsed: share(standfirstUsed, standfirstPages),
    standfirstPages,
    misses,
  };
}
