import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildExtractArticleJob } from '../../bench/support/build-extract-article-job';
import { virtualClock } from '../../bench/support/queue-simulator';
import { GUARDED_HTTP_DEFAULTS } from '../../shared/adapters/http/guarded-http-client';
import { FetchError } from '../../shared/ingestion/fetch-error';
import type { HttpClient } from '../../shared/ingestion/ports';
import { DEFAULT_INGESTION_SETTINGS } from '../../shared/ingestion/settings';
import { feedIdOf } from '../../shared/ingestion/subscribe-feeds';
import { ALIAS, guardedTestClient } from './support/guarded-test-client';
import { type HostileRoute, type HostileServer, startHostileServer } from './support/hostile-server';
import { fixedClock, type Pipeline, startPipeline } from './support/pipeline';
import { articleQueue, feedQueue } from './support/work-queues';

const MiB = 1024 * 1024;

async function refusal(promise: Promise<unknown>): Promise<FetchError> {
  const outcome = await promise.then(
    () => new Error('the request did not fail'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(FetchError);
  return outcome as FetchError;
}

/** Runs `task` while sampling the process's resident set size; returns the peak growth in bytes. */
async function peakRssGrowth(task: () => Promise<unknown>): Promise<number> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 1);
  try {
    await task();
  } catch {
    // the caller asserts on the outcome separately
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return peak - baseline;
}

const ARTICLE = `<!doctype html><html lang="en"><head><title>Ferry timetable changes from May</title></head><body><article>
<h1>Ferry timetable changes from May</h1>
<p>The island ferry will run two extra crossings on weekdays from the first of May, the operator said on Tuesday, after a winter of complaints about crowded morning boats.</p>
<p>The first boat will leave at half past five instead of six, and a late crossing at eleven will return for the summer. Fares do not change.</p>
<p>Residents' groups welcomed the change but said the Sunday service, cut two years ago, should come back as well.</p>
</article></body></html>`;

const zeros = Buffer.alloc(50 * MiB);
const gzipBomb = zlib.gzipSync(zeros, { level: 9 });
const deflateBomb = zlib.deflateSync(zeros, { level: 9 });
const brotliBomb = zlib.brotliCompressSync(zeros, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
const doubleGzipBomb = zlib.gzipSync(gzipBomb, { level: 9 });

let H: HostileServer;
beforeAll(async () => {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  H = await startHostileServer({
    '/gzip-bomb': { headers: { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' }, body: gzipBomb },
    '/deflate-bomb': { headers: { 'content-encoding': 'deflate' }, body: deflateBomb },
    '/br-bomb': { headers: { 'content-encoding': 'br' }, body: brotliBomb },
    '/double-gzip-bomb': { headers: { 'content-encoding': 'gzip, gzip' }, body: doubleGzipBomb },
    '/double-gzip-small': { headers: { 'content-encoding': 'gzip, gzip' }, body: zlib.gzipSync(zlib.gzipSync('two layers')) },
    '/zstd': { headers: { 'content-encoding': 'zstd' }, body: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0]) },
    '/triple-gzip': { headers: { 'content-encoding': 'gzip, gzip, gzip' }, body: zlib.gzipSync(zlib.gzipSync(zlib.gzipSync('x'))) },
    '/compress': { headers: { 'content-encoding': 'compress' }, body: 'x' },
    '/false-gzip': { headers: { 'content-encoding': 'gzip' }, body: 'this is not gzip at all' },
    '/lying-length': { raw: { head: 'HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 100\n\n', chunk, repeat: 'forever' } },
    '/endless-chunked': {
      raw: {
        head: 'HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked\n\n',
        chunk: Buffer.from(`10000\r\n${'a'.repeat(0x10000)}\r\n`),
        repeat: 'forever',
      },
    },
    '/endless-close-delimited': { raw: { head: 'HTTP/1.1 200 OK\nContent-Type: text/html\nConnection: close\n\n', chunk, repeat: 'forever' } },
    '/slowloris': { hold: true },
    '/drip': { headers: { 'content-type': 'text/html' }, drip: { chunk: '<', everyMs: 100 } },
    '/drip-500': { headers: { 'content-type': 'text/html' }, drip: { chunk: ' ', everyMs: 500 } },
  });
});
afterAll(() => H.close());
beforeEach(() => H.reset());

describe('#18 gzip bomb with an honest small Content-Length', () => {
  it('#18 aborts at the decoded cap (BODY_TOO_LARGE, terminal) with memory growth under twice the cap', async () => {
    expect(gzipBomb.length).toBeLessThan(100 * 1024);
    let error: FetchError | undefined;
    const growth = await peakRssGrowth(async () => {
      error = await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}/gzip-bomb`, maxBytes: 5 * MiB }));
    });
    expect(error?.code).toBe('BODY_TOO_LARGE');
    expect(error?.retryable).toBe(false);
    expect(growth).toBeLessThan(2 * 5 * MiB);
  });

  it('#18 the same measurement sees the growth when the cap is above the inflated size (the check is live)', async () => {
    const growth = await peakRssGrowth(() => guardedTestClient().get({ url: `${H.origin(ALIAS)}/gzip-bomb`, maxBytes: 64 * MiB }));
    expect(growth).toBeGreaterThan(40 * MiB);
  });

  it('#18 through fetch-feed: the feed records BODY_TOO_LARGE and the job is not retried', async () => {
    const pipeline = await startPipeline();
    try {
      const url = `${H.origin(ALIAS)}/gzip-bomb`;
      await pipeline.subscribe(url);
      const runtime = pipeline.fetchFeedRuntime({ http: guardedTestClient() });
      const q = feedQueue(pipeline, () => runtime);
      q.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(url), url, window: '2026-01-15T10:00' }));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      expect(await pipeline.feeds.get(feedIdOf(url))).toMatchObject({ lastError: { code: 'BODY_TOO_LARGE' } });
      expect(runtime.logs).toContainEqual(
        expect.objectContaining({ message: 'feed fetch failed', fields: expect.objectContaining({ code: 'BODY_TOO_LARGE' }) }),
      );
    } finally {
      await pipeline.close();
    }
  });
});

describe('#19 other codings: brotli, deflate, stacked gzip, zstd and unknown ones', () => {
  for (const route of ['/br-bomb', '/deflate-bomb', '/double-gzip-bomb']) {
    it(`#19 ${route.slice(1)} stops at the same cap (BODY_TOO_LARGE)`, async () => {
      let error: FetchError | undefined;
      const growth = await peakRssGrowth(async () => {
        error = await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}${route}`, maxBytes: 5 * MiB }));
      });
      expect(error?.code).toBe('BODY_TOO_LARGE');
      expect(growth).toBeLessThan(2 * 5 * MiB);
    });
  }

  it('#19 undoes two stacked codings in order (RFC 9110 section 8.4)', async () => {
    const response = await guardedTestClient().get({ url: `${H.origin(ALIAS)}/double-gzip-small` });
    expect(new TextDecoder().decode(response.body)).toBe('two layers');
  });

  for (const [route, code] of [
    ['/zstd', 'UNSUPPORTED_ENCODING'],
    ['/compress', 'UNSUPPORTED_ENCODING'],
    ['/triple-gzip', 'UNSUPPORTED_ENCODING'],
    ['/false-gzip', 'DECODE_FAILED'],
  ] as const) {
    it(`#19 ${route.slice(1)} is rejected with ${code}, not passed on as bytes`, async () => {
      const error = await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}${route}` }));
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(false);
    });
  }
});

describe('#20 lying or absent Content-Length, endless bodies', () => {
  it('#20 Content-Length 100 followed by an endless stream: 100 bytes read, the connection closed', async () => {
    const client = guardedTestClient();
    const outcome = await client.get({ url: `${H.origin(ALIAS)}/lying-length` }).then(
      (response) => response.body.length,
      (error: FetchError) => error.code,
    );
    // Either the response ends at the announced length, or the parser refuses the bytes past it: never more.
    expect([100, 'BAD_RESPONSE']).toContain(outcome);
    await vi.waitFor(() => expect(H.closed[ALIAS]).toBe(H.accepted[ALIAS]), { timeout: 5_000 });
  });

  for (const route of ['/endless-chunked', '/endless-close-delimited']) {
    it(`#20 ${route.slice(1)}: BODY_TOO_LARGE at the cap and H sees its socket closed`, async () => {
      const error = await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}${route}`, maxBytes: 1 * MiB }));
      expect(error.code).toBe('BODY_TOO_LARGE');
      await vi.waitFor(() => expect(H.closed[ALIAS]).toBe(1), { timeout: 5_000 });
    });
  }
});

/** An extract job for one page. */
function pageJob(url: string, itemId = 'entry-1'): string {
  return JSON.stringify(
    buildExtractArticleJob({
      feedId: 'feed-b',
      feedUrl: `${H.origin(ALIAS)}/feed.xml`,
      item: {
        itemId,
        guid: itemId,
        url,
        title: 'Ferry timetable changes from May',
        summary: 'Two extra weekday crossings.',
      },
    }),
  );
}

/** The extract function over Q with a client of its own; deliveries spaced by the queue's visibility on a virtual clock. */
function extractQueue(pipeline: Pipeline, http: HttpClient, settings: Partial<typeof DEFAULT_INGESTION_SETTINGS> = {}, clock = virtualClock()) {
  const runtime = pipeline.extractRuntime({ http, settings });
  const q = articleQueue(pipeline, () => runtime, { batchSize: 5, clock });
  return { runtime, q };
}

describe('#21 slowloris: the connection is accepted, no status line ever comes', () => {
  it('#21 the headers deadline fires (HEADERS_TIMEOUT, retryable); the default is at most 10 s', async () => {
    expect(GUARDED_HTTP_DEFAULTS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    const error = await refusal(guardedTestClient({ headersTimeoutMs: 300 }).get({ url: `${H.origin(ALIAS)}/slowloris` }));
    expect(error.code).toBe('HEADERS_TIMEOUT');
    expect(error.retryable).toBe(true);
  });

  it('#21 through the extract handler: retried with backoff until the last delivery, which records the failure', async () => {
    const pipeline = await startPipeline();
    try {
      const clock = virtualClock();
      const { q } = extractQueue(pipeline, guardedTestClient({ headersTimeoutMs: 200 }), {}, clock);
      const id = q.send(pageJob(`${H.origin(ALIAS)}/slowloris`));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[id], [id], [id], [id], []]);
      // Redeliveries wait for the backoff the handler sets (QUEUE_RETRY_BACKOFF: 2, 4, 8, 15 min), not the visibility timeout.
      const gaps = q.invocations.slice(1).map((inv, n) => inv.at - (q.invocations[n]?.at ?? 0));
      expect(gaps).toEqual([120_000, 240_000, 480_000, 900_000]);
      const article = await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/slowloris`);
      expect(article).toMatchObject({ status: 'feed-only', extraction: { error: { code: 'HEADERS_TIMEOUT' } } });
      expect(q.deadLetters).toEqual([]);
    } finally {
      await pipeline.close();
    }
  });
});

