import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Code } from 'aws-cdk-lib/aws-lambda';
import type { FunctionName } from './ingestion-stack';

/**
 * The deployment package of each function: the folder scripts/build-lambdas.mjs writes (the bundle
 * plus the node_modules jsdom needs). cdk.json's "build" runs that script before every synth.
 */
export function lambdaAssetCode(distDir: string): (name: FunctionName) => Code {
  return (name) => {
    const dir = join(distDir, name);
    if (!existsSync(join(dir, 'index.mjs'))) throw new Error(`${dir}/index.mjs is missing: run npm run build:lambdas first`);
    return Code.fromAsset(dir);
  };
}
