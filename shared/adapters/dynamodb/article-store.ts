import { randomBytes } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, type PutCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Article, ArticleSchema } from '../../article/article';
import { describeZodIssues } from '../../describe-zod-issues';
import { FeedloomError, InvalidInputError } from '../../errors';
import type { ArticleStore, PutArticleResult } from '../../ingestion/ports';
import { type ArticleItem, type EncodedBody, encodeArticleBody, StoredBodySchema, toArticleItem } from './article-item';
import { BodyStore } from './body-store';
import { loadArticle } from './load-article';
import { ARTICLES, BODIES, BODY_STORAGE, bodiesTableName } from './table-design';

/** Options of the DynamoDB article store. */
export interface DynamoArticleStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Bodies table for offloaded bodies; defaults to `<tableName>-bodies`. */
  bodiesTableName?: string;
  /** Seconds to keep an article after its latest fetch (sets the TTL attribute); undefined keeps it forever. */
  retentionSeconds?: number;
  /** Current time, for the expiry of superseded bodies. */
  now?: () => Date;
}

/** Attempts of one put before giving up on a write that keeps losing races. */
const MAX_RACE_ATTEMPTS = 20;
/** Re-reads of an item whose offloaded body was superseded while it was being read. */
const MAX_BODY_REREADS = 3;

const newBodyKey = (): string => randomBytes(9).toString('base64url');

/**
 * ArticleStore on DynamoDB. Every write is conditional on what was read: a new article only if
 * none exists, a new revision only if the stored revision and hash are still the ones read. A
 * writer that loses a race re-reads and decides again, so concurrent writers never duplicate an
 * article or skip a revision, and a redelivered job writes nothing.
 */
export class DynamoArticleStore implements ArticleStore {
  private readonly bodies: BodyStore;
  private readonly now: () => Date;

  constructor(private readonly options: DynamoArticleStoreOptions) {
    this.bodies = new BodyStore({ client: options.client, tableName: options.bodiesTableName ?? bodiesTableName({ articles: options.tableName }) });
    this.now = options.now ?? (() => new Date());
  }

  async get(id: string): Promise<Article | null> {
    for (let attempt = 0; attempt < MAX_BODY_REREADS; attempt++) {
      const item = await this.readItem(id);
      if (!item) return null;
      const article = await loadArticle(item, this.bodies);
      if (article) return article;
    }
    throw new FeedloomError('BODY_MISSING', `article ${id}: the body its item points at is missing`, { retryable: true });
  }

