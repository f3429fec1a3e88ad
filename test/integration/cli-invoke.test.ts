import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { type SiteServer, serveSite } from '../../demo/serve-site';
import { startEmbeddedDynamo } from '../../shared/adapters/dynamodb/embedded-dynamodb';
import { ArticleSchema } from '../../shared/article/article';
import { ExtractArticleJobSchema, FetchFeedJobSchema } from '../../shared/ingestion/jobs';
import { feedIdOf } from '../../shared/ingestion/subscribe-feeds';

// `feedloom invoke` in-process, on the shipped example events (examples/events/), which name the demo
// site at http://127.0.0.1:4477: here they are pointed at a demo site on a free port instead.
const EXAMPLES = fileURLToPath(new URL('../../examples/events/', import.meta.url));
const DEMO_ORIGIN = 'http://127.0.0.1:4477';

interface InvokeOutput {
  response: unknown;
  error?: { code: string; message: string };
  sent: unknown[];
  deadLetters: { reason: string; detail: string; messageId: string; body: string }[];
  retries: { messageId: string; delaySeconds: number }[];
  metrics: Record<string, number>;
}

let site: SiteServer;
let work: string;

beforeAll(async () => {
  site = await serveSite({ root: fileURLToPath(new URL('../../demo/site', import.meta.url)) });
  work = await mkdtemp(join(tmpdir(), 'feedloom-invoke-'));
  // The feed ids in the examples are those of the feeds' URLs at port 4477: they move with the origin.
  const ids = ['world.rss', 'tech.atom', 'culture.json'].map((feed) => [feedIdOf(`${DEMO_ORIGIN}/feeds/${feed}`), feedIdOf(`${site.origin}/feeds/${feed}`)]);
  for (const file of await readdir(EXAMPLES)) {
    if (!file.endsWith('.json')) continue;
    let text = (await readFile(join(EXAMPLES, file), 'utf8')).split(DEMO_ORIGIN).join(site.origin);
    for (const [demoId, id] of ids) text = text.split(demoId as string).join(id as string);
    await writeFile(join(work, file), text);
  }
});

afterAll(async () => {
  await site?.close();
  await rm(work, { recursive: true, force: true });
});

async function invoke(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string; json: InvokeOutput | null }> {
  let out = '';
  let err = '';
  const code = await runCli(['invoke', ...args], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
    cwd: work,
    env: { POWERTOOLS_LOG_LEVEL: 'INFO' },
  });
  let json: InvokeOutput | null = null;
  try {
    json = JSON.parse(out);
  } catch {
    json = null;
  }
  return { code, out, err, json };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    cwd: work,
    env: {},
  });
  return { code, out, err };
}

