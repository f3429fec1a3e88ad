import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildExtractArticleJob } from '../../bench/support/build-extract-article-job';
import { createHandler as createDispatchHandler } from '../../functions/dispatch/handler';
import { ExtractArticleEnvSchema, FetchFeedEnvSchema, parseEnv } from '../../functions/runtime/env';
import { MAX_LOG_FIELD_CHARS } from '../../functions/runtime/observability';
import { createGuardedHttpClient } from '../../shared/adapters/http/guarded-http-client';
import { articleId } from '../../shared/article/article-id';
import { cleanUrl } from '../../shared/article/clean-url';
import { FetchError } from '../../shared/ingestion/fetch-error';
import { feedIdOf } from '../../shared/ingestion/subscribe-feeds';
import { fakeDns } from './support/fake-dns';
import { ALIAS, guardedTestClient } from './support/guarded-test-client';
import { type HostileServer, startHostileServer } from './support/hostile-server';
import { startPipeline } from './support/pipeline';
import { type ConnectionWatch, watchConnections } from './support/watch-connections';
import { articleQueue, feedQueue } from './support/work-queues';

/** The FetchError a request fails with (the test fails if it succeeds or fails otherwise). */
async function refusal(promise: Promise<unknown>): Promise<FetchError> {
  const outcome = await promise.then(
    () => new Error('the request was not refused'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(FetchError);
  return outcome as FetchError;
}

const extractJob = (feedUrl: string, url: string | null, itemId = 'item-1') =>
  JSON.stringify(
    buildExtractArticleJob({
      feedId: feedIdOf(feedUrl),
      feedUrl,
      item: {
        itemId,
        guid: itemId,
        url,
        title: 'An entry',
        summary: 'The feed entry summary, kept when the page cannot be used.',
      },
    }),
  );

let H: HostileServer;
let connections: ConnectionWatch;

beforeAll(async () => {
  H = await startHostileServer(
    {
      '/feed': { file: 'a01-feed-url-loopback/feed.xml', headers: { 'content-type': 'application/rss+xml' } },
      '/secret': { body: 'SECRET-INTERNAL-DATA' },
      '/hop1': { status: 302, headers: { location: '{{internal}}/secret' } },
      '/loop': { status: 302, headers: { location: '/loop' } },
      '/no-location': { status: 302 },
      '/ok': { body: 'public page' },
      '/to-file': { status: 302, headers: { location: 'file:///proc/self/environ' } },
      '/to-gopher': { status: 302, headers: { location: 'gopher://127.0.0.1:6379/_SET%20x%201' } },
      '/to-ftp': { status: 302, headers: { location: 'ftp://127.0.0.1/etc/passwd' } },
      '/to-data': { status: 302, headers: { location: 'data:text/html,<script>alert(1)</script>' } },
      '/to-javascript': { status: 302, headers: { location: 'javascript:alert(1)' } },
    },
    { addresses: ['127.0.0.1', ALIAS, '::1'] },
  );
  for (let n = 0; n <= 10; n++) H.routes[`/chain/${n}`] = n === 0 ? { body: 'end of chain' } : { status: 301, headers: { location: `/chain/${n - 1}` } };
});
afterAll(() => H.close());

beforeEach(() => {
  H.reset();
  connections = watchConnections();
});
afterEach(() => connections.stop());

describe('#1 feed URL on a loopback address, enqueued by the scheduler', () => {
  it('#1 is refused before any connection (SSRF_BLOCKED), the refusal is recorded on the feed (dead only after repeated refusals over days, issue 12) and the job is not retried', async () => {
    const pipeline = await startPipeline();
    try {
      const url = `${H.origin('127.0.0.1')}/feed`;
      await pipeline.subscribe(url, new Date(Date.now() - 60_000));
      const dispatch = pipeline.dispatchRuntime();
      await createDispatchHandler(() => dispatch)({ scheduledTime: new Date().toISOString() }, lambdaContextFor());
      // fetch-feed exactly as deployed: the composition root's client, no trusted address.
      const runtime = pipeline.fetchFeedRuntime();
      const q = feedQueue(pipeline, () => runtime);
      await q.drain();

      expect(H.totalAccepted()).toBe(0);
      expect(q.invocations).toHaveLength(1);
      expect(q.invocations[0]?.failures).toEqual([]);
      expect(q.deadLetters).toEqual([]);
      const feed = await pipeline.feeds.get(feedIdOf(url));
      expect(feed).toMatchObject({ status: 'active', lastError: { code: 'SSRF_BLOCKED' }, errorCount: 1 });
      expect(runtime.logs).toContainEqual(
        expect.objectContaining({ level: 'warn', message: 'feed fetch failed', fields: expect.objectContaining({ code: 'SSRF_BLOCKED', dead: false }) }),
      );
      expect(pipeline.sqs.messages('articles')).toEqual([]);
    } finally {
      await pipeline.close();
    }
  });
});

function lambdaContextFor() {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'dispatch',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:dispatch',
    memoryLimitInMB: '256',
    awsRequestId: 'security',
    logGroupName: '/aws/lambda/dispatch',
    logStreamName: 'security',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

describe('#2 odd IPv4 spellings of 127.0.0.1 and 0.0.0.0', () => {
  const spellings = [
    '2130706433',
    '0x7f000001',
    '0177.0.0.1',
    '127.1',
    '0x7f.1',
    '0',
    '①②⑦.0.0.1',
    '１２７.０.０.１',
    '127.0.0.1.',
    '127.0.\t0.1',
    '0x7F.0.0.0x1',
  ];
  for (const spelling of spellings) {
    it(`#2 refuses http://${JSON.stringify(spelling).slice(1, -1)}:<H>/feed before connecting`, async () => {
      const error = await refusal(guardedTestClient().get({ url: `http://${spelling}:${H.port}/feed` }));
      expect(error.code).toBe('SSRF_BLOCKED');
      expect(error.retryable).toBe(false);
      expect(H.totalAccepted()).toBe(0);
      expect(connections.attempts).toEqual([]);
    });
  }

  it('#2 refuses a name whose answer is 0.0.0.0 (which Linux connects to the local host)', async () => {
    const dns = fakeDns({ 'zero.test': '0.0.0.0' });
    const client = guardedTestClient({ resolveHost: dns.resolveHost, allowedPorts: [80, 443, H.port] });
    expect((await refusal(client.get({ url: `http://zero.test:${H.port}/feed` }))).code).toBe('SSRF_BLOCKED');
    expect(dns.calls).toEqual(['zero.test']);
    expect(connections.attempts).toEqual([]);
  });
});

describe('#3 IPv6 spellings of loopback and of embedded IPv4', () => {
  const literals = [
    '[::1]',
    '[::]',
    '[::ffff:127.0.0.1]',
    '[::127.0.0.1]',
    '[64:ff9b::7f00:1]',
    '[2002:7f00:1::]',
    '[2001:0:4136:e378:8000:63bf:3fff:fdd2]',
    '[::ffff:0:127.0.0.1]',
    '[0:0:0:0:0:ffff:7f00:1]',
  ];
  for (const literal of literals) {
    it(`#3 refuses http://${literal}:<H>/feed (H also listens on ::1)`, async () => {
      const error = await refusal(guardedTestClient().get({ url: `http://${literal}:${H.port}/feed` }));
      expect(error.code).toBe('SSRF_BLOCKED');
      expect(H.totalAccepted()).toBe(0);
      expect(connections.attempts).toEqual([]);
    });
  }

  it('#3 refuses names whose AAAA answers are NAT64, 6to4, mapped or Teredo forms of loopback', async () => {
    const dns = fakeDns({
      'nat64.test': '64:ff9b::7f00:1',
      'sixtofour.test': '2002:7f00:1::1',
      'mapped.test': '::ffff:127.0.0.1',
      'teredo.test': '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      'loopback6.test': '::1',
    });
    const client = guardedTestClient({ resolveHost: dns.resolveHost, allowedPorts: [80, 443, H.port] });
    for (const name of ['nat64.test', 'sixtofour.test', 'mapped.test', 'teredo.test', 'loopback6.test']) {
      expect((await refusal(client.get({ url: `http://${name}:${H.port}/feed` }))).code, name).toBe('SSRF_BLOCKED');
    }
    expect(dns.calls).toHaveLength(5);
    expect(H.totalAccepted()).toBe(0);
    expect(connections.attempts).toEqual([]);
  });
});

describe('#4 cloud metadata and AWS link-local addresses', () => {
  const addresses = ['169.254.169.254', '169.254.170.2', '169.254.169.253', 'fd00:ec2::254'];
  for (const address of addresses) {
    it(`#4 refuses meta.test -> ${address} at lookup, and never calls connect`, async () => {
      const dns = fakeDns({ 'meta.test': address });
      const client = guardedTestClient({ resolveHost: dns.resolveHost });
      const error = await refusal(client.get({ url: 'http://meta.test/latest/meta-data/iam/security-credentials/' }));
      expect(error.code).toBe('SSRF_BLOCKED');
      expect(error.message).toContain(address);
      expect(dns.calls).toEqual(['meta.test']);
      expect(connections.attempts).toEqual([]);
    });
  }

  it('#4 refuses the same addresses written as literals', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://169.254.170.2/v2/credentials', 'http://[fd00:ec2::254]/latest/meta-data/']) {
      expect((await refusal(guardedTestClient().get({ url }))).code, url).toBe('SSRF_BLOCKED');
    }
    expect(connections.attempts).toEqual([]);
  });
});

describe('#5 host names resolving to loopback, private, CGNAT, IETF and benchmarking ranges', () => {
  for (const address of ['127.0.0.1', '10.0.0.5', '100.64.0.1', '192.0.0.8', '198.18.0.1', '172.16.5.4', '192.168.1.1']) {
    it(`#5 refuses evil.test -> ${address} on the resolved address`, async () => {
      const dns = fakeDns({ 'evil.test': address });
      const client = guardedTestClient({ resolveHost: dns.resolveHost, allowedPorts: [80, 443, H.port] });
      const error = await refusal(client.get({ url: `http://evil.test:${H.port}/feed` }));
      expect(error.code).toBe('SSRF_BLOCKED');
      expect(error.message).toContain(`resolves to non-public address ${address}`);
      expect(H.totalAccepted()).toBe(0);
      expect(connections.attempts).toEqual([]);
    });
  }
});

describe('#6 mixed DNS answer, one public address and one private', () => {
  it('#6 refuses the whole host even when the public address answers, and never connects to 127.0.0.1', async () => {
    // The allow-alias plays the reachable public address: H answers on it.
    for (const answer of [
      ['93.184.216.34', '127.0.0.1'],
      [ALIAS, '127.0.0.1'],
      ['127.0.0.1', ALIAS],
    ]) {
      const dns = fakeDns({ 'mixed.test': answer });
      const client = guardedTestClient({ resolveHost: dns.resolveHost, allowedPorts: [80, 443, H.port] });
      const error = await refusal(client.get({ url: `http://mixed.test:${H.port}/ok` }));
      expect(error.code, answer.join(',')).toBe('SSRF_BLOCKED');
    }
    expect(H.totalAccepted()).toBe(0);
    expect(connections.attempts).toEqual([]);
  });
});

describe('#7 DNS rebinding between the check and the connection', () => {
  it('#7 connects to the address it checked: a second lookup (now 127.0.0.1) is never made for that request', async () => {
    const dns = fakeDns({ 'rebind.test': { sequence: [[ALIAS], ['127.0.0.1']] } });
    const client = guardedTestClient({ resolveHost: dns.resolveHost, allowedPorts: [80, 443, H.port] });
    const before = { alias: H.accepted[ALIAS] ?? 0 };
    const response = await client.get({ url: `http://rebind.test:${H.port}/ok` });
    expect(new TextDecoder().decode(response.body)).toBe('public page');
    expect(dns.calls).toEqual(['rebind.test']);
    expect(H.accepted[ALIAS]).toBe(before.alias + 1);
    expect(H.accepted['127.0.0.1']).toBe(0);
    // The next request looks up again, sees the rebound answer, and is refused before connecting.
    expect((await refusal(client.get({ url: `http://rebind.test:${H.port}/secret` }))).code).toBe('SSRF_BLOCKED');
    expect(H.accepted['127.0.0.1']).toBe(0);
    expect(connections.attempts).toHaveLength(1);
  });
});

describe('#8 redirect from a public hop to an internal address', () => {
  it('#8 refuses hop 2 (SSRF_BLOCKED_REDIRECT, hop 1) and never reads the internal body', async () => {
    const error = await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}/hop1` }));
    expect(error.code).toBe('SSRF_BLOCKED_REDIRECT');
    expect(error.hop).toBe(1);
    expect(H.accepted['127.0.0.1']).toBe(0);
    expect(H.requests.filter((r) => r.path === '/secret')).toEqual([]);
  });

  it('#8 stores the entry as a terminal failure through the extract handler, with nothing of the internal page', async () => {
    const pipeline = await startPipeline();
    try {
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => runtime, { batchSize: 5 });
      q.send(extractJob(`${H.origin(ALIAS)}/feed`, `${H.origin(ALIAS)}/hop1`));
      await q.drain();
      expect(q.invocations).toHaveLength(1);
      const article = await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/hop1`);
      expect(article).toMatchObject({ status: 'feed-only', extraction: { error: { code: 'SSRF_BLOCKED_REDIRECT' } } });
      expect(JSON.stringify(article)).not.toContain('SECRET-INTERNAL-DATA');
      expect(H.accepted['127.0.0.1']).toBe(0);
    } finally {
      await pipeline.close();
    }
  });
});

