import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtractArticleJob } from '../../../bench/support/build-extract-article-job';
import { runCli } from '../../../cli/main';
import { createHandler as createCheckHandler } from '../../../functions/check-site-health/handler';
import { buildCheckSiteHealthRuntime } from '../../../functions/runtime/dependencies';
import { DynamoArticleStore } from '../../../shared/adapters/dynamodb/article-store';
import { createDynamoClients } from '../../../shared/adapters/dynamodb/create-dynamo-clients';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../../../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../../../shared/adapters/dynamodb/ensure-tables';
import { DynamoSiteHealthStore } from '../../../shared/adapters/dynamodb/site-health-store';
import { DEFAULT_TABLE_NAMES } from '../../../shared/adapters/dynamodb/table-design';
import { createGuardedHttpClient } from '../../../shared/adapters/http/guarded-http-client';
import { extractArticle } from '../../../shared/extraction/extract-article';
import { checkSiteHealth } from '../../../shared/ingestion/check-site-health';
import { extractAndStoreArticle } from '../../../shared/ingestion/extract-and-store-article';
import { DEFAULT_INGESTION_SETTINGS } from '../../../shared/ingestion/settings';
import { siteOf } from '../../../shared/ingestion/site-health';
import { lambdaContext } from '../functions/support/lambda-context';

const SENTENCES = [
  'The harbour authority said the new berth would open to container ships in the spring after two years of delays.',
  'Residents who spoke at the council meeting asked for the night-time noise limits to be written into the permit.',
  'Engineers found that the old quay wall had moved by several centimetres since the last survey was carried out.',
  'The ferry operator expects the timetable to return to normal once the dredging work at the entrance is finished.',
];