describe('#22 slow drip: one byte every 500 ms, forever', () => {
  it('#22 the total deadline fires (TIMEOUT, retryable) and the body is discarded', async () => {
    const error = await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}/drip-500`, timeoutMs: 2_000 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.retryable).toBe(true);
    // The total deadline fired, not the idle timeout (each byte resets that one, so it never would).
    expect(error.message).toBe('no complete response within 2000 ms');
    await vi.waitFor(() => expect(H.closed[ALIAS]).toBe(1), { timeout: 5_000 });
  });

  it('#22 through the extract handler: retried, limited by maxReceiveCount, then recorded (nothing dead-lettered, nothing lost)', async () => {
    const pipeline = await startPipeline();
    try {
      const { q } = extractQueue(pipeline, guardedTestClient(), { pageTimeoutMs: 500 });
      const id = q.send(pageJob(`${H.origin(ALIAS)}/drip`));
      await q.drain();
      expect(q.invocations.map((i) => i.receiveCounts[0])).toEqual([1, 2, 3, 4, 5]);
      expect(q.invocations.at(-1)?.failures).toEqual([]);
      expect(q.deliveries(id)).toBe(5);
      const article = await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/drip`);
      expect(article).toMatchObject({ status: 'feed-only', extraction: { error: { code: 'TIMEOUT' } } });
      expect(article?.contentText).not.toContain('<<<');
    } finally {
      await pipeline.close();
    }
  });
});

