import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../shared/adapters/dynamodb/dynamodb-local-server';
import { startEmbeddedDynamo } from '../../shared/adapters/dynamodb/embedded-dynamodb';

/** Endpoints of the two engines the storage suite runs on, started once per test run. */
export interface DynamoEngineEndpoints {
  dynalite: string;
  'dynamodb-local': string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEngines: DynamoEngineEndpoints;
  }
}

/**
 * vitest globalSetup of the `storage` project: starts dynalite (in this process, in memory) and
 * Amazon DynamoDB Local (a JVM child process), hands their endpoints to the tests, and stops both
 * when the run ends; DynamoDB Local by its pid, also if the run is interrupted.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynalite = await startEmbeddedDynamo(null);
  let local: Awaited<ReturnType<typeof startDynamoDbLocal>>;
  try {
    local = await startDynamoDbLocal();
  } catch (error) {
    await dynalite.close();
    throw error;
  }
  const killOnExit = (): void => {
    try {
      process.kill(local.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  project.provide('dynamoEngines', { dynalite: dynalite.endpoint, 'dynamodb-local': local.endpoint });
  return async () => {
    process.off('exit', killOnExit);
    await local.stop();
    await dynalite.close();
  };
}