/** A real article page (about 400 words) or, after the redesign, the navigation-only shell that replaced it. */
function page(n: number, redesigned: boolean): string {
  const nav = `<header><a href="/">The Loopback Gazette</a><nav><ul>${['News', 'Sport', 'Business', 'Culture', 'Opinion', 'Weather']
    .map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`)
    .join('')}</ul></nav></header>`;
  const footer = '<footer><a href="/about">About us</a> <a href="/privacy">Privacy</a></footer>';
  if (redesigned) {
    const promos = Array.from({ length: 8 }, (_, i) => `<li><a href="/story-${i}.html">Another headline about the harbour, number ${i}</a></li>`).join('');
    return `<!doctype html><html lang="en"><head><title>Story ${n} | The Loopback Gazette</title></head><body>${nav}<main><div class="promo"><h2>Top stories</h2><ul>${promos}</ul></div><div id="app"></div></main>${footer}</body></html>`;
  }
  const paragraphs = Array.from({ length: 10 }, (_, i) => `<p>${SENTENCES[(n + i) % 4]} ${SENTENCES[(n + i + 1) % 4]} ${SENTENCES[(n + i + 2) % 4]}</p>`).join(
    '',
  );
  return `<!doctype html><html lang="en"><head><title>Story ${n} | The Loopback Gazette</title></head><body>${nav}<main><article><h1>Harbour story number ${n}</h1>${paragraphs}</article></main>${footer}</body></html>`;
}

/** A loopback news site whose pages can be "redesigned" into navigation-only shells. */
async function startSite(): Promise<{ origin: string; redesign(): void; close(): Promise<void> }> {
  let redesigned = false;
  const server: Server = createServer((request, response) => {
    const n = Number(/story-(\d+)\.html/.exec(request.url ?? '')?.[1] ?? 0);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(n, redesigned));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    redesign: () => {
      redesigned = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const DAY = 86_400_000;

describe('per-site extraction health: a site redesign pages somebody', () => {
  let dynamo: EmbeddedDynamo;
  let clients: ReturnType<typeof createDynamoClients>;
  let redesignedSite: Awaited<ReturnType<typeof startSite>>;
  let steadySite: Awaited<ReturnType<typeof startSite>>;
  let siteHealth: DynamoSiteHealthStore;
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const logger = { info: () => {}, error: () => {}, warn: (message: string, fields?: Record<string, unknown>) => warnings.push({ message, fields }) };
  // The simulated days end today (real time), so the CLI and the check function, on the system clock, see the same days.
  const today = new Date();
  let n = 0;

  const ingest = async (origin: string, at: Date): Promise<string> => {
    n++;
    const url = `${origin}/story-${n}.html`;
    const job = buildExtractArticleJob({
      feedId: 'f1',
      feedUrl: `${origin}/feed.xml`,
      discoveredAt: at.toISOString(),
      item: {
        itemId: `item-${n}`,
        url,
        title: `Harbour story number ${n}`,
        summary: 'What the feed says about the story, kept when the page cannot be used.',
      },
    });
    const result = await extractAndStoreArticle(
      job,
      {
        http: createGuardedHttpClient({ userAgent: 'feedloom-test', allowPrivateNetwork: true }),
        articles: new DynamoArticleStore({ client: clients.documents, tableName: DEFAULT_TABLE_NAMES.articles }),
        siteHealth,
        clock: { now: () => at },
        settings: DEFAULT_INGESTION_SETTINGS,
        extract: extractArticle,
        logger,
      },
      { finalAttempt: false },
    );
    return result.status;
  };

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo(null);
    clients = createDynamoClients({ endpoint: dynamo.endpoint });
    await ensureTables(clients.client, DEFAULT_TABLE_NAMES);
    siteHealth = new DynamoSiteHealthStore({ client: clients.documents, tableName: DEFAULT_TABLE_NAMES.siteHealth });
    redesignedSite = await startSite();
    steadySite = await startSite();
    // Five days in which both sites extract well, four articles a day each.
    for (let daysAgo = 5; daysAgo >= 1; daysAgo--) {
      for (let i = 0; i < 4; i++) {
        const at = new Date(today.getTime() - daysAgo * DAY);
        expect(await ingest(redesignedSite.origin, at)).toBe('extracted');
        expect(await ingest(steadySite.origin, at)).toBe('extracted');
      }
    }
  }, 60_000);
  afterAll(async () => {
    clients.client.destroy();
    await redesignedSite.close();
    await steadySite.close();
    await dynamo.close();
  });

  it('flags the redesigned site, and only it, once enough of its pages came back as navigation', async () => {
    // Before the redesign, today's articles look like every other day's.
    for (let i = 0; i < 3; i++) await ingest(redesignedSite.origin, today);
    expect((await checkSiteHealth({ sites: siteHealth, clock: { now: () => today } })).degraded).toEqual([]);

    redesignedSite.redesign();
    const statuses: string[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(await ingest(redesignedSite.origin, today));
      await ingest(steadySite.origin, today);
    }
    expect(statuses.every((s) => s === 'feed-only')).toBe(true);

    const check = await checkSiteHealth({ sites: siteHealth, clock: { now: () => today }, logger });
    const host = siteOf(redesignedSite.origin);
    expect(check.sitesSeen).toBe(2);
    expect(check.degraded.map((site) => site.host)).toEqual([host]);
    expect(check.degraded[0]).toMatchObject({ reasons: ['extracted-share'], recent: { articles: 9, extracted: 3, feedOnly: 6 }, baseline: { goodDays: 5 } });
    expect(warnings.find((w) => w.message === 'site extraction degraded')?.fields).toMatchObject({ host, recentArticles: 9 });
  });

  it('the deployed check function publishes one DegradedSites metric and names the site in its log', async () => {
    const runtime = buildCheckSiteHealthRuntime({ SITE_HEALTH_TABLE_NAME: DEFAULT_TABLE_NAMES.siteHealth, FEEDLOOM_TEST_DYNAMODB_ENDPOINT: dynamo.endpoint });
    const published: Record<string, unknown>[] = [];
    const metrics = runtime.metrics as Metrics;
    metrics.publishStoredMetrics = function (this: Metrics) {
      published.push(this.serializeMetrics() as unknown as Record<string, unknown>);
      this.clearMetrics();
      return this;
    };
    const result = await createCheckHandler(() => runtime)({}, lambdaContext());
    expect(result).toEqual({ sitesSeen: 2, degraded: [siteOf(redesignedSite.origin)] });
    const emf = published[0] as { DegradedSites?: number; service?: string; _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] } };
    expect(emf.DegradedSites).toBe(1);
    expect(emf.service).toBe('check-site-health');
    expect(emf._aws.CloudWatchMetrics[0]?.Namespace).toBe('Feedloom');
    expect(emf._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
  });

  it('`feedloom sites` shows the same figures and flags the same site', async () => {
    let stdout = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, cwd: process.cwd(), env: {} };
    expect(await runCli(['sites', '--endpoint', dynamo.endpoint, '--json'], io)).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const redesigned = rows.find((r) => r.host === siteOf(redesignedSite.origin));
    const steady = rows.find((r) => r.host === siteOf(steadySite.origin));
    expect(redesigned).toMatchObject({ articles: 29, extracted: 23, feedOnly: 6, failed: 0, degraded: ['extracted-share'] });
    expect(redesigned.meanWords).toBeGreaterThan(300);
    expect(steady).toMatchObject({ articles: 26, extracted: 26, feedOnly: 0, degraded: null });

    stdout = '';
    expect(await runCli(['sites', '--endpoint', dynamo.endpoint, '--days', '1'], io)).toBe(0);
    expect(stdout).toMatch(new RegExp(`${siteOf(redesignedSite.origin)}\\s+9\\s+3 33%\\s+6\\s+0\\s+\\d+  DEGRADED \\(extracted-share\\)`));
    expect(stdout).toContain('1 site(s) degraded');
  });
});
