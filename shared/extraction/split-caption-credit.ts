import { normalizeSpace } from '../text/strip-html';

/** A caption with its credit taken out. */
export interface CaptionCredit {
  caption: string | null;
  credit: string | null;
}

const CREDIT_WORDS = '(?:source|photo(?:graph)?s?|image|picture|pic|credit|photo credit|image credit|foto|bild|crédit)';
// Credit forms at the end of a caption, most specific first. Each captures the credit in group 1.
const TRAILING_CREDIT: RegExp[] = [
  new RegExp(`[\\[(]\\s*${CREDIT_WORDS}\\s*[:\\-–]\\s*([^\\])]{1,80}?)\\s*[\\])]\\s*\\.?$`, 'iu'),
  /[[(]\s*(?:photo(?:graph)?|image|picture)\s+by\s+([^\])]{1,80}?)\s*[\])]\s*\.?$/iu,
  /[[(]\s*(?:©|\(c\)|copyright)\s*([^\])]{1,80}?)\s*[\])]\s*\.?$/iu,
  // Chinese, Japanese and Korean captions credit in full-width brackets: （撮影：…）, （图片来源：…）, (사진=…).
  /[（(【]\s*(?:撮影|写真|画像|提供|出典|摄影|图片来源|图片|来源|사진|출처)\s*[：:=]\s*([^）)】]{1,80}?)\s*[）)】]\s*$/u,
  new RegExp(`(?:^|[.!?]\\s+|\\s[|–—-]\\s*|\\s)${CREDIT_WORDS}\\s*:\\s*([^:]{1,80}?)\\s*\\.?$`, 'iu'),
  /(?:^|[.!?]\s+|\s[|–—-]\s*)(?:photo(?:graph)?|image|picture)\s+by\s+(.{1,80}?)\s*\.?$/iu,
  /(?:^|\s)(?:©|\(c\)|copyright\s*(?:©)?)\s*(?:\d{4}\s+)?([^©]{1,80}?)\s*\.?$/iu,
  /\s[|–—]\s*([A-Z][\w.&' -]{1,40}?(?:\/[A-Z][\w.&' -]{1,40})?)\s*$/u,
  /\s([A-Z][\w.' -]{1,40}\/(?:Getty Images|AFP|Reuters|AP|EPA|Shutterstock|Alamy)[\w ]{0,20})\s*$/u,
];

/**
 * Splits a figure caption into the caption proper and its credit ("[source: Getty]", "Photo:
 * Reuters", "(c) AFP", "© AFP", "Jane Doe/Getty Images"). A caption that is only a credit yields
 * a null caption.
 */
export function splitCaptionCredit(raw: string | null | undefined): CaptionCredit {
  const text = normalizeSpace(raw ?? '');
  if (!text) return { caption: null, credit: null };
  for (const pattern of TRAILING_CREDIT) {
    const match = pattern.exec(text);
    const credit = match?.[1] ? cleanCredit(match[1]) : null;
    if (match && credit) {
      // Keep the caption's own closing punctuation when the credit pattern began with it.
      const keep = /^[.!?]/.test(match[0]) ? 1 : 0;
      const caption = normalizeSpace(text.slice(0, match.index + keep))
        .replace(/[\s|–—-]+$/u, '')
        .trim();
      return { caption: caption || null, credit };
    }
  }
  return { caption: text, credit: null };
}

function cleanCredit(credit: string): string | null {
  const clean = normalizeSpace(credit)
    .replace(/^(?:by\s+)/i, '')
    .replace(/[.,;]+$/, '')
    .trim();
  return clean && clean.length <= 80 ? clean : null;
}
