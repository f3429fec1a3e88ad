import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, type Code, Function as LambdaFunction, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Options of {@link PipelineFunction}. */
export interface PipelineFunctionProps {
  /** The function's folder under functions/ (also its Powertools service name). */
  name: string;
  code: Code;
  description: string;
  timeout: Duration;
  memorySize: number;
  logRetention: RetentionDays;
  environment: Record<string, string>;
}

/** The house defaults every Feedloom function shares, in one place. */
export const FUNCTION_DEFAULTS = {
  runtime: Runtime.NODEJS_22_X,
  architecture: Architecture.ARM_64,
  handler: 'index.handler',
} as const;

/**
 * A Feedloom Lambda function with the house defaults: Node.js 22 on arm64, JSON logs (Powertools
 * writes structured lines; Lambda filters by level) into its own log group with a retention, and a
 * role that starts with no permission but writing to that group (no managed policy), so every
 * other permission is a visible grant in the stack.
 */
export class PipelineFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Feedloom ${props.name}` });
    this.logGroup.grantWrite(this.role);
    this.function = new LambdaFunction(this, 'Function', {
      ...FUNCTION_DEFAULTS,
      code: props.code,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.name,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    const runtimeReason =
      'Feedloom targets nodejs22.x on purpose: the code is built and tested for Node 22 (esbuild target node22); moving to a newer runtime is a deliberate, tested change.';
    Validations.of(this.function).acknowledge(
      { id: 'AwsSolutions-L1', reason: runtimeReason },
      { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'No X-Ray traces: each function is one hop (a queue or schedule in, a queue or table out) whose latency and failures are in its structured logs, EMF metrics and the pipeline alarms; tracing would add a cost per trace and an IAM grant on "*" for nothing those do not show.',
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          "A Lambda dead-letter target only receives failed asynchronous invocations: the SQS consumers' failures go to their queue's own dead-letter queue (redrive policy), the dispatcher's asynchronous failures to an on-failure destination (DispatchSchedule), and the feed-list sync is invoked synchronously by CloudFormation.",
      },
    );
  }
}
