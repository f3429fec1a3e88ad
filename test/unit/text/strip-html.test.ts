import { describe, expect, it } from 'vitest';
import { cleanFeedHtml } from '../../../shared/feed/clean-feed-html';
import { isSpaceCode, scanAttributeName, skipSpace } from '../../../shared/feed/xml/scan-text';
import { normalizeSpace, stripHtml, stripTags } from '../../../shared/text/strip-html';

// The fast paths must answer exactly what the plain regular expressions they replaced answered.
const WHITESPACE = /[\s\u00a0\u200b\ufeff]+/g;
const plainNormalizeSpace = (text: string): string => text.replace(WHITESPACE, ' ').trim();

/** Deterministic pseudo-random strings over an alphabet (a fixed LCG, so a failure reproduces). */
function* strings(alphabet: string[], count: number, maxLength: number): Generator<string> {
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = next() % (maxLength + 1);
    for (let k = 0; k < length; k++) text += alphabet[next() % alphabet.length];
    yield text;
  }
}

const codeUnits = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code));
const whitespace = codeUnits.filter((c) => /[\s\u00a0\u200b\ufeff]/.test(c));

describe('normalizeSpace', () => {
  it('collapses every run of whitespace as the plain expression does', () => {
    const alphabet = [...whitespace, 'a', 'b', ' ', ' ', '\u200c', '-'];
    const mismatches = [...strings(alphabet, 20_000, 10)].filter((text) => normalizeSpace(text) !== plainNormalizeSpace(text));
    expect(mismatches).toEqual([]);
  });

  it('leaves single spaces alone and collapses the rest', () => {
    expect(normalizeSpace('  one two\u00a0\u00a0three\n\tfour\u200b five ')).toBe('one two three four five');
  });
});

describe('stripTags', () => {
  it('gives what stripHtml gives on what cleanFeedHtml writes', () => {
    const html = '<p>One &amp; <b>two</b><!-- c --><script>x()</script></p><![CDATA[ raw ]]><div>three<br>four</div><style>p{}</style>';
    const clean = cleanFeedHtml(html, 'https://example.com/');
    expect(stripTags(clean)).toBe(stripHtml(clean));
    expect(stripTags(clean)).toBe('One & two three four');
  });
});

describe('scan-text', () => {
  it('isSpaceCode agrees with RegExp \\s on every UTF-16 code unit', () => {
    const differing = codeUnits.filter((c) => isSpaceCode(c.charCodeAt(0)) !== /\s/.test(c));
    expect(differing).toEqual([]);
  });

  it('skipSpace and scanAttributeName stop where the sticky expressions stopped', () => {
    const alphabet = [' ', '\t', '\u3000', 'a', '=', '/', '>', '"', "'", '<', 'x'];
    const mismatches: string[] = [];
    for (const text of strings(alphabet, 3_000, 8)) {
      for (let from = 0; from <= text.length; from++) {
        const space = /\s*/y;
        space.lastIndex = from;
        space.exec(text);
        const name = /[^\s=/>"'<]+/y;
        name.lastIndex = from;
        const nameEnd = name.exec(text) ? name.lastIndex : from;
        if (skipSpace(text, from) !== space.lastIndex || scanAttributeName(text, from) !== nameEnd) mismatches.push(`${JSON.stringify(text)} @${from}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
