// Storage benchmark: latency of the store and reader on dynalite and DynamoDB Local side by side,
// and the write capacity of an article under the chosen index projection (KEYS_ONLY) against ALL.
// Run: npm run bench:storage   (single process; starts both engines; about two minutes)

import { readFileSync } from 'node:fs';
import { CreateTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { encodeArticleBody, toArticleItem } from '../shared/adapters/dynamodb/article-item';
import { ArticleReader } from '../shared/adapters/dynamodb/article-reader';
import { DynamoArticleStore } from '../shared/adapters/dynamodb/article-store';
import { createDynamoClients } from '../shared/adapters/dynamodb/create-dynamo-clients';
import { startDynamoDbLocal } from '../shared/adapters/dynamodb/dynamodb-local-server';
import { startEmbeddedDynamo } from '../shared/adapters/dynamodb/embedded-dynamodb';
import { ensureTables } from '../shared/adapters/dynamodb/ensure-tables';
import { tableDefinitions } from '../shared/adapters/dynamodb/table-definitions';
import { type Article, ArticleSchema } from '../shared/article/article';
import { articleId, sha256Hex } from '../shared/article/article-id';
import { seededRandom } from './support/seeded-random';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const base = ArticleSchema.parse(JSON.parse(readFileSync(new URL('../test/integration/storage/fixtures/article/article.json', import.meta.url), 'utf8')));

/** Prose-like text of about `bytes` (a skewed 5,000-word vocabulary, like the storage tests). */
function prose(bytes: number, seed: number): string {
  const random = seededRandom(seed);
  const syllables = ['ka', 'lo', 'mi', 'ran', 'te', 'sor', 'vi', 'an', 'del', 'por', 'shi', 'nu', 'tra', 'el', 'go', 'ber', 'qua', 'lin', 'fe', 'mon'];
  const words = Array.from({ length: 5000 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * 20)]).join(''));
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const paragraph = Array.from({ length: 60 }, () => words[Math.floor(words.length * random() ** 2.5)]).join(' ');
    out.push(paragraph);
    size += paragraph.length + 2;
  }
  return out.join('\n\n');
}

function article(n: number, text?: string): Article {
  const url = `https://meridian-ledger.example/bench/${n}.html`;
  const contentText = text ?? `${base.contentText}\n\nBench article ${n}.`;
  return {
    ...base,
    id: articleId(url),
    url,
    canonicalUrl: url,
    feedId: `feed-${n % 10}`,
    publishedAt: new Date(Date.parse('2025-01-01T00:00:00Z') + n * 60_000).toISOString(),
    contentText,
    contentHtml: text ? `<p>${text}</p>` : base.contentHtml,
    contentHash: sha256Hex(contentText),
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

async function timed(runs: number, action: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

async function latencies(endpoint: string): Promise<Record<string, number>> {
  const { client, documents } = createDynamoClients({ endpoint });
  const names = { articles: 'bench-articles', feeds: 'bench-feeds', bodies: 'bench-bodies' };
  await ensureTables(client, names);
  const store = new DynamoArticleStore({ client: documents, tableName: names.articles, bodiesTableName: names.bodies });
  const reader = new ArticleReader({ client: documents, tableName: names.articles, bodiesTableName: names.bodies });
  const big = [0, 1, 2, 3, 4].map((i) => article(100_000 + i, prose(2 * 1024 * 1024, i)));
  const results: Record<string, number> = {};
  results['put, new article (1,000 runs)'] = await timed(1000, (i) => store.put(article(i)));
  results['put, same content again (200)'] = await timed(200, (i) => store.put({ ...article(i), fetchedAt: '2026-01-01T00:00:00.000Z' }));
  results['put, changed content: revision 2 (200)'] = await timed(200, (i) => store.put(article(i, `Changed ${i}`)));
  results['getById (200)'] = await timed(200, (i) => reader.getById(article(i * 3).id));
  results['getByUrl (200)'] = await timed(200, (i) => reader.getByUrl(article(i * 3).url));
  results['listLatest, 20 a page (50)'] = await timed(50, () => reader.listLatest({ limit: 20 }));
  results['listLatest, 100 a page (20)'] = await timed(20, () => reader.listLatest({ limit: 100 }));
  results['listByFeed, 20 a page (50)'] = await timed(50, (i) => reader.listByFeed(`feed-${i % 10}`, { limit: 20 }));
  results['put, 2 MB article (5)'] = await timed(5, (i) => store.put(big[i] as Article));
  results['getById, 2 MB article (5)'] = await timed(5, (i) => reader.getById((big[i] as Article).id));
  client.destroy();
  return results;
}

/** Write capacity of the same items under KEYS_ONLY (ours) and ALL projections, from DynamoDB Local's ConsumedCapacity. */
async function writeCapacity(endpoint: string): Promise<string[]> {
  const { client, documents } = createDynamoClients({ endpoint });
  const rows: string[] = [];
  const variants: Record<string, CreateTableCommandInput> = {};
  for (const projection of ['KEYS_ONLY', 'ALL'] as const) {
    const [articles] = tableDefinitions({ articles: `wcu-${projection}`, feeds: 'unused' });
    const definition = {
      ...articles,
      GlobalSecondaryIndexes: articles?.GlobalSecondaryIndexes?.map((index) => ({ ...index, Projection: { ProjectionType: projection } })),
    } as CreateTableCommandInput;
    await client.send(new CreateTableCommand(definition));
    variants[projection] = definition;
  }
  const cases: [string, Article, Article | null][] = [
    ['demo-size article (7 KB body, brotli in the item: it saves write units)', article(1), null],
    ['100 KB body (brotli in the item)', article(2, prose(100 * 1024, 9)), null],
    ['300 KB body (brotli in the item)', article(3, prose(300 * 1024, 10)), null],
    ['revision 2 of the demo-size article, same time and feed', article(1), { ...article(1, `${base.contentText} Corrected.`), revision: 2 }],
  ];
  for (const [label, first, second] of cases) {
    const units: Record<string, number> = {};
    for (const projection of Object.keys(variants)) {
      const tableName = `wcu-${projection}`;
      let consumed = 0;
      for (const version of second ? [first, second] : [first]) {
        const item = toArticleItem(
          version,
          encodeArticleBody(version, () => 'bench'),
        );
        const result = await documents.send(new PutCommand({ TableName: tableName, Item: item, ReturnConsumedCapacity: 'INDEXES' }));
        consumed = result.ConsumedCapacity?.CapacityUnits ?? Number.NaN;
      }
      units[projection] = consumed;
    }
    rows.push(`| ${label} | ${units.KEYS_ONLY} | ${units.ALL} | ${((units.ALL as number) / (units.KEYS_ONLY as number)).toFixed(1)}x |`);
  }
  client.destroy();
  return rows;
}

const dynalite = await startEmbeddedDynamo(null);
const local = await startDynamoDbLocal();
try {
  const onDynalite = await latencies(dynalite.endpoint);
  const onLocal = await latencies(local.endpoint);
  console.log('| operation (runs) | dynalite median ms | DynamoDB Local median ms | Local / dynalite |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [label, ms] of Object.entries(onDynalite)) {
    const other = onLocal[label] as number;
    console.log(`| ${label} | ${ms.toFixed(1)} | ${other.toFixed(1)} | ${(other / ms).toFixed(2)} |`);
  }
  console.log('\n| write (DynamoDB Local, ReturnConsumedCapacity) | WCU with KEYS_ONLY indexes | WCU with ALL | ALL / KEYS_ONLY |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of await writeCapacity(local.endpoint)) console.log(row);
} finally {
  await local.stop();
  await dynalite.close();
}
