import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DELIVERY_ATTEMPTS, deliveryPk, HOSTS } from './table-design';

/** Options of {@link DynamoAttemptsLedger}. */
export interface DynamoAttemptsLedgerOptions {
  client: DynamoDBDocumentClient;
  /** The Hosts table (table-design.ts DELIVERY_ATTEMPTS). */
  tableName: string;
  /** How long an entry is kept after its last failure: longer than the queue keeps the message. */
  keepSeconds: number;
}

/**
 * The failed attempts of each queue message, counted apart from SQS's receive count (which counts
 * waits too): one small item per message that failed, `ADD failures 1` per failure, read by key
 * (consistent: the previous delivery's write must be seen) on a redelivery.
 */
export class DynamoAttemptsLedger {
  constructor(private readonly options: DynamoAttemptsLedgerOptions) {}

  async failures(messageId: string): Promise<number> {
    const { Item } = await this.options.client.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: { [HOSTS.partitionKey]: deliveryPk(messageId), [HOSTS.sortKey]: DELIVERY_ATTEMPTS.sk },
        ProjectionExpression: '#failures',
        ExpressionAttributeNames: { '#failures': DELIVERY_ATTEMPTS.failuresAttribute },
        ConsistentRead: true,
      }),
    );
    const failures = Item?.[DELIVERY_ATTEMPTS.failuresAttribute];
    return typeof failures === 'number' && Number.isFinite(failures) ? failures : 0;
  }

  async recordFailure(messageId: string, nowMs: number): Promise<number> {
    const { Attributes } = await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: { [HOSTS.partitionKey]: deliveryPk(messageId), [HOSTS.sortKey]: DELIVERY_ATTEMPTS.sk },
        UpdateExpression: 'ADD #failures :one SET #expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#failures': DELIVERY_ATTEMPTS.failuresAttribute, '#expiresAt': HOSTS.ttlAttribute },
        ExpressionAttributeValues: { ':one': 1, ':expiresAt': Math.ceil(nowMs / 1000) + this.options.keepSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.[DELIVERY_ATTEMPTS.failuresAttribute] ?? 0);
  }
}
