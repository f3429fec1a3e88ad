import { describe, expect, it } from 'vitest';
import { CheckSiteHealthEnvSchema, DispatchEnvSchema, ExtractArticleEnvSchema, FetchFeedEnvSchema, SyncFeedsEnvSchema } from '../../functions/runtime/env';
import type { FunctionName } from '../../infra/ingestion-stack';
import { synthStack, variablesOf } from './synth-stack';

// Variables the runtime reads besides its own schema: set by the construct for Powertools and Node.
const HOUSE = ['POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS'];
const SCHEMAS = {
  dispatch: DispatchEnvSchema,
  'fetch-feed': FetchFeedEnvSchema,
  'extract-article': ExtractArticleEnvSchema,
  'sync-feeds': SyncFeedsEnvSchema,
  'check-site-health': CheckSiteHealthEnvSchema,
};

describe('infra and runtime agree on environment variables', () => {
  const { stack, template } = synthStack({ articleRetentionDays: 30 });

  for (const name of Object.keys(SCHEMAS) as FunctionName[]) {
    it(`${name}: the stack sets every variable its schema requires, and nothing it does not read`, () => {
      const id = stack.getLogicalId(stack.functions[name].function.node.defaultChild as never);
      const set = Object.keys(variablesOf(template, id)).filter((v) => !HOUSE.includes(v));
      const shape = SCHEMAS[name].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
      const required = Object.keys(shape).filter((key) => !shape[key]?.safeParse(undefined).success);
      const known = Object.keys(shape).filter((key) => !key.startsWith('FEEDLOOM_TEST_'));
      expect(set.filter((v) => !known.includes(v))).toEqual([]);
      expect(required.filter((v) => !set.includes(v))).toEqual([]);
    });
  }

  it('passes the queue maxReceiveCount the runtime uses to decide the final attempt', () => {
    const { stack: custom, template: customTemplate } = synthStack({ maxReceiveCount: 7 });
    const id = custom.getLogicalId(custom.functions['extract-article'].function.node.defaultChild as never);
    expect(variablesOf(customTemplate, id).MAX_RECEIVE_COUNT).toBe('7');
    customTemplate.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 7 } });
  });
});
