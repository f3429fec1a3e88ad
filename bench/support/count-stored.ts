import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../shared/adapters/dynamodb/create-dynamo-clients';
import { startEmbeddedDynamo } from '../../shared/adapters/dynamodb/embedded-dynamodb';
import { DEFAULT_TABLE_NAMES } from '../../shared/adapters/dynamodb/table-design';

/** The table bench/support/naive-ingest.ts writes to. */
export const NAIVE_TABLE = 'articles';

/** What a store holds after a run, read back from the database itself. */
export interface StoredCount {
  articles: number;
  byStatus: Record<string, number>;
  /** Expected page URLs with no stored article. */
  missing: number;
  /** Stored articles whose URL was not expected (duplicates under another id would show here). */
  unexpected: number;
}

/**
 * Opens the dynalite data folder a finished run left behind and scans `table` for every item's
 * url (and status), so counts come from the store, not from the run's own summary.
 */
export async function countStored(dbDir: string, table: 'feedloom' | 'naive', expectedUrls: readonly string[]): Promise<StoredCount> {
  const dynamo = await startEmbeddedDynamo(dbDir);
  const { client, documents } = createDynamoClients({ endpoint: dynamo.endpoint, maxAttempts: 3 });
  try {
    const expected = new Set(expectedUrls);
    const seen = new Set<string>();
    const byStatus: Record<string, number> = {};
    let articles = 0;
    let unexpected = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({
          TableName: table === 'feedloom' ? DEFAULT_TABLE_NAMES.articles : NAIVE_TABLE,
          ProjectionExpression: '#url, #status',
          ExpressionAttributeNames: { '#url': 'url', '#status': 'status' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        articles++;
        const status = typeof item.status === 'string' ? item.status : 'n/a';
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        const url = String(item.url);
        if (expected.has(url)) seen.add(url);
        else unexpected++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { articles, byStatus, missing: expected.size - seen.size, unexpected };
  } finally {
    client.destroy();
    await dynamo.close();
  }
}
