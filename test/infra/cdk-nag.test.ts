import { Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synthStack } from './synth-stack';

/** Every acknowledgement in the tree: rule id and reason. */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
    );
}

describe('cdk-nag AwsSolutions', () => {
  for (const [label, feedList] of [
    ['the default stack', null],
    ['the stack with a deployed feed list', 'https://example.com/feed.xml\n'],
  ] as const) {
    it(`finds no unacknowledged error or warning in ${label}`, () => {
      const { app } = synthStack({ alarmEmail: 'ops@example.com' }, feedList);
      const report = new AwsSolutionsChecks().validateScope(app);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
      expect(report.success).toBe(true);
    });
  }

  it('reports a finding nobody acknowledged (the check is live on this stack)', () => {
    const { app, stack } = synthStack();
    stack.functions.dispatch.role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  });

  it('gives every acknowledgement a reason', () => {
    const { app } = synthStack({}, 'https://example.com/feed.xml\n');
    const all = acknowledgements(app);
    expect(all.length).toBeGreaterThan(0);
    for (const { id, reason } of all) expect(reason.length, id).toBeGreaterThan(40);
  });
});
