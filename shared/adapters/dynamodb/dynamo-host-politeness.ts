import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HostLease, HostPoliteness, HostSlotAttempt, HostSlotRequest } from '../../ingestion/host-politeness';
import { HOSTS, hostPk } from './table-design';

/** Options of {@link DynamoHostPoliteness}. */
export interface DynamoHostPolitenessOptions {
  client: DynamoDBDocumentClient;
  /** The Hosts table (table-design.ts HOSTS). */
  tableName: string;
  /** Milliseconds clock (injectable so tests can move time past a lease). */
  now?: () => number;
}

const isConditionFailure = (error: unknown): boolean => (error as Error)?.name === 'ConditionalCheckFailedException';

/**
 * HostPoliteness shared through DynamoDB by every worker that uses the same Hosts table (all Lambda
 * environments; every `feedloom run --endpoint` on one database). One item per host holds it all:
 * slot `i` is the pair `lease<i>` (epoch ms when it lapses) and `holder<i>` (a random token),
 * `nextAt` the earliest next start (minimum gap), `coolUntil` the Retry-After cooldown.
 *
 * A try is one strongly consistent GetItem (1 read unit) to find a free slot, then one conditional
 * UpdateItem (1 write unit) that takes it only if it is still free, the gap has passed and no
 * cooldown holds: two workers racing for the last slot cannot both win, and the loser is told
 * "busy" and tries again after a pause. A lease is free once its time has passed whether or not it
 * was released, so a crashed worker holds a slot no longer than its request's deadline plus a margin.
 * Release is a conditional REMOVE on the holder's token (1 write unit), which never frees a slot
 * that lapsed and was taken by someone else.
 */
export class DynamoHostPoliteness implements HostPoliteness {
  private readonly now: () => number;

  constructor(private readonly options: DynamoHostPolitenessOptions) {
    this.now = options.now ?? Date.now;
  }

  private key(host: string): { pk: string; sk: string } {
    return { [HOSTS.partitionKey]: hostPk(host), [HOSTS.sortKey]: HOSTS.slotsSk } as { pk: string; sk: string };
  }

  async tryAcquire(host: string, request: HostSlotRequest): Promise<HostSlotAttempt> {
    const { client, tableName } = this.options;
    const read = await client.send(new GetCommand({ TableName: tableName, Key: this.key(host), ConsistentRead: true }));
    const item = (read.Item ?? {}) as Record<string, unknown>;
    const now = this.now();
    const number = (name: string): number => (typeof item[name] === 'number' ? (item[name] as number) : 0);
    if (number('coolUntil') > now) return { granted: false, reason: 'cooldown', retryInMs: number('coolUntil') - now };
    if (number('nextAt') > now) return { granted: false, reason: 'pace', retryInMs: number('nextAt') - now };
    const free = Array.from({ length: request.limit }, (_, i) => i).filter((i) => number(`lease${i}`) <= now);
    // A random free slot: workers that read the same item at once do not all race for the first one.
    const slot = free[Math.floor(Math.random() * free.length)];
    if (slot === undefined) return { granted: false, reason: 'busy', retryInMs: null };

    const holder = randomUUID();
    const until = now + request.leaseMs;
    const nextAt = now + request.minGapMs;
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: this.key(host),
          UpdateExpression: 'SET #lease = :until, #holder = :holder, nextAt = :nextAt, #ttl = :ttl',
          ConditionExpression:
            '(attribute_not_exists(#lease) OR #lease <= :now) AND (attribute_not_exists(nextAt) OR nextAt <= :now) AND (attribute_not_exists(coolUntil) OR coolUntil <= :now)',
          ExpressionAttributeNames: { '#lease': `lease${slot}`, '#holder': `holder${slot}`, '#ttl': HOSTS.ttlAttribute },
          ExpressionAttributeValues: { ':until': until, ':holder': holder, ':nextAt': nextAt, ':now': now, ':ttl': ttlOf(Math.max(until, nextAt)) },
        }),
      );
    } catch (error) {
      // Another worker took the slot (or started a request) between the read and this write.
      if (isConditionFailure(error)) return { granted: false, reason: 'busy', retryInMs: null };
      throw error;
    }
    const lease: HostLease = {
      release: async () => {
        try {
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: this.key(host),
              UpdateExpression: 'REMOVE #lease, #holder',
              ConditionExpression: '#holder = :holder',
              ExpressionAttributeNames: { '#lease': `lease${slot}`, '#holder': `holder${slot}` },
              ExpressionAttributeValues: { ':holder': holder },
            }),
          );
        } catch (error) {
          // The lease lapsed and another worker holds the slot now: nothing of ours to give back.
          if (!isConditionFailure(error)) throw error;
        }
      },
    };
    return { granted: true, lease };
  }

  async coolDown(host: string, untilMs: number): Promise<void> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: this.key(host),
          UpdateExpression: 'SET coolUntil = :until, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(coolUntil) OR coolUntil < :until',
          ExpressionAttributeNames: { '#ttl': HOSTS.ttlAttribute },
          ExpressionAttributeValues: { ':until': untilMs, ':ttl': ttlOf(untilMs) },
        }),
      );
    } catch (error) {
      // A longer cooldown is already set: it stands.
      if (!isConditionFailure(error)) throw error;
    }
  }
}

/** TTL (epoch seconds) of a host item: a day after the last thing it holds ends. */
function ttlOf(lastMs: number): number {
  return Math.ceil(lastMs / 1000) + HOSTS.idleKeepSeconds;
}
