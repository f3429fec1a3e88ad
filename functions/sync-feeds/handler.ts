import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { z } from 'zod';
import { InvalidInputError } from '../../shared/errors';
import { parseFeedList } from '../../shared/feed/parse-feed-list';
import { feedIdOf, subscribeFeeds } from '../../shared/ingestion/subscribe-feeds';
import { type SyncFeedsRuntime, syncFeedsRuntime } from '../runtime/dependencies';

/** The custom resource's properties (infra/constructs/feed-list-sync.ts). */
export const FeedListPropertiesSchema = z.object({ FeedList: z.string() });

/** What the custom-resource provider reports back to CloudFormation. */
export interface SyncFeedsResponse {
  PhysicalResourceId: string;
  Data: { added: number; existing: number; removed: number };
}

const PHYSICAL_ID = 'feedloom-feed-list';

function listedUrls(text: string | undefined): string[] {
  if (text === undefined || !text.trim()) return [];
  return parseFeedList(text).map((entry) => entry.url);
}

/**
 * A CloudFormation custom resource that syncs the deployed feed list into the Feeds table: on create
 * and update every listed feed is subscribed (existing ones keep their state); on update the feeds
 * that were in the previous list and are not in the new one are removed; feeds added by other means
 * (the CLI) are never touched. On delete nothing is removed: the table outlives the stack.
 */
export function createHandler(runtime: () => SyncFeedsRuntime) {
  return async (event: CloudFormationCustomResourceEvent, context: Context): Promise<SyncFeedsResponse> => {
    const { powertools, feeds, clock } = runtime();
    powertools.addContext(context);
    if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId, Data: { added: 0, existing: 0, removed: 0 } };
    const properties = FeedListPropertiesSchema.safeParse(event.ResourceProperties);
    if (!properties.success) throw new InvalidInputError('BAD_FEED_LIST', 'the custom resource needs a FeedList string property');
    const entries = properties.data.FeedList.trim() ? parseFeedList(properties.data.FeedList) : [];
    const { added, existing } = await subscribeFeeds(entries, { feeds, clock });
    let removed = 0;
    if (event.RequestType === 'Update') {
      const kept = new Set(entries.map((entry) => feedIdOf(entry.url)));
      const previous = FeedListPropertiesSchema.safeParse(event.OldResourceProperties);
      for (const url of listedUrls(previous.success ? previous.data.FeedList : undefined)) {
        const feedId = feedIdOf(url);
        if (kept.has(feedId)) continue;
        await feeds.remove(feedId);
        removed++;
      }
    }
    powertools.info('feed list synced', { added, existing, removed });
    return { PhysicalResourceId: PHYSICAL_ID, Data: { added, existing, removed } };
  };
}

export const handler = createHandler(syncFeedsRuntime);
