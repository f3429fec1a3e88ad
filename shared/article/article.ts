import { z } from 'zod';

/** Current version of the Article record; bumped only for breaking changes (see docs/consumers.md). */
export const ARTICLE_SCHEMA_VERSION = 1;

const IsoInstantSchema = z.iso.datetime({ offset: false }).describe('ISO 8601 instant in UTC (ends in Z)');

/** Where a field's value came from, most trusted first. */
export const FieldSourceSchema = z.enum(['jsonld', 'opengraph', 'meta', 'feed', 'readability', 'heuristic']);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

export const ArticleStatusSchema = z.enum(['extracted', 'feed-only', 'failed']);
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

export const ArticleImageSchema = z.object({
  url: z.string().describe('absolute URL of the lead image'),
  caption: z.string().nullable().describe('caption text without the credit'),
  credit: z.string().nullable().describe('photographer or agency, e.g. "Getty"'),
  alt: z.string().nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
});
export type ArticleImage = z.infer<typeof ArticleImageSchema>;

export const ArticleDatesSchema = z.object({
  publishedRaw: z.string().nullable().describe('the published date exactly as the source wrote it'),
  publishedLocal: z
    .string()
    .nullable()
    .optional()
    .describe(
      "publishedAt as the publisher's calendar and clock show it: YYYY-MM-DD for a day, else YYYY-MM-DDTHH:MM:SS with the source's offset (none when it gave none); its first ten characters are the publisher's calendar day (added in 1.x; absent on older records)",
    ),
  modifiedRaw: z.string().nullable().describe('the modified date exactly as the source wrote it'),
  precision: z.enum(['instant', 'day']).nullable().describe('"day" when the source gave only a calendar date (publishedAt is then midnight UTC)'),
});
export type ArticleDates = z.infer<typeof ArticleDatesSchema>;

export const ExtractionErrorSchema = z.object({
  code: z.string().describe('stable machine-readable code, e.g. HTTP_STATUS, BODY_TOO_LARGE, NOT_AN_ARTICLE'),
  message: z.string(),
});
export type ExtractionError = z.infer<typeof ExtractionErrorSchema>;

/**
 * Whether a page that could not be used will be tried again (added in schema 1.1, optional). Set on
 * `feed-only` and `failed` articles stored by the pipeline; absent on older records and extractions.
 */
export const ExtractionRetrySchema = z.object({
  retryable: z.boolean().describe('true while the failure may pass (429, 5xx, timeouts, connection errors, host cooldowns) and cycles remain'),
  cycle: z.number().int().positive().describe('which retry cycle stored this record: 1 for the first fetch, +1 per later cycle'),
  nextAttemptAt: IsoInstantSchema.nullable().describe('when the page is tried again; null when it will not be'),
});
export type ExtractionRetry = z.infer<typeof ExtractionRetrySchema>;

export const ExtractionInfoSchema = z.object({
  method: z
    .enum(['readability', 'readability-relaxed', 'blocks', 'jsonld', 'feed', 'none'])
    .describe(
      "what produced the body: Readability on the cleaned page, Readability on the page read again without trusting class names ('readability-relaxed'), the block classifier ('blocks'), the page's JSON-LD articleBody ('jsonld'), the feed entry, or nothing",
    ),
  httpStatus: z.number().int().nullable().describe('status of the final page response, null when never fetched'),
  error: ExtractionErrorSchema.nullable(),
  durationMs: z.number().nonnegative(),
  fieldSources: z.record(z.string(), FieldSourceSchema).describe('field name -> where its value came from'),
  extractorVersion: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('version of the extractor that produced this record (added in schema 1.1; absent on older records, read as 0)'),
  retry: ExtractionRetrySchema.nullable().optional(),
});
export type ExtractionInfo = z.infer<typeof ExtractionInfoSchema>;

/**
 * The Article record, schema version 1: the one thing Feedloom produces and consumers read.
 * Every name here is public contract (DESIGN "The Article record"); the JSON Schema in
 * `schema/article.v1.json` is generated from this definition.
 */
export const ArticleSchema = z.object({
  schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .describe('stable, URL-safe id derived from the cleaned canonical URL'),
  feedId: z.string().describe('id of the feed the article was first seen in'),
  feedUrl: z.string(),
  itemId: z.string().describe("the feed entry's identity (guid, else derived)"),
  url: z.string().describe('page URL after redirects, tracking parameters removed'),
  canonicalUrl: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable().describe('standfirst / dek / summary'),
  authors: z.array(z.string()),
  publishedAt: IsoInstantSchema.nullable(),
  modifiedAt: IsoInstantSchema.nullable(),
  dates: ArticleDatesSchema,
  fetchedAt: IsoInstantSchema,
  siteName: z.string().nullable(),
  section: z.string().nullable(),
  tags: z.array(z.string()),
  language: z.string().nullable().describe('BCP 47 tag'),
  direction: z.enum(['ltr', 'rtl']).nullable(),
  image: ArticleImageSchema.nullable(),
  contentHtml: z.string().nullable().describe('sanitised article HTML with absolute URLs'),
  contentText: z.string().nullable().describe('plain text, paragraphs separated by a blank line'),
  wordCount: z.number().int().nonnegative(),
  readingTimeMinutes: z.number().int().nonnegative(),
  contentHash: z.string().describe('hash of contentText (or of title and description when there is none)'),
  revision: z.number().int().positive(),
  status: ArticleStatusSchema,
  extraction: ExtractionInfoSchema,
});
export type Article = z.infer<typeof ArticleSchema>;
