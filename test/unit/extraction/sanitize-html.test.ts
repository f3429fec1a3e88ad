import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitizeElement, sanitizeHtml } from '../../../shared/extraction/sanitize-html';

const BASE = 'https://news.example/section/story.html';
const s = (html: string): string => sanitizeHtml(html, { baseUrl: BASE });

// Vectors in the spirit of the Miniflux and feedparser sanitiser suites (catalogue case 31).
const HOSTILE = [
  '<p onclick="alert(1)" onmouseover="alert(2)">text</p>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href=" JaVaScRiPt:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="x" onerror="alert(1)">',
  '<img srcset="javascript:alert(1) 1x, /ok.png 2x">',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<style>body{background:url(javascript:alert(1))}</style><p>after style</p>',
  '<base href="https://evil.example/"><a href="/x">x</a>',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">go</button></form>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<!-- <script>alert(1)</script> --><p>visible</p>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<a href="https://ok.example/" target="_blank">ok</a>',
  `${'<div>'.repeat(300)}deep${'</div>'.repeat(300)}`,
];

describe('sanitizeHtml', () => {
  it.each(HOSTILE)('leaves no executable vector in %s', (html) => {
    const out = s(html);
    expect(out).not.toMatch(/javascript:|vbscript:|data:text|\son\w+=|<script|<style|<svg|<math|<object|<embed|<form|<button|<base|<!--|style=|target=/i);
    expect(out).not.toContain('evil.example');
  });

  it.each(HOSTILE)('is idempotent on %s', (html) => {
    const once = s(html);
    expect(s(once)).toBe(once);
  });

  it('makes URLs absolute against the page and marks links', () => {
    expect(s('<a href="../other.html">x</a>')).toBe('<a href="https://news.example/other.html" rel="noopener noreferrer nofollow">x</a>');
    expect(s('<img src="//cdn.news.example/a.jpg" alt="A">')).toBe('<img src="https://cdn.news.example/a.jpg" alt="A">');
  });

  it('resolves lazy images from data-src and data-srcset, dropping placeholders', () => {
    expect(s('<img src="data:image/gif;base64,R0lGOD" data-src="/big.jpg" data-srcset="/s.jpg 480w, /l.jpg 1200w">')).toBe(
      '<img src="https://news.example/big.jpg" srcset="https://news.example/s.jpg 480w, https://news.example/l.jpg 1200w">',
    );
    expect(s('<img class="lazy" src="/spacer.gif" data-lazy-src="/real.jpg">')).toBe('<img src="https://news.example/real.jpg">');
    expect(s('<img data-src="">')).toBe('');
  });

  it('keeps players from allowlisted hosts only, sandboxed', () => {
    expect(s('<iframe src="https://player.vimeo.com/video/1" width="640"></iframe>')).toBe(
      '<iframe src="https://player.vimeo.com/video/1" width="640" sandbox="allow-scripts allow-same-origin allow-popups" referrerpolicy="no-referrer"></iframe>',
    );
    expect(s('<iframe src="http://www.youtube.com/embed/1"></iframe>')).toBe('');
  });

  it('turns a <p> holding blocks into a <div>, so a reparse gives the same tree', () => {
    // Readability's DOM surgery can leave a <p> around a block, which no parser produces.
    const root = JSDOM.fragment('<div><p>intro</p></div>').firstElementChild as Element;
    root.querySelector('p')?.append(root.ownerDocument.createElement('h3'));
    (root.querySelector('h3') as Element).textContent = 'Heading';
    sanitizeElement(root, { baseUrl: BASE });
    expect(root.innerHTML).toBe('<div>intro<h3>Heading</h3></div>');
    expect(s(root.innerHTML)).toBe(root.innerHTML);
  });

  it('unwraps stray table cells, drops empty containers, renames legacy elements', () => {
    const root = JSDOM.fragment('<div></div>').firstElementChild as Element;
    root.append(root.ownerDocument.createElement('td'));
    (root.firstElementChild as Element).textContent = 'cell';
    sanitizeElement(root, { baseUrl: BASE });
    expect(root.innerHTML).toBe('cell');
    expect(s('<p> </p><div><span></span></div><p>kept</p>')).toBe('<p>kept</p>');
    expect(s('<h1>Title</h1><font>old</font><center>c</center>')).toBe('<h2>Title</h2>old<div>c</div>');
  });

  it('renames elements whose attribute names the DOM refuses to set, instead of throwing', () => {
    // The HTML parser accepts "47" and `"q"` as attribute names; setAttribute rejects them.
    expect(s('<center 47="1" "q"="2">centred</center><h1 9a="z" title="t">Head</h1><p>after</p>')).toBe('<div>centred</div><h2>Head</h2><p>after</p>');
  });

  it('drops a node it cannot rebuild and keeps the rest of the body', () => {
    const root = JSDOM.fragment('<div><p>first</p><section>broken</section><p>last</p></div>').firstElementChild as Element;
    const broken = root.querySelector('section') as Element;
    // A node whose rebuild throws (as a hostile document's node may): only it goes.
    Object.defineProperty(broken, 'firstChild', {
      get() {
        throw new Error('cannot read');
      },
    });
    sanitizeElement(root, { baseUrl: BASE });
    expect(root.innerHTML).toBe('<p>first</p><p>last</p>');
  });
});
