import { z } from 'zod';
import { FeedItemSchema } from '../feed/feed';

/** Queue message: fetch one feed. `window` makes a scheduler retry of the same tick idempotent. */
export const FetchFeedJobSchema = z.object({
  kind: z.literal('fetch-feed'),
  version: z.literal(1),
  feedId: z.string().min(1),
  url: z.string().min(1),
  window: z.string().describe('the schedule tick that produced the job'),
});
export type FetchFeedJob = z.infer<typeof FetchFeedJobSchema>;

/** Queue message: fetch, extract and store the page of one feed entry. */
export const ExtractArticleJobSchema = z.object({
  kind: z.literal('extract-article'),
  version: z.literal(1),
  feedId: z.string().min(1),
  feedUrl: z.string().min(1),
  item: FeedItemSchema,
  discoveredAt: z.string(),
  cycle: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('retry cycle: absent or 1 for the first fetch of an entry, 2.. when queued again by the retry ledger or reextract'),
});
export type ExtractArticleJob = z.infer<typeof ExtractArticleJobSchema>;
