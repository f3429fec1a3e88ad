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

/** How long after a refusal a worker keeps reading before it writes on that host (it is waiting there). */
const CONTENDED_FOR_MS = 5_000;

const isConditionFailure = (error: unknown): boolean => (error as Error)?.name === 'ConditionalCheckFailedException';

/**
 * HostPoliteness shared through DynamoDB by every worker that uses the same Hosts table (all Lambda
 * environments; every `feedloom run --endpoint` on one database). One item per host holds it all:
 * slot `i` is the pair `lease<i>` (epoch ms when it lapses) and `holder<i>` (a random token),
 * `nextAt` the earliest next start (minimum gap), `coolUntil` the Retry-After cooldown.
 *
 * A try is one conditional UpdateItem (1 write unit) that takes a slot only if it is free, the gap
 * has passed and no cooldown holds: two workers racing for the last slot cannot both win. No read
 * comes first (docs/scaling.md "Shared politeness": a read before every request was a third of the
 * traffic), so the slot is a guess: one this worker does not hold, at random among the others so
 * that workers do not all race for the first. Only when the write is refused is the item read
 * (returned with the refusal by DynamoDB, `ReturnValuesOnConditionCheckFailure`; a strongly
 * consistent GetItem on servers that do not return it, such as dynalite) to tell why: a cooldown
 * or the gap (with how long), or a busy slot, in which case one other slot that the item shows free
 * is tried before answering "busy". A lease is free once its time has passed whether or not it was
 * released, so a crashed worker holds a slot no longer than its request's deadline plus a margin.
 * Release is a conditional REMOVE on the holder's token (1 write unit), which never frees a slot
 * that lapsed and was taken by someone else.
 */
export class DynamoHostPoliteness implements HostPoliteness {
  private readonly now: () => number;
  /** Slots this worker holds now, per host: it never bids for its own. */
  private readonly held = new Map<string, Set<number>>();
  /** When this worker was last refused a slot, per host: while it waits, it reads before it writes. */
  private readonly refusedAt = new Map<string, number>();

  constructor(private readonly options: DynamoHostPolitenessOptions) {
    this.now = options.now ?? Date.now;
  }

  private key(host: string): { pk: string; sk: string } {
    return { [HOSTS.partitionKey]: hostPk(host), [HOSTS.sortKey]: HOSTS.slotsSk } as { pk: string; sk: string };
  }

  async tryAcquire(host: string, request: HostSlotRequest): Promise<HostSlotAttempt> {
    const mine = this.held.get(host) ?? new Set<number>();
    const others = Array.from({ length: request.limit }, (_, i) => i).filter((i) => !mine.has(i));
    const tried = new Set<number>();
    // A worker that was just refused on this host is waiting on a busy host: there a read (half the
    // price of a refused write, and no write unit) tells whether a try can succeed at all.
    const waiting = this.now() - (this.refusedAt.get(host) ?? Number.NEGATIVE_INFINITY) < CONTENDED_FOR_MS;
    let slot: number | undefined;
    if (waiting) {
      const known = this.obstacle(await this.read(host), others, tried);
      if (!('slot' in known)) return this.refused(host, known);
      slot = known.slot;
    } else {
      slot = others[Math.floor(Math.random() * others.length)];
    }
    while (slot !== undefined) {
      tried.add(slot);
      const holder = randomUUID();
      const taken = await this.take(host, slot, holder, this.now(), request);
      if (taken === true) {
        this.refusedAt.delete(host);
        return { granted: true, lease: this.leaseOf(host, slot, holder) };
      }
      // Our guess was taken, or the gap or a cooldown holds: the item says which; one slot it shows
      // free (and we did not try) gets one more write.
      const known = this.obstacle(taken ?? (await this.read(host)), others, tried);
      if (!('slot' in known)) return this.refused(host, known);
      slot = known.slot;
    }
    return this.refused(host, { granted: false, reason: 'busy', retryInMs: null });
  }

