import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Options of {@link DispatchSchedule}. */
export interface DispatchScheduleProps {
  dispatcher: IFunction;
  rate: Duration;
}

/**
 * Runs the dispatcher on a fixed rate with EventBridge Scheduler. Two failure paths end in one
 * dead-letter queue: the scheduler's own (it could not invoke: throttled, deleted function), with a
 * retry policy, and the function's asynchronous on-failure destination (it ran and threw), after
 * Lambda's retries. A run older than the rate is dropped: the next tick dispatches the same feeds.
 */
export class DispatchSchedule extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;
  /** How long SQS keeps a failed run in the dead-letter queue before deleting it. */
  readonly deadLetterRetention = Duration.days(14);

  constructor(scope: Construct, id: string, props: DispatchScheduleProps) {
    super(scope, id);
    const maxEventAge = Duration.seconds(Math.max(60, props.rate.toSeconds()));
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      retentionPeriod: this.deadLetterRetention,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const isDeadLetterQueue =
      "This queue is itself a dead-letter queue: of the schedule target and of the dispatcher's asynchronous invocations (neither is a redrive policy, which is what the rule looks for).";
    Validations.of(this.deadLetterQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: isDeadLetterQueue },
      { id: 'Serverless-SQSRedrivePolicy', reason: isDeadLetterQueue },
    );
    const role = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Feedloom: the schedule invokes the dispatcher',
    });
    props.dispatcher.configureAsyncInvoke({ retryAttempts: 2, maxEventAge, onFailure: new SqsDestination(this.deadLetterQueue) });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Feedloom: dispatch due feeds',
      schedule: ScheduleExpression.rate(props.rate),
      target: new LambdaInvoke(props.dispatcher, {
        role,
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge,
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    const functionArn = Stack.of(this).getLogicalId(props.dispatcher.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionArn}.Arn>:*]`,
      reason: 'LambdaInvoke grants lambda:InvokeFunction on the dispatcher and its versions/aliases (ARN:*); the role can invoke only this one function.',
    });
  }
}
