import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../shared/extraction/extraction-error';
import { DEFAULT_HTML_LIMITS, prescanHtml } from '../../../shared/extraction/prescan-html';

function codeOf(html: string, limits = DEFAULT_HTML_LIMITS): string | null {
  try {
    prescanHtml(html, limits);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractionError);
    return (error as ExtractionError).code;
  }
}

describe('prescanHtml', () => {
  it('refuses pathological pages with a typed error', () => {
    expect(codeOf(`${'<div>'.repeat(6000)}x${'</div>'.repeat(6000)}`)).toBe('HTML_TOO_DEEP');
    expect(codeOf(`<body>${'<span>a</span>'.repeat(100_000)}</body>`)).toBe('HTML_TOO_MANY_ELEMENTS');
    expect(codeOf('x'.repeat(DEFAULT_HTML_LIMITS.maxChars + 1))).toBe('HTML_TOO_LARGE');
  });

  it('accepts ordinary markup that only looks deep', () => {
    // Implied end tags (HTML "optional tags"): 500 unclosed <li> and <p> are siblings, not nesting.
    expect(codeOf(`<ul>${'<li>item'.repeat(500)}</ul>${'<p>para'.repeat(500)}`)).toBeNull();
    // Void elements never nest; raw text is not markup.
    expect(codeOf(`${'<br><img src=x><input>'.repeat(300)}<script>${'<div>'.repeat(1000)}</script><textarea>${'<div>'.repeat(1000)}</textarea>`)).toBeNull();
    expect(codeOf(`<!-- ${'<div>'.repeat(1000)} -->`)).toBeNull();
  });

  it('counts depth the way the tree will have it', () => {
    const nested = (depth: number): string => `${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`;
    expect(codeOf(nested(256))).toBeNull();
    expect(codeOf(nested(257))).toBe('HTML_TOO_DEEP');
  });
});