  /** What stands in the way according to the item: a cooldown, the gap, every slot held, or a slot to try. */
  private obstacle(item: Record<string, unknown>, others: number[], tried: Set<number>): Extract<HostSlotAttempt, { granted: false }> | { slot: number } {
    const at = this.now();
    const number = (name: string): number => numberOf(item[name]);
    if (number('coolUntil') > at) return { granted: false, reason: 'cooldown', retryInMs: number('coolUntil') - at };
    if (number('nextAt') > at) return { granted: false, reason: 'pace', retryInMs: number('nextAt') - at };
    const free = others.filter((i) => !tried.has(i) && number(`lease${i}`) <= at);
    const slot = free[Math.floor(Math.random() * free.length)];
    return slot === undefined ? { granted: false, reason: 'busy', retryInMs: null } : { slot };
  }

  private refused(host: string, attempt: Extract<HostSlotAttempt, { granted: false }>): HostSlotAttempt {
    this.refusedAt.set(host, this.now());
    return attempt;
  }

  /** The conditional write that takes `slot`: true when taken, else the item as it was (when the server returns it). */
  private async take(host: string, slot: number, holder: string, now: number, request: HostSlotRequest): Promise<true | Record<string, unknown> | null> {
    const until = now + request.leaseMs;
    const nextAt = now + request.minGapMs;
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: this.key(host),
          UpdateExpression: 'SET #lease = :until, #holder = :holder, nextAt = :nextAt, #ttl = :ttl',
          ConditionExpression:
            '(attribute_not_exists(#lease) OR #lease <= :now) AND (attribute_not_exists(nextAt) OR nextAt <= :now) AND (attribute_not_exists(coolUntil) OR coolUntil <= :now)',
          ExpressionAttributeNames: { '#lease': `lease${slot}`, '#holder': `holder${slot}`, '#ttl': HOSTS.ttlAttribute },
          ExpressionAttributeValues: { ':until': until, ':holder': holder, ':nextAt': nextAt, ':now': now, ':ttl': ttlOf(Math.max(until, nextAt)) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      // The slot is held, the gap has not passed or a cooldown holds (someone may have just taken it).
      if (isConditionFailure(error)) return itemOfFailure(error);
      throw error;
    }
    const mine = this.held.get(host) ?? new Set<number>();
    mine.add(slot);
    this.held.set(host, mine);
    return true;
  }

  private async read(host: string): Promise<Record<string, unknown>> {
    const { client, tableName } = this.options;
    const read = await client.send(new GetCommand({ TableName: tableName, Key: this.key(host), ConsistentRead: true }));
    return (read.Item ?? {}) as Record<string, unknown>;
  }

  private leaseOf(host: string, slot: number, holder: string): HostLease {
    const { client, tableName } = this.options;
    return {
      release: async () => {
        const mine = this.held.get(host);
        mine?.delete(slot);
        if (mine?.size === 0) this.held.delete(host);
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

/**
 * The item DynamoDB returns with a refused conditional write (`ReturnValuesOnConditionCheckFailure:
 * ALL_OLD`); null when the server returned nothing (dynalite), so the caller reads it. The document
 * client does not unmarshall errors: its values are attribute values (`{ N: "..." }`), which
 * {@link numberOf} reads.
 */
function itemOfFailure(error: unknown): Record<string, unknown> | null {
  if (!error || typeof error !== 'object' || !('Item' in error)) return null;
  const item = (error as { Item?: unknown }).Item;
  return item && typeof item === 'object' ? (item as Record<string, unknown>) : null;
}

/** A number attribute, plain (a read) or as an attribute value (a refusal's item); 0 when absent. */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && typeof (value as { N?: unknown }).N === 'string') return Number((value as { N: string }).N);
  return 0;
}

/** TTL (epoch seconds) of a host item: a day after the last thing it holds ends. */
function ttlOf(lastMs: number): number {
  return Math.ceil(lastMs / 1000) + HOSTS.idleKeepSeconds;
}
