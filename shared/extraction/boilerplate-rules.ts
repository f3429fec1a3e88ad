/**
 * Text patterns of the furniture Readability leaves inside a body: labels, captions, promos, calls
 * to action, bylines, tag lists. Each applies to one leaf block (a paragraph, list item, heading)
 * short enough to be furniture; long blocks are prose whatever words they contain. General rules
 * only: they must hold on pages nobody here has seen.
 */

/** Where in the body a rule may remove a block. */
export type RuleZone = 'anywhere' | 'edge';

/** One way to recognise a furniture block from its text and its links. */
export interface BoilerplateRule {
  name: string;
  zone: RuleZone;
  /** Longest block (characters) the rule may remove. */
  maxChars: number;
  test: (text: string, block: BlockFacts) => boolean;
}

/** What the rules know about a block. */
export interface BlockFacts {
  /** Share of the block's text inside links, 0 to 1. */
  linkShare: number;
  /** The block's element name. */
  tag: string;
}

const CREDIT_WORD = '(?:image|images|photo|photos|photograph|picture|pic|foto|fotos|credit|illustration|source)';
const AGENCY =
  '(?:getty images|getty|reuters|afp|ap|associated press|epa|shutterstock|alamy|bloomberg|dpa|anadolu|xinhua|sipa|pa images|pa wire|rex features|ansa)';

// "(Image: GETTY)", "(Image credit: Blue Origin)", "(AP Photo/Alan Diaz, File)", "[source: Getty]".
const TRAILING_CREDIT = new RegExp(`[([]\\s*(?:${CREDIT_WORD}s?(?:\\s+credit)?\\s*[:©]|${AGENCY}\\s+photo|photo\\s+by|©)[^)\\]]{0,100}[)\\]]\\s*\\.?$`, 'i');
const CREDIT_LINE = new RegExp(
  `^(?:${CREDIT_WORD}s?(?:\\s+(?:credit|copyright|caption|source))?\\s*[:©]|(?:image|photo|picture)\\s+(?:copyright|caption|credit)\\b)`,
  'i',
);
const AGENCY_TAIL = new RegExp(`(?:^|[|/,:]\\s*)${AGENCY}\\s*$`, 'i');
// A caption that ends with its player's toggle ("... Claudio Luffoli/AP hide caption").
const CAPTION_TOGGLE = /\b(?:hide|show|toggle) caption$/i;
const GALLERY_COUNTER = /^(?:image|photo|picture|slide|foto|bild)?\s*\d+\s*(?:of|\/|von|de|di|sur)\s*\/?\s*\d+$/i;
// A gallery's "more pictures" count on its cover image: "+9".
const GALLERY_MORE = /^\+\s?\d{1,3}$/;
// A video player's controls as text (video.js and the players built like it): "Current Time 0:19",
// "Duration Time 1:23", "Loaded: 0%", "Progress: 0%", "Remaining Time -0:45", "Stream Type LIVE",
// "Video playing bottom right...", "MinimizeExpandClose", and its one-word buttons.
const PLAYER_CONTROL =
  /^(?:(?:current|remaining|duration|elapsed)\s+time\s*:?\s*-?\d{1,2}:\d{2}(?::\d{2})?(?:\s*\/\s*-?\d{1,2}:\d{2}(?::\d{2})?)?|(?:loaded|progress|buffered)\s*:?\s*\d{1,3}(?:\.\d+)?\s*%|stream type\s*live|playback rate\s*[\d.]*x?|minimize\s*expand\s*close|video (?:is )?playing (?:in )?(?:the )?bottom (?:right|left)(?:\.{3}|…)?|this is a modal window\.?|(?:captions|subtitles) settings|(?:captions|subtitles|descriptions) off|non-fullscreen|exit fullscreen|(?:un)?mute|play|pause|replay|skip)$/i;
