import { z } from 'zod';
import { ArticleImageSchema } from '../article/article';

export const FeedFormatSchema = z.enum(['rss', 'atom', 'rdf', 'json']);
export type FeedFormat = z.infer<typeof FeedFormatSchema>;

export const EnclosureSchema = z.object({
  url: z.string(),
  type: z.string().nullable(),
  length: z.number().int().nonnegative().nullable(),
});
export type Enclosure = z.infer<typeof EnclosureSchema>;

/** One entry of a parsed feed, normalised across RSS, Atom and JSON Feed. */
export const FeedItemSchema = z.object({
  itemId: z.string().describe('stable identity of the entry within its feed'),
  guid: z.string().nullable().describe('guid / id exactly as the feed gave it'),
  url: z
    .string()
    .nullable()
    .describe(
      'absolute link to the page as the feed gave it (resolved against xml:base and the feed URL; tracking parameters and fragment kept, identity and the Article url cleans them)',
    ),
  title: z.string().nullable().describe('plain text'),
  titleHtml: z
    .string()
    .nullable()
    .optional()
    .describe('the title as cleaned HTML when the feed marked it up (Atom type html/xhtml, escaped tags); null for plain text'),
  summary: z.string().nullable().describe('plain-text summary'),
  contentHtml: z.string().nullable().describe('the full content the feed carries, as HTML'),
  authors: z.array(z.string()),
  categories: z.array(z.string()),
  publishedAt: z.string().nullable().describe('ISO 8601 UTC'),
  modifiedAt: z.string().nullable().describe('ISO 8601 UTC'),
  publishedRaw: z.string().nullable(),
  modifiedRaw: z.string().nullable(),
  /** `day` when the feed gave a date without a time (then the instant is midnight UTC). */
  publishedPrecision: z.enum(['instant', 'day']).nullable().optional(),
  image: ArticleImageSchema.nullable(),
  enclosures: z.array(EnclosureSchema),
});
export type FeedItem = z.infer<typeof FeedItemSchema>;

/** A feed document after parsing, whatever its format. */
export const ParsedFeedSchema = z.object({
  format: FeedFormatSchema,
  title: z.string().nullable(),
  titleHtml: z.string().nullable().optional(),
  homeUrl: z.string().nullable(),
  description: z.string().nullable(),
  language: z.string().nullable(),
  imageUrl: z.string().nullable(),
  /** Minutes the publisher asks readers to wait between fetches (RSS 2.0 `<ttl>`). */
  ttlMinutes: z.number().nullable(),
  items: z.array(FeedItemSchema),
  /** Problems the tolerant reader recovered from (not well-formed XML, undefined entities, ...); empty when clean. */
  issues: z.array(z.string()).optional(),
});
export type ParsedFeed = z.infer<typeof ParsedFeedSchema>;
