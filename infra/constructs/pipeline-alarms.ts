import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Options of {@link PipelineAlarms}. */
export interface PipelineAlarmsProps {
  deadLetterQueues: Record<string, IQueue>;
  /** Every queue whose messages SQS deletes after a retention period, with that period. */
  retainedQueues: Record<string, { queue: IQueue; retention: Duration }>;
  functions: Record<string, IFunction>;
  /** The number of degraded sites the site-health check publishes (infra/constructs/site-health-check.ts). */
  degradedSites?: IMetric;
  /** Create an SNS topic the alarms notify. */
  topic: boolean;
  email: string | null;
}

/**
 * The alarms an operator needs: any message waiting in a dead-letter queue (a poison job, or work
 * that failed every delivery), any message halfway to the age at which SQS would delete it and any function error (a thrown invocation: a crash, a whole batch
 * failing, a dispatcher run failing), and any site whose extraction degraded (a redesign that turns
 * bodies into navigation text or feed-only fallbacks). Optionally they notify an SNS topic, and an e-mail address.
 */
export class PipelineAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  readonly topic: Topic | null;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    this.topic = props.topic || props.email ? new Topic(this, 'Topic', { displayName: 'Feedloom alarms', enforceSSL: true }) : null;
    if (this.topic && props.email) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.email));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An e-mail subscription: SNS retries the delivery itself, an undeliverable alarm e-mail has no consumer a dead-letter queue would serve, and the alarm state stays visible in CloudWatch.',
      });
    }
    const period = Duration.minutes(5);
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(
        new Alarm(this, `${name}DeadLetters`, {
          alarmDescription: `Feedloom: messages waiting in the ${name} dead-letter queue (see docs/deploy.md, "Redrive dead letters")`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    // SQS deletes a message older than its queue's retention without a trace, dead-letter queue or
    // not: a backlog that outlives it (a throttled or broken consumer, a dead letter nobody redrives)
    // loses jobs. Half the retention leaves days to act before the first one expires. In a standard
    // queue's DLQ the metric counts from the move while expiry counts from the first send (SQS guide,
    // "Setting-up dead-letter queue retention"). The handlers set jobs aside themselves (a new message:
    // 14 days of its own), a waiting one a day before the source's 10 days; a letter SQS moves itself
    // (after 1000 receives) keeps its age, so the DLQ's any-message alarm, not this one, is its warning.
    for (const [name, { queue, retention }] of Object.entries(props.retainedQueues)) {
      this.add(
        new Alarm(this, `${name}OldestMessage`, {
          alarmDescription: `Feedloom: a message in the ${name} queue is half its ${retention.toDays()}-day retention old; SQS deletes it at the end of it (see docs/deploy.md, "Redrive dead letters")`,
          metric: queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
          threshold: Math.floor(retention.toSeconds() / 2),
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(
        new Alarm(this, `${name}Errors`, {
          alarmDescription: `Feedloom: the ${name} function threw (see its log group)`,
          metric: fn.metricErrors({ period, statistic: 'Sum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    if (props.degradedSites) {
      this.add(
        new Alarm(this, 'DegradedSites', {
          alarmDescription:
            'Feedloom: a site that used to extract well no longer does (a redesign?). The check-site-health log lines "site extraction degraded" name each site with its figures; `feedloom sites --endpoint ...` shows them (docs/deploy.md, "Site health")',
          metric: props.degradedSites,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
  }

  private add(alarm: Alarm): void {
    if (this.topic) alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