const UI_LABELS =
  /^(?:caption|close|hide caption|show caption|toggle caption|expand|enlarge|fullscreen|full screen|next|previous|prev|back to top|advert|advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|реклама|广告|広告|إعلان|sponsored|sponsored content|story continues below|article continues below|continue reading(?: below)?|scroll to continue|loading(?: content)?|media playback is unsupported on your device|this slideshow requires javascript|play video|watch video|watch|listen|print|email|share|share this|comments?|tweet|pin|whatsapp|facebook|twitter|linkedin|reddit|copy link|text size|order reprints|print article|skip to content|skip ad|view comments|leave a comment|post comment|comments powered by(?: disqus)?|highlights|breaking news|breaking|live|updated|opens in new window)\.{0,3}\W{0,3}$/i;

// "READ MORE: ...", "Related: ...", "SEE MORE: ...", "Leggi anche", "Lesen Sie auch" and friends.
const PROMO_PREFIX =
  /^\(?(?:read more|read next|related|related stories|related articles|related content|related coverage|related news|see more|see also|more|more from|also read|read also|also see|also on|recommended|recommended for you|suggested|don'?t miss|must read|must watch|top stories|more stories|more news|latest news|you may also like|you might also like|you may be interested|trending|popular|most read|most popular|click here|check out|leggi anche|leggi anche su|vedi anche|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|voir aussi|leia também|leia mais|veja também|lea también|lee también|ver también|читайте также|смотрите также)\b\s*[:|.…»>—–-]/i;
// A heading that only announces a list of links.
const PROMO_HEADING =
  /^(?:more\s+)?(?:read more|read more from .{1,40}|read next|related|related stories|related articles|related content|related coverage|related topics|related links|more|more on this|more on this story|more (?:news |stories |articles |videos )?from .{1,40}|more in .{1,40}|elsewhere on .{1,40}|(?:our )?top stories|featured (?:videos?|posts|stories)|more stories|more news|more coverage|see also|also read|recommended|recommended for you|recommended stories|don'?t miss|must read|top stories|latest|latest news|latest stories|popular|most popular|most read|(?:most (?:popular|read|shared|viewed|watched|commented)|popular|latest|recent|related|top) (?:[\w'-]+ ){0,3}(?:posts|stories|articles|news|videos)|trending|trending now|you may also like|you might also like|what to read next|further reading|in other news|elsewhere|leggi anche|vedi anche|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|voir aussi|leia também|veja também|lea también|ver también|читайте также)\W{0,4}$/i;

const CALL_TO_ACTION =
  /\b(?:subscribe to|subscribe now|subscribe for|subscribe here|sign up (?:for|to|here|now|today)|sign up$|newsletters?\b.*\b(?:sign|subscribe|inbox)|(?:into|in) your inbox|follow (?:us|him|her|me|them|@)|join (?:us|our) |join the conversation|want more stories like this|download (?:our|the) app|get the .{1,30} app|click here|clicking here|tap here|share (?:this|it) with|like this story|share this (?:article|story)|support (?:our|independent) journalism|become a (?:member|subscriber|patron)|to continue reading|already a subscriber|log ?in to|register (?:now|for free)|have a (?:news )?tip|send us (?:a|your) tip|contact (?:us|the author|the reporter)|reach (?:the )?(?:reporter|author|writer)s?|may be reached at|can be reached at|write to .{1,60} at|email .{1,60} at|(?:follow|find|like|join) .{1,40} on (?:twitter|facebook|instagram|linkedin|youtube|tiktok)|^want more\b.{0,60}\?|on twitter at|listen to .{1,40} (?:live|podcast)|this post may contain affiliate)\b/i;

const BYLINE = /^(?:by|written by|words by|posted by|reporting by|additional reporting by|von|par|por|di|door|av|af|de)\s+\p{Lu}[^.!?]{0,80}$/iu;
// A blog engine's footer under a post: "This entry was posted in X. Bookmark the permalink.",
// "You can follow any responses to this entry through the RSS 2.0 feed", "Dieser Beitrag wurde
// unter X veröffentlicht", "Cette entrée a été publiée dans X".
const POST_FOOTER =
  /^(?:this (?:entry|post) was (?:posted|published|filed)\b|dieser (?:beitrag|eintrag) wurde\b.{0,200}\b(?:veröffentlicht|abgelegt)|cette entrée a été publiée\b|esta entrada (?:fue publicada|se publicó)\b|questa voce è stata pubblicata\b)|\bbookmark the permalink\b|\byou can follow any responses to this entry\b|\b(?:trackbacks|comments) are closed\b/iu;
