import { describe, expect, it } from 'vitest';
import { DEGRADED_SITES_METRIC } from '../../functions/check-site-health/handler';
import { METRICS_NAMESPACE } from '../../functions/runtime/observability';
import { SITE_HEALTH_METRIC } from '../../infra/ingestion-stack';
import { SITE_HEALTH } from '../../shared/adapters/dynamodb/table-design';
import { refId, resourcesOf, synthStack, variablesOf } from './synth-stack';

const { stack, template } = synthStack();
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const checker = stack.functions['check-site-health'];
const checkerId = logicalId(checker.function);
const tableId = logicalId(stack.tables.tables.siteHealth);

type Statement = { Action: string | string[]; Resource: unknown };
const statementsOf = (roleId: string): Statement[] =>
  Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => refId(r) === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const onTable = (roleId: string): string[] =>
  statementsOf(roleId)
    .filter((s) => JSON.stringify(s.Resource).includes(tableId))
    .flatMap((s) => [s.Action].flat())
    .sort();

describe('site health in the stack', () => {
  it('keeps the counters in their own table: a day partition, a host sort key, items that expire', () => {
    const table = resourcesOf(template, 'AWS::DynamoDB::Table')[tableId]?.Properties;
    expect(table?.KeySchema).toEqual([
      { AttributeName: SITE_HEALTH.partitionKey, KeyType: 'HASH' },
      { AttributeName: SITE_HEALTH.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table?.TimeToLiveSpecification).toEqual({ AttributeName: SITE_HEALTH.ttlAttribute, Enabled: true });
  });

  it('lets extract-article only increment the counters and the check only read them', () => {
    expect(onTable(logicalId(stack.functions['extract-article'].role))).toEqual(['dynamodb:UpdateItem']);
    expect(onTable(logicalId(checker.role))).toEqual(['dynamodb:Query']);
    expect(variablesOf(template, logicalId(stack.functions['extract-article'].function)).SITE_HEALTH_TABLE_NAME).toEqual({ Ref: tableId });
    expect(variablesOf(template, checkerId).SITE_HEALTH_TABLE_NAME).toEqual({ Ref: tableId });
  });

  it('runs the check every hour', () => {
    const schedule = resourcesOf(template, 'AWS::Scheduler::Schedule')[logicalId(stack.siteHealthCheck.schedule)]?.Properties as {
      ScheduleExpression: string;
      Target: { Arn: unknown; RetryPolicy: unknown };
    };
    expect(schedule.ScheduleExpression).toBe('rate(1 hour)');
    expect(refId(schedule.Target.Arn)).toBe(checkerId);
  });

  it('alarms on one degraded site, on the metric the check publishes, without a per-site dimension, and notifies the topic', () => {
    type AlarmProps = {
      Namespace: string;
      MetricName: string;
      Dimensions: { Name: string; Value: unknown }[];
      Statistic: string;
      Period: number;
      Threshold: number;
      ComparisonOperator: string;
      EvaluationPeriods: number;
      AlarmActions: unknown[];
    };
    const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties as unknown as AlarmProps);
    const degraded = alarms.filter((a) => a.MetricName === DEGRADED_SITES_METRIC);
    expect(degraded).toHaveLength(1);
    const [alarm] = degraded as [AlarmProps];
    // The names the handler publishes under: namespace, metric, and Powertools' service dimension.
    expect(alarm.Namespace).toBe(METRICS_NAMESPACE);
    expect(SITE_HEALTH_METRIC).toEqual({ namespace: METRICS_NAMESPACE, service: 'check-site-health', metricName: DEGRADED_SITES_METRIC });
    expect(alarm.Dimensions).toEqual([{ Name: 'service', Value: variablesOf(template, checkerId).POWERTOOLS_SERVICE_NAME }]);
    expect(alarm).toMatchObject({
      Statistic: 'Maximum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
    expect(stack.alarms.topic).not.toBeNull();
    expect(alarm.AlarmActions.map(refId)).toEqual([logicalId(stack.alarms.topic as never)]);
  });
});
