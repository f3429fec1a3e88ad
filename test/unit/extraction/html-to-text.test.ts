import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../shared/extraction/html-to-text';

const text = (html: string, skipCaptions = true): string => htmlToText(JSDOM.fragment(html), { skipCaptions });

describe('htmlToText', () => {
  it('puts a blank line between blocks and never glues words across them', () => {
    expect(text('<div>first</div><div>second</div><p>third</p><h2>Fourth</h2>')).toBe('first\n\nsecond\n\nthird\n\nFourth');
    expect(text('<div><span>end of one</span></div><section><b>start</b> of two</section>')).toBe('end of one\n\nstart of two');
  });

  it('gives list items, table rows and <br> their own lines within a block', () => {
    expect(text('<ul><li>one</li><li>two</li></ul>')).toBe('one\ntwo');
    expect(text('<p>line one<br>line two</p>')).toBe('line one\nline two');
    expect(text('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>')).toBe('a b\nc d');
  });

  it('collapses whitespace inside a block, no-break spaces included', () => {
    expect(text('<p>  many\n\t spaces&nbsp;&nbsp;here </p>')).toBe('many spaces here');
  });

  it('leaves captions out when asked, and never script or style text', () => {
    expect(text('<figure><img src="a"><figcaption>Caption</figcaption></figure><p>Body</p>')).toBe('Body');
    expect(text('<figure><figcaption>Caption</figcaption></figure><p>Body</p>', false)).toBe('Caption\n\nBody');
    expect(text('<p>a<script>var x</script><style>p{}</style>b</p>')).toBe('ab');
  });
});
