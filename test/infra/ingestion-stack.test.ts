import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tableDefinitions } from '../../shared/adapters/dynamodb/table-definitions';
import { ARTICLES, BODIES, DEFAULT_TABLE_NAMES, HOSTS } from '../../shared/adapters/dynamodb/table-design';
import { refId, resourcesOf, synthStack } from './synth-stack';

const { stack, template } = synthStack();
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const queues = resourcesOf(template, 'AWS::SQS::Queue');
const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping');
const tables = resourcesOf(template, 'AWS::DynamoDB::Table');
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const fnId = (name: keyof typeof stack.functions) => logicalId(stack.functions[name].function);
const queueArnId = (arn: unknown) => refId(arn);

describe('tables', () => {
  const byKey = {
    articles: tables[logicalId(stack.tables.tables.articles)],
    feeds: tables[logicalId(stack.tables.tables.feeds)],
    bodies: tables[logicalId(stack.tables.tables.bodies)],
    hosts: tables[logicalId(stack.tables.tables.hosts)],
    siteHealth: tables[logicalId(stack.tables.tables.siteHealth)],
  };

  it('are exactly the tables, keys and indexes of table-definitions.ts', () => {
    expect(Object.keys(tables)).toHaveLength(Object.keys(DEFAULT_TABLE_NAMES).length);
    for (const definition of tableDefinitions({ articles: 'articles', feeds: 'feeds', bodies: 'bodies', hosts: 'hosts', siteHealth: 'siteHealth' })) {
      const props = byKey[definition.TableName as keyof typeof byKey]?.Properties;
      expect(props, definition.TableName).toBeDefined();
      expect(props?.KeySchema).toEqual(definition.KeySchema);
      expect(new Set(props?.AttributeDefinitions as unknown[])).toEqual(new Set(definition.AttributeDefinitions));
      const indexes = (props?.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown; Projection: unknown }[]) ?? [];
      expect(indexes.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection }))).toEqual(definition.GlobalSecondaryIndexes ?? []);
    }
  });

  it('have point-in-time recovery, KMS encryption, on-demand billing and are retained', () => {
    for (const table of Object.values(tables)) {
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      // SSEEnabled without a key ARN: encrypted with the AWS-managed KMS key (aws/dynamodb), not the owned default.
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
    }
  });

  it('stream new and old images of articles, and expire articles on the design TTL attribute', () => {
    expect(byKey.articles?.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(byKey.articles?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: ARTICLES.ttlAttribute, Enabled: true });
  });

  it('expire superseded body chunks on the design TTL attribute, and stream nothing from them', () => {
    expect(byKey.bodies?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: BODIES.ttlAttribute, Enabled: true });
    expect(byKey.bodies?.Properties.StreamSpecification).toBeUndefined();
  });

  it('sweep idle hosts and old robots.txt copies on the design TTL attribute, and stream nothing from them', () => {
    expect(byKey.hosts?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: HOSTS.ttlAttribute, Enabled: true });
    expect(byKey.hosts?.Properties.StreamSpecification).toBeUndefined();
  });
});

