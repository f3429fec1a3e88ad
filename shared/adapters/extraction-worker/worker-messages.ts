import { z } from 'zod';
import type { Article } from '../../article/article';
import type { ExtractArticleOptions } from '../../extraction/extract-article';
import { SiteRulesSchema } from '../../extraction/site-rules';

// The options cross a thread boundary by structured clone; the schema checks their shape at that
// edge. The feed entry is passed through as cloned (it was validated when its job was parsed).
const ExtractOptionsSchema = z.object({
  url: z.string(),
  contentType: z.string().optional(),
  item: z.custom<NonNullable<ExtractArticleOptions['item']>>((value) => typeof value === 'object' && value !== null).optional(),
  feed: z.object({ feedId: z.string(), feedUrl: z.string() }).optional(),
  now: z.date().optional(),
  httpStatus: z.number().int().nullable().optional(),
  limits: z.object({ maxChars: z.number(), maxDepth: z.number(), maxElements: z.number() }).optional(),
  siteRules: SiteRulesSchema.optional(),
});

/** One page for a worker to extract. */
export const WorkerRequestSchema = z.object({
  id: z.number().int().positive(),
  input: z.union([z.custom<Uint8Array>((value) => value instanceof Uint8Array), z.string()]),
  options: ExtractOptionsSchema,
});
export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;

/** What a worker says back: ready once, then one Article per request (or why it could not read one). */
export type WorkerReply = { id: number; ready: true } | { id: number; article: Article } | { id: number; error: string };
