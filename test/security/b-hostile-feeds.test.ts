import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FeedParseError } from '../../shared/feed/feed-errors';
import { parseFeed } from '../../shared/feed/parse-feed';
import type { ExtractArticleJob } from '../../shared/ingestion/jobs';
import { MAX_JOB_BYTES } from '../../shared/ingestion/refresh-feed';
import { feedIdOf } from '../../shared/ingestion/subscribe-feeds';
import { ALIAS, guardedTestClient } from './support/guarded-test-client';
import { fixture, type HostileServer, startHostileServer } from './support/hostile-server';
import { type Pipeline, startPipeline } from './support/pipeline';
import { articleQueue, feedQueue } from './support/work-queues';

async function parseFailure(promise: Promise<unknown>): Promise<FeedParseError> {
  const outcome = await promise.then(
    () => new Error('the feed was parsed'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(FeedParseError);
  return outcome as FeedParseError;
}

/** Whether a string has no lone surrogate (String.prototype.isWellFormed, ES2024). */
const wellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

const expected = (path: string) => JSON.parse(fixture(path).toString('utf8'));

let H: HostileServer;
let pipeline: Pipeline;

beforeAll(async () => {
  H = await startHostileServer({});
  pipeline = await startPipeline();
});
afterAll(async () => {
  await pipeline.close();
  await H.close();
});
beforeEach(() => H.reset());

/** Subscribes `path` on the allow-alias, runs fetch-feed on it through Q, and returns what happened. */
async function fetchFeed(path: string) {
  const url = `${H.origin(ALIAS)}${path}`;
  await pipeline.subscribe(url);
  pipeline.sqs.drain('articles');
  const runtime = pipeline.fetchFeedRuntime({ http: guardedTestClient() });
  const q = feedQueue(pipeline, () => runtime);
  const callsBefore = pipeline.sqs.calls.length;
  q.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(url), url, window: '2026-01-15T10:00' }));
  await q.drain();
  const jobs = pipeline.sqs.drain('articles').map((m) => JSON.parse(m.body) as ExtractArticleJob);
  const batches = pipeline.sqs.calls.slice(callsBefore).filter((c) => c.action === 'SendMessageBatch');
  return { url, q, runtime, jobs, batches, feed: await pipeline.feeds.get(feedIdOf(url)) };
}

describe('#23 billion laughs', () => {
  it('#23 the parser refuses nested entity declarations (XML_ENTITY_REJECTED) without expanding them', async () => {
    const error = await parseFailure(parseFeed(fixture('b23-billion-laughs/feed.xml')));
    expect(error.code).toBe(expected('b23-billion-laughs/expected.json').errorCode);
  });

  it('#23 through fetch-feed: recorded on the feed, the job acknowledged, nothing queued', async () => {
    H.routes['/b23.xml'] = { file: 'b23-billion-laughs/feed.xml', headers: { 'content-type': 'application/rss+xml' } };
    const { q, feed, jobs, runtime } = await fetchFeed('/b23.xml');
    expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
    expect(feed?.lastError?.code).toBe('XML_ENTITY_REJECTED');
    expect(jobs).toEqual([]);
    expect(runtime.logs).toContainEqual(
      expect.objectContaining({ message: 'feed fetch failed', fields: expect.objectContaining({ code: 'XML_ENTITY_REJECTED' }) }),
    );
  });
});

describe('#24 entity amplification and millions of character references', () => {
  it('#24 one 10 KB entity referenced 1,000 times is refused once the expansion budget is spent', async () => {
    const error = await parseFailure(parseFeed(fixture('b24-entity-amplification/feed.xml')));
    expect(error.code).toBe(expected('b24-entity-amplification/expected.json').errorCode);
    expect(error.message).toMatch(/expand beyond the allowed size/);
  });

  it('#24 2,000,000 numeric references (10 MB, within the feed cap) are decoded in one linear pass and the entry fits a job', async () => {
    const body = `<rss version="2.0"><channel><title>refs</title><link>${H.origin(ALIAS)}/</link><item><title>refs</title><link>${H.origin(ALIAS)}/refs-entry</link><guid>refs-1</guid><description>${'&#65;'.repeat(2_000_000)}</description></item></channel></rss>`;
    H.routes['/b24-refs.xml'] = { headers: { 'content-type': 'application/rss+xml' }, body };
    const parsed = await parseFeed(body);
    expect(parsed.items[0]?.summary).toBe('A'.repeat(2_000_000));
    const { q, jobs, feed } = await fetchFeed('/b24-refs.xml');
    expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
    expect(feed?.lastError).toBeNull();
    expect(jobs).toHaveLength(1);
    expect(Buffer.byteLength(JSON.stringify(jobs[0]))).toBeLessThanOrEqual(MAX_JOB_BYTES);
  });
});

