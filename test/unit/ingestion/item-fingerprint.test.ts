import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../shared/feed/parse-feed';
import { itemFingerprint } from '../../../shared/ingestion/refresh-feed';

const feed = (link: string, title = 'Ferry timetable cut'): string =>
  `<rss version="2.0"><channel><title>t</title><item><guid>g1</guid><title>${title}</title><link>${link}</link></item></channel></rss>`;

async function fingerprintOf(xml: string): Promise<string> {
  const item = (await parseFeed(xml)).items[0];
  if (!item) throw new Error('no item');
  return itemFingerprint(item);
}

describe('itemFingerprint', () => {
  it('ignores a rotated tracking parameter or fragment in the link the feed keeps as written', async () => {
    const first = await fingerprintOf(feed('https://x.example/ferry?utm_source=rss&amp;utm_campaign=a'));
    expect(await fingerprintOf(feed('https://x.example/ferry?utm_source=rss&amp;utm_campaign=b#comments'))).toBe(first);
  });

  it('changes when the link points elsewhere or the title is edited', async () => {
    const first = await fingerprintOf(feed('https://x.example/ferry'));
    expect(await fingerprintOf(feed('https://x.example/ferry-2'))).not.toBe(first);
    expect(await fingerprintOf(feed('https://x.example/ferry', 'Ferry timetable restored'))).not.toBe(first);
  });
});
