import type { Context } from 'aws-lambda';

/**
 * The Lambda context of a local invocation. It reports Lambda's longest timeout (15 minutes) from
 * the start, so a large batch is not cut short by the deployed functions' shorter timeouts; the
 * handlers' deadline margins still apply as they would there.
 */
export function localLambdaContext(functionName: string, startedAt: number, now: () => number = Date.now): Context {
  const timeoutMs = 15 * 60_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `feedloom-local-${functionName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:feedloom-local-${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: `local-${startedAt.toString(36)}`,
    logGroupName: `/aws/lambda/feedloom-local-${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (now() - startedAt)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
