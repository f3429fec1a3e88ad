// A worker that takes one host slot through the DynamoDB adapter and never gives it back: the test
// kills it by pid (SIGKILL), like a Lambda environment or a `feedloom run` that dies mid-request.
// Usage: tsx hold-host-slot.ts <endpoint> <table> <host> <leaseMs>
import { createDynamoClients } from '../../../../shared/adapters/dynamodb/create-dynamo-clients';
import { DynamoHostPoliteness } from '../../../../shared/adapters/dynamodb/dynamo-host-politeness';

const [endpoint, tableName, host, leaseMs] = process.argv.slice(2) as [string, string, string, string];
const politeness = new DynamoHostPoliteness({ client: createDynamoClients({ endpoint }).documents, tableName });
const attempt = await politeness.tryAcquire(host, { limit: 1, minGapMs: 0, leaseMs: Number(leaseMs) });
process.stdout.write(`${JSON.stringify({ granted: attempt.granted })}\n`);
setInterval(() => undefined, 60_000);
