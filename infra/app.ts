import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { configFromContext, readFeedList } from './config';
import { IngestionStack } from './ingestion-stack';
import { lambdaAssetCode } from './lambda-asset-code';

// The CDK app (cdk.json "app"): one environment-agnostic stack, so synth needs no credentials
// and no lookups; cdk-nag's AwsSolutions and Serverless packs check it on every synth.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = new App();
const config = configFromContext(app.node);
new IngestionStack(app, String(app.node.tryGetContext('stackName') ?? 'Feedloom'), {
  description: 'Feedloom news ingestion: scheduler, queues, Lambda functions, DynamoDB tables',
  config,
  code: lambdaAssetCode(join(root, 'dist', 'lambdas')),
  feedList: config.feedsFile ? readFeedList(config.feedsFile, root) : null,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
