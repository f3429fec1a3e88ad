/** A language recognised from a text: its primary BCP 47 subtag and how sure the guess is. */
export interface DetectedLanguage {
  language: string;
  /** `strong`: enough evidence to overrule a page's declared language; `weak`: only to fill a gap. */
  strength: 'strong' | 'weak';
}

// Scripts that name their language (or nearly: Arabic and Cyrillic are told apart by their letters below).
const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Hangul}/u, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Armenian}/u, 'hy'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Latin}/u, 'latin'],
];

// The commonest short words of each Latin-script language, chosen to be rare in the others (function words
// shared by several, like "a", "de" or "in", are left out). A text's language is the one whose words it uses most.
const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'for', 'with', 'was', 'are', 'this', 'have', 'from', 'which', 'their', 'would', 'been', 'were', 'has'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'sich', 'auf', 'für', 'auch', 'dem', 'den', 'ein', 'eine', 'wird', 'sind', 'werden', 'bei'],
  fr: ['le', 'les', 'des', 'et', 'est', 'une', 'dans', 'pour', 'qui', 'pas', 'sur', 'avec', 'sont', 'ce', 'aux', 'du', 'au', 'mais', 'ont'],
  es: ['el', 'los', 'las', 'y', 'que', 'del', 'por', 'una', 'con', 'para', 'es', 'se', 'su', 'al', 'como', 'más', 'pero', 'sus', 'fue'],
  it: ['il', 'di', 'che', 'è', 'della', 'per', 'gli', 'con', 'non', 'una', 'sono', 'nel', 'alla', 'anche', 'delle', 'dei', 'più', 'ha', 'questo'],
  pt: ['o', 'os', 'que', 'não', 'do', 'da', 'em', 'uma', 'para', 'com', 'dos', 'das', 'ao', 'mais', 'foi', 'pela', 'pelo', 'seu', 'são'],
  nl: ['het', 'een', 'en', 'van', 'niet', 'zijn', 'voor', 'met', 'ook', 'dat', 'op', 'wordt', 'naar', 'bij', 'maar', 'dan', 'nog', 'deze', 'hij'],
  sv: ['och', 'att', 'det', 'som', 'är', 'för', 'på', 'med', 'inte', 'av', 'till', 'har', 'den', 'om', 'var', 'ett', 'jag', 'men', 'från'],
  da: ['og', 'at', 'det', 'som', 'er', 'på', 'med', 'ikke', 'af', 'til', 'har', 'den', 'om', 'var', 'et', 'jeg', 'men', 'fra', 'også'],
  pl: ['i', 'w', 'na', 'się', 'nie', 'z', 'że', 'do', 'jest', 'jak', 'od', 'po', 'przez', 'jego', 'tak', 'oraz', 'są', 'dla'],
  tr: ['ve', 'bir', 'bu', 'için', 'ile', 'olarak', 'daha', 'çok', 'olan', 'gibi', 'ama', 'kadar', 'sonra', 'ise', 'değil', 'her', 'onun', 'şey', 'mı'],
  id: ['dan', 'yang', 'di', 'ini', 'itu', 'dengan', 'untuk', 'tidak', 'dari', 'dalam', 'akan', 'pada', 'juga', 'ke', 'karena', 'ada', 'bisa', 'kita', 'atau'],
  ro: ['și', 'în', 'care', 'nu', 'cu', 'pe', 'să', 'la', 'este', 'din', 'mai', 'sunt', 'pentru', 'fost', 'după', 'dar', 'acest', 'sau', 'lui'],
  cs: ['je', 'na', 'že', 'v', 've', 'jsou', 'také', 'by', 'jako', 'od', 'po', 'jeho', 'které', 'který', 'bylo', 'není'],
};
const WORD_LANGUAGES = new Map<string, string[]>();
for (const [language, words] of Object.entries(STOPWORDS)) {
  for (const word of words) WORD_LANGUAGES.set(word, [...(WORD_LANGUAGES.get(word) ?? []), language]);
}

/** Persian and Urdu write Arabic script with letters Arabic lacks; Ukrainian writes Cyrillic with its own. */
function refineScript(language: string, text: string): string {
  if (language === 'ar') {
    const urdu = (text.match(/[ٹڈڑںےۓ]/g) ?? []).length;
    const persian = (text.match(/[پچژگکی]/g) ?? []).length;
    if (urdu >= 5 && urdu >= persian / 4) return 'ur';
    if (persian >= 10) return 'fa';
  }
  if (language === 'ru' && (text.match(/[іїєґ]/gi) ?? []).length >= 5) return 'uk';
  return language;
}

/**
 * The language a text is written in, from its script and, for Latin script, its commonest words. Null when
 * the text is too short or mixed to tell. Reads at most the first 20,000 characters.
 */
export function detectLanguage(text: string | null | undefined): DetectedLanguage | null {
  if (!text) return null;
  const sample = text.slice(0, 20_000);
  const counts = new Map<string, number>();
  let letters = 0;
  for (const char of sample) {
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    const script = SCRIPTS.find(([pattern]) => pattern.test(char))?.[1];
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (letters < 40) return null;
  // Japanese mixes kana with Han: a little kana makes a Han text Japanese.
  const kana = counts.get('ja') ?? 0;
  if (kana >= 20 && kana >= ((counts.get('zh') ?? 0) + kana) * 0.1) counts.set('ja', kana + (counts.get('zh') ?? 0));
  const [script, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (count < letters * 0.6) return null;
  if (script !== 'latin') return { language: refineScript(script, sample), strength: count >= 200 ? 'strong' : 'weak' };
  const hits = new Map<string, number>();
  let words = 0;
  for (const word of sample.toLowerCase().split(/[^\p{L}]+/u)) {
    if (!word) continue;
    words++;
    for (const language of WORD_LANGUAGES.get(word) ?? []) hits.set(language, (hits.get(language) ?? 0) + 1);
  }
  const ranked = [...hits.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = [ranked[0], ranked[1]];
  if (!best || best[1] < 8 || best[1] < (second?.[1] ?? 0) * 2) return null;
  const strong = best[1] >= 30 && best[1] >= (second?.[1] ?? 0) * 3 && best[1] >= words * 0.08;
  return { language: best[0], strength: strong ? 'strong' : 'weak' };
}
