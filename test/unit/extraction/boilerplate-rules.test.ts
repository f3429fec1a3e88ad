import { describe, expect, it } from 'vitest';
import { type BlockFacts, matchBoilerplate, type RuleZone } from '../../../shared/extraction/boilerplate-rules';

const prose: BlockFacts = { linkShare: 0, tag: 'p' };
const linked: BlockFacts = { linkShare: 1, tag: 'p' };
const anywhere = new Set<RuleZone>(['anywhere']);
const everywhere = new Set<RuleZone>(['anywhere', 'edge']);
const rule = (text: string, facts: BlockFacts = prose, zones = everywhere): string | null => matchBoilerplate(text, facts, zones)?.name ?? null;

describe('boilerplate rules', () => {
  it.each([
    ['Advertisement', 'ui-label'],
    ['Anzeige', 'ui-label'],
    ['Story continues below', 'ui-label'],
    ['Image 3 of 12', 'gallery-counter'],
    ['2 / 9', 'gallery-counter'],
    ['16:10 BST', 'timestamp'],
    ['3 hours ago', 'timestamp'],
    ['___', 'separator'],
    ['China has warned it will act (Image: GETTY)', 'caption-credit'],
    ['A plume of water vapour over Europa. (Image credit: NASA/ESA)', 'caption-credit'],
    ['Protesters in the square (AP Photo/Jane Doe, File)', 'caption-credit'],
    ['Photo: Reuters', 'credit-line'],
    ['Image copyright Getty Images', 'credit-line'],
    ['READ MORE: Water company rules out hosepipe ban', 'promo-prefix'],
    ['Related: The ten biggest storms of the decade', 'promo-prefix'],
    ['Leggi anche: il nuovo museo apre a maggio', 'promo-prefix'],
    ["DON'T MISS", 'promo-heading'],
    ['You may also like', 'promo-heading'],
    ['You may also like...', 'promo-prefix'],
    ['More news from Sci-Tech', 'promo-heading'],
    ['More in Travel:', 'promo-heading'],
    ['Elsewhere on Island Times', 'promo-heading'],
    ['Our Top Stories', 'promo-heading'],
    ['Featured Video:', 'promo-heading'],
    ['MOST POPULAR STUDENT BLOG POSTS', 'promo-heading'],
    ['Tags: housing, downtown', 'tag-list'],
    ['Filed under: Politics', 'tag-list'],
    ['Explore related topics: elections, housing', 'tag-list'],
    ['digg this | reddit', 'share-bar'],
    ['Share: Facebook Twitter Email', 'share-bar'],
    ['Teilen: WhatsApp Facebook', 'share-bar'],
    ['comments powered by Disqus', 'ui-label'],
    ['+9', 'gallery-counter'],
    ['Current Time 0:19', 'player-control'],
    ['Duration Time 1:23', 'player-control'],
    ['Loaded: 0%', 'player-control'],
    ['Video playing bottom right...', 'player-control'],
    ['MinimizeExpandClose', 'player-control'],
    ['Fonda at a demonstration in Rome, March 1972. Claudio Luffoli/AP hide caption', 'caption-credit'],
    ['AP:Associated Press', 'agency-credit'],
    ["MORE DON'T MISS", 'promo-heading'],
    ['Most watched News videos', 'promo-heading'],
    ['Read more from Yahoo Lifestyle:', 'promo-heading'],
  ])('%j is %s anywhere', (text, name) => {
    expect(rule(text, prose, anywhere)).toBe(name);
  });

  it('takes a long block for a copyright notice only when it ends with one', () => {
    const closing =
      'Source: the council report published on Monday, which found that the number of buses running late had fallen for the third year in a row, although the routes serving the villages in the north of the county were still the worst in the region by some way, and the council said it would look again at them.';
    expect(closing.length).toBeGreaterThan(250);
    expect(rule(closing, prose)).toBeNull();
  });

  it('recognises shouted promo links and linked calls to action', () => {
    expect(rule("TAYLOR SWIFT'S FORMER LABEL BOSS BLASTS HER", linked, anywhere)).toBe('shouted-link');
    expect(rule('Subscribe to our newsletter for the latest updates', linked, anywhere)).toBe('linked-call-to-action');
    // The same words as prose are left alone away from the edges ("sign up for the bundle" in a deals story).
    expect(rule('Sign up for the Disney+ bundle using the same email as your Hulu account', prose, anywhere)).toBeNull();
  });

  it.each([
    ['By Dana Whitfield', 'byline'],
    ['von Jonas Häberle', 'byline'],
    ['Fox News’ Jessica Napoli contributed to this report.', 'contributed'],
    ['Updated 11:21 pm CST, Tuesday, November 19, 2019', 'dateline'],
    ['Copyright 2019 Hawaii News Now. All rights reserved.', 'copyright'],
    // A site's disclaimer run together with its copyright notice: over 250 characters, one block.
    [
      'By providing information about concerts and other events on this site, Stage Lines shall not be deemed to endorse, recommend, approve or guarantee such events, or any facts, views, advice or information contained therein. © 2004-2024 Stage Lines Ltd. All Rights Reserved. Terms of Use & Privacy Policy',
      'copyright',
    ],
    ['twitter.com/paultakahashi', 'bare-url'],
    ['@tariqjmalik', 'bare-url'],
    ['Dallas Robinson is a freelance writer living in Minneapolis', 'author-bio'],
    ['Follow us on Twitter for more', 'call-to-action'],
    ['Autor: Jan Kowalski', 'byline'],
    ['Автор: Иван Петров', 'byline'],
    ['作者：王伟', 'byline'],
    ['Gepubliceerd: 3 maart 2024', 'dateline'],
    ['Опубликовано 12.03.2024 в 10:15', 'dateline'],
    ['公開日：2024年3月12日', 'dateline'],
    ['Publié le 12 mars 2024 à 10h15', 'dateline'],
    ['Want more weird health news? Find The Body Odd on Facebook.', 'call-to-action'],
    ['Previous Post Lessons From a Marathon Not Run', 'neighbour-post'],
    ['« Older entry', 'neighbour-post'],
    ['« PP/VE and vSphere 5.1 fixes out. | Main | Chads Choice Webcast Sept 27th »', 'neighbour-post'],
    ['admin | Published: October 29, 2012', 'labelled-date'],
    ['This entry was posted in Nikon D5200. Bookmark the permalink.', 'post-footer'],
    ['Dieser Beitrag wurde unter Allgemein veröffentlicht. Setze ein Lesezeichen auf den Permalink.', 'post-footer'],
  ])('%j is %s at the edges only', (text, name) => {
    expect(rule(text)).toBe(name);
    expect(rule(text, prose, anywhere)).toBeNull();
  });

  it('recognises a linked video teaser, but not a sentence about watching a video', () => {
    expect(rule('Drew Peterson Trial: Defense Asks for Mistrial Watch Video', linked, anywhere)).toBe('video-teaser');
    expect(rule('Drew Peterson Trial: Defense Asks for Mistrial Watch Video', prose, anywhere)).toBeNull();
    // A share bar is only network names and share words: a sentence naming two networks is not one.
    expect(rule('Facebook and Twitter both declined to comment.', prose, anywhere)).toBeNull();
  });

  it('leaves prose alone, however it starts', () => {
    expect(rule('By the time the council met, most of the residents who had signed the petition had gone home.')).toBeNull();
    expect(rule('The photo agency said its images were taken in the afternoon.')).toBeNull();
    const long = `Related to the above, ${'the council said it would review the decision in detail. '.repeat(6)}`;
    expect(rule(long)).toBeNull();
  });
});