describe('#34 HTTP 429, 503, 500, 404, 410 and 304', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await startPipeline();
  });
  afterAll(() => pipeline.close());

  /** A route that answers `first` once, then the article. */
  const onceThenArticle = (path: string, first: { status: number; headers?: Record<string, string> }) => {
    let calls = 0;
    H.routes[path] = () => (calls++ === 0 ? { ...first, body: 'not now' } : { headers: { 'content-type': 'text/html' }, body: ARTICLE });
  };

  for (const status of [429, 503]) {
    it(`#34 page ${status} with Retry-After: 120: redelivered no sooner than 120 s later (visibility), then stored`, async () => {
      onceThenArticle(`/p${status}`, { status, headers: { 'retry-after': '120' } });
      const clock = virtualClock();
      const { q } = extractQueue(pipeline, guardedTestClient({ now: clock.now }), {}, clock);
      const before = pipeline.sqs.calls.length;
      q.send(pageJob(`${H.origin(ALIAS)}/p${status}`, `e${status}`));
      await q.drain();
      expect(q.invocations).toHaveLength(2);
      expect((q.invocations[1]?.at ?? 0) - (q.invocations[0]?.at ?? 0)).toBeGreaterThanOrEqual(120_000);
      const hides = pipeline.sqs.calls.slice(before).filter((c) => c.action === 'ChangeMessageVisibility');
      expect(hides.map((c) => c.input.VisibilityTimeout)).toEqual([120]);
      expect(await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/p${status}`)).toMatchObject({ status: 'extracted', revision: 1 });
    });
  }

  it('#34 page 500: retried after the backoff (2 min for the first retry), then stored', async () => {
    onceThenArticle('/p500', { status: 500 });
    const { q } = extractQueue(pipeline, guardedTestClient());
    q.send(pageJob(`${H.origin(ALIAS)}/p500`, 'e500'));
    await q.drain();
    expect(q.invocations).toHaveLength(2);
    expect((q.invocations[1]?.at ?? 0) - (q.invocations[0]?.at ?? 0)).toBe(120_000);
    expect(await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/p500`)).toMatchObject({ status: 'extracted' });
  });

  for (const status of [404, 410]) {
    it(`#34 page ${status}: terminal on the first delivery, recorded with the status`, async () => {
      H.routes[`/p${status}`] = { status, body: 'gone' };
      const { q } = extractQueue(pipeline, guardedTestClient());
      q.send(pageJob(`${H.origin(ALIAS)}/p${status}`, `e${status}`));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      expect(await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/p${status}`)).toMatchObject({
        status: 'feed-only',
        extraction: { httpStatus: status, error: { code: 'HTTP_STATUS' } },
      });
    });
  }

  /** Runs fetch-feed once on `url` at `clock`'s time. */
  async function fetchFeedOnce(url: string, clock: ReturnType<typeof fixedClock>) {
    const runtime = pipeline.fetchFeedRuntime({ http: guardedTestClient({ now: () => clock.now().getTime() }), clock });
    const q = feedQueue(pipeline, () => runtime);
    q.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(url), url, window: clock.now().toISOString().slice(0, 16) }));
    await q.drain();
    return q;
  }

  it('#34 feed 429 Retry-After: 7200: the job is acknowledged and the next fetch is scheduled no sooner than asked', async () => {
    const url = `${H.origin(ALIAS)}/f429`;
    H.routes['/f429'] = { status: 429, headers: { 'retry-after': '7200' } };
    const clock = fixedClock('2026-01-15T10:00:00Z');
    await pipeline.subscribe(url, clock.now());
    const q = await fetchFeedOnce(url, clock);
    expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
    const feed = await pipeline.feeds.get(feedIdOf(url));
    expect(feed).toMatchObject({ status: 'active', lastHttpStatus: 429 });
    expect(Date.parse(feed?.nextFetchAt ?? '')).toBeGreaterThanOrEqual(clock.now().getTime() + 7_200_000);
  });

  it('#34 feed 410: terminal, disabled after repeated refusals over deadAfterTerminalDays; feed 404: backs off and is disabled after deadAfterDays', async () => {
    H.routes['/f410'] = { status: 410 };
    H.routes['/f404'] = { status: 404 };
    const clock = fixedClock('2026-01-15T10:00:00Z');
    const gone = `${H.origin(ALIAS)}/f410`;
    const missing = `${H.origin(ALIAS)}/f404`;
    await pipeline.subscribe(gone, clock.now());
    await pipeline.subscribe(missing, clock.now());
    const goneClock = fixedClock('2026-01-15T10:00:00Z');
    for (let day = 0; day < DEFAULT_INGESTION_SETTINGS.deadAfterTerminalDays; day++) {
      await fetchFeedOnce(gone, goneClock);
      // One refusal never kills a feed (issue 12): it stays active until refusals span the days.
      expect(await pipeline.feeds.get(feedIdOf(gone))).toMatchObject({ status: 'active', lastHttpStatus: 410 });
      goneClock.advance(24 * 3_600_000);
    }
    await fetchFeedOnce(gone, goneClock);
    expect(await pipeline.feeds.get(feedIdOf(gone))).toMatchObject({ status: 'dead', lastHttpStatus: 410 });

    const intervals: number[] = [];
    for (let day = 0; day <= DEFAULT_INGESTION_SETTINGS.deadAfterDays; day++) {
      await fetchFeedOnce(missing, clock);
      const feed = await pipeline.feeds.get(feedIdOf(missing));
      intervals.push(Date.parse(feed?.nextFetchAt ?? '') - clock.now().getTime());
      if (feed?.status === 'dead') break;
      clock.advance(24 * 3_600_000);
    }
    expect(await pipeline.feeds.get(feedIdOf(missing))).toMatchObject({ status: 'dead', lastHttpStatus: 404 });
    expect(intervals.length).toBe(DEFAULT_INGESTION_SETTINGS.deadAfterDays + 1);
    expect(intervals[1]).toBeGreaterThan(intervals[0] ?? 0);
  });

  it('#34 feed 304 with validators: a no-op, no job and no article written', async () => {
    const url = `${H.origin(ALIAS)}/f304`;
    H.routes['/f304'] = (request): HostileRoute =>
      request.headers['if-none-match'] === '"v1"'
        ? { status: 304, headers: { etag: '"v1"' } }
        : {
            headers: { etag: '"v1"', 'last-modified': 'Wed, 14 Jan 2026 10:00:00 GMT', 'content-type': 'application/rss+xml' },
            body: `<rss version="2.0"><channel><title>t</title><item><title>One</title><link>${H.origin(ALIAS)}/one</link><guid>one</guid></item></channel></rss>`,
          };
    const clock = fixedClock('2026-01-15T10:00:00Z');
    await pipeline.subscribe(url, clock.now());
    await fetchFeedOnce(url, clock);
    expect(pipeline.sqs.drain('articles')).toHaveLength(1);
    clock.advance(3_600_000);
    const writesBefore = pipeline.sqs.calls.length;
    await fetchFeedOnce(url, clock);
    expect(pipeline.sqs.calls.slice(writesBefore).filter((c) => c.action.startsWith('SendMessage'))).toEqual([]);
    expect(await pipeline.feeds.get(feedIdOf(url))).toMatchObject({ lastHttpStatus: 304, etag: '"v1"', errorCount: 0 });
    expect(H.requests.filter((r) => r.path === '/f304').map((r) => r.headers['if-none-match'] ?? null)).toEqual([null, '"v1"']);
  });
});
