import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
 * waits too): one small item per message that failed or was redelivered, `ADD failures 1` per count.
 * A redelivery is counted before it runs and uncounted if it ends in a wait, so an attempt that
 * never ends (the function crashed or timed out) stays counted (create-sqs-batch-handler.ts).
 */
export class DynamoAttemptsLedger {
  constructor(private readonly options: DynamoAttemptsLedgerOptions) {}

  async countFailure(messageId: string, nowMs: number): Promise<number> {
    return this.add(messageId, 1, nowMs);
  }

  async uncountFailure(messageId: string, nowMs: number): Promise<void> {
    await this.add(messageId, -1, nowMs);
  }

  private async add(messageId: string, delta: number, nowMs: number): Promise<number> {
    const { Attributes } = await this.options.client.send(
      new UpdateCommand({
        TableName: this.options.tableName,
        Key: { [HOSTS.partitionKey]: deliveryPk(messageId), [HOSTS.sortKey]: DELIVERY_ATTEMPTS.sk },
        UpdateExpression: 'ADD #failures :delta SET #expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#failures': DELIVERY_ATTEMPTS.failuresAttribute, '#expiresAt': HOSTS.ttlAttribute },
        ExpressionAttributeValues: { ':delta': delta, ':expiresAt': Math.ceil(nowMs / 1000) + this.options.keepSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.[DELIVERY_ATTEMPTS.failuresAttribute] ?? 0);
  }
}
