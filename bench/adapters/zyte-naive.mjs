// Adapter for <bench data>/tools/score-zyte.mjs: the naive baseline, Readability 0.6 on jsdom
// with `textContent`, as a user would first write it. Used side by side with zyte-feedloom.mjs.
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

const virtualConsole = new VirtualConsole();
// Some wceb pages come without their address; jsdom refuses an empty one. The same placeholder as
// zyte-feedloom.mjs, so both extractors see the same page.
const NO_URL = 'https://page.invalid/';

export async function extract(html, url) {
  const dom = new JSDOM(html, { url: url || NO_URL, virtualConsole });
  try {
    const parsed = new Readability(dom.window.document).parse();
    return { text: parsed?.textContent ?? '' };
  } finally {
    dom.window.close();
  }
}
