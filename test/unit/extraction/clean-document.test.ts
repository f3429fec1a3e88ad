import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../../shared/extraction/clean-document';

const PROSE =
  '<p>Engineers say the lagoon would generate power for half a million homes when the tide runs, and that it could be built within six years of approval.</p>'.repeat(
    4,
  );

function clean(body: string, options: Parameters<typeof cleanDocument>[1] = {}): Document {
  const doc = new JSDOM(`<!doctype html><html><body>${body}</body></html>`).window.document;
  cleanDocument(doc, options);
  return doc;
}

describe('cleanDocument', () => {
  it('removes furniture named by class, id, role or element', () => {
    const doc = clean(
      `<nav>Menu</nav><div class="cookie-banner">Cookies</div><div role="dialog">Consent</div><article>${PROSE}<div class="share-bar">Share</div><div id="taboola-below">Promoted</div><aside>Pull quote</aside><form><input></form></article>`,
    );
    const text = doc.body.textContent ?? '';
    for (const gone of ['Menu', 'Cookies', 'Consent', 'Share', 'Promoted', 'Pull quote']) expect(text).not.toContain(gone);
    expect(text).toContain('Engineers say the lagoon');
  });

  it('removes hidden elements: attribute, aria-hidden, inline style, framework class', () => {
    const doc = clean(
      `<article>${PROSE}<p hidden>one</p><span aria-hidden="true">two</span><p style="display: none">three</p><p style="visibility:hidden">four</p><p class="sr-only">five</p></article>`,
    );
    expect(doc.body.textContent).not.toMatch(/one|two|three|four|five/);
  });

  it('never removes a block holding the article, whatever its name, and cleans inside it', () => {
    // ASP.NET wraps the page in a <form>; a theme calls its body "entry-content-read-more".
    const doc = clean(`<form id="aspnetForm"><div class="entry-content-read-more">${PROSE}<div class="share-tools">Share</div></div></form>`);
    expect(doc.body.textContent).toContain('Engineers say the lagoon');
    expect(doc.body.textContent).not.toContain('Share');
  });

  it('keeps allowlisted video players and drops other frames', () => {
    const doc = clean(`<article>${PROSE}<iframe src="https://www.youtube.com/embed/x"></iframe><iframe src="https://ads.example/slot"></iframe></article>`);
    const frames = [...doc.querySelectorAll('iframe')].map((frame) => frame.getAttribute('src'));
    expect(frames).toEqual(['https://www.youtube.com/embed/x']);
  });

  it('applies site rules: drop selectors go, keep selectors survive the general rules', () => {
    const doc = clean(`<article>${PROSE}<div class="promo">Kept by rule</div><p class="sponsor-note">Dropped by rule</p></article>`, {
      keep: ['.promo'],
      drop: ['.sponsor-note', 'not a valid selector ((('],
    });
    expect(doc.body.textContent).toContain('Kept by rule');
    expect(doc.body.textContent).not.toContain('Dropped by rule');
  });

  it('on a live blog, unwraps entry headers so their headings survive Readability', () => {
    const entry = '<article class="live-entry"><header class="live-entry__header"><h2>Airports reopen</h2></header><p>Flights resume.</p></article>';
    const live = clean(`<main>${entry}${entry}</main>`, { liveBlog: true });
    expect(live.querySelectorAll('header')).toHaveLength(0);
    expect(live.querySelectorAll('h2')).toHaveLength(2);
    const normal = clean(`<main>${entry}</main>`);
    expect(normal.querySelectorAll('header')).toHaveLength(1);
  });
});