// A meta line naming the post's author or section beside a labelled date: "admin | Published:
// October 29, 2012", "Jane · Posted on 3/4/2021".
const LABELLED_DATE = /(?:^|[|·•]\s*)(?:published|posted|updated|posted on|published on)\s*:?\s+[^|·•]{0,30}\d[^|·•]{0,30}$/i;
const CONTRIBUTED = /\b(?:contributed to this (?:report|story|article)|contributed reporting)\b\.?$/i;
const DATELINE =
  /^(?:(?:published|posted|updated|last updated|first published|modified|publicado|publicada|atualizado|pubblicato|aggiornato|veröffentlicht|aktualisiert|publié|mis à jour)\b[:\s]?.{0,120}|.{0,40}\b(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{4})\b.{0,20}\|\s*(?:updated|\d).{0,80})$/i;
// Date and byline labels in more languages ("Gepubliceerd: 3 maart 2024", "Опубликовано 12.03.2024",
// "公開日：2024年3月12日", "Autor: Jan Kowalski", "Автор: Иван Петров", "作者：王伟"); a date label needs a digit.
const DATELINE_LABEL =
  /^(?:gepubliceerd|bijgewerkt|opublikowano|zaktualizowano|aktualizacja|опубликовано|обновлено|дата публикации|公開日|更新日|発行日|发布时间|发布日期|更新时间|發佈時間|更新時間|publié|mis à jour|actualizado|publicerad|uppdaterad|udgivet|opdateret|publisert|oppdatert|julkaistu|päivitetty|yayınlanma(?: tarihi)?|güncellenme(?: tarihi)?)(?=[\s:：]|$)[\s:：]*[^\d]{0,40}\d.{0,60}$/iu;
const BYLINE_LABEL =
  /^(?:authors?|autor(?:in|es|ka)?|auteur|autore|text|texto|testo|tekst|автор|作者|記者|记者|redaktion|redacción)\s*[:：]\s*\p{L}[^.!?]{0,70}$/iu;
const TAG_LIST =
  /^(?:(?:explore|browse|see|more)\s+(?:related\s+)?topics|tags?|tagged|topics?|filed under|categories|category|keywords|related topics|more about|more on|themen|schlagworte|schlagwörter|étiquettes|mots-clés|etiquetas|temas|argomenti|categorie|tag)\s*[:：|]/i;
const TAG_LIST_BARE = /^(?:tags|topics|filed under|categories|keywords|related topics|schlagworte|etiquetas|argomenti)\s*:?$/i;
const COPYRIGHT = /^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved|^source\s*:|^via\s+\S+|^sources?\s*:\s*[\w ,./&-]{1,60}$/i;
const COPYRIGHT_NOTICE = /(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}\b).{0,120}$|\ball rights reserved\b.{0,60}$/iu;
const TIME_ONLY =
  /^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,5})?$|^(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week)s?\s+ago$/i;
const SEPARATOR = /^[\s_\-–—=*•·~#]{2,}$/;
const BARE_URL = /^(?:https?:\/\/|www\.)\S+$|^[\w.-]+\.(?:com|org|net|co\.uk|io)\/\S*$/i;
const HANDLE = /^@\w{2,30}$/;
const AUTHOR_BIO =
  /^(?:about the author\b.*|\p{Lu}[\p{L}.'-]+(?:\s\p{Lu}[\p{L}.'-]+){0,3} (?:is|was|has been) (?:a|an|the) (?:[\p{L}-]+ ){0,6}(?:writer|reporter|editor|correspondent|journalist|contributor|columnist|author|freelancer|producer|blogger|photographer|intern|analyst)\b.*)$/iu;

