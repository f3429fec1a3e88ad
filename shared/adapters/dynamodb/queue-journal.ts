import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { DeadLetter, QueueJournal, StoredMessage } from '../../ingestion/queue-journal';
import { StoredRecordError } from '../../ingestion/stored-record-error';
import { batchWriteAll } from './batch-write-all';
import { readStoredRecord } from './read-stored-record';
import { deadLetterPk, queueMessageSk, queuePk } from './table-design';

const StoredMessageSchema = z.object({ messageId: z.string(), body: z.string(), receiveCount: z.number().int(), visibleAt: z.number() });
const DeadLetterSchema = z.object({
  queue: z.string(),
  code: z.string(),
  message: z.string(),
  sourceMessageId: z.string(),
  body: z.string(),
  receiveCount: z.number().int(),
  at: z.string(),
});

/** A dead letter as stored, with the key that removes it. */
export interface StoredDeadLetter extends DeadLetter {
  key: { pk: string; sk: string };
}

async function queryAll(client: DynamoDBDocumentClient, tableName: string, pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * The local runtime's queue journal on DynamoDB: one item per message in the Feeds table (see
 * `queuePk` in table-design.ts), dead letters beside them, so they live wherever the run's database
 * lives (`--db DIR` or `--endpoint`), never in the working directory.
 */
export class DynamoQueueJournal implements QueueJournal {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string; queue: string }) {}

  private key(messageId: string): { pk: string; sk: string } {
    return { pk: queuePk(this.options.queue), sk: queueMessageSk(messageId) };
  }

  /**
   * The messages kept. One that no longer reads as a stored message is set aside as a dead letter
   * (`STORED_RECORD_UNREADABLE`, its body or else the whole item kept, for `feedloom dead-letters`)
   * instead of failing the load, which would stop every job of the queue on every run.
   */
  async load(): Promise<StoredMessage[]> {
    const items = await queryAll(this.options.client, this.options.tableName, queuePk(this.options.queue));
    const messages: StoredMessage[] = [];
    for (const item of items) {
      const message = readStoredRecord(StoredMessageSchema, item, 'queue-message');
      if (!(message instanceof StoredRecordError)) {
        messages.push(message);
        continue;
      }
      const sk = String(item.sk ?? '');
      const messageId = typeof item.messageId === 'string' ? item.messageId : sk.slice(sk.indexOf('#') + 1);
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            pk: deadLetterPk(this.options.queue),
            sk: `${new Date().toISOString()}#${messageId}`,
            queue: this.options.queue,
            code: message.code,
            message: message.message,
            sourceMessageId: messageId,
            body: typeof item.body === 'string' ? item.body : JSON.stringify(item),
            receiveCount: typeof item.receiveCount === 'number' ? item.receiveCount : 0,
            at: new Date().toISOString(),
          },
        }),
      );
      await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: { pk: String(item.pk), sk } }));
    }
    return messages;
  }

  async put(messages: readonly StoredMessage[]): Promise<void> {
    // One item per message id: a body sent twice in one call is one message.
    const unique = new Map(messages.map((message) => [message.messageId, message]));
    await batchWriteAll(
      this.options.client,
      this.options.tableName,
      [...unique.values()].map((message) => ({ PutRequest: { Item: { ...message, ...this.key(message.messageId) } } })),
    );
  }

  async update(message: StoredMessage): Promise<void> {
    await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item: { ...message, ...this.key(message.messageId) } }));
  }

  async remove(messageId: string): Promise<void> {
    await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: this.key(messageId) }));
  }

  async deadLetter(messageId: string, letter: DeadLetter): Promise<void> {
    const key = { pk: deadLetterPk(letter.queue), sk: `${letter.at}#${messageId}` };
    await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item: { ...letter, ...key } }));
    await this.remove(messageId);
  }
}

/** Reads and removes the local runtime's dead letters (`feedloom dead-letters`). */
export class DynamoDeadLetters {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async list(queues: readonly string[]): Promise<StoredDeadLetter[]> {
    const letters: StoredDeadLetter[] = [];
    for (const queue of queues) {
      for (const item of await queryAll(this.options.client, this.options.tableName, deadLetterPk(queue))) {
        letters.push({ ...DeadLetterSchema.parse(item), key: { pk: String(item.pk), sk: String(item.sk) } });
      }
    }
    return letters;
  }

  async remove(letter: StoredDeadLetter): Promise<void> {
    await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: letter.key }));
  }
}
