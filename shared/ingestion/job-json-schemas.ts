import { z } from 'zod';
import { ExtractArticleJobSchema, FetchFeedJobSchema } from './jobs';

/**
 * The published JSON Schemas (draft 2020-12) of the queue messages, generated from their zod
 * schemas, keyed by the file they are written to in schema/. They describe what the consumers
 * accept (zod's input side); docs/consumers.md says how they may change while messages are in flight.
 */
export function jobJsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'fetch-feed-job.v1.json': {
      title: 'Feedloom FetchFeedJob, version 1',
      description: 'Message on the feed queue: fetch one feed (sent by dispatch, consumed by fetch-feed).',
      ...z.toJSONSchema(FetchFeedJobSchema, { target: 'draft-2020-12', io: 'input' }),
    },
    'extract-article-job.v1.json': {
      title: 'Feedloom ExtractArticleJob, version 1',
      description: 'Message on the article queue: fetch, extract and store the page of one feed entry (sent by fetch-feed, consumed by extract-article).',
      ...z.toJSONSchema(ExtractArticleJobSchema, { target: 'draft-2020-12', io: 'input' }),
    },
  };
}