describe('queues', () => {
  const pairs = { 'fetch-feed': stack.feedQueue, 'extract-article': stack.articleQueue } as const;

  for (const [consumer, pair] of Object.entries(pairs)) {
    it(`${consumer}: waits spend receives, so SQS's receive limit is its most (1000) and the queue keeps a message 10 days, its dead letters 14 (SQS's most); the runtime is told both`, () => {
      // A store outage is waited out 30 min at a time (2 receives an hour): 1000 receives outlast the
      // retention, so the handler's failure budget and age bound, not SQS, end a job (delivery-policy.ts).
      const queue = queues[logicalId(pair.queue)]?.Properties as Record<string, unknown>;
      const dlq = queues[logicalId(pair.deadLetterQueue)]?.Properties as Record<string, unknown>;
      expect((queue.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount).toBe(1000);
      expect(queue.MessageRetentionPeriod).toBe(10 * 86_400);
      expect(dlq.MessageRetentionPeriod).toBe(14 * 86_400);
      const env = (functions[fnId(consumer as 'fetch-feed')]?.Properties.Environment as { Variables: Record<string, string> } | undefined)?.Variables ?? {};
      expect(env.MAX_RECEIVE_COUNT).toBe('1000');
      expect(env.QUEUE_RETENTION_SECONDS).toBe(String(10 * 86_400));
    });

    it(`${consumer}: dead-letter after at least 5 deliveries, keeps letters longer, hides for 6x the consumer timeout`, () => {
      const queue = queues[logicalId(pair.queue)]?.Properties as Record<string, unknown>;
      const dlq = queues[logicalId(pair.deadLetterQueue)]?.Properties as Record<string, unknown>;
      const redrive = queue.RedrivePolicy as { maxReceiveCount: number; deadLetterTargetArn: unknown };
      expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(5);
      expect(queueArnId(redrive.deadLetterTargetArn)).toBe(logicalId(pair.deadLetterQueue));
      expect(dlq.MessageRetentionPeriod as number).toBeGreaterThan(queue.MessageRetentionPeriod as number);
      const timeout = functions[fnId(consumer as 'fetch-feed')]?.Properties.Timeout as number;
      expect(queue.VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * timeout);
    });
  }

  it('are all encrypted and refuse requests without TLS', () => {
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy'));
    const secured = policies.flatMap((p) => (p.Properties.Queues as unknown[]).map(refId));
    expect(new Set(secured)).toEqual(new Set(Object.keys(queues)));
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });
});

describe('event-source mappings', () => {
  it('report partial batch failures and cap concurrency, for both consumers', () => {
    const byFunction = Object.fromEntries(Object.values(mappings).map((m) => [refId(m.Properties.FunctionName), m.Properties]));
    for (const [name, queue, concurrency] of [
      ['fetch-feed', stack.feedQueue, 5],
      ['extract-article', stack.articleQueue, 10],
    ] as const) {
      const mapping = byFunction[fnId(name)] as Record<string, unknown>;
      expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: concurrency });
      expect(refId(mapping.EventSourceArn)).toBe(logicalId(queue.queue));
      expect(mapping.BatchSize).toBe(name === 'fetch-feed' ? 5 : 10);
    }
    expect(Object.keys(mappings)).toHaveLength(2);
  });

  it('take their concurrency and batch size from the configuration', () => {
    const { template: custom } = synthStack({ feedConcurrency: 3, articleConcurrency: 40, articleBatchSize: 2 });
    const configs = Object.values(resourcesOf(custom, 'AWS::Lambda::EventSourceMapping')).map((m) => [m.Properties.ScalingConfig, m.Properties.BatchSize]);
    expect(configs).toEqual(
      expect.arrayContaining([
        [{ MaximumConcurrency: 3 }, 5],
        [{ MaximumConcurrency: 40 }, 2],
      ]),
    );
  });

  it('leave reserved concurrency unset, so it never throttles below the mapping maximum', () => {
    for (const fn of Object.values(functions)) expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('schedule', () => {
  const schedules = resourcesOf(template, 'AWS::Scheduler::Schedule');
  type Target = { Arn: unknown; Input: string; RetryPolicy: unknown; DeadLetterConfig: { Arn: unknown } };
  const schedule = schedules[logicalId(stack.schedule.schedule)]?.Properties as { ScheduleExpression: string; Target: Target };

  it('runs the dispatcher at the configured rate with a retry policy and a dead-letter queue', () => {
    // The other schedule is the site-health check's (test/infra/site-health.test.ts).
    expect(Object.keys(schedules)).toHaveLength(2);
    expect(schedule.ScheduleExpression).toBe('rate(5 minutes)');
    expect(refId(schedule.Target.Arn)).toBe(fnId('dispatch'));
    expect(schedule.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300 });
    expect(refId(schedule.Target.DeadLetterConfig.Arn)).toBe(logicalId(stack.schedule.deadLetterQueue));
    expect(JSON.parse(schedule.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  });

  it('follows the configured rate', () => {
    const { template: custom } = synthStack({ scheduleRateMinutes: 15 });
    custom.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)' });
  });

  it('sends a dispatcher run that threw to the same dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId('dispatch') },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.schedule.deadLetterQueue), 'Arn'] } } },
    });
  });
});

describe('functions', () => {
  it('run on nodejs22.x arm64 with JSON logs to a log group with a retention, a timeout and a memory size', () => {
    expect(Object.keys(functions)).toHaveLength(5);
    const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Timeout).toEqual(expect.any(Number));
      expect(fn.Properties.MemorySize).toEqual(expect.any(Number));
      const logging = fn.Properties.LoggingConfig as { LogFormat: string; LogGroup: unknown };
      expect(logging.LogFormat).toBe('JSON');
      expect(logGroups[refId(logging.LogGroup)]?.Properties.RetentionInDays).toBe(30);
    }
  });

  it('set no test-only variable, so the deployed functions never reach private networks', () => {
    for (const fn of Object.values(functions)) {
      const variables = Object.keys((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables);
      expect(variables.filter((name) => name.startsWith('FEEDLOOM_TEST_'))).toEqual([]);
    }
  });
});