// A share bar's words: the networks and the verbs around them ("digg this | reddit", "Share:
// Facebook Twitter Email", "Teilen: WhatsApp Facebook").
const SHARE_NETWORKS = new Set([
  'facebook',
  'twitter',
  'x',
  'linkedin',
  'reddit',
  'digg',
  'pinterest',
  'whatsapp',
  'telegram',
  'tumblr',
  'stumbleupon',
  'delicious',
  'google',
  'googleplus',
  'email',
  'e',
  'mail',
  'messenger',
  'flipboard',
  'pocket',
  'xing',
  'vk',
  'weibo',
  'line',
  'threads',
  'bluesky',
  'mastodon',
]);
const SHARE_WORDS = new Set([
  'share',
  'shares',
  'this',
  'it',
  'on',
  'via',
  'tweet',
  'pin',
  'print',
  'save',
  'copy',
  'link',
  'post',
  'teilen',
  'partager',
  'compartir',
  'condividi',
  'delen',
  'plus',
  'article',
  'story',
]);

function isShareBar(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}+]+/u)
    .filter(Boolean);
  let networks = 0;
  for (const word of words) {
    if (SHARE_NETWORKS.has(word)) networks++;
    else if (!SHARE_WORDS.has(word) && word !== '+') return false;
  }
  return networks >= 2;
}

// Links to the neighbouring posts: "Previous Post Lessons From a Marathon", "« Older entry", "Next article: ...".
const NEIGHBOUR_POST =
  /^(?:[«‹<←]\s*)?(?:previous|prev|next|older|newer)\s+(?:post|article|story|entry|entries|posts)\b|^(?:vorheriger|nächster) (?:artikel|beitrag)\b|^(?:article|post) (?:précédent|suivant)\b|^[«‹←].{1,200}\|.{1,200}[»›→]$/iu;
// A teaser link to a video: "Drew Peterson Trial: Defense Asks for Mistrial Watch Video".
const VIDEO_TEASER = /\b(?:watch|play)\s+(?:the\s+)?(?:video|now|clip)\s*[»›>]?$/i;

function upperShare(text: string): number {
  let letters = 0;
  let upper = 0;
  for (const char of text) {
    if (char.toLowerCase() !== char.toUpperCase()) {
      letters++;
      if (char === char.toUpperCase()) upper++;
    }
  }
  return letters ? upper / letters : 0;
}

