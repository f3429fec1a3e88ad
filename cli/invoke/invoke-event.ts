import { createHash } from 'node:crypto';
import type { CloudFormationCustomResourceEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { describeZodIssues } from '../../shared/describe-zod-issues';
import { InvalidInputError } from '../../shared/errors';
import { ExtractArticleJobSchema, FetchFeedJobSchema } from '../../shared/ingestion/jobs';
import { feedIdOf } from '../../shared/ingestion/subscribe-feeds';

/** The functions `feedloom invoke` runs, as the stack names them (functions/<name>/handler.ts). */
export const INVOKABLE_FUNCTIONS = ['dispatch', 'fetch-feed', 'extract-article', 'sync-feeds'] as const;
export type InvokableFunction = (typeof INVOKABLE_FUNCTIONS)[number];

/** An event file that no handler of that function could be given: reported in one line. */
export class InvalidEventError extends InvalidInputError {
  constructor(message: string) {
    super('BAD_EVENT', message);
  }
}

/** The event a handler is invoked with, and what was filled in to make it (said on stderr). */
export interface PreparedEvent {
  event: unknown;
  notes: string[];
}

type SqsFunction = 'fetch-feed' | 'extract-article';
const JOB_SCHEMAS = { 'fetch-feed': FetchFeedJobSchema, 'extract-article': ExtractArticleJobSchema } as const;
const QUEUE_NAMES = { 'fetch-feed': 'feeds', 'extract-article': 'articles' } as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses the event file's text as JSON, with a one-line error naming the position. */
export function parseEventText(text: string, source: string): unknown {
  if (!text.trim()) throw new InvalidEventError(`${source} is empty: expected a JSON event`);
  try {
    return JSON.parse(text.trim());
  } catch (error) {
    throw new InvalidEventError(`${source} is not JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * A hand-written job may leave out what a producer always sets: the item's empty lists and null
 * fields, the entry's identity (its URL), the feed's id (from its URL), the discovery time, the
 * schedule window. These are filled in (and named) before the job meets its schema.
 */
function completeJob(fn: SqsFunction, raw: Record<string, unknown>, now: Date, notes: string[], label: string): Record<string, unknown> {
  const filled: string[] = [];
  const job: Record<string, unknown> = { ...raw };
  const fill = (target: Record<string, unknown>, key: string, value: unknown, path: string) => {
    if (target[key] !== undefined) return;
    target[key] = value;
    filled.push(path);
  };
  fill(job, 'kind', fn, 'kind');
  fill(job, 'version', 1, 'version');
  if (fn === 'fetch-feed') {
    if (typeof job.url === 'string') fill(job, 'feedId', feedIdOf(job.url), 'feedId');
    fill(job, 'window', now.toISOString().slice(0, 16), 'window');
  } else {
    if (typeof job.feedUrl === 'string') fill(job, 'feedId', feedIdOf(job.feedUrl), 'feedId');
    fill(job, 'discoveredAt', now.toISOString(), 'discoveredAt');
    if (isObject(job.item)) {
      const item: Record<string, unknown> = { ...job.item };
      const itemId = typeof item.guid === 'string' ? item.guid : typeof item.url === 'string' ? item.url : undefined;
      if (itemId !== undefined) fill(item, 'itemId', itemId, 'item.itemId');
      for (const key of ['guid', 'url', 'title', 'summary', 'contentHtml', 'publishedAt', 'modifiedAt', 'publishedRaw', 'modifiedRaw', 'image']) {
        fill(item, key, null, `item.${key}`);
      }
      for (const key of ['authors', 'categories', 'enclosures']) fill(item, key, [], `item.${key}`);
      job.item = item;
    }
  }
  if (filled.length) notes.push(`${label}: filled in ${filled.join(', ')}`);
  return job;
}

/** Validates one bare job for `fn`, naming a job meant for the other function. */
function prepareJob(fn: SqsFunction, raw: unknown, now: Date, notes: string[], label: string): string {
  if (!isObject(raw)) throw new InvalidEventError(`${label} is not a job object`);
  const other = fn === 'fetch-feed' ? 'extract-article' : 'fetch-feed';
  if (raw.kind === other) throw new InvalidEventError(`${label} is a ${other} job: run \`feedloom invoke ${other}\` with it`);
  if (raw.kind !== undefined && raw.kind !== fn) throw new InvalidEventError(`${label} has kind ${JSON.stringify(raw.kind).slice(0, 40)}, expected "${fn}"`);
  const job = completeJob(fn, raw, now, notes, label);
  const parsed = JOB_SCHEMAS[fn].safeParse(job);
  if (!parsed.success) throw new InvalidEventError(`${label} is not a valid ${fn} job: ${describeZodIssues(parsed.error, '(event)', 4)}`);
  // The job travels as given (fields this version does not know included), as a queue would carry it.
  return JSON.stringify(job);
}

/** A queue record as SQS delivers it (first delivery unless the event says otherwise). */
function sqsRecord(fn: SqsFunction, body: string, index: number, now: Date, given: Record<string, unknown> = {}): SQSRecord {
  const attributes = isObject(given.attributes) ? (given.attributes as Record<string, string>) : {};
  const sent = String(now.getTime());
  return {
    messageId: typeof given.messageId === 'string' ? given.messageId : `local-${index + 1}`,
    receiptHandle: typeof given.receiptHandle === 'string' ? given.receiptHandle : `local-receipt-${index + 1}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: sent,
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: sent,
      ...attributes,
    },
    messageAttributes: isObject(given.messageAttributes) ? (given.messageAttributes as SQSRecord['messageAttributes']) : {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: typeof given.eventSourceARN === 'string' ? given.eventSourceARN : `arn:aws:sqs:local:000000000000:feedloom-${QUEUE_NAMES[fn]}`,
    awsRegion: typeof given.awsRegion === 'string' ? given.awsRegion : 'local',
  };
}

const SqsRecordInputSchema = z.looseObject({
  body: z.union([z.string(), z.record(z.string(), z.unknown())], { message: 'body must be the message text' }),
  messageId: z.string().min(1).optional(),
  receiptHandle: z.string().optional(),
  attributes: z
    .looseObject({
      ApproximateReceiveCount: z
        .string()
        .regex(/^[1-9][0-9]*$/, 'must be a delivery count like "1"')
        .optional(),
    })
    .optional(),
});
const SqsEventInputSchema = z.object({ Records: z.array(SqsRecordInputSchema).min(1, 'an SQS event has at least one record') });

/**
 * An SQS event for a queue consumer from what the user gave: a full SQS event (bodies passed as
 * they are, so a poison body meets the handler as it would in AWS), one bare job, an array of
 * jobs, or the output of an earlier `feedloom invoke` (its `sent` jobs).
 */
function prepareSqsEvent(fn: SqsFunction, input: unknown, now: Date): PreparedEvent {
  const notes: string[] = [];
  if (isObject(input) && 'Records' in input) {
    const parsed = SqsEventInputSchema.safeParse(input);
    if (!parsed.success) throw new InvalidEventError(`not a valid SQS event: ${describeZodIssues(parsed.error, '(event)', 4)}`);
    const records = parsed.data.Records.map((record, index) => {
      const body = typeof record.body === 'string' ? record.body : JSON.stringify(record.body);
      if (typeof record.body !== 'string') notes.push(`Records.${index}.body: an object, sent as its JSON text`);
      return sqsRecord(fn, body, index, now, record);
    });
    const ids = new Set(records.map((record) => record.messageId));
    if (ids.size !== records.length) throw new InvalidEventError('not a valid SQS event: two records share a messageId');
    return { event: { Records: records } satisfies SQSEvent, notes };
  }
  let jobs: unknown[];
  let what: string;
  if (Array.isArray(input)) {
    jobs = input;
    what = 'job';
  } else if (isObject(input) && Array.isArray(input.sent) && 'response' in input) {
    jobs = input.sent;
    what = 'sent';
  } else if (isObject(input)) {
    jobs = [input];
    what = 'the event';
  } else {
    throw new InvalidEventError(`expected an SQS event ({"Records": [...]}), a ${fn} job, an array of jobs or the output of feedloom invoke`);
  }
  if (!jobs.length) throw new InvalidEventError(`no jobs in the event${what === 'sent' ? ': the invocation that produced it sent nothing' : ''}`);
  const bodies = jobs.map((job, index) => prepareJob(fn, job, now, notes, jobs.length === 1 && what === 'the event' ? 'the event' : `${what}[${index}]`));
  return { event: { Records: bodies.map((body, index) => sqsRecord(fn, body, index, now)) } satisfies SQSEvent, notes };
}

const CustomResourceInputSchema = z.looseObject({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResourceProperties: z.record(z.string(), z.unknown()),
  OldResourceProperties: z.record(z.string(), z.unknown()).optional(),
  PhysicalResourceId: z.string().optional(),
});

/** A CloudFormation custom-resource event, its envelope filled in where the file leaves it out. */
function prepareCustomResourceEvent(input: unknown): PreparedEvent {
  const parsed = CustomResourceInputSchema.safeParse(input);
  if (!parsed.success) throw new InvalidEventError(`not a CloudFormation custom-resource event: ${describeZodIssues(parsed.error, '(event)', 4)}`);
  const given = parsed.data;
  if (given.RequestType === 'Update' && !given.OldResourceProperties) throw new InvalidEventError('an Update event needs OldResourceProperties');
  if (given.RequestType !== 'Create' && !given.PhysicalResourceId) throw new InvalidEventError(`a ${given.RequestType} event needs PhysicalResourceId`);
  const event = {
    ServiceToken: 'arn:aws:lambda:local:000000000000:function:feedloom-sync-feeds-provider',
    ResponseURL: 'https://cloudformation-response.invalid/local',
    StackId: 'arn:aws:cloudformation:local:000000000000:stack/Feedloom/local',
    RequestId: 'local-request',
    LogicalResourceId: 'FeedListSync',
    ResourceType: 'Custom::FeedloomFeedList',
    ...given,
  };
  return { event: event as unknown as CloudFormationCustomResourceEvent, notes: [] };
}

/** Turns what the user gave into the event `fn`'s handler is invoked with; throws InvalidEventError. */
export function prepareEvent(fn: InvokableFunction, input: unknown, now: Date): PreparedEvent {
  switch (fn) {
    case 'dispatch':
      // The schedule's payload only labels the tick (functions/dispatch/handler.ts): any object will do.
      if (!isObject(input)) throw new InvalidEventError('a dispatch event is a JSON object (the Scheduler payload, e.g. {"scheduledTime": "..."})');
      return { event: input, notes: [] };
    case 'sync-feeds':
      return prepareCustomResourceEvent(input);
    default:
      return prepareSqsEvent(fn, input, now);
  }
}
