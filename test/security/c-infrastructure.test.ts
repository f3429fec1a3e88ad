import { Validations } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { refId, resourcesOf, synthStack, variablesOf } from '../infra/synth-stack';

type Resource = { Type: string; Properties: Record<string, unknown> };

const { app, stack, template } = synthStack({ alarmEmail: 'ops@example.com' }, 'https://example.com/feed.xml\n');
const logicalId = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as never);
const functions = resourcesOf(template, 'AWS::Lambda::Function');
const queues = resourcesOf(template, 'AWS::SQS::Queue');
const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping');
const policies = resourcesOf(template, 'AWS::IAM::Policy');
const consumers = [
  { name: 'fetch-feed', fn: stack.functions['fetch-feed'], queue: stack.feedQueue },
  { name: 'extract-article', fn: stack.functions['extract-article'], queue: stack.articleQueue },
] as const;

/** Every statement of the policies attached to a role, by the role's logical id. */
function statementsOf(roleId: string): { Action: string | string[]; Resource: unknown; Effect: string }[] {
  return Object.values(policies)
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => refId(role) === roleId))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown; Effect: string }[] }).Statement);
}

/** Every acknowledgement in the tree: rule id and reason. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('#48 the dispatcher schedule and its failure paths (template)', () => {
  it('#48 asynchronous invocations that fail go to an on-failure destination (the dispatch DLQ); the schedule retries and dead-letters too', () => {
    const dispatchId = logicalId(stack.functions.dispatch.function);
    const dlqId = logicalId(stack.schedule.deadLetterQueue);
    const configs = Object.values(resourcesOf(template, 'AWS::Lambda::EventInvokeConfig'));
    const config = configs.find((c) => refId(c.Properties.FunctionName) === dispatchId) as Resource;
    expect(config.Properties.MaximumRetryAttempts).toBe(2);
    expect(refId((config.Properties.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination)).toBe(dlqId);
    const [schedule] = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'));
    const target = schedule?.Properties.Target as { DeadLetterConfig: { Arn: unknown }; RetryPolicy: { MaximumRetryAttempts: number } };
    expect(refId(target.DeadLetterConfig.Arn)).toBe(dlqId);
    expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
  });
});

describe('#49 no recursive loop through a queue (template)', () => {
  it('#49 no consumer may send to its own source queue (IAM), and Lambda recursive-loop detection is left on', () => {
    for (const { name, fn, queue } of consumers) {
      const queueId = logicalId(queue.queue);
      const sends = statementsOf(logicalId(fn.role)).filter((s) => [s.Action].flat().some((action) => action.startsWith('sqs:SendMessage')));
      expect(sends.length, name).toBeGreaterThan(0);
      for (const statement of sends) expect(JSON.stringify(statement.Resource), name).not.toContain(`"${queueId}"`);
    }
    for (const fn of Object.values(functions)) expect(fn.Properties.RecursiveLoop ?? 'Terminate').toBe('Terminate');
  });
});

describe('#50 infrastructure invariants', () => {
  it('#50 event-source mappings report batch item failures and set MaximumConcurrency; reserved concurrency unset or at least that', () => {
    for (const { name, fn } of consumers) {
      const mapping = Object.values(mappings).find((m) => refId(m.Properties.FunctionName) === logicalId(fn.function)) as Resource;
      expect(mapping.Properties.FunctionResponseTypes, name).toContain('ReportBatchItemFailures');
      const maximum = (mapping.Properties.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency;
      expect(maximum, name).toBeGreaterThanOrEqual(2);
      const reserved = functions[logicalId(fn.function)]?.Properties.ReservedConcurrentExecutions as number | undefined;
      if (reserved !== undefined) expect(reserved, name).toBeGreaterThanOrEqual(maximum as number);
    }
  });

  it('#50 visibility timeout at least 6 x the consumer timeout; maxReceiveCount at least 5; DLQ retention longer than the source', () => {
    for (const { name, fn, queue } of consumers) {
      const source = queues[logicalId(queue.queue)]?.Properties as Record<string, number & { maxReceiveCount: number; deadLetterTargetArn: unknown }>;
      const dlq = queues[logicalId(queue.deadLetterQueue)]?.Properties as Record<string, number>;
      const timeout = functions[logicalId(fn.function)]?.Properties.Timeout as number;
      expect(source.VisibilityTimeout, name).toBeGreaterThanOrEqual(6 * timeout);
      const redrive = source.RedrivePolicy as unknown as { maxReceiveCount: number; deadLetterTargetArn: unknown };
      expect(redrive.maxReceiveCount, name).toBeGreaterThanOrEqual(5);
      expect(refId(redrive.deadLetterTargetArn)).toBe(logicalId(queue.deadLetterQueue));
      expect(dlq.MessageRetentionPeriod as number, name).toBeGreaterThan(source.MessageRetentionPeriod as number);
    }
  });

  it('#50 every queue and topic is encrypted and refuses requests without TLS', () => {
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled ?? queue.Properties.KmsMasterKeyId).toBeTruthy();
    const secured = Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy')).flatMap((p) => {
      const document = JSON.stringify(p.Properties.PolicyDocument);
      return document.includes('"aws:SecureTransport":"false"') && document.includes('"Effect":"Deny"') ? (p.Properties.Queues as unknown[]).map(refId) : [];
    });
    expect(new Set(secured)).toEqual(new Set(Object.keys(queues)));
    const topicPolicies = Object.values(resourcesOf(template, 'AWS::SNS::TopicPolicy')).map((p) => JSON.stringify(p.Properties.PolicyDocument));
    expect(topicPolicies.some((document) => document.includes('"aws:SecureTransport":"false"'))).toBe(true);
  });

  it('#50 every table has point-in-time recovery and server-side encryption', () => {
    const tables = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect((table.Properties.SSESpecification as { SSEEnabled: boolean }).SSEEnabled).toBe(true);
    }
  });

  it('#50 every function logs to a log group with a retention, and none carries a test-only variable', () => {
    const groups = resourcesOf(template, 'AWS::Logs::LogGroup');
    for (const [id, fn] of Object.entries(functions)) {
      const group = groups[refId((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup)];
      expect(group?.Properties.RetentionInDays, id).toBeGreaterThan(0);
      const variables = fn.Properties.Environment ? Object.keys(variablesOf(template, id)) : [];
      expect(
        variables.filter((name) => name.startsWith('FEEDLOOM_TEST_')),
        id,
      ).toEqual([]);
    }
  });

  it('#50 cdk-nag AwsSolutions and Serverless (both in cdk-nag 3.0.2) find no unacknowledged error or warning', () => {
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      const report = pack.validateScope(app);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
  });

  it('#50 the Serverless pack is live on this stack: a function added without the house settings is reported', () => {
    const probe = synthStack();
    new LambdaFunction(probe.stack, 'Unacknowledged', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => 1;'),
    });
    const findings = new ServerlessChecks().validateScope(probe.app).violations;
    expect(findings.map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['Serverless-LambdaDLQ', 'Serverless-LambdaTracing', 'Serverless-LambdaDefaultMemorySize']),
    );
    expect(findings.flatMap((v) => v.violatingResources.map((r) => r.constructPath)).every((path) => path?.startsWith('Test/Unacknowledged/'))).toBe(true);
  });

  it('#50 every acknowledgement says why', () => {
    const all = acknowledgements(app);
    expect(all.filter((a) => a.id.startsWith('Serverless-')).length).toBeGreaterThan(0);
    for (const { id, reason } of all) expect(reason.length, id).toBeGreaterThan(40);
  });
});