describe('feedloom invoke: the walk-through of the README on the example events', () => {
  const db = 'walk-db';
  let fetched: InvokeOutput;

  it('sync-feeds subscribes the feeds of a CloudFormation custom-resource event', async () => {
    const { code, json, err } = await invoke(['sync-feeds', '--event', 'sync-feeds-create.json', '--db', db]);
    expect(code, err).toBe(0);
    expect(json?.response).toEqual({ PhysicalResourceId: 'feedloom-feed-list', Data: { added: 3, existing: 0, removed: 0 } });
    const feeds = await cli(['feeds', 'list', '--json', '--db', db]);
    expect(feeds.out.trim().split('\n')).toHaveLength(3);
  });

  it('fetch-feed on a bare job fetches the feed and records the extract jobs it queued', async () => {
    const { code, json, err } = await invoke(['fetch-feed', '--event', 'fetch-feed-job.json', '--db', db, '--allow-private-network']);
    expect(code, err).toBe(0);
    expect(json?.response).toEqual({ batchItemFailures: [] });
    expect(json?.sent.length).toBeGreaterThan(0);
    for (const sent of json?.sent ?? []) expect(ExtractArticleJobSchema.parse(sent).feedUrl).toBe(`${site.origin}/feeds/tech.atom`);
    expect(json?.metrics).toMatchObject({ FeedsUpdated: 1, EntriesQueued: json?.sent.length });
    // The handler's log lines went to stderr, so stdout stayed one JSON object.
    expect(err).toMatch(/"message":"feed refreshed"/);
    fetched = json as InvokeOutput;
  });

  it('extract-article takes the whole output of that invocation and stores every article', async () => {
    await writeFile(join(work, 'fetched.json'), JSON.stringify(fetched));
    const { code, json, err } = await invoke(['extract-article', '--event', 'fetched.json', '--db', db, '--allow-private-network']);
    expect(code, err).toBe(0);
    expect(json).toMatchObject({ response: { batchItemFailures: [] }, sent: [], deadLetters: [] });
    expect(json?.metrics.ArticlesWritten).toBe(fetched.sent.length);
    for (const job of fetched.sent.map((sent) => ExtractArticleJobSchema.parse(sent))) {
      const shown = await cli(['article', job.item.url as string, '--db', db]);
      expect(shown.code, shown.err).toBe(0);
      expect(ArticleSchema.parse(JSON.parse(shown.out))).toMatchObject({ status: 'extracted', feedId: job.feedId });
    }
  });

  it('replays the same jobs from stdin as an array: stored once, nothing rewritten', async () => {
    const { code, json, err } = await invoke(['extract-article', '--event', '-', '--db', db, '--allow-private-network'], JSON.stringify(fetched.sent));
    expect(code, err).toBe(0);
    expect(json?.metrics.ArticlesUnchanged).toBe(fetched.sent.length);
  });

  it('fetch-feed on a full SQS event fetches the world feed', async () => {
    const { code, json, err } = await invoke(['fetch-feed', '--event', 'fetch-feed-sqs-event.json', '--db', db, '--allow-private-network']);
    expect(code, err).toBe(0);
    expect(json?.response).toEqual({ batchItemFailures: [] });
    expect(json?.metrics).toMatchObject({ FeedsUpdated: 1 });
    const urls = (json?.sent ?? []).map((sent) => ExtractArticleJobSchema.parse(sent).item.url);
    expect(urls).toContain(`${site.origin}/news/mena/iran-china-agree-to-step-up-military-cooperation.html`);
  });

  it('a job with its feedId left out gets the id of its URL, and says so', async () => {
    const job = JSON.parse(await readFile(join(work, 'fetch-feed-job.json'), 'utf8'));
    const expectedId = job.feedId;
    delete job.feedId;
    const { code, json, err } = await invoke(['fetch-feed', '--event', '-', '--db', db, '--allow-private-network'], JSON.stringify(job));
    expect(code, err).toBe(0);
    expect(err).toMatch(/^feedloom: the event: filled in feedId$/m);
    // Fetched above: the conditional GET answers 304, so nothing new is queued.
    expect(json?.metrics).toMatchObject({ FeedsNotModified: 1 });
    expect(expectedId).toBe(feedIdOf(job.url));
  });

  it('dispatch queues a fetch job for every feed that is due, which fetch-feed then takes', async () => {
    const { code, json, err } = await invoke(['dispatch', '--event', 'dispatch-scheduled.json', '--db', db]);
    expect(code, err).toBe(0);
    // tech.atom and world.rss were fetched above and are not due again yet; culture.json is.
    expect(json?.response).toEqual({ dispatched: 1 });
    expect((json?.sent ?? []).map((sent) => FetchFeedJobSchema.parse(sent).url)).toEqual([`${site.origin}/feeds/culture.json`]);
  });
});

