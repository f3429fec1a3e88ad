import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ROBOTS_STALE_LIMIT_MS, type RobotsCache, type RobotsRecord } from '../../ingestion/check-robots';
import { HOSTS, hostPk, robotsSk } from './table-design';

/** Options of {@link DynamoRobotsCache}. */
export interface DynamoRobotsCacheOptions {
  client: DynamoDBDocumentClient;
  /** The Hosts table (table-design.ts HOSTS). */
  tableName: string;
  now?: () => number;
}

const RuleSchema = z.object({ allow: z.boolean(), pattern: z.string() });
const StoredSchema = z.object({
  origin: z.string(),
  productToken: z.string(),
  outcome: z.enum(['rules', 'unavailable', 'unreachable']),
  httpStatus: z.number().nullable(),
  fetchedAt: z.string(),
  freshUntil: z.string(),
  crawlDelaySeconds: z.number().nullable(),
  rulesBr: z.instanceof(Uint8Array),
});

/** Room left in a 400 KB item for the compressed rules. */
const MAX_RULE_BYTES = 350_000;
/** Records remembered in this process (a warm Lambda environment reads a host's robots.txt item once). */
const MEMORY_LIMIT = 1_000;

/**
 * RobotsCache in the Hosts table: one item per origin (partition `HOST#<host:port>`, sort
 * `ROBOTS#<scheme>`), the rules of our group as brotli-compressed JSON. The TTL attribute keeps a
 * record 30 days past its freshness, the longest an old copy may stand in for an unreachable
 * server (RFC 9309 section 2.3.1.4). Fresh records are also kept in this process's memory, so most
 * pages cost no read at all.
 */
export class DynamoRobotsCache implements RobotsCache {
  private readonly memory = new Map<string, RobotsRecord>();
  private readonly now: () => number;

  constructor(private readonly options: DynamoRobotsCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  private key(origin: string): Record<string, string> {
    const url = new URL(origin);
    return { [HOSTS.partitionKey]: hostPk(url.host), [HOSTS.sortKey]: robotsSk(url.protocol.replace(/:$/, '')) };
  }

  async get(origin: string): Promise<RobotsRecord | null> {
    const remembered = this.memory.get(origin);
    if (remembered && Date.parse(remembered.freshUntil) > this.now()) return remembered;
    const read = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: this.key(origin) }));
    if (!read.Item) return null;
    const parsed = StoredSchema.safeParse(read.Item);
    // An item this version cannot read is treated as absent: the robots.txt is fetched again.
    if (!parsed.success) return null;
    const stored = parsed.data;
    const rules = z.array(RuleSchema).parse(JSON.parse(brotliDecompressSync(stored.rulesBr).toString('utf8')));
    const record: RobotsRecord = {
      origin: stored.origin,
      productToken: stored.productToken,
      outcome: stored.outcome,
      httpStatus: stored.httpStatus,
      fetchedAt: stored.fetchedAt,
      freshUntil: stored.freshUntil,
      policy: { rules, crawlDelaySeconds: stored.crawlDelaySeconds },
    };
    this.remember(record);
    return record;
  }

  async put(record: RobotsRecord): Promise<void> {
    let rules = record.policy.rules;
    let rulesBr = brotliCompressSync(JSON.stringify(rules));
    // A robots.txt of a few hundred KB of distinct rules may not fit one item even compressed: the
    // first rules are kept, as a parser that stops at its size limit would (RFC 9309 section 2.5).
    while (rulesBr.length > MAX_RULE_BYTES && rules.length > 1) {
      rules = rules.slice(0, Math.floor(rules.length / 2));
      rulesBr = brotliCompressSync(JSON.stringify(rules));
    }
    const expiresAt = Math.ceil((Date.parse(record.freshUntil) + ROBOTS_STALE_LIMIT_MS) / 1000);
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: {
          ...this.key(record.origin),
          origin: record.origin,
          productToken: record.productToken,
          outcome: record.outcome,
          httpStatus: record.httpStatus,
          fetchedAt: record.fetchedAt,
          freshUntil: record.freshUntil,
          crawlDelaySeconds: record.policy.crawlDelaySeconds,
          rulesBr,
          [HOSTS.ttlAttribute]: expiresAt,
        },
      }),
    );
    this.remember({ ...record, policy: { ...record.policy, rules } });
  }

  private remember(record: RobotsRecord): void {
    if (this.memory.size >= MEMORY_LIMIT) this.memory.clear();
    this.memory.set(record.origin, record);
  }
}