describe('#9 redirects to other schemes', () => {
  for (const route of ['/to-file', '/to-gopher', '/to-ftp', '/to-data', '/to-javascript']) {
    it(`#9 refuses ${route} with BAD_SCHEME at hop 1 and reads nothing`, async () => {
      const error = await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}${route}` }));
      expect(error.code).toBe('BAD_SCHEME');
      expect(error.hop).toBe(1);
      expect(error.message).not.toMatch(/PATH=|HOME=/);
      expect(error.retryable).toBe(false);
      expect(H.accepted['127.0.0.1']).toBe(0);
    });
  }
});

describe('#10 redirect loops and long chains', () => {
  it('#10 stops a self-redirect after 5 hops (TOO_MANY_REDIRECTS, not retryable): 6 requests in all', async () => {
    const before = H.requests.length;
    const error = await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}/loop` }));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
    expect(error.retryable).toBe(false);
    expect(H.requests.length - before).toBe(6);
  });

  it('#10 follows a relative 5-hop chain to its end, and stops a 10-hop chain at the sixth request', async () => {
    const client = guardedTestClient();
    const five = await client.get({ url: `${H.origin(ALIAS)}/chain/5` });
    expect(five.redirects).toHaveLength(5);
    expect(new TextDecoder().decode(five.body)).toBe('end of chain');
    const before = H.requests.length;
    expect((await refusal(client.get({ url: `${H.origin(ALIAS)}/chain/10` }))).code).toBe('TOO_MANY_REDIRECTS');
    expect(H.requests.slice(before).map((r) => r.path)).toEqual(['/chain/10', '/chain/9', '/chain/8', '/chain/7', '/chain/6', '/chain/5']);
  });

  it('#10 refuses a redirect without Location (BAD_REDIRECT)', async () => {
    expect((await refusal(guardedTestClient().get({ url: `${H.origin(ALIAS)}/no-location` }))).code).toBe('BAD_REDIRECT');
  });

  it('#10 records a looping page as a terminal failure through the extract handler (one delivery)', async () => {
    const pipeline = await startPipeline();
    try {
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => runtime, { batchSize: 5 });
      q.send(extractJob(`${H.origin(ALIAS)}/feed`, `${H.origin(ALIAS)}/loop`));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      expect(await pipeline.reader.getByUrl(`${H.origin(ALIAS)}/loop`)).toMatchObject({ extraction: { error: { code: 'TOO_MANY_REDIRECTS' } } });
    } finally {
      await pipeline.close();
    }
  });
});

