import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractByBlocks, mainRun, mainRunProse, textBlocks } from '../../../shared/extraction/classify-blocks';

const PROSE = 'The harbour authority said on Monday that the new berth would open in the spring, two years later than planned, after a dispute over dredging.';
const nav = '<ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul>';
const footer = '<div><a href="/about">About us</a> | <a href="/contact">Contact</a> | <a href="/privacy">Privacy policy and cookie settings</a></div>';

function body(html: string): Element {
  return new JSDOM(`<!doctype html><body>${html}</body>`).window.document.body;
}

describe('textBlocks', () => {
  it('cuts text at block boundaries and judges each run by its length and links', () => {
    const blocks = textBlocks(body(`${nav}<div>Intro text <p>${PROSE}</p> tail words</div>`));
    expect(blocks.map((block) => [block.text, block.verdict])).toEqual([
      ['Home', 'bad'],
      ['News', 'bad'],
      ['Sport', 'bad'],
      ['Weather', 'bad'],
      ['Intro text', 'short'],
      [PROSE, 'good'],
      ['tail words', 'short'],
    ]);
    expect(blocks[5]?.whole).toBe(true);
    expect(blocks[4]?.whole).toBe(false);
  });

  it('treats a double line break as a paragraph break', () => {
    const blocks = textBlocks(body(`<div>${PROSE}<br><br>${PROSE}</div>`));
    expect(blocks).toHaveLength(2);
  });
});

describe('teasers', () => {
  it('judges a block cut off with an excerpt mark as a teaser, not prose', () => {
    const blocks = textBlocks(body(`<p>${PROSE} The berth [&hellip;]</p><p>${PROSE} The berth … Read more »</p><p>${PROSE} Nobody knows why...</p>`));
    expect(blocks.map((block) => block.verdict)).toEqual(['bad', 'bad', 'good']);
  });
});

describe('extractByBlocks', () => {
  it('keeps the run of prose and leaves the menus above and the links below', () => {
    const root = body(`${nav}<h2>Berth delayed</h2><p>${PROSE}</p><p>${PROSE}</p><p>Short line.</p><p>${PROSE}</p>${footer}`);
    const blocks = textBlocks(root);
    const run = mainRun(blocks) as [number, number];
    expect(blocks.slice(run[0], run[1] + 1).map((block) => block.text)).toEqual(['Berth delayed', PROSE, PROSE, 'Short line.', PROSE]);
    const extracted = extractByBlocks(root) as Element;
    expect(extracted.innerHTML).toBe(`<h2>Berth delayed</h2><p>${PROSE}</p><p>${PROSE}</p><p>Short line.</p><p>${PROSE}</p>`);
    // The page itself is left as it was.
    expect(root.querySelectorAll('p')).toHaveLength(4);
    expect(mainRunProse(root)).toBe(3 * PROSE.length);
  });

  it('offers nothing for a page of links', () => {
    expect(extractByBlocks(body(nav.repeat(5) + footer))).toBeNull();
  });
});
