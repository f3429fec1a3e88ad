import { type CfnElement, CustomResource, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** Options of {@link FeedListSync}. */
export interface FeedListSyncProps {
  /** The sync-feeds function (functions/sync-feeds/handler.ts). */
  handler: IFunction;
  /** The feed list's text (OPML, JSON or one URL a line). */
  feedList: string;
  logRetention: RetentionDays;
}

/**
 * Syncs a deployed feed list into the Feeds table on every deploy that changes it: a custom
 * resource whose property is the list itself, so CloudFormation sends the old and the new list and
 * the function can remove exactly the feeds that left it.
 */
export class FeedListSync extends Construct {
  readonly resource: CustomResource;
  readonly provider: Provider;

  constructor(scope: Construct, id: string, props: FeedListSyncProps) {
    super(scope, id);
    // CloudFormation caps a template at 1 MB; a feed list that size belongs in `feedloom feeds import`.
    if (Buffer.byteLength(props.feedList) > 200 * 1024) throw new Error('the feed list is over 200 KiB: import it with the CLI instead (docs/deploy.md)');
    this.provider = new Provider(this, 'Provider', {
      onEventHandler: props.handler,
      logGroup: new LogGroup(this, 'ProviderLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
    });
    const framework = this.provider.node.findChild('framework-onEvent');
    const handlerId = Stack.of(this).getLogicalId(props.handler.node.defaultChild as CfnElement);
    Validations.of(framework).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The CDK custom-resource provider framework creates its own function with the basic execution role (log writing only); CDK offers no way to replace it.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${handlerId}.Arn>:*]`,
        reason: 'The provider framework may invoke only the sync-feeds function and its versions (ARN:*); nothing else.',
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason: 'The provider framework function is invoked synchronously by CloudFormation: a failure fails the deployment, which is where it must be seen.',
      },
      {
        id: 'Serverless-LambdaDefaultMemorySize',
        reason:
          "The CDK custom-resource provider framework creates this function and offers no memory setting; it only relays CloudFormation's event to sync-feeds.",
      },
      {
        id: 'Serverless-LambdaTracing',
        reason: "The CDK provider framework's relay function runs once per deployment; its outcome is in CloudFormation's events and its log group.",
      },
    );
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.serviceToken,
      resourceType: 'Custom::FeedloomFeedList',
      properties: { FeedList: props.feedList },
    });
  }
}