describe('#11 non-HTTP schemes as feed or entry URL', () => {
  for (const url of [
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_INFO',
    'ftp://127.0.0.1/x',
    'data:text/plain,hi',
    `blob:${ALIAS}/x`,
    'ws://127.0.0.2/x',
    'javascript:alert(1)',
  ]) {
    it(`#11 the URL gate refuses ${url.split(':')[0]}: before any I/O (BAD_SCHEME)`, async () => {
      expect((await refusal(guardedTestClient().get({ url }))).code).toBe('BAD_SCHEME');
      expect(connections.attempts).toEqual([]);
    });
  }

  it('#11 a feed whose entries link to other schemes: each entry stored from the feed alone, only the feed fetched', async () => {
    const pipeline = await startPipeline();
    const expected = JSON.parse(readFileSync(new URL('./fixtures/a11-non-http-links/expected.json', import.meta.url), 'utf8'));
    H.routes['/a11/feed.xml'] = { file: 'a11-non-http-links/feed.xml', headers: { 'content-type': 'application/rss+xml' } };
    try {
      const feedUrl = `${H.origin(ALIAS)}/a11/feed.xml`;
      await pipeline.subscribe(feedUrl);
      const before = H.requests.length;
      const client = guardedTestClient();
      const fetchRuntime = pipeline.fetchFeedRuntime({ http: client });
      const extractRuntime = pipeline.extractRuntime({ http: client });
      const feedQ = feedQueue(pipeline, () => fetchRuntime);
      const articleQ = articleQueue(pipeline, () => extractRuntime, { batchSize: 5 });
      feedQ.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(feedUrl), url: feedUrl, window: '2026-01-15T10:00' }));
      await feedQ.drain();
      await articleQ.drain();
      const { articles } = await pipeline.reader.listByFeed(feedIdOf(feedUrl), { limit: 50 });
      expect(articles).toHaveLength(expected.articles);
      for (const article of articles) {
        expect(article.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/a11\/feed\.xml\?feedloom-item=/);
        expect(article).toMatchObject({ status: expected.status, extraction: { error: { code: expected.errorCode } } });
      }
      expect(H.requests.slice(before).map((r) => r.path.replace('/a11', ''))).toEqual(expected.requestsToH);
      expect(H.accepted['127.0.0.1']).toBe(0);
    } finally {
      await pipeline.close();
    }
  });
});

