import { RemovalPolicy } from 'aws-cdk-lib';
import { type Attribute, AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableDefinitions } from '../../shared/adapters/dynamodb/table-definitions';
import { ARTICLES, BODIES, DEFAULT_TABLE_NAMES, FEEDS, HOSTS, SITE_HEALTH, type TableNames } from '../../shared/adapters/dynamodb/table-design';

type TableKey = keyof Required<TableNames>;
type TableDefinition = ReturnType<typeof tableDefinitions>[number];

/** Design constants of each table that CreateTable inputs do not carry (TTL). */
const DESIGNS: Record<TableKey, object> = { articles: ARTICLES, feeds: FEEDS, bodies: BODIES, hosts: HOSTS, siteHealth: SITE_HEALTH };

function ttlAttributeOf(design: object | undefined): string | undefined {
  return design && 'ttlAttribute' in design && typeof design.ttlAttribute === 'string' ? design.ttlAttribute : undefined;
}

function attribute(definition: TableDefinition, name: string | undefined): Attribute {
  const declared = definition.AttributeDefinitions?.find((candidate) => candidate.AttributeName === name);
  if (!name || !declared) throw new Error(`table ${definition.TableName}: key attribute ${name} is not declared`);
  const type = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY }[declared.AttributeType ?? 'S'];
  return { name, type };
}

function keysOf(definition: TableDefinition, keySchema: TableDefinition['KeySchema']): { partitionKey: Attribute; sortKey?: Attribute } {
  const hash = keySchema?.find((key) => key.KeyType === 'HASH')?.AttributeName;
  const range = keySchema?.find((key) => key.KeyType === 'RANGE')?.AttributeName;
  return { partitionKey: attribute(definition, hash), ...(range ? { sortKey: attribute(definition, range) } : {}) };
}

/**
 * Feedloom's DynamoDB tables, derived from the same CreateTable inputs the local engines use
 * (shared/adapters/dynamodb/table-definitions.ts, built from table-design.ts): keys, indexes and
 * streams are never restated here, so a change of storage layout reaches the stack unchanged.
 * Production settings are added on top: on-demand billing, point-in-time recovery, encryption with
 * the AWS-managed KMS key, TTL where the design names an attribute, retained on stack deletion.
 */
export class IngestionTables extends Construct {
  readonly tables: Record<TableKey, Table>;

  constructor(scope: Construct, id: string, props: { deletionProtection: boolean }) {
    super(scope, id);
    const placeholders = Object.fromEntries(Object.keys(DEFAULT_TABLE_NAMES).map((key) => [key, key])) as unknown as Required<TableNames>;
    const tables: Partial<Record<TableKey, Table>> = {};
    for (const definition of tableDefinitions(placeholders)) {
      const key = definition.TableName as TableKey;
      const stream = definition.StreamSpecification?.StreamEnabled
        ? StreamViewType[definition.StreamSpecification.StreamViewType ?? 'NEW_AND_OLD_IMAGES']
        : undefined;
      const ttlAttribute = ttlAttributeOf(DESIGNS[key]);
      const table = new Table(this, key[0]?.toUpperCase() + key.slice(1), {
        ...keysOf(definition, definition.KeySchema),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.AWS_MANAGED,
        deletionProtection: props.deletionProtection,
        removalPolicy: RemovalPolicy.RETAIN,
        ...(stream ? { stream } : {}),
        ...(ttlAttribute ? { timeToLiveAttribute: ttlAttribute } : {}),
      });
      for (const index of definition.GlobalSecondaryIndexes ?? []) {
        const projection = index.Projection?.ProjectionType ?? 'ALL';
        table.addGlobalSecondaryIndex({
          indexName: index.IndexName as string,
          ...keysOf(definition, index.KeySchema),
          projectionType: ProjectionType[projection],
          ...(projection === 'INCLUDE' ? { nonKeyAttributes: index.Projection?.NonKeyAttributes ?? [] } : {}),
        });
      }
      tables[key] = table;
    }
    if (!tables.articles || !tables.feeds || !tables.bodies || !tables.hosts || !tables.siteHealth) {
      throw new Error('table-definitions.ts must define the articles, bodies, feeds, hosts and siteHealth tables');
    }
    this.tables = tables as Record<TableKey, Table>;
  }

  /**
   * Grants exactly `actions` on one table, and on the named indexes only: unlike `Table.grant`, no
   * `index/*` wildcard, so each function can touch no more than the queries it runs.
   */
  grantActions(key: TableKey, grantee: IGrantable, actions: readonly `dynamodb:${string}`[], indexNames: readonly string[] = []): void {
    const table = this.tables[key];
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...actions], resources: [table.tableArn, ...indexNames.map((index) => `${table.tableArn}/index/${index}`)] }),
    );
  }
}
