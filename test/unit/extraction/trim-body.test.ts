import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../shared/extraction/html-to-text';
import { type TrimContext, trimBody } from '../../../shared/extraction/trim-body';

const PROSE_A = 'The council voted on Tuesday to turn the garage into flats, ending an argument that has run for two years.';
const PROSE_B = 'Construction is expected to begin next spring and take about eighteen months, the developer said in a statement.';

function trim(html: string, context: Partial<TrimContext> = {}): { text: string; removed: string[] } {
  const root = JSDOM.fragment(`<div>${html}</div>`).firstElementChild as Element;
  const removed: string[] = [];
  trimBody(root, { title: null, description: null, onRemove: (rule) => removed.push(rule), ...context });
  return { text: htmlToText(root, { skipCaptions: true }), removed };
}

describe('trimBody', () => {
  it('removes the headline, a classed standfirst, reading time, byline and dateline before the body', () => {
    const { text, removed } = trim(
      `<h2>Garage to become flats</h2><p class="dek">Council backs the plan by six votes to one after a long fight.</p><p>2 min read</p><p>By Dana Whitfield</p><p>28 April, 2022</p><p>${PROSE_A}</p><p>${PROSE_B}</p>`,
      { title: 'Garage to become flats', description: 'Council backs the plan by six votes to one after a long fight.' },
    );
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['title', 'standfirst', 'reading-time', 'byline', 'dateline']);
  });

  it.each([
    '3 min read',
    'Lesezeit: 4 Min.',
    '5 minutes de lecture',
    'Leestijd: 3 minuten',
    'Czas czytania: 3 min',
    'Время чтения: 5 минут',
    '読了時間：約3分',
    '阅读时间：3分钟',
    '3分で読めます',
  ])('removes the reading-time label %j before the body', (label) => {
    const { text, removed } = trim(`<p>${label}</p><p>${PROSE_A}</p><p>${PROSE_B}</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['reading-time']);
  });

  it('keeps a first paragraph that merely repeats the meta description', () => {
    const { text } = trim(`<p>${PROSE_A}</p><p>${PROSE_B}</p>`, { description: PROSE_A });
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
  });

  it('removes a promo heading with the links it announces, and nothing after them', () => {
    const { text, removed } = trim(
      `<p>${PROSE_A}</p><h3>DON'T MISS</h3><p><a href="/a">Storm warning for the valley</a></p><p><a href="/b">Library extends hours</a></p><p>${PROSE_B}</p>`,
    );
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['promo-heading', 'promo-list', 'promo-list']);
  });

  it('applies edge-only rules at the edges, never between prose blocks', () => {
    const middle = 'By Tuesday evening the pumps had cleared most of the water.';
    const { text } = trim(`<p>${PROSE_A}</p><p>${middle}</p><p>${PROSE_B}</p><p>By Dana Whitfield</p><p>Follow us on Twitter @riversidepost</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${middle}\n\n${PROSE_B}`);
  });

  it('removes inline furniture that sits beside blocks in a mixed container', () => {
    const { text } = trim(`<ul><li><figure><img src="a.jpg"></figure><p>${PROSE_A}</p><span>1 of 4</span></li></ul><p>${PROSE_B}</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
  });

  it('never touches captions inside figures (the text leaves them out; the HTML keeps them)', () => {
    const root = JSDOM.fragment(`<div><figure><img src="a.jpg"><figcaption>Lanterns on the river. Photo: Reuters</figcaption></figure><p>${PROSE_A}</p></div>`)
      .firstElementChild as Element;
    trimBody(root, { title: null, description: null });
    expect(root.querySelector('figcaption')?.textContent).toBe('Lanterns on the river. Photo: Reuters');
  });

  it('removes a meta line of reading time and date, in either order, before the body', () => {
    for (const line of [
      '2 min read 28 April, 2022',
      '28 April, 2022 · 2 min read',
      'Updated 10:42 BST, Wed 28 Apr 2022 | 3 minute read',
      'Lesezeit: 4 Min. | 28.04.2022',
    ]) {
      const { text, removed } = trim(
        `<div><span>${line.split(' ').slice(0, 3).join(' ')}</span> ${line.split(' ').slice(3).join(' ')}</div><p>${PROSE_A}</p><p>${PROSE_B}</p>`,
      );
      expect(text, line).toBe(`${PROSE_A}\n\n${PROSE_B}`);
      expect(removed, line).toHaveLength(1);
    }
    // A sentence that mentions a date is not a meta line.
    const sentence = 'The vote on 28 April, 2022 took 2 min.';
    expect(trim(`<p>${sentence}</p><p>${PROSE_A}</p>`).text).toBe(`${sentence}\n\n${PROSE_A}`);
  });

  it("removes a post's credit line: a date beside a comment count or a credit, with its category fields", () => {
    for (const line of [
      '· Quickies · 7 Comments · October 29th, 2012',
      'August 9, 2012 // 7 Comments // Fast, Kids, Salad, Vegetarian',
      'By - October 19, 2012',
      'Submitted by Ed Hardy on Wednesday, December 17, 2003',
      'November 12, 2012 by',
      '12 Kommentare | 3. März 2021',
    ]) {
      const { text, removed } = trim(`<p>${line}</p><p>${PROSE_A}</p><p>${PROSE_B}</p>`);
      expect(text, line).toBe(`${PROSE_A}\n\n${PROSE_B}`);
      expect(removed, line).toEqual(['meta-line']);
    }
    // Sentences that mention a date and a "by" stay; so do fields that are not categories.
    for (const line of [
      'The vote on 28 April, 2022 was won by Labour.',
      'Sold by Amazon on 3 March 2021 for 12 dollars.',
      'On March 3, 2021 the Council met in the old town hall | Agenda | Minutes',
    ]) {
      expect(trim(`<p>${line}</p><p>${PROSE_A}</p>`).text, line).toBe(`${line}\n\n${PROSE_A}`);
    }
  });

  it("cuts a readers' comment thread from its heading to the end of the body", () => {
    const { text, removed } = trim(
      `<p>${PROSE_A}</p><p>${PROSE_B}</p><h3>12 Comments</h3><p>Great piece, thanks for writing it up, I had not heard about the garage at all until today.</p><p>Posted by: Sam at October 30, 2012 3:35 PM</p><h3>Leave a Reply</h3>`,
    );
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed.filter((rule) => rule === 'comment-thread')).toHaveLength(4);
    // Before the story begins, a "3 comments" link is furniture of the head, not a thread.
    expect(trim(`<p>3 Comments</p><p>${PROSE_A}</p><p>${PROSE_B}</p>`).text).toContain(PROSE_B);
  });

  it("cuts from a comment form's own prompt to the end, in the languages the rules know", () => {
    for (const prompt of [
      'Be the first to comment',
      'Previewing your Comment',
      'This is only a preview. Your comment has not yet been posted.',
      'Your comment is awaiting moderation.',
      'You must be logged in to post a comment.',
      'Notify me of follow-up comments by email.',
      'and oh, if you want a pic to show with your comment, go get a gravatar! and oh, if you want a pic to show with your comment, go get a gravatar!',
      'Soyez le premier à commenter',
      'Sei der Erste, der kommentiert',
      'Sé el primero en comentar',
      'Sii il primo a commentare',
    ]) {
      const { text, removed } = trim(`<p>${PROSE_A}</p><p>${PROSE_B}</p><p>${prompt}</p><p>Name</p><p>Email</p>`);
      expect(text, prompt).toBe(`${PROSE_A}\n\n${PROSE_B}`);
      expect(removed, prompt).toEqual(['comment-thread', 'comment-thread', 'comment-thread']);
    }
    // Sentences of a story that speak of comments stay.
    for (const line of ['The company declined to comment on the report.', 'Share your own tips in the comments below.']) {
      expect(trim(`<p>${PROSE_A}</p><p>${line}</p><p>${PROSE_B}</p>`).text, line).toBe(`${PROSE_A}\n\n${line}\n\n${PROSE_B}`);
    }
  });

  it('keeps the sections of a list whose first heading is the word "Comment"', () => {
    const { text } = trim(`<p>${PROSE_A}</p><h3>Comment</h3><p>${PROSE_B}</p><h3>Briefing</h3><p>${PROSE_A}</p>`);
    // The bare label itself reads as a button's and goes; what it heads stays.
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}\n\nBriefing\n\n${PROSE_A}`);
  });

  it('cuts trackbacks after the post, and a comment thread that has signatures but no heading', () => {
    expect(trim(`<p>${PROSE_A}</p><p>${PROSE_B}</p><h3>TrackBack</h3><p>TrackBack URL for this entry:</p><p>http://example.com/trackback/12</p>`).text).toBe(
      `${PROSE_A}\n\n${PROSE_B}`,
    );
    const comment = 'I went to the meeting and the room was packed, nobody there wanted the garage gone at all.';
    const movableType = trim(
      `<p>${PROSE_A}</p><p>${PROSE_B}</p><p>Posted by laurie at September 10, 2012 9:01 AM</p><p>${comment}</p><p>Posted by: Ellen at September 10, 2012 11:40 AM</p><p>${comment}</p><p>Posted by: Sam at September 11, 2012 8:02 AM</p>`,
    );
    expect(movableType.text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    const blogger = trim(`<p>${PROSE_A}</p><p>${PROSE_B}</p><p>Chef John said...</p><p>${comment}</p><p>candy apples said...</p><p>${comment}</p>`);
    expect(blogger.text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    // One signature is the post's own footer, and a live blog's undated "Posted by X at 10:42" lines are entries.
    expect(trim(`<p>${PROSE_A}</p><p>Posted by Dana at 10:42</p><p>${PROSE_B}</p><p>Posted by Lee at 11:05</p><p>${PROSE_A}</p>`).text).toBe(
      `${PROSE_A}\n\nPosted by Dana at 10:42\n\n${PROSE_B}\n\nPosted by Lee at 11:05\n\n${PROSE_A}`,
    );
  });

  it('starts a signed thread at its first signature when a comment-form heading comes only after it', () => {
    // The thread's own heading was cleaned away; "Post a comment" heads the form under the comments.
    const comment = 'I went to the meeting and the room was packed, nobody there wanted the garage gone at all.';
    const { text, removed } = trim(
      `<p>${PROSE_A}</p><p>${PROSE_B}</p><p>Posted by: Ellen at September 10, 2012 11:40 AM</p><p>${comment}</p><p>Posted by: Sam at September 11, 2012 8:02 AM</p><p>${comment}</p><h3>Post a comment</h3>`,
    );
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed.every((rule) => rule === 'comment-thread')).toBe(true);
  });

  it('removes a run of three or more link-only blocks between prose, but not one or two links', () => {
    const links = ['Apollo landing flags still standing', 'Inmates build satellite parts', 'How NASA launched the Olympics']
      .map((title, at) => `<li><a href="/s/${at}">${title}</a></li>`)
      .join('');
    const { text, removed } = trim(`<p>${PROSE_A}</p><p>${PROSE_B}</p><ol>${links}</ol><p>${PROSE_A}</p><p>${PROSE_B}</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}\n\n${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['link-run', 'link-run', 'link-run']);
    // A page that is mostly such a list (an archive, a discography) keeps it.
    expect(trim(`<p>${PROSE_A}</p><ol>${links}</ol><p>${PROSE_B}</p>`).text).toContain('Inmates build satellite parts');
    const two = trim(`<p>${PROSE_A}</p><ul><li><a href="/a">The report</a></li><li><a href="/b">The minutes</a></li></ul><p>${PROSE_B}</p>`);
    expect(two.text).toBe(`${PROSE_A}\n\nThe report\nThe minutes\n\n${PROSE_B}`);
  });

  it("removes a blog engine's post footer and a labelled date line at the edges", () => {
    const { text, removed } = trim(
      `<p>admin | Published: October 29, 2012</p><p>${PROSE_A}</p><p>${PROSE_B}</p><p>This entry was posted in Garages. Bookmark the permalink. Trackbacks are closed, but you can post a comment.</p><p>Posted by Becky | View all posts by Becky</p>`,
    );
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['labelled-date', 'post-footer', 'byline']);
  });

  it('removes a gallery of other pictures set into a story, with its title, counters and captions', () => {
    const slides = [
      'Boats return at dawn after the storm.',
      'Volunteers clear driftwood below the lighthouse.',
      'A seal rests on the slipway.',
      'The footbridge is lifted into place.',
    ]
      .map((caption, at) => `<h3>${at + 1}/4 ${14 - at} March</h3><div>${caption}</div>`)
      .join('');
    const { text, removed } = trim(`<p>${PROSE_A}</p><h2>The week in pictures</h2>${slides}<p>${PROSE_B}</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed.filter((rule) => rule === 'gallery')).toHaveLength(9);
  });

  it("keeps a photo gallery's captions on its own page, where the story only leads into the gallery", () => {
    const slides = ['Boats return at dawn after the storm.', 'Volunteers clear driftwood below the lighthouse.', 'A seal rests on the slipway.']
      .map((caption, at) => `<p>${at + 1} of 3</p><p>${caption}</p>`)
      .join('');
    const { text, removed } = trim(`<p>${PROSE_A}</p>${slides}`);
    expect(text).toContain('A seal rests on the slipway.');
    expect(removed).not.toContain('gallery');
    // Two counters are not a gallery, and counters of different galleries are not one run.
    const two = trim(`<p>${PROSE_A}</p><h3>1/5 Tuesday</h3><div>A caption.</div><h3>2/5 Monday</h3><div>Another caption.</div><p>${PROSE_B}</p>`);
    expect(two.removed).not.toContain('gallery');
  });

  it("removes a video player's controls and a gallery's picture count anywhere in the body", () => {
    const controls = [
      'Video playing bottom right...',
      'Loaded: 0%',
      'Progress: 0%',
      'Play',
      'Current Time 0:19',
      'Duration Time 1:23',
      'Remaining Time -1:04',
      'MinimizeExpandClose',
      'Unmute',
    ];
    const { text, removed } = trim(`<p>${PROSE_A}</p><div>+9</div>${controls.map((label) => `<div>${label}</div>`).join('')}<p>${PROSE_B}</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['gallery-counter', ...controls.map(() => 'player-control')]);
    // A sentence about playing is prose.
    expect(trim(`<p>${PROSE_A}</p><p>Play it again.</p><p>${PROSE_B}</p>`).text).toContain('Play it again.');
  });

  it('removes teasers of other posts with their linked titles, but keeps a page that is all teasers', () => {
    const teasers =
      '<p><a href="/a">Seed swap draws a queue</a></p><p>The library seed swap drew a queue around the block on Saturday morning. Read more...</p>';
    const { text, removed } = trim(`<p>${PROSE_A}</p>${teasers}<p>${PROSE_B}</p>`);
    expect(text).toBe(`${PROSE_A}\n\n${PROSE_B}`);
    expect(removed).toEqual(['teaser', 'teaser']);
    const index = trim(
      '<p>The library seed swap drew a queue around the block on Saturday morning and ran out of beans by ten […]</p><p>The garage vote is on Tuesday, and the council expects a full public gallery for it […]</p>',
    );
    expect(index.removed).toEqual([]);
  });
});