describe('#12 userinfo, fragment and whitespace confusion', () => {
  it('#12 rejects userinfo (BAD_URL) and checks the host WHATWG parsing finds, not the one a reader sees', async () => {
    const dns = fakeDns({ 'evil.com': ALIAS });
    const client = guardedTestClient({ resolveHost: dns.resolveHost, allowedPorts: [80, 443, H.port] });
    expect((await refusal(client.get({ url: `http://u:p@127.0.0.1:${H.port}#@evil.com/` }))).code).toBe('BAD_URL');
    expect((await refusal(client.get({ url: `http://u:p@evil.com:${H.port}/` }))).code).toBe('BAD_URL');
    // Fragment and backslash: the parsed host is evil.com (the public alias); 127.0.0.1 is only path or fragment.
    const before = H.requests.length;
    await client.get({ url: `http://evil.com:${H.port}#@127.0.0.1/` });
    await client.get({ url: `http://evil.com:${H.port}\\@127.0.0.1/` });
    expect(H.requests.slice(before).map((r) => [r.listener, r.path])).toEqual([
      [ALIAS, '/'],
      [ALIAS, '/@127.0.0.1/'],
    ]);
    // Tabs and newlines are removed by the parser before the host is read: this is 127.0.0.1.
    expect((await refusal(client.get({ url: `http://127.0.\n0.1:${H.port}/` }))).code).toBe('SSRF_BLOCKED');
    expect((await refusal(client.get({ url: `http://1\t27.0.0.1:${H.port}/` }))).code).toBe('SSRF_BLOCKED');
    expect(H.accepted['127.0.0.1']).toBe(0);
  });
});

