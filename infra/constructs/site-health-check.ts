import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

/** Options of {@link SiteHealthCheck}. */
export interface SiteHealthCheckProps {
  checker: IFunction;
  rate: Duration;
  /** Metric namespace and service name the checker publishes under (Powertools' `service` dimension). */
  namespace: string;
  service: string;
  metricName: string;
}

/**
 * Runs the site-health check on a fixed rate (EventBridge Scheduler) and exposes the one metric it
 * publishes, the number of degraded sites, for an alarm. No per-site dimension: the list of sites
 * is in the check's log lines. A missed run is not retried for long: the next one reads the same
 * counters.
 */
export class SiteHealthCheck extends Construct {
  readonly schedule: Schedule;
  readonly degradedSites: Metric;

  constructor(scope: Construct, id: string, props: SiteHealthCheckProps) {
    super(scope, id);
    const role = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Feedloom: the schedule invokes the site-health check',
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Feedloom: check per-site extraction health',
      schedule: ScheduleExpression.rate(props.rate),
      target: new LambdaInvoke(props.checker, { role, retryAttempts: 2, maxEventAge: Duration.seconds(Math.max(60, props.rate.toSeconds() / 2)) }),
    });
    const functionArn = Stack.of(this).getLogicalId(props.checker.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionArn}.Arn>:*]`,
      reason: 'LambdaInvoke grants lambda:InvokeFunction on the checker and its versions/aliases (ARN:*); the role can invoke only this one function.',
    });
    this.degradedSites = new Metric({
      namespace: props.namespace,
      metricName: props.metricName,
      dimensionsMap: { service: props.service },
      statistic: 'Maximum',
      period: props.rate,
    });
  }
}
