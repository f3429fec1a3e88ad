// Adapter for <bench data>/tools/score-zyte.mjs: the naive baseline, Readability 0.6 on jsdom
// with `textContent`, as a user would first write it. Used side by side with zyte-feedloom.mjs.
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

const virtualConsole = new VirtualConsole();

export async function extract(html, url) {
  const dom = new JSDOM(html, { url, virtualConsole });
  try {
    const parsed = new Readability(dom.window.document).parse();
    return { text: parsed?.textContent ?? '' };
  } finally {
    dom.window.close();
  }
}