describe('feedloom invoke: events as AWS delivers them', () => {
  it('passes an SQS event through as it is: poison records are set aside with their reason, the good one is stored', async () => {
    const { code, json, err } = await invoke([
      'extract-article',
      '--event',
      'extract-article-with-poison.json',
      '--db',
      'poison-db',
      '--allow-private-network',
    ]);
    expect(code, err).toBe(0);
    expect(json?.response).toEqual({ batchItemFailures: [] });
    // Sorted: records of a batch may run concurrently, so the order of the dead letters is not fixed.
    expect(json?.deadLetters.map((letter) => [letter.messageId, letter.reason]).sort()).toEqual([
      ['poison-1', 'POISON_UNKNOWN_VERSION'],
      ['poison-2', 'POISON_MALFORMED_JSON'],
    ]);
    expect(json?.metrics).toMatchObject({ PoisonMessages: 2, ArticlesWritten: 1 });
  });

  it('stores the reference article from the bare job example', async () => {
    const { code, json, err } = await invoke(['extract-article', '--event', 'extract-article-job.json', '--db', 'bare-db', '--allow-private-network']);
    expect(code, err).toBe(0);
    expect(json?.response).toEqual({ batchItemFailures: [] });
    const shown = await cli(['article', `${site.origin}/news/mena/iran-china-agree-to-step-up-military-cooperation.html`, '--db', 'bare-db']);
    expect(ArticleSchema.parse(JSON.parse(shown.out))).toMatchObject({ status: 'extracted', section: 'MENA', image: { credit: 'Getty' } });
  });

  it('works on any DynamoDB given with --endpoint, creating the tables on a local one', async () => {
    const engine = await startEmbeddedDynamo(null);
    try {
      const { code, json, err } = await invoke([
        'extract-article',
        '--event',
        'extract-article-job.json',
        '--endpoint',
        engine.endpoint,
        '--allow-private-network',
      ]);
      expect(code, err).toBe(0);
      expect(json?.metrics.ArticlesWritten).toBe(1);
      const shown = await cli(['article', `${site.origin}/news/mena/iran-china-agree-to-step-up-military-cooperation.html`, '--endpoint', engine.endpoint]);
      expect(shown.code, shown.err).toBe(0);
    } finally {
      await engine.close();
    }
  });

  it('without --allow-private-network the page on 127.0.0.1 is refused, as in AWS, and the entry is still stored', async () => {
    const { code, json, err } = await invoke(['extract-article', '--event', 'extract-article-job.json', '--db', 'refused-db']);
    expect(code, err).toBe(0);
    expect(json?.response).toEqual({ batchItemFailures: [] });
    const job = ExtractArticleJobSchema.parse(JSON.parse(await readFile(join(work, 'extract-article-job.json'), 'utf8')));
    const shown = await cli(['article', job.item.url as string, '--db', 'refused-db']);
    const article = ArticleSchema.parse(JSON.parse(shown.out));
    expect(article.status).not.toBe('extracted');
    expect(article.extraction.error?.code).toMatch(/^SSRF_BLOCKED/);
  });

  it('reports a retry delay asked for by a page answering 503 with Retry-After', async () => {
    const busy = await serveSite({ root: fileURLToPath(new URL('../fixtures/events/retry-later/site', import.meta.url)) });
    try {
      const job = (await readFile(fileURLToPath(new URL('../fixtures/events/retry-later/job.json', import.meta.url)), 'utf8'))
        .split('{{origin}}')
        .join(busy.origin);
      await writeFile(join(work, 'busy.json'), job);
      const { code, json, err } = await invoke(['extract-article', '--event', 'busy.json', '--db', 'busy-db', '--allow-private-network']);
      expect(code, err).toBe(0);
      expect(json?.response).toEqual({ batchItemFailures: [{ itemIdentifier: 'local-1' }] });
      expect(json?.retries).toEqual([{ messageId: 'local-1', delaySeconds: 120 }]);
    } finally {
      await busy.close();
    }
  });
});

describe('feedloom invoke: bad input', () => {
  it.each([
    ['not-json.json', 'extract-article', 'this is not json', /^feedloom: BAD_EVENT: not-json\.json is not JSON: /],
    ['wrong-kind.json', 'extract-article', '{"kind":"fetch-feed","version":1}', /is a fetch-feed job: run `feedloom invoke fetch-feed` with it/],
    ['no-records.json', 'fetch-feed', '{"Records":[]}', /not a valid SQS event: Records: an SQS event has at least one record/],
    ['bad-body.json', 'fetch-feed', '{"Records":[{"body":12}]}', /not a valid SQS event: Records\.0\.body/],
    [
      'bad-job.json',
      'fetch-feed',
      '{"kind":"fetch-feed","url":42}',
      /not a valid fetch-feed job: feedId: .*; url: Invalid input: expected string, received number/,
    ],
    ['nothing-sent.json', 'extract-article', '{"response":{"batchItemFailures":[]},"sent":[]}', /the invocation that produced it sent nothing/],
    ['bad-cfn.json', 'sync-feeds', '{"RequestType":"Replace","ResourceProperties":{}}', /not a CloudFormation custom-resource event: RequestType/],
    ['array.json', 'dispatch', '[]', /a dispatch event is a JSON object/],
  ])('%s: one-line error, exit 1, nothing on stdout', async (file, fn, text, message) => {
    await writeFile(join(work, file), text);
    const { code, out, err } = await invoke([fn, '--event', file, '--db', 'bad-db']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });

  it.each([
    [['nope', '--event', 'x.json'], /invoke needs a function: dispatch, fetch-feed, extract-article, sync-feeds \(not "nope"\)/],
    [['dispatch'], /invoke needs --event FILE/],
    [['dispatch', '--event', 'missing.json'], /cannot read event missing\.json: ENOENT/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const { code, err } = await invoke(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('exits 1 with the error in the output when the handler throws', async () => {
    await writeFile(join(work, 'bad-list.json'), JSON.stringify({ RequestType: 'Create', ResourceProperties: { FeedList: 42 } }));
    const { code, json, err } = await invoke(['sync-feeds', '--event', 'bad-list.json', '--db', 'bad-db']);
    expect(code).toBe(1);
    expect(json).toMatchObject({ response: null, error: { code: 'BAD_FEED_LIST' } });
    expect(err).toMatch(/^feedloom: BAD_FEED_LIST: the handler threw: /m);
  });
});
