import { describe, expect, it } from 'vitest';
import { escapeHtml, html, httpUrl, trustedHtml } from '../../../cli/viewer/html';
import { viewableBody } from '../../../cli/viewer/viewable-body';
import { contentSecurityPolicy } from '../../../cli/viewer/viewer-server';

describe('the viewer markup', () => {
  it('escapes every interpolated value, in text and in quoted attributes', () => {
    const hostile = `"><script>alert('x')</script>&`;
    expect(html`<a title="${hostile}">${hostile}</a>`.value).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>',
    );
    expect(html`<p>${[hostile, 1, null, false]}</p>`.value).toBe(`<p>${escapeHtml(hostile)}1</p>`);
    expect(html`<div>${html`<b>${'<i>'}</b>`}${trustedHtml('<p>ok</p>')}</div>`.value).toBe('<div><b>&lt;i&gt;</b><p>ok</p></div>');
  });

  it('makes links only of http(s) URLs', () => {
    expect(httpUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,x', '/relative', 'not a url', null]) expect(httpUrl(url)).toBeNull();
  });

  it('sanitises a stored body again and keeps remote media out unless asked', () => {
    const stored = `<p onclick="x()">Text <a href="javascript:alert(1)">bad</a> <a href="https://example.com/">good</a></p>
<script>alert(1)</script><iframe src="https://www.youtube.com/embed/x"></iframe>
<figure><img src="https://img.example/a.jpg" alt="A harbour"><figcaption>Caption</figcaption></figure>
<video src="https://img.example/v.mp4" controls></video><picture><source srcset="https://img.example/b.webp"><img src="https://img.example/b.jpg"></picture>`;
    const quiet = viewableBody(stored, { baseUrl: 'https://example.com/article', images: false });
    expect(quiet).not.toMatch(/<script|<iframe|onclick|javascript:|<img|<video|<source|img\.example/);
    expect(quiet).toContain('[image not loaded: A harbour]');
    expect(quiet).toContain('[video not loaded]');
    expect(quiet).toContain('<a href="https://example.com/"');
    const shown = viewableBody(stored, { baseUrl: 'javascript:alert(1)', images: true });
    expect(shown).toContain('<img src="https://img.example/a.jpg" alt="A harbour">');
    expect(shown).not.toMatch(/<script|<iframe|onclick|javascript:/);
  });

  it('allows no script at all, and remote images only when asked', () => {
    for (const images of [false, true]) {
      const policy = contentSecurityPolicy(images);
      expect(policy).toMatch(/(^|; )default-src 'none'(;|$)/);
      expect(policy).toMatch(/(^|; )script-src 'none'(;|$)/);
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(policy).toMatch(images ? /img-src 'self' https: http:/ : /img-src 'self'(;|$)/);
    }
  });
});