  async removeSuperseded(id: string, expected: { revision: number }): Promise<boolean> {
    let old: ArticleItem | undefined;
    try {
      const result = await this.options.client.send(
        new DeleteCommand({
          TableName: this.options.tableName,
          Key: { [ARTICLES.partitionKey]: id },
          ConditionExpression: '#revision = :revision AND #status <> :extracted',
          ExpressionAttributeNames: { '#revision': 'revision', '#status': 'status' },
          ExpressionAttributeValues: { ':revision': expected.revision, ':extracted': 'extracted' },
          ReturnValues: 'ALL_OLD',
        }),
      );
      old = result.Attributes as ArticleItem | undefined;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
    // An offloaded body (a long full-content feed entry) goes the way of a replaced revision's.
    if (old) await this.retireBody(old, { storage: BODY_STORAGE.inline });
    return true;
  }

  async put(input: Article): Promise<PutArticleResult> {
    const parsed = ArticleSchema.safeParse(input);
    if (!parsed.success) {
      throw new InvalidInputError('INVALID_ARTICLE', `not a valid Article: ${describeZodIssues(parsed.error, '')}`);
    }
    const article = parsed.data;
    let body: EncodedBody | null = null;
    let chunksWritten = false;
    for (let attempt = 0; attempt < MAX_RACE_ATTEMPTS; attempt++) {
      const existing = await this.readItem(article.id);
      let next: Article;
      let previousContentHash: string | null = null;
      if (!existing) {
        next = { ...article, revision: 1 };
      } else {
        const current = { revision: Number(existing.revision), contentHash: String(existing.contentHash), status: String(existing.status) };
        // A failed re-fetch never replaces a good extraction, and identical content is not rewritten.
        // The status is part of "identical": a full-content feed gives its feed-only fallback the
        // page's own text, and the page's extraction must still replace that fallback.
        const identical = current.contentHash === article.contentHash && current.status === article.status;
        if (identical || (current.status === 'extracted' && article.status !== 'extracted')) {
          if (chunksWritten && body?.storage === BODY_STORAGE.chunks && existing.bodyKey !== body.bodyKey) {
            // Our chunks' key is unique to this call and the stored item does not use it: nobody reads them.
            await this.bodies.remove({ id: article.id, bodyKey: body.bodyKey, parts: body.parts.length });
          }
          if (identical && extractionNotesChanged(existing, article)) {
            if (!(await this.updateExtractionNotes(article, existing))) continue; // lost a race: read again
          }
          return { outcome: 'unchanged', revision: current.revision };
        }
        // The feed it was first seen in stays its feed (DESIGN "The Article record").
        next = {
          ...article,
          revision: current.revision + 1,
          feedId: String(existing.feedId),
          feedUrl: String(existing.feedUrl),
          itemId: String(existing.itemId),
        };
        previousContentHash = current.contentHash;
      }
      body ??= encodeArticleBody(next, newBodyKey);
      const expiresAt = this.expiresAt(next);
      if (body.storage === BODY_STORAGE.chunks && !chunksWritten) {
        await this.bodies.write(next.id, body.bodyKey, body.parts, expiresAt);
        chunksWritten = true;
      }
      try {
        await this.writeItem(next, body, previousContentHash, expiresAt, existing);
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') continue; // lost a race: read again
        throw error;
      }
      if (existing) await this.retireBody(existing, body);
      return next.revision === 1 ? { outcome: 'created', revision: 1 } : { outcome: 'updated', revision: next.revision };
    }
    throw new FeedloomError('WRITE_CONFLICT', `article ${article.id}: gave up after ${MAX_RACE_ATTEMPTS} conflicting concurrent writes`, { retryable: true });
  }

  /**
   * Same content, new notes (the retry plan, the extractor version): the record's `extraction` is
   * brought up to date in place, keeping its revision, since nothing a consumer reads as content
   * changed. False when a concurrent write got there first.
   */
  private async updateExtractionNotes(article: Article, existing: ArticleItem): Promise<boolean> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { [ARTICLES.partitionKey]: article.id },
          UpdateExpression: 'SET #extraction = :extraction',
          ConditionExpression: '#revision = :revision AND #hash = :hash',
          ExpressionAttributeNames: { '#extraction': 'extraction', '#revision': 'revision', '#hash': 'contentHash' },
          ExpressionAttributeValues: { ':extraction': article.extraction, ':revision': existing.revision, ':hash': existing.contentHash },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  private async readItem(id: string): Promise<ArticleItem | null> {
    const result = await this.options.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: { [ARTICLES.partitionKey]: id }, ConsistentRead: true }),
    );
    return result.Item ?? null;
  }

  private expiresAt(article: Article): number | null {
    const retention = this.options.retentionSeconds;
    return retention ? Math.floor(Date.parse(article.fetchedAt) / 1000) + retention : null;
  }

  private async writeItem(
    article: Article,
    body: EncodedBody,
    previousContentHash: string | null,
    expiresAt: number | null,
    existing: ArticleItem | null,
  ): Promise<void> {
    const condition: Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> = existing
      ? {
          ConditionExpression: '#revision = :revision AND #hash = :hash',
          ExpressionAttributeNames: { '#revision': 'revision', '#hash': 'contentHash' },
          ExpressionAttributeValues: { ':revision': existing.revision, ':hash': existing.contentHash },
        }
      : { ConditionExpression: 'attribute_not_exists(#id)', ExpressionAttributeNames: { '#id': ARTICLES.partitionKey } };
    try {
      await this.options.client.send(
        new PutCommand({ TableName: this.options.tableName, Item: toArticleItem(article, body, { previousContentHash, expiresAt }), ...condition }),
      );
    } catch (error) {
      // The item-size estimate is an upper bound, so this means a defect, and retrying cannot help.
      if ((error as Error).name === 'ValidationException' && /size/i.test((error as Error).message)) {
        throw new InvalidInputError('ARTICLE_TOO_LARGE', `article ${article.id}: DynamoDB refused the item as too large`, { cause: error });
      }
      throw error;
    }
  }

  // The replaced revision's chunks stay readable for stream consumers and readers holding the old
  // item (longer than the 24 h stream retention), then TTL removes them. Best effort: a failure
  // leaves the chunks in place, which costs storage but loses nothing.
  private async retireBody(previous: ArticleItem, body: EncodedBody): Promise<void> {
    const stored = StoredBodySchema.safeParse(previous);
    if (!stored.success || stored.data.bodyStorage !== BODY_STORAGE.chunks) return;
    if (body.storage === BODY_STORAGE.chunks && body.bodyKey === stored.data.bodyKey) return;
    const at = Math.floor(this.now().getTime() / 1000) + BODIES.supersededGraceSeconds;
    await this.bodies.expire({ id: String(previous.id), bodyKey: stored.data.bodyKey, parts: stored.data.bodyParts }, at).catch(() => undefined);
  }
}

/** Whether the notes a rewrite of the same content may change (retry plan, extractor version) differ. */
function extractionNotesChanged(existing: ArticleItem, article: Article): boolean {
  const stored = (existing.extraction ?? {}) as { retry?: unknown; extractorVersion?: unknown };
  const next = article.extraction;
  return JSON.stringify(stored.retry ?? null) !== JSON.stringify(next.retry ?? null) || (stored.extractorVersion ?? null) !== (next.extractorVersion ?? null);
}
