import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../infra/config';
import { IngestionStack } from '../../infra/ingestion-stack';

/**
 * Synthesises the stack as `cdk synth` does, but fast: inline placeholder code instead of the built
 * assets (nothing to bundle or hash) and no policy-validation plugins (cdk-nag runs in its own test).
 */
export function synthStack(overrides: Partial<PipelineConfig> = {}, feedList: string | null = null): { app: App; stack: IngestionStack; template: Template } {
  const app = new App();
  const stack = new IngestionStack(app, 'Test', {
    config: { ...DEFAULT_CONFIG, ...overrides },
    code: () => Code.fromInline('export const handler = async () => undefined;'),
    feedList,
  });
  return { app, stack, template: Template.fromStack(stack) };
}

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

/** The resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The logical id a `{ "Fn::GetAtt": [id, ...] }` or `{ Ref: id }` points at. */
export function refId(value: unknown): string {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = v.Ref ?? v['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return id;
}

/** The environment variables the template sets on one function. */
export function variablesOf(template: Template, logicalId: string): Record<string, string> {
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[logicalId];
  if (!fn) throw new Error(`no function ${logicalId}`);
  return (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
}