describe('#13 the Lambda Runtime API as an entry link', () => {
  it('#13 refuses http://127.0.0.1:9001/2018-06-01/runtime/invocation/next through the deployed extract handler', async () => {
    // Listen on the Runtime API port when it is free (else on H's port), counting connections.
    const runtimeApi = await startHostileServer(
      { '/2018-06-01/runtime/invocation/next': { body: '{"event":"stolen"}' } },
      { addresses: ['127.0.0.1'], port: await portOr(9001) },
    );
    const pipeline = await startPipeline();
    try {
      const link = `http://127.0.0.1:${runtimeApi.port}/2018-06-01/runtime/invocation/next`;
      const runtime = pipeline.extractRuntime();
      const q = articleQueue(pipeline, () => runtime, { batchSize: 5 });
      q.send(extractJob('https://feeds.example/feed.xml', link));
      await q.drain();
      expect(runtimeApi.totalAccepted()).toBe(0);
      expect(connections.attempts.filter((a) => a.port === runtimeApi.port)).toEqual([]);
      const article = await pipeline.reader.getByUrl(link);
      expect(article).toMatchObject({ status: 'feed-only', extraction: { error: { code: 'SSRF_BLOCKED' } } });
      expect(JSON.stringify(article)).not.toContain('stolen');
    } finally {
      await pipeline.close();
      await runtimeApi.close();
    }
  });
});

