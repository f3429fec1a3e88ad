import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FEEDS } from '../shared/adapters/dynamodb/table-design';
import type { PipelineConfig } from './config';
import { DispatchSchedule } from './constructs/dispatch-schedule';
import { FeedListSync } from './constructs/feed-list-sync';
import { IngestionTables } from './constructs/ingestion-tables';
import { PipelineAlarms } from './constructs/pipeline-alarms';
import { PipelineFunction } from './constructs/pipeline-function';
import { SiteHealthCheck } from './constructs/site-health-check';
import { WorkQueue } from './constructs/work-queue';

/** The functions the stack deploys, by their folder under functions/. */
export const FUNCTION_NAMES = ['dispatch', 'fetch-feed', 'extract-article', 'sync-feeds', 'check-site-health'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Options of {@link IngestionStack}. */
export interface IngestionStackProps extends StackProps {
  config: PipelineConfig;
  /** The deployment package of each function (built by scripts/build-lambdas.mjs). */
  code: (name: FunctionName) => Code;
  /** The feed list's text when `config.feedsFile` is set. */
  feedList?: string | null;
}

// Per-function sizing. A consumer's deadline margin covers one record's worst case: a fetch at its
// 20 s deadline (DEFAULT_INGESTION_SETTINGS) plus parsing or extraction and the writes.
const SIZING = {
  // Leasing each due feed is one write: allow minutes for a large subscription list.
  dispatch: { timeout: Duration.minutes(5), memorySize: 256 },
  'fetch-feed': { timeout: Duration.seconds(120), memorySize: 512, deadlineMarginMs: 30_000, batchingWindow: Duration.seconds(5) },
  // Records run 10 at a time (functions/extract-article/handler.ts) on one extraction worker, so a
  // record may take a 20 s page fetch, then wait for up to 9 other pages' 20 s extraction deadlines
  // before its own, then its writes: 20 + 10 x 20 + 10 = 230 s. No record starts with less than
  // 235 s left, so none can run the invocation out of time (a worst case only: a batch of real
  // pages takes a few seconds). Memory from measurement (docs/scaling.md, "Memory"); the worker's
  // heap is capped at 256 MB (functions/runtime/dependencies.ts), which no real page reached.
  'extract-article': { timeout: Duration.seconds(300), memorySize: 512, deadlineMarginMs: 235_000, batchingWindow: Duration.seconds(5) },
  'sync-feeds': { timeout: Duration.minutes(5), memorySize: 256 },
  // A few Query pages over 15 days of counters (one item per site and day).
  'check-site-health': { timeout: Duration.minutes(2), memorySize: 256 },
} as const;

/**
 * What the check-site-health function publishes (functions/runtime/observability.ts METRICS_NAMESPACE,
 * functions/check-site-health/handler.ts DEGRADED_SITES_METRIC): infra may not import function code,
 * so test/infra/site-health.test.ts checks that the names agree.
 */
export const SITE_HEALTH_METRIC = { namespace: 'Feedloom', service: 'check-site-health', metricName: 'DegradedSites' } as const;

/** How often the site-health check runs: a redesign pages somebody within about this long. */
const SITE_HEALTH_CHECK_RATE = Duration.hours(1);

/**
 * Feedloom on AWS: EventBridge Scheduler -> dispatch -> feed queue -> fetch-feed -> article queue
 * -> extract-article -> Articles table (stream on). The stack only composes the constructs and
 * wires grants and environment; each construct owns its resource details.
 */
export class IngestionStack extends Stack {
  readonly tables: IngestionTables;
  readonly feedQueue: WorkQueue;
  readonly articleQueue: WorkQueue;
  readonly functions: Record<FunctionName, PipelineFunction>;
  readonly schedule: DispatchSchedule;
  readonly alarms: PipelineAlarms;
  readonly siteHealthCheck: SiteHealthCheck;

  constructor(scope: Construct, id: string, props: IngestionStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = config.logRetentionDays as RetentionDays;
    this.tables = new IngestionTables(this, 'Tables', { deletionProtection: config.tableDeletionProtection });
    const { articles, feeds, bodies, hosts, siteHealth } = this.tables.tables;

    this.feedQueue = new WorkQueue(this, 'FeedQueue', {
      consumerTimeout: SIZING['fetch-feed'].timeout,
      maxBatchingWindow: SIZING['fetch-feed'].batchingWindow,
      maxReceiveCount: config.maxReceiveCount,
    });
    this.articleQueue = new WorkQueue(this, 'ArticleQueue', {
      consumerTimeout: SIZING['extract-article'].timeout,
      maxBatchingWindow: SIZING['extract-article'].batchingWindow,
      maxReceiveCount: config.maxReceiveCount,
    });

    const make = (name: FunctionName, id: string, description: string, environment: Record<string, string>): PipelineFunction =>
      new PipelineFunction(this, id, { name, code: props.code(name), description, ...SIZING[name], logRetention, environment });

    const dispatch = make('dispatch', 'Dispatch', 'Feedloom: queue a fetch job for every due feed', {
      FEEDS_TABLE_NAME: feeds.tableName,
      FEED_QUEUE_URL: this.feedQueue.queue.queueUrl,
    });
    const fetchFeed = make('fetch-feed', 'FetchFeed', 'Feedloom: fetch and parse feeds, queue new entries', {
      FEEDS_TABLE_NAME: feeds.tableName,
      FEED_QUEUE_URL: this.feedQueue.queue.queueUrl,
      FEED_DLQ_URL: this.feedQueue.deadLetterQueue.queueUrl,
      ARTICLE_QUEUE_URL: this.articleQueue.queue.queueUrl,
      HOSTS_TABLE_NAME: hosts.tableName,
      USER_AGENT: config.userAgent,
      MAX_RECEIVE_COUNT: String(this.feedQueue.maxReceiveCount),
      QUEUE_RETENTION_SECONDS: String(this.feedQueue.retention.queue.toSeconds()),
      DEADLINE_MARGIN_MS: String(SIZING['fetch-feed'].deadlineMarginMs),
    });
    const extractArticle = make('extract-article', 'ExtractArticle', 'Feedloom: fetch, extract and store articles', {
      ARTICLES_TABLE_NAME: articles.tableName,
      FEEDS_TABLE_NAME: feeds.tableName,
      BODIES_TABLE_NAME: bodies.tableName,
      HOSTS_TABLE_NAME: hosts.tableName,
      ARTICLE_QUEUE_URL: this.articleQueue.queue.queueUrl,
      ARTICLE_DLQ_URL: this.articleQueue.deadLetterQueue.queueUrl,
      USER_AGENT: config.userAgent,
      MAX_RECEIVE_COUNT: String(this.articleQueue.maxReceiveCount),
      QUEUE_RETENTION_SECONDS: String(this.articleQueue.retention.queue.toSeconds()),
      DEADLINE_MARGIN_MS: String(SIZING['extract-article'].deadlineMarginMs),
      SITE_HEALTH_TABLE_NAME: siteHealth.tableName,
      ...(config.articleRetentionDays ? { ARTICLE_RETENTION_DAYS: String(config.articleRetentionDays) } : {}),
      ...(config.respectRobotsTxt ? {} : { RESPECT_ROBOTS_TXT: 'false' }),
    });
    const syncFeeds = make('sync-feeds', 'SyncFeeds', 'Feedloom: sync the deployed feed list into the Feeds table', {
      FEEDS_TABLE_NAME: feeds.tableName,
    });
    const checkSiteHealth = make('check-site-health', 'CheckSiteHealth', 'Feedloom: flag sites whose extraction degraded', {
      SITE_HEALTH_TABLE_NAME: siteHealth.tableName,
    });
    this.functions = { dispatch, 'fetch-feed': fetchFeed, 'extract-article': extractArticle, 'sync-feeds': syncFeeds, 'check-site-health': checkSiteHealth };

    // Least privilege: exactly the DynamoDB actions each use case issues (see shared/adapters/dynamodb).
    const { byDue } = FEEDS.indexes;
    this.tables.grantActions('feeds', dispatch.role, ['dynamodb:Query', 'dynamodb:UpdateItem'], [byDue.name]);
    this.feedQueue.queue.grantSendMessages(dispatch.role);
    // Query and DeleteItem: the retry ledger (a feed's waiting pages, queued again on its refresh).
    // UpdateItem: a refresh writes only the fields a fetch decides, conditional on the status (FeedStore.update).
    this.tables.grantActions('feeds', fetchFeed.role, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:Query',
      'dynamodb:DeleteItem',
    ]);
    this.articleQueue.queue.grantSendMessages(fetchFeed.role);
    this.feedQueue.deadLetterQueue.grantSendMessages(fetchFeed.role);
    // UpdateItem: a rewrite of the same content updates the record's retry plan in place. DeleteItem
    // (conditional): a feed-only record superseded by its entry's extraction under another id.
    this.tables.grantActions('articles', extractArticle.role, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
    // PutItem on Feeds: the retry ledger entry of a page that failed for a passing reason. GetItem and
    // UpdateItem (conditional): the id an entry's extraction went under, noted on its state and read
    // back when a refetch fails (EntryArticleIds).
    this.tables.grantActions('feeds', extractArticle.role, ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem']);
    // Offloaded bodies: chunks are written in batches, read by query, and superseded ones get a TTL.
    this.tables.grantActions('bodies', extractArticle.role, ['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem']);
    this.articleQueue.deadLetterQueue.grantSendMessages(extractArticle.role);
    // Per-host politeness shared by every environment: read the host item, take and give back a
    // slot with conditional updates, set a cooldown; extract-article also caches robots.txt.
    this.tables.grantActions('hosts', fetchFeed.role, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    this.tables.grantActions('hosts', extractArticle.role, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem']);
    // Per-site counters: one ADD per stored article; the check reads whole days.
    this.tables.grantActions('siteHealth', extractArticle.role, ['dynamodb:UpdateItem']);
    this.tables.grantActions('siteHealth', checkSiteHealth.role, ['dynamodb:Query']);
    // UpdateItem: an existing feed gains the list's categories and title, conditional on its status.
    this.tables.grantActions('feeds', syncFeeds.role, [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]);

    // The event-source mappings mirror cli/local-runtime/local-pipeline.ts: batches, partial failures, bounded concurrency.
    fetchFeed.function.addEventSource(
      new SqsEventSource(this.feedQueue.queue, {
        batchSize: config.feedBatchSize,
        maxBatchingWindow: SIZING['fetch-feed'].batchingWindow,
        reportBatchItemFailures: true,
        maxConcurrency: config.feedConcurrency,
      }),
    );
    extractArticle.function.addEventSource(
      new SqsEventSource(this.articleQueue.queue, {
        batchSize: config.articleBatchSize,
        maxBatchingWindow: SIZING['extract-article'].batchingWindow,
        reportBatchItemFailures: true,
        maxConcurrency: config.articleConcurrency,
      }),
    );

    for (const consumer of [fetchFeed, extractArticle]) {
      Validations.of(consumer.function).acknowledge({
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          "An SQS event source takes no on-failure destination: a record that keeps failing goes to the queue's dead-letter queue after maxReceiveCount (WorkQueue), where an alarm watches it.",
      });
    }

    this.schedule = new DispatchSchedule(this, 'DispatchSchedule', { dispatcher: dispatch.function, rate: Duration.minutes(config.scheduleRateMinutes) });

    if (props.feedList) new FeedListSync(this, 'FeedListSync', { handler: syncFeeds.function, feedList: props.feedList, logRetention });

    this.siteHealthCheck = new SiteHealthCheck(this, 'SiteHealthCheck', {
      checker: checkSiteHealth.function,
      rate: SITE_HEALTH_CHECK_RATE,
      ...SITE_HEALTH_METRIC,
    });

    this.alarms = new PipelineAlarms(this, 'Alarms', {
      deadLetterQueues: { Feed: this.feedQueue.deadLetterQueue, Article: this.articleQueue.deadLetterQueue, Dispatch: this.schedule.deadLetterQueue },
      retainedQueues: {
        Feed: { queue: this.feedQueue.queue, retention: this.feedQueue.retention.queue },
        FeedDeadLetter: { queue: this.feedQueue.deadLetterQueue, retention: this.feedQueue.retention.deadLetters },
        Article: { queue: this.articleQueue.queue, retention: this.articleQueue.retention.queue },
        ArticleDeadLetter: { queue: this.articleQueue.deadLetterQueue, retention: this.articleQueue.retention.deadLetters },
        DispatchDeadLetter: { queue: this.schedule.deadLetterQueue, retention: this.schedule.deadLetterRetention },
      },
      functions: {
        Dispatch: dispatch.function,
        FetchFeed: fetchFeed.function,
        ExtractArticle: extractArticle.function,
        SyncFeeds: syncFeeds.function,
        CheckSiteHealth: checkSiteHealth.function,
      },
      degradedSites: this.siteHealthCheck.degradedSites,
      topic: config.alarmTopic,
      email: config.alarmEmail,
    });

    const output = (id: string, value: string, description: string): CfnOutput => new CfnOutput(this, id, { value, description });
    output('ArticlesTableName', articles.tableName, 'Articles table (consumers query it; docs/consumers.md)');
    output('ArticlesStreamArn', articles.tableStreamArn ?? '', 'Articles table stream (new and old images)');
    output('BodiesTableName', bodies.tableName, 'Article bodies too big for one item, in chunks (docs/consumers.md)');
    output('SiteHealthTableName', siteHealth.tableName, 'Per-site extraction counters (feedloom sites; docs/deploy.md, "Site health")');
    output('FeedsTableName', feeds.tableName, 'Feeds table (subscriptions and fetch state)');
    output('HostsTableName', hosts.tableName, 'Hosts table (per-host politeness shared by every worker, cached robots.txt)');
    output('FeedQueueUrl', this.feedQueue.queue.queueUrl, 'Feed queue');
    output('FeedDeadLetterQueueUrl', this.feedQueue.deadLetterQueue.queueUrl, 'Feed dead-letter queue (redrive: docs/deploy.md)');
    output('ArticleQueueUrl', this.articleQueue.queue.queueUrl, 'Article queue');
    output('ArticleDeadLetterQueueUrl', this.articleQueue.deadLetterQueue.queueUrl, 'Article dead-letter queue (redrive: docs/deploy.md)');
    output('DispatchDeadLetterQueueUrl', this.schedule.deadLetterQueue.queueUrl, 'Failed dispatcher runs');
    output('DispatchFunctionName', dispatch.function.functionName, 'Invoke it to dispatch due feeds now');
    if (this.alarms.topic) output('AlarmTopicArn', this.alarms.topic.topicArn, 'Alarm notifications');
  }
}
