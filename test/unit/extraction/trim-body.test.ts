import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../shared/extraction/html-to-text';
import { type TrimContext, trimBody } from '../../../shared/extraction/trim-body';

const PROSE_A = 'The council voted on Tuesday to turn the garage into flats, ending an argument that has run for two years.';
const PROSE_B = 'Construction is expected to begin next spring and take about eighteen months, the developer said in a statement.';

function trim(html: string, context: Partial<TrimContext> = {}): { text: string; removed: string[] } {
  const root = JSDOM.fragment(`<div>${html}</div>`).firstElementChild as Element;
  const removed: string[] = [];
  trimBody(root, { title: null, description: null, onRemove: (rule) => removed.push(rule), ...context });
  return { text: htmlToText(root, { skipCaptions: true }), removed };
}

describe('trimBody', () => {
  it('removes the headline, a classed standfirst, reading time, byline and dateline before the body', () => {
    const { text, removed } = trim(
      `<h2>Garage to become flats</h2><p class="dek">Council backs the plan by six votes to one after a long fight.</p><p>2 min read</p><p>By Dana Whitfield</p><p>28 April, 2022</p><p>${PROSE_A}</p><p>${PROSE_B}</p>`,
      { title: 'Garage to become flats', description: 'Council backs the plan by six votes to one after a long fight.' },
    );
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['title', 'standfirst', 'reading-time', 'byline', 'dateline']);
  });

  it('keeps a first paragraph that merely repeats the meta description', () => {
    const { text } = trim(`<p>${PROSE_A}</p><p>${PROSE_B}</p>`, { description: PROSE_A });
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
  });

  it('removes a promo heading with the links it announces, and nothing after them', () => {
    const { text, removed } = trim(
      `<p>${PROSE_A}</p><h3>DON'T MISS</h3><p><a href="/a">Storm warning for the valley</a></p><p><a href="/b">Library extends hours</a></p><p>${PROSE_B}</p>`,
    );
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['promo-heading', 'promo-list', 'promo-list']);
  });

  it('applies edge-only rules at the edges, never between prose blocks', () => {
    const middle = 'By Tuesday evening the pumps had cleared most of the water.';
    const { text } = trim(`<p>${PROSE_A}</p><p>${middle}</p><p>${PROSE_B}</p><p>By Dana Whitfield</p><p>Follow us on Twitter @riversidepost</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${middle}\n\n${PROSE_B}`);
  });

  it('removes inline furniture that sits beside blocks in a mixed container', () => {
    const { text } = trim(`<ul><li><figure><img src="a.jpg"></figure><p>${PROSE_A}</p><span>1 of 4</span></li></ul><p>${PROSE_B}</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
  });

  it('never touches captions inside figures (the text leaves them out; the HTML keeps them)', () => {
    const root = JSDOM.fragment(`<div><figure><img src="a.jpg"><figcaption>Lanterns on the river. Photo: Reuters</figcaption></figure><p>${PROSE_A}</p></div>`)
      .firstElementChild as Element;
    trimBody(root, { title: null, description: null });
    expect(root.querySelector('figcaption')?.textContent).toBe('Lanterns on the river. Photo: Reuters');
  });
});
