import { z } from 'zod';

export const FeedStatusSchema = z.enum(['active', 'paused', 'dead']);
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

const ErrorRecordSchema = z.object({ code: z.string(), message: z.string(), at: z.string() });

/** A subscribed feed and everything remembered between fetches of it. */
export const FeedSubscriptionSchema = z.object({
  feedId: z.string(),
  url: z.string().describe('current fetch URL (updated after a stable permanent redirect)'),
  title: z.string().nullable(),
  homeUrl: z.string().nullable(),
  categories: z.array(z.string()).describe('OPML folders / user categories'),
  status: FeedStatusSchema,
  addedAt: z.string(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  lastFetchedAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastHttpStatus: z.number().int().nullable(),
  nextFetchAt: z.string(),
  errorCount: z.number().int().nonnegative(),
  failingSince: z.string().nullable(),
  lastError: ErrorRecordSchema.nullable(),
  /** A permanent redirect target seen on consecutive fetches; adopted once stable. */
  pendingRedirect: z.object({ url: z.string(), count: z.number().int() }).nullable().default(null),
});
export type FeedSubscription = z.infer<typeof FeedSubscriptionSchema>;

/** Some fields of a stored feed, changed together by one write (FeedStore.update); never its id or when it was added. */
export const FeedUpdateSchema = FeedSubscriptionSchema.omit({ feedId: true, addedAt: true }).partial().strict();
export type FeedUpdate = z.infer<typeof FeedUpdateSchema>;

/** What is remembered of one feed entry: enough to skip it when unchanged and re-extract when edited. */
export const FeedItemStateSchema = z.object({
  feedId: z.string(),
  itemId: z.string(),
  url: z.string().nullable(),
  fingerprint: z.string().describe('hash of the fields whose change means an edited entry'),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  articleId: z
    .string()
    .optional()
    .describe("id of the entry's extracted record when it is not its link's (a redirect, a canonical link); written by extract-and-store"),
});
export type FeedItemState = z.infer<typeof FeedItemStateSchema>;