/** `port` if nothing listens on it on 127.0.0.1, else 0 (any free port). */
async function portOr(port: number): Promise<number> {
  const probe = createServer();
  const free = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (free) await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free ? port : 0;
}

describe('#14 service ports on a public host', () => {
  it('#14 refuses :22, :25, :6379 and :9000 (PORT_NOT_ALLOWED) before resolving or connecting', async () => {
    const services = await Promise.all(
      [6379, 9000].map(async (port) => startHostileServer({ '/': { body: 'service' } }, { addresses: [ALIAS], port: await portOr(port) })),
    );
    try {
      const dns = fakeDns({ 'public.test': ALIAS });
      const client = guardedTestClient({ resolveHost: dns.resolveHost });
      for (const port of [22, 25, 6379, 9000]) {
        const error = await refusal(client.get({ url: `http://public.test:${port}/` }));
        expect(error.code, String(port)).toBe('PORT_NOT_ALLOWED');
      }
      expect(dns.calls).toEqual([]);
      expect(connections.attempts).toEqual([]);
      for (const service of services) expect(service.totalAccepted()).toBe(0);
      // The same host on an allowed port is fetched: the port alone made the difference.
      const allowed = guardedTestClient({ resolveHost: dns.resolveHost, allowedPorts: [80, 443, H.port] });
      expect((await allowed.get({ url: `http://public.test:${H.port}/ok` })).status).toBe(200);
    } finally {
      await Promise.all(services.map((service) => service.close()));
    }
  });
});

describe('#15 ambient proxy variables', () => {
  it('#15 ignores HTTP_PROXY, HTTPS_PROXY and ALL_PROXY: the proxy receives nothing, the request goes direct', async () => {
    const proxy = await startHostileServer({}, { addresses: ['127.0.0.1'] });
    try {
      for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']) vi.stubEnv(name, proxy.origin());
      vi.stubEnv('NO_PROXY', '');
      vi.stubEnv('NODE_USE_ENV_PROXY', '1');
      const dns = fakeDns({ 'direct.test': ALIAS });
      const client = guardedTestClient({ resolveHost: dns.resolveHost, allowedPorts: [80, 443, H.port] });
      expect((await client.get({ url: `${H.origin(ALIAS)}/ok` })).status).toBe(200);
      expect((await client.get({ url: `http://direct.test:${H.port}/ok` })).status).toBe(200);
      expect(proxy.totalAccepted()).toBe(0);
      expect(connections.attempts.map((a) => a.port)).toEqual([H.port, H.port]);
    } finally {
      vi.unstubAllEnvs();
      await proxy.close();
    }
  });
});

describe('#16 URLs a page or feed asks to be fetched on the side', () => {
  it('#16 canonical, og:image, alternate feed, favicon, stylesheet, script, images, iframe, enclosure: nothing reaches 127.0.0.1', async () => {
    H.routes['/a16/feed.xml'] = { file: 'a16-side-fetches/feed.xml', headers: { 'content-type': 'application/rss+xml' } };
    H.routes['/a16/article.html'] = { file: 'a16-side-fetches/article.html', headers: { 'content-type': 'text/html' } };
    const pipeline = await startPipeline();
    try {
      const feedUrl = `${H.origin(ALIAS)}/a16/feed.xml`;
      await pipeline.subscribe(feedUrl);
      const client = guardedTestClient();
      const fetchRuntime = pipeline.fetchFeedRuntime({ http: client });
      const extractRuntime = pipeline.extractRuntime({ http: client });
      const feedQ = feedQueue(pipeline, () => fetchRuntime);
      const articleQ = articleQueue(pipeline, () => extractRuntime, { batchSize: 5 });
      const before = H.requests.length;
      feedQ.send(JSON.stringify({ kind: 'fetch-feed', version: 1, feedId: feedIdOf(feedUrl), url: feedUrl, window: '2026-01-15T10:00' }));
      await feedQ.drain();
      await articleQ.drain();
      await new Promise((resolve) => setTimeout(resolve, 200)); // anything jsdom might have scheduled

      expect(H.accepted['127.0.0.1']).toBe(0);
      // The site's robots.txt is read before its first page (on the same public alias, never 127.0.0.1).
      expect(H.requests.slice(before).map((r) => r.path)).toEqual(['/a16/feed.xml', '/robots.txt', '/a16/article.html']);
      const pageUrl = `${H.origin(ALIAS)}/a16/article.html`;
      const article = await pipeline.reader.getByUrl(pageUrl);
      expect(article?.status).toBe('extracted');
      // The canonical URL is kept as a value only; the identity stays the page's own URL.
      expect(article?.canonicalUrl).toBe(`${H.origin('127.0.0.1')}/canonical`);
      expect(article?.id).toBe(articleId(cleanUrl(pageUrl)));
    } finally {
      await pipeline.close();
    }
  });
});

