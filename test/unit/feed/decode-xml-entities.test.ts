import { decodeHTMLStrict } from 'entities';
import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, type EntityBudget } from '../../../shared/feed/xml/decode-xml-entities';

// The hand-written reference scan must decode, and report, exactly what the regular expression it
// replaced did. This is that expression's loop, kept here as the reference.
const AMPERSAND = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z_][\w.-]{0,40}))?(;?)/g;
function referenceDecode(text: string, entities: Map<string, string>, notes: string[]): string {
  const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const legal = (c: number) =>
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
  const point = (c: number) => (legal(c) ? String.fromCodePoint(c) : '\uFFFD');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(AMPERSAND)) {
    const [whole, decimal, hex, name, semicolon] = match;
    let replacement: string | null = null;
    if (!semicolon || (decimal === undefined && hex === undefined && name === undefined)) notes.push('an "&" that starts no reference');
    else if (decimal !== undefined) replacement = point(Number(decimal));
    else if (hex !== undefined) replacement = point(Number.parseInt(hex, 16));
    else if (name !== undefined) {
      replacement = PREDEFINED[name] ?? entities.get(name) ?? null;
      if (replacement === null) {
        const html = decodeHTMLStrict(whole);
        if (html !== whole) {
          notes.push('HTML entity references are not defined in XML');
          replacement = html;
        } else notes.push(`undefined entity &${name};`);
      }
    }
    if (replacement === null) continue;
    out += text.slice(last, match.index) + replacement;
    last = match.index + whole.length;
  }
  return last === 0 ? text : out + text.slice(last);
}

describe('decodeXmlEntities', () => {
  it('matches the regular-expression scan on generated references', () => {
    const pieces = ['&', '#', 'x', 'X', ';', '1', '9', 'a', 'F', 'g', '_', '.', '-', 'amp', 'lt', 'nbsp', 'eacute', 'own', ' ', '123456789', 'é'];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const mismatches: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = next() % 9;
      for (let k = 0; k < length; k++) text += pieces[next() % pieces.length];
      const entities = new Map([['own', 'OWN']]);
      const notes: string[] = [];
      const expected = referenceDecode(text, entities, notes);
      const got: string[] = [];
      const budget: EntityBudget = { entities, remaining: 1_000_000 };
      const actual = decodeXmlEntities(text, budget, (issue) => got.push(issue));
      if (actual !== expected || got.join('|') !== notes.join('|')) mismatches.push(JSON.stringify(text));
    }
    expect(mismatches).toEqual([]);
  });

  it('decodes the usual references', () => {
    const notes: string[] = [];
    expect(decodeXmlEntities('a &amp; b &#233; &#xE9; &nbsp;&bogus; & c', { entities: new Map(), remaining: 100 }, (n) => notes.push(n))).toBe(
      'a & b é é \u00a0&bogus; & c',
    );
    expect(notes).toEqual(['HTML entity references are not defined in XML', 'undefined entity &bogus;', 'an "&" that starts no reference']);
  });
});
