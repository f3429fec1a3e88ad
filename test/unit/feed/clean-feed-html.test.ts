import { describe, expect, it } from 'vitest';
import { cleanFeedHtml } from '../../../shared/feed/clean-feed-html';

const base = 'https://site.example/posts/';

describe('cleanFeedHtml', () => {
  it('drops scripts, styles and event handlers, keeping the text around them', () => {
    expect(cleanFeedHtml('<p onclick="x()">Hi<script>alert(1)</script><style>p{}</style> there</p>', base)).toBe('<p>Hi there</p>');
  });

  it('makes relative URLs absolute and empties unsafe schemes', () => {
    expect(cleanFeedHtml('<a href="../a.html">a</a><img src="b.png"><a href="java\tscript:alert(1)">c</a>', base)).toBe(
      '<a href="https://site.example/a.html">a</a><img src="https://site.example/posts/b.png" /><a href="">c</a>',
    );
  });

  it('keeps character references as written and escapes bare ampersands and brackets', () => {
    expect(cleanFeedHtml('Q&A &amp; &#38; &eacute; 1 > 0', base)).toBe('Q&amp;A &amp; &#38; &eacute; 1 &gt; 0');
    expect(cleanFeedHtml('<a title="say &quot;hi&quot;" href="http://x.example/?a=1&b=2">x</a>', null)).toBe(
      '<a title="say &quot;hi&quot;" href="http://x.example/?a=1&amp;b=2">x</a>',
    );
  });

  it('unwraps unknown elements, drops comments, closes what was left open', () => {
    expect(cleanFeedHtml('<custom-tag><b>bold<!-- note --> <i>it', base)).toBe('<b>bold <i>it</i></b>');
    expect(cleanFeedHtml('sa<!-- -- unterminated >fe', base)).toBe('safe');
  });

  it('is idempotent', () => {
    const once = cleanFeedHtml('<p>a &amp; b <img src="x.png" alt="1 < 2"><a href="/y">y</a></p>', base);
    expect(cleanFeedHtml(once, base)).toBe(once);
  });
});
