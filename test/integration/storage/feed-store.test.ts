import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedItemState } from '../../../shared/ingestion/feed-subscription';
import { newSubscription } from '../../../shared/ingestion/subscribe-feeds';
import { ENGINES, openTestTables, type TestTables } from '../../support/dynamodb-engines';

const NOW = new Date('2026-02-01T12:00:00.000Z');
const feedUrl = (n: number): string => `https://meridian-ledger.example/feeds/${n}.rss`;
const at = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

function entry(feedId: string, n: number, lastSeenAt = NOW.toISOString()): FeedItemState {
  return {
    feedId,
    itemId: `item-${n}`,
    url: `https://meridian-ledger.example/news/${n}.html`,
    fingerprint: `fp-${n}`,
    firstSeenAt: NOW.toISOString(),
    lastSeenAt,
  };
}

describe.each(ENGINES)('DynamoFeedStore on %s', (engine) => {
  let t: TestTables;

  beforeAll(async () => {
    t = await openTestTables(engine, 'feeds');
  });
  afterAll(() => t.destroy());

  it('lists 1,100 feeds across index pages, and only the due active ones in due order', async () => {
    const feeds = Array.from({ length: 1_100 }, (_, n) => ({ ...newSubscription({ url: feedUrl(n), title: `Feed ${n}`, categories: [] }, at(n)) }));
    feeds[3] = { ...(feeds[3] as (typeof feeds)[number]), status: 'paused' };
    feeds[4] = { ...(feeds[4] as (typeof feeds)[number]), status: 'dead' };
    for (let start = 0; start < feeds.length; start += 50) await Promise.all(feeds.slice(start, start + 50).map((feed) => t.feeds.put(feed)));

    expect((await t.feeds.list()).feeds.map((feed) => feed.feedId).sort()).toEqual(feeds.map((feed) => feed.feedId).sort());
    const { feeds: due } = await t.feeds.listDue(at(10), 100);
    expect(due.map((feed) => feed.url)).toEqual([0, 1, 2, 5, 6, 7, 8, 9, 10].map(feedUrl));
    expect((await t.feeds.listDue(at(2_000), 7)).feeds).toHaveLength(7);
    expect(await t.feeds.get((feeds[1] as (typeof feeds)[number]).feedId)).toEqual(feeds[1]);
  });

  it('moves only an active feed’s next fetch time, and never brings back a removed feed', async () => {
    const active = newSubscription({ url: 'https://meridian-ledger.example/feeds/move.rss', title: null, categories: [] }, NOW);
    const paused = {
      ...newSubscription({ url: 'https://meridian-ledger.example/feeds/still.rss', title: null, categories: [] }, NOW),
      status: 'paused' as const,
    };
    await t.feeds.put(active);
    await t.feeds.put(paused);
    await t.feeds.setNextFetchAt(active.feedId, at(60));
    await t.feeds.setNextFetchAt(paused.feedId, at(60));
    expect((await t.feeds.get(active.feedId))?.nextFetchAt).toBe(at(60).toISOString());
    expect((await t.feeds.get(paused.feedId))?.nextFetchAt).toBe(NOW.toISOString());
    await t.feeds.remove(active.feedId);
    await t.feeds.setNextFetchAt(active.feedId, at(90));
    expect(await t.feeds.get(active.feedId)).toBeNull();
  });

  it('writes and reads entry state in batches beyond the 25 and 100 item limits, last state winning', async () => {
    const feedId = 'batchy';
    const states = Array.from({ length: 260 }, (_, n) => entry(feedId, n));
    await t.feeds.putItems([...states, entry(feedId, 7, '2026-02-02T00:00:00.000Z')]);
    const ids = [...states.map((state) => state.itemId), 'item-7', 'never-seen'];
    const { states: found } = await t.feeds.getItems(feedId, ids);
    expect(found.size).toBe(260);
    expect(found.get('item-7')?.lastSeenAt).toBe('2026-02-02T00:00:00.000Z');
    expect(found.get('item-259')).toEqual(states[259]);
    expect(found.has('never-seen')).toBe(false);
  });

  it('removes a feed with all its remembered entries', async () => {
    const feed = newSubscription({ url: 'https://meridian-ledger.example/feeds/gone.rss', title: null, categories: [] }, NOW);
    await t.feeds.put(feed);
    await t.feeds.putItems(Array.from({ length: 70 }, (_, n) => entry(feed.feedId, n)));
    await t.feeds.remove(feed.feedId);
    expect(await t.feeds.get(feed.feedId)).toBeNull();
    expect((await t.feeds.getItems(feed.feedId, ['item-0', 'item-69'])).states.size).toBe(0);
  });
});