describe('#17 huge and malformed URLs', () => {
  const cases: [string, string][] = [
    ['100 KB URL', `http://example.com/${'a'.repeat(100_000)}`],
    ['NUL byte in the host', 'http://exa\u0000mple.com/'],
    ['invalid percent-encoding in the host', 'http://exa%zzmple.com/'],
    ['IDNA error', 'http://xn--a.com/'],
    ['space in the host', 'http://exa mple.com/'],
    ['not a URL at all', '::::'],
  ];
  for (const [label, url] of cases) {
    it(`#17 ${label}: BAD_URL, no crash, at most 200 characters of the URL in the message`, async () => {
      const error = await refusal(guardedTestClient().get({ url }));
      expect(error.code).toBe('BAD_URL');
      expect(error.message.length).toBeLessThan(300);
      expect(connections.attempts).toEqual([]);
    });
  }

  it('#17 an entry with a 100 KB link through the extract handler: recorded as BAD_URL, every log field bounded', async () => {
    const pipeline = await startPipeline();
    try {
      const runtime = pipeline.extractRuntime({ http: guardedTestClient() });
      const q = articleQueue(pipeline, () => runtime, { batchSize: 5 });
      const huge = `http://example.com/${'a'.repeat(100_000)}`;
      q.send(extractJob('https://feeds.example/feed.xml', huge));
      await q.drain();
      expect(q.invocations.map((i) => i.failures)).toEqual([[]]);
      const stored = await pipeline.reader.getByUrl(huge);
      expect(stored).toMatchObject({ status: 'feed-only', extraction: { error: { code: 'BAD_URL' } } });
      expect(runtime.logs.length).toBeGreaterThan(0);
      for (const line of runtime.logs) {
        for (const value of Object.values(line.fields)) if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(MAX_LOG_FIELD_CHARS + 30);
      }
      expect(runtime.logs).toContainEqual(expect.objectContaining({ message: 'article stored', fields: expect.objectContaining({ error: 'BAD_URL' }) }));
    } finally {
      await pipeline.close();
    }
  });

  it('#1 #13 the allow-alias cannot open anything but loopback: a trusted address must be loopback, and the functions accept none but 127.0.0.1', () => {
    expect(() => createGuardedHttpClient({ userAgent: 'x', trustedAddresses: ['169.254.169.254'] })).toThrow(/not a loopback address/);
    expect(() => createGuardedHttpClient({ userAgent: 'x', trustedAddresses: ['10.0.0.5'] })).toThrow(/not a loopback address/);
    const base = {
      FEEDS_TABLE_NAME: 'f',
      FEED_QUEUE_URL: 'https://q',
      FEED_DLQ_URL: 'https://q',
      ARTICLE_QUEUE_URL: 'https://q',
      ARTICLE_DLQ_URL: 'https://q',
    };
    const env = {
      ...base,
      ARTICLES_TABLE_NAME: 'a',
      BODIES_TABLE_NAME: 'b',
      HOSTS_TABLE_NAME: 'h',
      USER_AGENT: 'u',
      MAX_RECEIVE_COUNT: '5',
      DEADLINE_MARGIN_MS: '1000',
    };
    expect(() => parseEnv(FetchFeedEnvSchema, { ...env, FEEDLOOM_TEST_TRUSTED_ADDRESS: '169.254.169.254' })).toThrow(/FEEDLOOM_TEST_TRUSTED_ADDRESS/);
    expect(() => parseEnv(ExtractArticleEnvSchema, { ...env, FEEDLOOM_TEST_TRUSTED_ADDRESS: '10.0.0.5' })).toThrow(/FEEDLOOM_TEST_TRUSTED_ADDRESS/);
  });
});
