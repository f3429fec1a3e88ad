import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from './batch-write-all';
import { BODIES, bodyPartKey } from './table-design';

/** Where one offloaded body lives: the article, the write's body key, and its size. */
export interface BodyRef {
  id: string;
  bodyKey: string;
  parts: number;
  bytes: number;
}

/**
 * The chunks of offloaded bodies in the Bodies table. Chunks are written before the article item
 * that points at them and read with strongly consistent reads, so whoever sees the item can read
 * its body.
 */
export class BodyStore {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  /** Writes every chunk of a body (BatchWriteItem, unprocessed chunks retried, never dropped). */
  async write(id: string, bodyKey: string, parts: readonly Uint8Array[], expiresAt: number | null): Promise<void> {
    const requests = parts.map((data, index) => ({
      PutRequest: {
        Item: {
          [BODIES.partitionKey]: id,
          [BODIES.sortKey]: bodyPartKey(bodyKey, index),
          [BODIES.dataAttribute]: data,
          ...(expiresAt ? { [BODIES.ttlAttribute]: expiresAt } : {}),
        },
      },
    }));
    await batchWriteAll(this.options.client, this.options.tableName, requests);
  }

  /** The body bytes, or null when chunks are missing (a superseded body already removed). */
  async read(ref: BodyRef): Promise<Uint8Array | null> {
    const parts: Uint8Array[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: '#id = :id AND begins_with(#part, :prefix)',
          ExpressionAttributeNames: { '#id': BODIES.partitionKey, '#part': BODIES.sortKey },
          ExpressionAttributeValues: { ':id': ref.id, ':prefix': `${ref.bodyKey}#` },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const data = item[BODIES.dataAttribute];
        if (data instanceof Uint8Array) parts.push(data);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const bytes = Buffer.concat(parts);
    return parts.length === ref.parts && bytes.byteLength === ref.bytes ? bytes : null;
  }

  /** Deletes a body's chunks (only ever for a body no stored item points at). */
  async remove(ref: Pick<BodyRef, 'id' | 'bodyKey' | 'parts'>): Promise<void> {
    const requests = Array.from({ length: ref.parts }, (_, index) => ({
      DeleteRequest: { Key: { [BODIES.partitionKey]: ref.id, [BODIES.sortKey]: bodyPartKey(ref.bodyKey, index) } },
    }));
    await batchWriteAll(this.options.client, this.options.tableName, requests);
  }

  /** Lets TTL delete a superseded body's chunks at `at` (epoch seconds), keeping them readable until then. */
  async expire(ref: Pick<BodyRef, 'id' | 'bodyKey' | 'parts'>, at: number): Promise<void> {
    for (let index = 0; index < ref.parts; index++) {
      await this.options.client
        .send(
          new UpdateCommand({
            TableName: this.options.tableName,
            Key: { [BODIES.partitionKey]: ref.id, [BODIES.sortKey]: bodyPartKey(ref.bodyKey, index) },
            UpdateExpression: 'SET #ttl = :at',
            // Never sooner than a retention already set, and never create a chunk that is gone.
            ConditionExpression: 'attribute_exists(#part) AND (attribute_not_exists(#ttl) OR #ttl > :at)',
            ExpressionAttributeNames: { '#ttl': BODIES.ttlAttribute, '#part': BODIES.sortKey },
            ExpressionAttributeValues: { ':at': at },
          }),
        )
        .catch((error: Error) => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        });
    }
  }
}