/** Rules applied to every leaf block of a body, in order; the first that matches removes it. */
export const BOILERPLATE_RULES: readonly BoilerplateRule[] = [
  { name: 'ui-label', zone: 'anywhere', maxChars: 60, test: (text) => UI_LABELS.test(text) },
  { name: 'gallery-counter', zone: 'anywhere', maxChars: 30, test: (text) => GALLERY_COUNTER.test(text) || GALLERY_MORE.test(text) },
  { name: 'player-control', zone: 'anywhere', maxChars: 60, test: (text) => PLAYER_CONTROL.test(text) },
  { name: 'timestamp', zone: 'anywhere', maxChars: 40, test: (text, block) => block.tag === 'time' || TIME_ONLY.test(text) },
  { name: 'separator', zone: 'anywhere', maxChars: 40, test: (text) => SEPARATOR.test(text) },
  { name: 'caption-credit', zone: 'anywhere', maxChars: 400, test: (text) => TRAILING_CREDIT.test(text) || CAPTION_TOGGLE.test(text) },
  { name: 'credit-line', zone: 'anywhere', maxChars: 160, test: (text) => CREDIT_LINE.test(text) },
  { name: 'agency-credit', zone: 'anywhere', maxChars: 80, test: (text) => AGENCY_TAIL.test(text) && !/[.!?]["”’]?$/.test(text) },
  { name: 'promo-prefix', zone: 'anywhere', maxChars: 250, test: (text) => PROMO_PREFIX.test(text) },
  { name: 'promo-heading', zone: 'anywhere', maxChars: 60, test: (text) => PROMO_HEADING.test(text) },
  { name: 'shouted-link', zone: 'anywhere', maxChars: 200, test: (text, block) => block.linkShare > 0.8 && text.length > 15 && upperShare(text) > 0.9 },
  { name: 'linked-call-to-action', zone: 'anywhere', maxChars: 250, test: (text, block) => block.linkShare >= 0.5 && CALL_TO_ACTION.test(text) },
  { name: 'call-to-action', zone: 'edge', maxChars: 250, test: (text) => CALL_TO_ACTION.test(text) },
  { name: 'share-bar', zone: 'anywhere', maxChars: 160, test: (text) => isShareBar(text) },
  { name: 'video-teaser', zone: 'anywhere', maxChars: 200, test: (text, block) => block.linkShare >= 0.5 && VIDEO_TEASER.test(text) },
  { name: 'neighbour-post', zone: 'edge', maxChars: 200, test: (text) => NEIGHBOUR_POST.test(text) },
  { name: 'tag-list', zone: 'anywhere', maxChars: 600, test: (text) => TAG_LIST.test(text) || TAG_LIST_BARE.test(text) },
  { name: 'byline', zone: 'edge', maxChars: 100, test: (text) => BYLINE.test(text) || BYLINE_LABEL.test(text) },
  { name: 'contributed', zone: 'edge', maxChars: 200, test: (text) => CONTRIBUTED.test(text) },
  { name: 'dateline', zone: 'edge', maxChars: 140, test: (text) => DATELINE.test(text) || DATELINE_LABEL.test(text) },
  { name: 'labelled-date', zone: 'edge', maxChars: 100, test: (text) => LABELLED_DATE.test(text) },
  { name: 'post-footer', zone: 'edge', maxChars: 400, test: (text) => POST_FOOTER.test(text) },
  // Up to 400 characters when the block ends with a copyright notice: a site's disclaimer often
  // comes in one block with it.
  {
    name: 'copyright',
    zone: 'edge',
    maxChars: 400,
    test: (text) => (text.length <= 250 ? COPYRIGHT.test(text) : COPYRIGHT_NOTICE.test(text)),
  },
  { name: 'bare-url', zone: 'edge', maxChars: 200, test: (text) => BARE_URL.test(text) || HANDLE.test(text) },
  { name: 'edge-link', zone: 'edge', maxChars: 100, test: (_text, block) => block.linkShare >= 0.9 },
  { name: 'author-bio', zone: 'edge', maxChars: 400, test: (text) => AUTHOR_BIO.test(text) },
];

/** The first rule that marks a block as furniture, or null. */
export function matchBoilerplate(text: string, block: BlockFacts, zones: ReadonlySet<RuleZone>): BoilerplateRule | null {
  for (const rule of BOILERPLATE_RULES) {
    if (text.length <= rule.maxChars && zones.has(rule.zone) && rule.test(text, block)) return rule;
  }
  return null;
}

// The heading over a comment thread or comment form: "Comments", "12 Comments", "Comments (3)",
// "5 thoughts on “Title”", "Leave a Reply", "Post a comment", in the languages the rules know.
const COMMENT_HEADING =
  /^(?:\d+\s+)?(?:comments?|reader comments|readers'? comments|user comments|join the discussion|leave a (?:comment|reply)|post a comment|post your comment|add (?:a|your) comment|write a comment|submit a comment|have your say|kommentare?|leserkommentare|kommentieren|commentaires?|laisser un commentaire|comentarios?|deja un comentario|commenti|lascia un commento|reacties|reageer|comentários|deixe um comentário|комментарии|コメント|评论|留言|التعليقات|تعليقات)(?:\s+(?:to|on|for)\s+.{1,120})?\s*(?:\(\d+\)|\d+)?\s*:?$|^\d+\s+(?:thoughts?|responses?|replies|comments?|reactions?)\s+(?:on|to)\s+.{1,120}$/iu;

// A lone singular "Comment" (or "Kommentar", "Commentaire"...) more often labels an opinion piece
// or a list item ("Comment", "Briefing", "Data") than a thread.
const SINGULAR_LABEL = /^(?:comment|kommentar|commentaire|comentario|commento|comentário)\s*:?$/iu;
// Trackbacks and pingbacks are listed after the post, like comments.
const TRACKBACK_HEADING =
  /^(?:\d+\s+)?(?:trackbacks?|pingbacks?|trackbacks? (?:and|&|\/) pingbacks?|trackback url for this (?:entry|post)|listed below are links to (?:weblogs|blogs) that reference\b.*)\s*:?$/i;

// A comment form's own prompts and messages stand where the thread is, even when no heading
// names it: "Be the first to comment", "Previewing your Comment", "Your comment has not yet been
// posted", "Your comment is awaiting moderation", "You must be logged in to post a comment",
// "Notify me of follow-up comments by email", "... show with your comment, go get a gravatar!",
// "Soyez le premier à commenter", "Sei der Erste, der kommentiert", "Sii il primo a commentare".
const COMMENT_FORM =
  /^(?:be the first to (?:comment|review|reply)|(?:preview(?:ing)?|verify|edit) your comment|you must be (?:logged|signed) in to (?:post a )?comment|notify me of (?:follow-?up|new) comments\b|soyez (?:le|la) premi[eè]re? à (?:commenter|réagir)|(?:sei|sii|sé|se|sea) (?:der|die|il|la|el) (?:erste|primo|prima|primero|primera),? (?:der|die|a|en) (?:kommentiert|commentare|comentar)|schreiben sie den ersten kommentar|wees de eerste die (?:reageert|een reactie plaatst))|\byour comment (?:has not (?:yet )?been posted|could not be posted|has been saved|is awaiting moderation)\b|\bwith your comment\b.{0,40}\bgravatar\b/iu;

/** Whether a block is the heading of a readers' comment thread or comment form. */
export function isCommentHeading(text: string): boolean {
  // A form's prompt may come twice in one block (a theme printing it for two layouts).
  if (text.length <= 300 && COMMENT_FORM.test(text)) return true;
  if (text.length > 140 || SINGULAR_LABEL.test(text)) return false;
  return COMMENT_HEADING.test(text) || TRACKBACK_HEADING.test(text);
}

// The signature over or under one reader's comment: "Posted by: Ellen at September 10, 2012
// 11:40 AM" (dated with a year, unlike a live blog's entries), "Chef John said...".
const COMMENT_SIGNATURE =
  /^(?:posted|submitted|written) by:?\s+[^.!?]{1,60}?\s(?:at|on|\|)\s+[^.!?]{0,40}\b(?:19|20)\d{2}\b[^.!?]{0,30}$|^[^.!?]{1,60}\s(?:said|says|wrote)\s*(?:\.{3}|…)$/iu;

/** Whether a block signs a reader's comment; two or more after a story begin a thread. */
export function isCommentSignature(text: string): boolean {
  return text.length <= 140 && COMMENT_SIGNATURE.test(text);
}

/** Whether a block only announces a list of links that follows it ("Related", "DON'T MISS"). */
export function isPromoHeading(text: string): boolean {
  return text.length <= 60 && PROMO_HEADING.test(text);
}

// A slide's counter in a gallery set into a story: "1/50 24 September", "Image 3 of 12", "2 / 8
// Photo: ...": the slide's number and the gallery's size, then at most a short label or date.
const SLIDE_COUNTER = /^(?:image|photo|picture|slide|foto|bild)?\s*(\d{1,3})\s*(?:of|\/|von|de|di|sur|из)\s*(\d{1,3})(?:\s.{0,40})?$/iu;

/** A slide counter's number and the gallery's size, or null when the block is not one. */
export function slideCounter(text: string): { slide: number; of: number } | null {
  const match = text.length <= 60 ? SLIDE_COUNTER.exec(text) : null;
  if (!match) return null;
  const slide = Number(match[1]);
  const of = Number(match[2]);
  return slide >= 1 && slide <= of && of >= 3 ? { slide, of } : null;
}

// A block cut short with an excerpt mark ("... the response was overwhelming [...]", "… Read
// more", "... launch event Read more...") is a teaser of a post, not the post: a page's list of recent posts with their excerpts
// reads like a run of prose, and outweighed a short story beside it (a blog's sidebar).
const EXCERPT_END =
  /(?:\[\s*(?:\.{3}|…)\s*\]|(?:\.{3}|…)\s*\(?(?:read more|continue reading|more|weiterlesen|mehr|lire la suite|la suite|leer más|seguir leyendo|continua a leggere|leia mais|lees meer|verder lezen)\)?\s*[»›→]?|\b(?:read more|continue reading|weiterlesen|lire la suite|leer más|seguir leyendo|continua a leggere|leia mais|lees meer|verder lezen)\s*(?:\.{3}|…))$/iu;

/** Whether a block is a teaser of another post: cut short with an excerpt mark ("[…]", "… Read more"). */
export function isExcerptTeaser(text: string): boolean {
  return EXCERPT_END.test(text);
}
