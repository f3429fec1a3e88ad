import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Article, ArticleSchema } from '../../article/article';
import type { ArticleStore, PutArticleResult } from '../../ingestion/ports';
import { fromArticleItem, toArticleItem } from './article-item';
import { ARTICLES } from './table-design';

/** Options of the DynamoDB article store. */
export interface DynamoArticleStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Seconds to keep an article (sets the TTL attribute); undefined keeps it forever. */
  retentionSeconds?: number;
}

const MAX_RACE_RETRIES = 20;

/**
 * ArticleStore on DynamoDB. Every write is conditional on what was read: a new article only if
 * none exists, a new revision only if the stored revision and hash are still the ones read. A
 * writer that loses a race re-reads and decides again, so concurrent writers never duplicate an
 * article or skip a revision, and a redelivered job writes nothing.
 */
export class DynamoArticleStore implements ArticleStore {
  constructor(private readonly options: DynamoArticleStoreOptions) {}

  async get(id: string): Promise<Article | null> {
    const result = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: { [ARTICLES.partitionKey]: id }, ConsistentRead: true }),
    );
    return result.Item ? fromArticleItem(result.Item) : null;
  }

  async put(input: Article): Promise<PutArticleResult> {
    const article = ArticleSchema.parse(input);
    for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
      const existing = await this.get(article.id);
      try {
        if (!existing) {
          await this.write({ ...article, revision: 1 }, null, 'attribute_not_exists(#id)', {});
          return { outcome: 'created', revision: 1 };
        }
        // A failed re-fetch never replaces a good extraction, and identical content is not rewritten.
        if (existing.contentHash === article.contentHash || (existing.status === 'extracted' && article.status !== 'extracted')) {
          return { outcome: 'unchanged', revision: existing.revision };
        }
        const revision = existing.revision + 1;
        const next: Article = { ...article, revision, feedId: existing.feedId, feedUrl: existing.feedUrl, itemId: existing.itemId };
        await this.write(next, existing.contentHash, '#revision = :revision AND #hash = :hash', {
          ':revision': existing.revision,
          ':hash': existing.contentHash,
        });
        return { outcome: 'updated', revision };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) continue; // lost a race: read again
        throw error;
      }
    }
    throw new Error(`article ${article.id}: gave up after ${MAX_RACE_RETRIES} conflicting concurrent writes`);
  }

  private async write(article: Article, previousContentHash: string | null, condition: string, values: Record<string, unknown>): Promise<void> {
    const retention = this.options.retentionSeconds;
    const expiresAt = retention ? Math.floor(Date.parse(article.fetchedAt) / 1000) + retention : null;
    const usesRevision = condition.includes('#revision');
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: toArticleItem(article, { previousContentHash, expiresAt }),
        ConditionExpression: condition,
        ExpressionAttributeNames: usesRevision ? { '#revision': 'revision', '#hash': 'contentHash' } : { '#id': ARTICLES.partitionKey },
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  }
}