describe('permissions', () => {
  const policies = resourcesOf(template, 'AWS::IAM::Policy');
  const statementsOf = (roleId: string) =>
    Object.values(policies)
      .filter((p) => (p.Properties.Roles as unknown[]).some((r) => refId(r) === roleId))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
  const actionsOf = (roleId: string, prefix: string) =>
    statementsOf(roleId)
      .flatMap((s) => [s.Action].flat())
      .filter((a) => a.startsWith(prefix))
      .sort();

  it('never grant a wildcard action', () => {
    const actions = Object.values(policies).flatMap((p) =>
      (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap((s) => [s.Action].flat()),
    );
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('grant each function exactly the DynamoDB actions its use case issues, on its table and named indexes only', () => {
    const roleId = (name: keyof typeof stack.functions) => logicalId(stack.functions[name].role);
    expect(actionsOf(roleId('dispatch'), 'dynamodb:')).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    // GetItem twice and UpdateItem: the Feeds (or Articles) table, and the Hosts table (shared politeness);
    // Query and DeleteItem: the retry ledger in each feed's partition (issue 12).
    expect(actionsOf(roleId('fetch-feed'), 'dynamodb:')).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'dynamodb:UpdateItem',
    ]);
    // Articles Get/Put/Update/Delete (UpdateItem: a same-content rewrite updates the retry plan, issue 12;
    // DeleteItem: a feed-only record superseded by its entry's extraction under another id), Feeds
    // PutItem (the retry ledger) and Get/Update (an entry's extraction id on its state), Bodies
    // Query/BatchWrite/Update, Hosts Get/Update/Put (politeness and robots.txt), SiteHealth UpdateItem
    // (the per-site counters).
    expect(actionsOf(roleId('extract-article'), 'dynamodb:')).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:GetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:PutItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'dynamodb:UpdateItem',
      'dynamodb:UpdateItem',
      'dynamodb:UpdateItem',
      'dynamodb:UpdateItem',
    ]);
    // The politeness and robots.txt actions reach the Hosts table and nothing else.
    const hostsArn = JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.tables.tables.hosts), 'Arn'] });
    for (const name of ['fetch-feed', 'extract-article'] as const) {
      const onHosts = statementsOf(roleId(name)).filter((statement) => JSON.stringify([statement.Resource].flat()) === `[${hostsArn}]`);
      expect(onHosts.flatMap((statement) => [statement.Action].flat()).sort()).toEqual(
        name === 'fetch-feed' ? ['dynamodb:GetItem', 'dynamodb:UpdateItem'] : ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      );
    }
    // The chunk-writing actions reach the Bodies table only.
    const bodiesArn = JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.tables.tables.bodies), 'Arn'] });
    for (const statement of statementsOf(roleId('extract-article'))) {
      const actions = [statement.Action].flat();
      if (actions.includes('dynamodb:BatchWriteItem')) expect(JSON.stringify([statement.Resource].flat())).toBe(`[${bodiesArn}]`);
    }
    expect(actionsOf(roleId('sync-feeds'), 'dynamodb:')).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const dynamoResources = Object.values(policies).flatMap((p) =>
      (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement.filter((s) =>
        [s.Action].flat().some((a) => a.startsWith('dynamodb:')),
      ).map((s) => JSON.stringify(s.Resource)),
    );
    expect(dynamoResources.filter((r) => r.includes('*'))).toEqual([]);
    expect(dynamoResources.join()).toContain('/index/byDue');
  });

  it('give the pipeline roles no managed policy', () => {
    const roles = resourcesOf(template, 'AWS::IAM::Role');
    for (const name of ['dispatch', 'fetch-feed', 'extract-article', 'sync-feeds', 'check-site-health'] as const) {
      expect(roles[logicalId(stack.functions[name].role)]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('alarms', () => {
  type AlarmProps = { MetricName: string; Threshold: number; AlarmActions?: unknown; Dimensions: { Value: unknown }[] };
  const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties as unknown as AlarmProps);

  it('watch every dead-letter queue depth and every function error, notifying the topic', () => {
    const dlqs = [stack.feedQueue.deadLetterQueue, stack.articleQueue.deadLetterQueue, stack.schedule.deadLetterQueue].map(logicalId);
    const depth = alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(depth.map((a) => refId(a.Dimensions[0]?.Value)).sort()).toEqual([...dlqs].sort());
    const errors = alarms.filter((a) => a.MetricName === 'Errors');
    expect(errors.map((a) => refId(a.Dimensions[0]?.Value)).sort()).toEqual(
      Object.values(stack.functions)
        .map((f) => logicalId(f.function))
        .sort(),
    );
    const topic = Object.keys(resourcesOf(template, 'AWS::SNS::Topic'))[0];
    for (const alarm of [...depth, ...errors]) {
      expect(alarm.Threshold).toBe(1);
      expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    }
  });

  it('warn before SQS deletes a job for its age: every work and dead-letter queue has an age alarm well inside its retention', () => {
    // SQS deletes a message older than the queue's retention without a trace, dead-letter queue or
    // not: a backlog that outlives it (a throttled consumer, an unread dead letter) loses jobs.
    const watched = [stack.feedQueue, stack.articleQueue].flatMap((work) => [work.queue, work.deadLetterQueue]).concat(stack.schedule.deadLetterQueue);
    const age = alarms.filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
    expect(age.map((a) => refId(a.Dimensions[0]?.Value)).sort()).toEqual(watched.map(logicalId).sort());
    const topic = Object.keys(resourcesOf(template, 'AWS::SNS::Topic'))[0];
    for (const alarm of age) {
      const retention = queues[refId(alarm.Dimensions[0]?.Value) as string]?.Properties.MessageRetentionPeriod as number;
      // An operator has at least a third of the retention (and days) to act before anything expires.
      expect(alarm.Threshold).toBeLessThanOrEqual((retention * 2) / 3);
      expect(retention - alarm.Threshold).toBeGreaterThanOrEqual(86_400);
      expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    }
  });

  it('leave out the topic when it is not wanted', () => {
    const { template: custom } = synthStack({ alarmTopic: false });
    custom.resourceCountIs('AWS::SNS::Topic', 0);
    custom.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
  });
});

describe('outputs and configuration', () => {
  it('export the table names and the articles stream ARN for consumers', () => {
    const outputs = template.findOutputs('*');
    expect(outputs.ArticlesTableName?.Value).toEqual({ Ref: logicalId(stack.tables.tables.articles) });
    expect(outputs.FeedsTableName?.Value).toEqual({ Ref: logicalId(stack.tables.tables.feeds) });
    expect(outputs.ArticlesStreamArn?.Value).toEqual({ 'Fn::GetAtt': [logicalId(stack.tables.tables.articles), 'StreamArn'] });
  });

  it('pass the user agent to the functions that fetch', () => {
    const { stack: custom, template: customTemplate } = synthStack({ userAgent: 'Example/2 (+https://example.com)' });
    for (const name of ['fetch-feed', 'extract-article'] as const) {
      const id = custom.getLogicalId(custom.functions[name].function.node.defaultChild as never);
      expect(resourcesOf(customTemplate, 'AWS::Lambda::Function')[id]?.Properties.Environment).toMatchObject({
        Variables: { USER_AGENT: 'Example/2 (+https://example.com)' },
      });
    }
  });

  it('sync a deployed feed list into the Feeds table through a custom resource', () => {
    const list = 'https://example.com/feed.xml\nhttps://example.org/rss\n';
    const { template: withList } = synthStack({}, list);
    withList.hasResourceProperties('Custom::FeedloomFeedList', { FeedList: list });
    template.resourceCountIs('Custom::FeedloomFeedList', 0);
  });
});

describe('consumers never send to their own queue (#49: retries and waits use visibility)', () => {
  const policies = resourcesOf(template, 'AWS::IAM::Policy');
  const sendTargets = (role: { node: { defaultChild?: unknown } }) =>
    Object.values(policies)
      .filter((policy) => (policy.Properties.Roles as unknown[]).some((r) => refId(r) === logicalId(role)))
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
      .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('sqs:SendMessage')))
      .map((statement) => refId(statement.Resource));

  it('have no sqs:SendMessage on their own source queue, and no function turns Lambda recursive-loop detection off', () => {
    expect(sendTargets(stack.functions['fetch-feed'].role)).not.toContain(logicalId(stack.feedQueue.queue));
    expect(sendTargets(stack.functions['extract-article'].role)).not.toContain(logicalId(stack.articleQueue.queue));
    // They do send elsewhere (the article queue, their dead-letter queues): the filter above sees grants.
    expect(sendTargets(stack.functions['fetch-feed'].role)).toContain(logicalId(stack.articleQueue.queue));
    expect(sendTargets(stack.functions['extract-article'].role)).toContain(logicalId(stack.articleQueue.deadLetterQueue));
    for (const fn of Object.values(functions)) expect(fn.Properties.RecursiveLoop ?? 'Terminate').toBe('Terminate');
  });
});
