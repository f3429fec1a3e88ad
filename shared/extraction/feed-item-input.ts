import { z } from 'zod';
import { ArticleImageSchema } from '../article/article';
import { resolveHttpUrl } from '../article/resolve-url';
import { EnclosureSchema, type FeedItem, FeedItemSchema } from '../feed/feed';
import { ExtractionError } from './extraction-error';

// A FeedItem handed to the library by its caller may not come from parseFeed, so the URL rules
// parseFeed applies while reading a feed are applied again here: an image, enclosure or link that
// is not an absolute http(s) URL without credentials (javascript:, data:, file:, ...) is dropped,
// never stored or fetched (docs/security.md, case 11).

/** The entry's link: kept only when it is http(s). */
const LinkSchema = z
  .string()
  .nullable()
  .transform((url) => resolveHttpUrl(url));

/** The lead image: dropped whole when its URL is not http(s). */
const ImageSchema = ArticleImageSchema.nullable().transform((image) => {
  const url = image ? resolveHttpUrl(image.url) : null;
  return image && url ? { ...image, url } : null;
});

/** Enclosures: those whose URL is not http(s) are left out. */
const EnclosuresSchema = z.array(EnclosureSchema).transform((enclosures) =>
  enclosures.flatMap((enclosure) => {
    const url = resolveHttpUrl(enclosure.url);
    return url ? [{ ...enclosure, url }] : [];
  }),
);

/** A FeedItem as a caller of `extractArticle` gives it: the FeedItem shape, its URL fields made safe. */
export const FeedItemInputSchema = FeedItemSchema.extend({ url: LinkSchema, image: ImageSchema, enclosures: EnclosuresSchema });
export type FeedItemInput = z.input<typeof FeedItemInputSchema>;

/** The caller's item with its URL fields made safe; an item of the wrong shape is an INVALID_INPUT ExtractionError. */
export function readFeedItemInput(item: FeedItemInput | undefined): FeedItem | undefined {
  if (item === undefined) return undefined;
  const parsed = FeedItemInputSchema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `item.${issue.path.join('.')}` : 'item';
    throw new ExtractionError('INVALID_INPUT', `${where}: ${issue?.message ?? 'not a FeedItem'}`);
  }
  return parsed.data;
}
