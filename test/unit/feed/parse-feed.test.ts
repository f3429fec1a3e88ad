import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../shared/feed/feed-errors';
import { parseFeed } from '../../../shared/feed/parse-feed';

const CASES = resolve(__dirname, '../../fixtures/feeds/parse');

// One folder per case: input.xml or input.json, expected.json (a subset of the ParsedFeed), and
// optionally options.json ({ url, contentType, now }).
describe('parseFeed on fixture cases', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const dir = join(CASES, name);
      const input = readFileSync(join(dir, existsSync(join(dir, 'input.json')) ? 'input.json' : 'input.xml'));
      const raw = existsSync(join(dir, 'options.json')) ? JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) : {};
      const options = { url: raw.url ?? `https://feeds.example/${name}`, contentType: raw.contentType, now: raw.now ? new Date(raw.now) : undefined };
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));

      const feed = await parseFeed(input, options);

      expect(feed).toMatchObject(expected);
      expect(new Set(feed.items.map((item) => item.itemId)).size).toBe(feed.items.length);
    });
  }
});

async function rejection(input: string | Uint8Array): Promise<FeedParseError> {
  const error = await parseFeed(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedParseError);
  return error as FeedParseError;
}

describe('parseFeed rejects what is not a feed with a typed error', () => {
  it('an empty body', async () => {
    expect((await rejection('  \n')).code).toBe('FEED_EMPTY');
  });

  it('an HTML page', async () => {
    expect((await rejection('<!doctype html><html><head><title>x</title></head><body></body></html>')).code).toBe('UNSUPPORTED_CONTENT');
  });

  it('binary data (a PNG)', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    expect((await rejection(png)).code).toBe('UNSUPPORTED_CONTENT');
  });

  it('ill-formed JSON and JSON that is not a JSON Feed', async () => {
    expect((await rejection('{"version": "https://jsonfeed.org/version/1.1", "items": [')).code).toBe('FEED_MALFORMED');
    expect((await rejection('{"hello": "world"}')).code).toBe('UNSUPPORTED_CONTENT');
  });

  it('billion laughs (nested entity declarations) without expanding them', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><rss><channel><title>&lol2;</title></channel></rss>`;
    expect((await rejection(lol)).code).toBe('XML_ENTITY_REJECTED');
  });

  it('one big entity referenced many times, beyond the expansion budget', async () => {
    const big = 'x'.repeat(100_000);
    const refs = '&big;'.repeat(200);
    expect((await rejection(`<!DOCTYPE rss [<!ENTITY big "${big}">]><rss><channel><title>${refs}</title></channel></rss>`)).code).toBe('XML_ENTITY_REJECTED');
  });

  it('elements nested deeper than any feed needs', async () => {
    const deep = `<rss><channel><title>deep</title><item><description>${'<div>'.repeat(100_000)}</description></item></channel></rss>`;
    expect((await rejection(deep)).code).toBe('FEED_TOO_DEEP');
  });
});

describe('parseFeed tolerance', () => {
  it('reports what it recovered from in issues, and nothing for a clean document', async () => {
    const clean = await parseFeed('<rss version="2.0"><channel><title>ok</title></channel></rss>');
    expect(clean.issues).toEqual([]);
    const broken = await parseFeed('<rss version="2.0"><channel><title>A &nbsp; B & C</title><item><title>x</title></channel>');
    expect(broken.title).toBe('A B & C');
    expect(broken.issues).toEqual(
      expect.arrayContaining([
        'HTML entity references are not defined in XML',
        'an "&" that starts no reference',
        'element <item> not closed before </channel>',
      ]),
    );
  });

  it('replaces invalid bytes and illegal characters instead of failing', async () => {
    // Mostly UTF-8 (two good sequences), one broken sequence, a C0 control and a reference to a surrogate.
    const bytes = Buffer.concat([
      Buffer.from('<rss version="2.0"><channel><title>café crème '),
      Buffer.from([0xc3, 0x28, 0x01]),
      Buffer.from('&#xD800; ok</title></channel></rss>'),
    ]);
    const feed = await parseFeed(bytes);
    expect(feed.title).toBe('café crème \uFFFD(\uFFFD ok');
    expect(feed.issues?.length).toBeGreaterThan(0);
  });

  it('gives entries sharing one guid distinct identities from their links, stable across parses', async () => {
    const xml = `<rss version="2.0"><channel><title>t</title>
      <item><guid>same</guid><link>https://x.example/1?utm_source=a</link></item>
      <item><guid>same</guid><link>https://x.example/2</link></item></channel></rss>`;
    const first = await parseFeed(xml);
    const again = await parseFeed(xml.replace('utm_source=a', 'utm_source=b'));
    const ids = first.items.map((item) => item.itemId);
    expect(new Set(ids).size).toBe(2);
    expect(again.items.map((item) => item.itemId)).toEqual(ids);
  });
});

describe('parseFeed bounds label fields (catalogue 26)', () => {
  it('cuts a huge title and keeps at most 100 categories', async () => {
    const categories = Array.from({ length: 10_000 }, (_, i) => `<category>c${i}</category>`).join('');
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>${'t'.repeat(1_000_000)}</title><item>${categories}<title>x</title></item></channel></rss>`,
    );
    expect(feed.title?.length).toBe(1_000);
    expect(feed.items[0]?.categories).toHaveLength(100);
  });
});

describe('parseFeed stays linear on hostile markup', () => {
  // Each of these made a naive scanner rescan the rest of the document (or walk the open-element stack)
  // per broken construct: quadratic, so the earlier reader ran past the test's deadline on the larger
  // ones. The deadline is the hang guard here; no duration is asserted.
  it.each([
    ['stray end tags under a deep stack', `<rss><channel><title>x</title>${'<a>'.repeat(500)}${'</b>'.repeat(1_000_000)}</channel></rss>`],
    ['end tags without a ">" to the end of the document', `<rss><channel><title>x</title>${'</a'.repeat(1_000_000)}`],
    [
      'escaped HTML of end tags without a ">"',
      `<rss><channel><title>x</title><item><description>${'&lt;/a'.repeat(600_000)}</description></item></channel></rss>`,
    ],
  ])('%s', async (_name, xml) => {
    // Settling at all is the point (the test's deadline bounds it); the answer is a feed or a typed refusal.
    const outcome = await parseFeed(xml).catch((error: unknown) => error);
    if (outcome instanceof FeedParseError) expect(outcome.code).toBe('FEED_TOO_DEEP');
    else expect(outcome).toMatchObject({ title: 'x' });
  });
});
