// The naive pipeline of `npm run bench:ingest`, run in its own process: what a user writes first.
// For each feed, one after another: fetch it, parse it with rss-parser (JSON.parse for JSON Feed,
// which rss-parser does not read), then for each entry in turn fetch the page, new JSDOM,
// Readability, and PutItem into a table on an embedded dynalite (the same engine Feedloom embeds),
// with the entry's guid or link as the id and no other dedupe.
// Usage: tsx bench/support/naive-ingest.ts --feeds FILE (one URL a line) --db DIR
// Prints one JSON line: { articles, failures, ingestMs }.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Readability } from '@mozilla/readability';
import dynalite from 'dynalite';
import { JSDOM, VirtualConsole } from 'jsdom';
import Parser from 'rss-parser';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The table the naive pipeline writes to (bench/support/count-stored.ts reads it). */
const NAIVE_TABLE = 'articles';

const { values } = parseArgs({ options: { feeds: { type: 'string' }, db: { type: 'string' } } });
if (!values.feeds || !values.db) throw new Error('usage: naive-ingest.ts --feeds FILE --db DIR');
const feedUrls = readFileSync(values.feeds, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);

const server = dynalite({ path: values.db, createTableMs: 0 });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
await client.send(
  new CreateTableCommand({
    TableName: NAIVE_TABLE,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  }),
);

interface Entry {
  id: string;
  link: string;
  title: string | undefined;
  published: string | undefined;
}

const parser = new Parser();
// jsdom's console noise about stylesheets it cannot parse is not part of the work measured.
const silent = new VirtualConsole();

async function readEntries(url: string): Promise<Entry[]> {
  const response = await fetch(url);
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    const feed = JSON.parse(text) as { items: { id?: string; url?: string; title?: string; date_published?: string }[] };
    return feed.items.map((item) => ({ id: item.id ?? item.url ?? '', link: item.url ?? '', title: item.title, published: item.date_published }));
  }
  const feed = await parser.parseString(text);
  return feed.items.map((item) => ({ id: item.guid ?? item.link ?? '', link: item.link ?? '', title: item.title, published: item.isoDate }));
}

let articles = 0;
let failures = 0;
const started = performance.now();
for (const feedUrl of feedUrls) {
  let entries: Entry[];
  try {
    entries = await readEntries(feedUrl);
  } catch {
    failures++;
    continue;
  }
  for (const entry of entries) {
    try {
      const html = await (await fetch(entry.link)).text();
      const dom = new JSDOM(html, { url: entry.link, virtualConsole: silent });
      const parsed = new Readability(dom.window.document).parse();
      dom.window.close();
      await documents.send(
        new PutCommand({
          TableName: NAIVE_TABLE,
          Item: {
            id: entry.id,
            url: entry.link,
            feedUrl,
            title: parsed?.title ?? entry.title,
            byline: parsed?.byline ?? undefined,
            publishedAt: parsed?.publishedTime ?? entry.published,
            excerpt: parsed?.excerpt ?? undefined,
            siteName: parsed?.siteName ?? undefined,
            content: parsed?.content ?? undefined,
            textContent: parsed?.textContent ?? undefined,
          },
        }),
      );
      articles++;
    } catch {
      failures++;
    }
  }
}
const ingestMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ articles, failures, ingestMs })}\n`);
client.destroy();
await new Promise<void>((resolve) => server.close(() => resolve()));