describe('#25 external entities (XXE)', () => {
  it('#25 neither the file nor the internal URL is read: references stay unresolved, H receives nothing', async () => {
    H.routes['/b25.xml'] = { file: 'b25-xxe/feed.xml', headers: { 'content-type': 'application/rss+xml' } };
    H.routes['/xxe'] = { body: 'INTERNAL-XXE-CONTENT' };
    const want = expected('b25-xxe/expected.json');
    const { q, jobs } = await fetchFeed('/b25.xml');
    expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.item).toMatchObject({ title: want.title, summary: want.summary });
    const hostname = readFileSync('/etc/hostname', 'utf8').trim();
    const text = JSON.stringify(jobs);
    if (hostname) expect(text).not.toContain(hostname);
    expect(text).not.toContain('root:');
    expect(text).not.toContain('INTERNAL-XXE-CONTENT');
    expect(H.accepted['127.0.0.1']).toBe(want.requestsToInternal);
  });
});

describe('#26 oversized feeds: 100,000 entries, 10,000 categories, megabyte titles and summaries', () => {
  it('#26 100,000 entries within the byte cap: the newest 500 queued in batches of at most 10, the job done once', async () => {
    const base = Date.parse('2026-01-15T00:00:00Z');
    const items: string[] = [];
    for (let n = 0; n < 100_000; n++) items.push(`<item><link>/i/${n}</link><pubDate>${new Date(base - n * 60_000).toUTCString()}</pubDate></item>`);
    const body = `<rss version="2.0"><channel><title>huge</title><link>${H.origin(ALIAS)}/</link>${items.join('')}</channel></rss>`;
    expect(body.length).toBeLessThan(10 * 1024 * 1024);
    H.routes['/b26-huge.xml'] = { headers: { 'content-type': 'application/rss+xml' }, body };
    const { q, jobs, batches, feed } = await fetchFeed('/b26-huge.xml');
    expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
    expect(feed?.lastError).toBeNull();
    expect(jobs).toHaveLength(500);
    expect(new Set(jobs.map((job) => job.item.url))).toEqual(new Set(Array.from({ length: 500 }, (_, n) => `${H.origin(ALIAS)}/i/${n}`)));
    expect(batches.every((b) => (b.input.Entries as unknown[]).length <= 10)).toBe(true);
    expect(batches).toHaveLength(50);
  });

  it('#26 labels are capped (100 categories, 1,000 characters) and a huge entry is cut to fit one SQS message', async () => {
    const categories = Array.from({ length: 10_000 }, (_, n) => `<category>topic-${n}</category>`).join('');
    const body = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>fat</title><link>${H.origin(ALIAS)}/</link>
<item><title>many labels</title><link>${H.origin(ALIAS)}/labels</link>${categories}</item>
<item><title>${'T'.repeat(1024 * 1024)}</title><link>${H.origin(ALIAS)}/long-title</link></item>
<item><title>huge content</title><link>${H.origin(ALIAS)}/huge</link><description>${'S'.repeat(1024 * 1024)}</description><content:encoded><![CDATA[<p>${'C'.repeat(300 * 1024)}</p>]]></content:encoded></item>
</channel></rss>`;
    H.routes['/b26-fat.xml'] = { headers: { 'content-type': 'application/rss+xml' }, body };
    const { q, jobs, runtime } = await fetchFeed('/b26-fat.xml');
    expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
    expect(jobs).toHaveLength(3);
    const byUrl = new Map(jobs.map((job) => [job.item.url?.split('/').pop(), job.item]));
    expect(byUrl.get('labels')?.categories).toHaveLength(100);
    expect(byUrl.get('long-title')?.title?.length).toBe(1_000);
    const huge = byUrl.get('huge');
    expect(huge?.contentHtml).toBeNull();
    expect(huge?.summary?.startsWith('SSSS')).toBe(true);
    for (const job of jobs) expect(Buffer.byteLength(JSON.stringify(job))).toBeLessThanOrEqual(MAX_JOB_BYTES);
    expect(runtime.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: 'feed entry too large for a job: feed content cut' }));
  });
});

describe('#27 deeply nested XML', () => {
  it('#27 100,000 nested elements: FEED_TOO_DEEP from the depth limit, never a RangeError', async () => {
    const deep = `<rss version="2.0"><channel>${'<x>'.repeat(100_000)}`;
    expect((await parseFailure(parseFeed(deep))).code).toBe('FEED_TOO_DEEP');
    H.routes['/b27.xml'] = { headers: { 'content-type': 'application/rss+xml' }, body: deep };
    const { q, feed } = await fetchFeed('/b27.xml');
    expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
    expect(feed?.lastError?.code).toBe('FEED_TOO_DEEP');
  });

  it('#27 100,000 nested JSON arrays in a JSON Feed: read or refused with a FeedParseError, never a RangeError', async () => {
    const nested = `{"version":"https://jsonfeed.org/version/1.1","title":"deep","items":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const outcome = await parseFeed(nested, { contentType: 'application/feed+json' }).then(
      (feed) => feed.items.length,
      (error: unknown) => error,
    );
    if (typeof outcome !== 'number') expect(outcome).toBeInstanceOf(FeedParseError);
    else expect(outcome).toBe(0);
  });
});

describe('#32 encodings: contradictory, legacy, UTF-16, invalid bytes, controls, lone surrogates', () => {
  const cases = expected('b32-encodings/expected.json') as Record<string, { title?: string; issue?: string }>;
  for (const [file, want] of Object.entries(cases)) {
    it(`#32 ${file}: decoded, illegal characters replaced or stripped, strings well-formed`, async () => {
      const feed = await parseFeed(fixture(`b32-encodings/${file}`), { url: `${H.origin(ALIAS)}/feed.xml`, contentType: 'application/rss+xml' });
      const title = feed.items[0]?.title ?? '';
      expect(title).toBe(want.title);
      expect(wellFormed(title)).toBe(true);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML forbids
      expect(title).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      if (want.issue) expect(feed.issues).toContain(want.issue);
    });
  }

  it('#32 through fetch-feed and extract-article: stored strings are well-formed and nothing is retried', async () => {
    for (const file of Object.keys(cases)) H.routes[`/b32/${file}`] = { file: `b32-encodings/${file}`, headers: { 'content-type': 'application/rss+xml' } };
    const extractRuntime = pipeline.extractRuntime({ http: guardedTestClient() });
    const articleQ = articleQueue(pipeline, () => extractRuntime);
    for (const file of ['lone-surrogate.xml', 'c0-controls.xml', 'invalid-utf8.xml', 'koi8r.xml']) {
      const { q, jobs } = await fetchFeed(`/b32/${file}`);
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      for (const job of jobs) articleQ.send(JSON.stringify(job));
    }
    await articleQ.drain();
    expect(articleQ.invocations.every((i) => i.failures.length === 0)).toBe(true);
    const stored = await Promise.all(
      ['lone-surrogate', 'c0-controls', 'invalid-utf8', 'koi8r'].map((name) => pipeline.reader.getByUrl(`${H.origin(ALIAS)}/e/${name}`)),
    );
    expect(stored.map((article) => article?.title)).toEqual([
      cases['lone-surrogate.xml']?.title,
      cases['c0-controls.xml']?.title,
      cases['invalid-utf8.xml']?.title,
      cases['koi8r.xml']?.title,
    ]);
    for (const article of stored) expect(wellFormed(JSON.stringify(article))).toBe(true);
  });
});

describe('#33 wrong content served as a feed', () => {
  it('#33 PNG, 10 MB of binary and an HTML error page: UNSUPPORTED_CONTENT, recorded once, no retry', async () => {
    const random = Buffer.alloc(10_000_000);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2_654_435_761) >>> 24;
    H.routes['/b33.png'] = { file: 'b33-wrong-content/image.png', headers: { 'content-type': 'image/png' } };
    H.routes['/b33.bin'] = { headers: { 'content-type': 'application/octet-stream' }, body: random };
    H.routes['/b33.html'] = { file: 'b33-wrong-content/error-page.html', headers: { 'content-type': 'text/html' } };
    const want = expected('b33-wrong-content/expected.json');
    for (const [path, code] of [
      ['/b33.png', want.png],
      ['/b33.bin', want.binary],
      ['/b33.html', want['error-page.html']],
    ]) {
      const { q, feed, jobs } = await fetchFeed(path);
      expect(
        q.invocations.map((i) => i.failures),
        path,
      ).toEqual([[]]);
      expect(feed?.lastError?.code, path).toBe(code);
      expect(jobs).toEqual([]);
    }
  });

  it('#33 a JSON Feed and an RSS 0.91 feed with the Netscape DOCTYPE: the right reader, the DTD never fetched', async () => {
    H.routes['/b33.json'] = { file: 'b33-wrong-content/feed.json', headers: { 'content-type': 'application/json' } };
    H.routes['/b33-091.xml'] = { file: 'b33-wrong-content/rss091.xml', headers: { 'content-type': 'text/xml' } };
    const want = expected('b33-wrong-content/expected.json');
    const json = await parseFeed(fixture('b33-wrong-content/feed.json'), { contentType: 'application/json' });
    const rss = await parseFeed(fixture('b33-wrong-content/rss091.xml'));
    expect({ format: json.format, items: json.items.length }).toEqual(want['feed.json']);
    expect({ format: rss.format, items: rss.items.length }).toEqual(want['rss091.xml']);
    for (const path of ['/b33.json', '/b33-091.xml']) {
      const { q, feed, jobs } = await fetchFeed(path);
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      expect(feed?.lastError, path).toBeNull();
      expect(jobs).toHaveLength(1);
    }
    expect(H.accepted['127.0.0.1']).toBe(0);
  });
});
