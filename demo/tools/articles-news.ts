/** Demo articles, part 1: world, MENA, Europe, business and UK news. All text written for Feedloom. */
import type { ArticleSource, Block } from './site-model.js';

const p = (html: string): Block => ({ kind: 'p', html });

/** Page A: the reference article (DESIGN.md, "The example it must get right"). */
export const iranChina: ArticleSource = {
  slug: 'iran-china-military-cooperation',
  path: '/news/mena/iran-china-agree-to-step-up-military-cooperation.html',
  template: 'article',
  lang: 'en',
  dir: 'ltr',
  title: 'Iran, China agree to step up military cooperation',
  description:
    'Iran and China agreed on Wednesday to step up military cooperation during a visit to Tehran by China’s defence minister, Iranian state media reported, as both countries face pressure from Washington.',
  section: 'MENA',
  sectionSlug: 'mena',
  tags: ['Iran', 'China', 'Defence', 'Military cooperation'],
  authors: [{ name: 'Nadia Karam', slug: 'nadia-karam' }],
  published: '2022-04-28T11:42:00+01:00',
  modified: null,
  visibleDate: '28 April, 2022',
  readTimeLabel: '2 min read',
  image: {
    file: 'iran-china-defence-ministers.png',
    width: 1200,
    height: 675,
    alt: 'Two defence ministers shake hands in front of their national flags in Tehran',
    caption: 'Iran’s defence minister welcomed his Chinese counterpart to Tehran on Wednesday',
    credit: 'Getty',
    creditStyle: 'source-brackets',
    colors: ['#3b5b7a', '#c9b58a'],
  },
  blocks: [
    p(
      'The defence ministers of Iran and China agreed in Tehran on Wednesday to expand cooperation between their armed forces, Iranian state media reported, in the latest sign of warming ties between two countries that both describe themselves as targets of American pressure.',
    ),
    p(
      'China’s defence minister was in the Iranian capital for talks with military and political leaders, a little over a year after the two governments signed a 25-year strategic cooperation agreement in March 2021. That agreement, whose full text has never been published, covers trade, energy and infrastructure as well as security.',
    ),
    p(
      'According to the official news agency IRNA, the two sides discussed joint military exercises, the exchange of experience in training and staff education, and closer coordination on what they called regional security challenges. No details were given of any new weapons purchases.',
    ),
    {
      kind: 'widget',
      html: `<div class="live-story-widget" data-widget="live-story">
  <a class="live-story-widget__link" href="{{origin}}/news/mena/live-dust-storm-gulf/">
    <span class="live-story-widget__section">MENA</span>
    <span class="live-story-widget__label">Live Story</span>
    <span class="live-story-widget__title">Live: Dust storm sweeps across the Gulf, disrupting flights and schools</span>
  </a>
</div>`,
    },
    p(
      'Iran’s defence minister told his visitor that the presence of foreign forces in the region had brought instability rather than security, the agency said, and argued that cooperation between independent countries was the best answer to what Tehran calls American unilateralism.',
    ),
    p(
      'The Chinese minister was quoted as saying that Beijing regarded Tehran as an important partner and wanted to raise military relations to a new level. He also met the chief of staff of Iran’s armed forces during the visit.',
    ),
    p(
      'Iran, China and Russia have held joint naval drills in the northern Indian Ocean twice since 2019, most recently in January, when warships from the three navies practised rescue operations and firing at targets near the Gulf of Oman. Iranian officials said further exercises were planned but gave no dates.',
    ),
    p(
      'The visit comes as talks in Vienna aimed at reviving the 2015 nuclear agreement between Iran and world powers have stalled for weeks. China is a party to the deal and has repeatedly called on the United States to lift the sanctions it reimposed after withdrawing from the accord in 2018.',
    ),
    p(
      'Analysts say Beijing, the largest buyer of Iranian crude oil despite the sanctions, is wary of deepening military ties in ways that could damage its relations with Gulf Arab states, which are major trading partners. A United Nations embargo on conventional arms sales to Iran expired in October 2020.',
    ),
    p('Neither government published a joint statement after the talks, and Chinese state media gave the visit only brief coverage on Wednesday evening.'),
  ],
  mustContain: [
    'The defence ministers of Iran and China agreed in Tehran on Wednesday to expand cooperation between their armed forces, Iranian state media reported, in the latest sign of warming ties between two countries that both describe themselves as targets of American pressure.',
    'No details were given of any new weapons purchases.',
    'Neither government published a joint statement after the talks, and Chinese state media gave the visit only brief coverage on Wednesday evening.',
  ],
  mustNotContain: ['Live Story', 'Dust storm sweeps across the Gulf', '2 min read', '[source: Getty]'],
  exercises:
    'THE reference article: MENA kicker + articleSection, standfirst, "2 min read", "28 April, 2022", figcaption credit "[source: Getty]", in-body "MENA / Live Story" widget',
};

/** Page B: a legacy CMS page served as windows-1252 bytes. */
export const harbourCafe: ArticleSource = {
  slug: 'harbour-cafe-espresso-price-row',
  path: '/news/europe/harbour-cafe-espresso-price-row.html',
  template: 'legacy',
  lang: 'en',
  dir: 'ltr',
  encoding: 'windows-1252',
  title: 'Harbour café’s €4 espresso sparks “fair price” row — owner hits back',
  description: 'Regulars at Café Brüggemann in the fishing town of Velmar say the new prices go too far. Its owner says the alternative was closing for good.',
  section: 'Europe',
  sectionSlug: 'europe',
  tags: ['Coffee', 'Prices', 'Small business'],
  authors: [{ name: 'Sophie Verbruggen', slug: 'sophie-verbruggen' }],
  published: '2022-05-03T08:15:00+02:00',
  modified: '2022-05-03T10:40:00+02:00',
  visibleDate: '03.05.2022 08:15',
  image: {
    file: 'velmar-harbour-cafe.png',
    width: 800,
    height: 533,
    alt: 'A chalkboard price list in the window of a small harbour café',
    caption: 'The new price board at Café Brüggemann on Velmar’s harbour front.',
    credit: 'Hanna Visser',
    creditStyle: 'span',
    colors: ['#5a4632', '#d8cbb3'],
  },
  blocks: [
    p(
      'For thirty years the espresso at Café Brüggemann, a narrow room of tiled walls and salt-fogged windows on Velmar’s harbour front, cost less than a bus ticket. Since last Thursday it has cost €4, and the town has talked about little else.',
    ),
    p(
      'A handwritten board by the till explains the change in three lines: dearer beans, a doubled energy bill and a new dishwasher. That has not stopped a petition, started by a retired ferry captain, from gathering more than 600 signatures in four days.',
    ),
    p(
      '“We are not a luxury bar — we are the place where the night shift has breakfast,” said Lena Brüggemann, who took over the café from her father in 2009. “If I charge €2.50, I close by Christmas. Then nobody has a café.”',
    ),
    p(
      'Her regulars are divided. Hélène Marchetti, a nurse who stops in after her shifts at the district hospital, said she understood the arithmetic but resented the timing. “Everything went up at once this spring. Coffee was the last small thing that felt normal.”',
    ),
    p(
      'Others have been blunter. One wag has added a drawing of a gold-plated cup to the petition’s front page, and the corner tables have taken to greeting each new customer with a round of ironic applause.',
    ),
    p(
      'Economists at the regional chamber of commerce say small cafés in coastal towns face a particular squeeze. Their trade is seasonal, their rents have risen with holiday lettings, and wholesale coffee prices climbed by almost half over the past year after poor harvests in Brazil.',
    ),
    p(
      'A survey by the chamber found that 41 per cent of independent cafés in the province had raised prices by more than a fifth since January, and that one in eight was considering shorter opening hours over the winter.',
    ),
    p(
      '“They call it the ‘harbour tax’ — €4 for a café crème,” said Dieter Müller, the petition’s organiser, who spent 35 years on the island ferries. He said he had no quarrel with Ms Brüggemann personally. “Her apple cake is the best on the coast. But a harbour café should be for harbour people.”',
    ),
    p(
      'Ms Brüggemann has offered a compromise: from next week, anyone who brings their own cup before 8am will pay €3. She said she would deliver the petition to the town hall herself if it helped to start a proper conversation about rents on the waterfront.',
    ),
    p('On Tuesday morning, the tables were full.'),
  ],
  mustContain: [
    '“They call it the ‘harbour tax’ — €4 for a café crème,” said Dieter Müller, the petition’s organiser, who spent 35 years on the island ferries.',
    'Since last Thursday it has cost €4, and the town has talked about little else.',
    'On Tuesday morning, the tables were full.',
  ],
  mustNotContain: ['Email this article', 'Advertisement', 'Hanna Visser'],
  exercises:
    'windows-1252 bytes declared only by <meta charset> (server sends no charset): curly quotes 0x91-0x94, em dash 0x97, euro 0x80, é, ü; legacy table layout; no JSON-LD (OpenGraph/meta only); credit in a <span class="credit">',
};

/** Page C: Arabic, right to left. */
export const desalination: ArticleSource = {
  slug: 'ar-solar-desalination-plant',
  path: '/news/mena/ar/solar-desalination-plant.html',
  template: 'article',
  lang: 'ar',
  dir: 'rtl',
  title: 'تشغيل أول محطة لتحلية مياه البحر بالطاقة الشمسية في بلدة وادي السدر',
  description: 'المحطة الجديدة توفر مياه الشرب لنحو اثني عشر ألف نسمة وتخفف اعتماد السكان على الصهاريج خلال أشهر الصيف',
  section: 'الشرق الأوسط',
  sectionSlug: 'mena',
  tags: ['تحلية المياه', 'الطاقة الشمسية', 'المياه'],
  authors: [{ name: 'سلمى العبيدي', slug: 'salma-al-obaidi' }],
  published: '2022-05-10T09:30:00+03:00',
  modified: null,
  visibleDate: '10 مايو 2022',
  image: {
    file: 'wadi-al-sidr-solar-desalination.png',
    width: 1200,
    height: 675,
    alt: 'ألواح شمسية على تلة تطل على محطة تحلية قرب البحر',
    caption: 'الألواح الشمسية التي تغذي محطة التحلية الجديدة في وادي السدر',
    credit: null,
    creditStyle: 'span',
    colors: ['#1f6f8b', '#f2d388'],
  },
  blocks: [
    p(
      'بدأت محطة لتحلية مياه البحر تعمل بالطاقة الشمسية بالكامل ضخ المياه يوم الاثنين في بلدة وادي السدر الساحلية، في خطوة يقول مسؤولون محليون إنها ستنهي سنوات من الاعتماد على الصهاريج خلال أشهر الصيف الحارة.',
    ),
    p(
      'وتنتج المحطة، التي استغرق بناؤها نحو عامين، قرابة ثلاثة آلاف متر مكعب من المياه العذبة يومياً، وهي كمية تكفي لتلبية احتياجات نحو اثني عشر ألف نسمة، بحسب البلدية.',
    ),
    p(
      'وقال رئيس البلدية سامر الخطيب إن السكان كانوا يدفعون ما يصل إلى خمسة أضعاف السعر العادي لشراء مياه الصهاريج في ذروة الصيف، مضيفاً أن المشروع سيخفف العبء عن الأسر محدودة الدخل على وجه الخصوص.',
    ),
    p(
      'وتغطي الألواح الشمسية مساحة تقارب أربعة هكتارات على تلة مطلة على البلدة، فيما تُخزَّن الطاقة الفائضة في بطاريات تسمح للمحطة بمواصلة العمل لساعات بعد غروب الشمس.',
    ),
    p(
      'غير أن خبراء في البيئة حذروا من أن المياه شديدة الملوحة الناتجة عن عملية التحلية قد تضر بالحياة البحرية إذا لم تُصرَّف بعناية. وأكدت إدارة المشروع أن هذه المياه تُخفَّف قبل إعادتها إلى البحر عبر أنبوب يمتد لمسافة كيلومتر داخل المياه العميقة.',
    ),
    p('ويرى سكان في البلدة أن المشروع جاء متأخراً، لكنهم يأملون أن ينهي الطوابير الطويلة أمام نقاط توزيع المياه التي كانت تتكرر كل صيف.'),
    p('ومن المقرر أن تبدأ أعمال توسعة المحطة العام المقبل لتزويد قريتين مجاورتين بالمياه.'),
  ],
  mustContain: [
    'بدأت محطة لتحلية مياه البحر تعمل بالطاقة الشمسية بالكامل ضخ المياه يوم الاثنين في بلدة وادي السدر الساحلية، في خطوة يقول مسؤولون محليون إنها ستنهي سنوات من الاعتماد على الصهاريج خلال أشهر الصيف الحارة.',
    'ومن المقرر أن تبدأ أعمال توسعة المحطة العام المقبل لتزويد قريتين مجاورتين بالمياه.',
  ],
  mustNotContain: ['اقرأ أيضاً', 'Accept all cookies'],
  exercises: 'Arabic, <html lang="ar" dir="rtl">, UTF-8; Arabic section and tags; caption without credit',
};

/** Page D: div-soup CMS, caption credit written "Photo: Reuters". */
export const halvikPort: ArticleSource = {
  slug: 'halvik-port-container-backlog',
  path: '/news/business/halvik-port-container-backlog.html',
  template: 'div-soup',
  lang: 'en-GB',
  dir: 'ltr',
  title: 'Container backlog at Halvik port stretches to three weeks as crane strike bites',
  description:
    'More than 40 ships are waiting at anchor off Halvik, the region’s busiest container port, after talks between crane operators and the terminal’s owner broke down.',
  section: 'Business',
  sectionSlug: 'business',
  tags: ['Shipping', 'Strikes', 'Supply chains', 'Halvik'],
  authors: [{ name: 'Tomasz Wren', slug: 'tomasz-wren' }],
  published: '2022-05-05T16:20:00Z',
  modified: '2022-05-06T09:05:00Z',
  visibleDate: 'Thursday 5 May 2022 17:20 BST',
  image: {
    file: 'halvik-container-ships.png',
    width: 1200,
    height: 675,
    alt: 'Container ships at anchor outside a port under a grey sky',
    caption: 'Container ships wait at anchor outside Halvik on Tuesday.',
    credit: 'Reuters',
    creditStyle: 'photo-prefix',
    colors: ['#6b7b8c', '#1d2b3a'],
  },
  blocks: [
    p(
      'The queue of container ships waiting to unload at Halvik grew to 43 vessels on Thursday, port authority figures showed, as a strike by crane operators entered its second week and shipping lines began diverting cargo to smaller harbours along the coast.',
    ),
    p(
      'Average waiting times have risen from under two days at the start of April to more than three weeks, according to the port authority, which said only two of the terminal’s eleven ship-to-shore cranes were in regular use.',
    ),
    p(
      'The crane operators’ union walked out on April 27 after rejecting a pay offer of 4.5 per cent, arguing that it fell well short of inflation and did nothing to address what it called unsafe twelve-hour shifts. The terminal’s owner, Baltic Quay Holdings, said the offer was “fair and final” and accused the union of holding the regional economy to ransom.',
    ),
    p(
      'Retailers are beginning to feel the effects. A spokesperson for the Northern Retail Federation said several members had been told that garden furniture and summer clothing ordered in February would not reach shops until June.',
    ),
    p(
      'Freight forwarders said the cost of moving a 40-foot container by rail from the southern port of Oster to inland distribution centres had almost doubled in a week as companies scrambled for alternatives.',
    ),
    p(
      'Some shipping lines have already acted. Two of the largest carriers said this week that they would skip Halvik on their next rotations and unload at Oster and at the river port of Brenn instead, leaving importers to arrange onward transport by road or rail.',
    ),
    p(
      'The dispute has become a political headache for the regional government, which owns a minority stake in the terminal. Its transport minister, Ilse Morgenthal, said on Wednesday that she had invited both sides to talks next Monday and urged them to “put the public interest first”.',
    ),
    p('Union organisers say they are willing to return to the table but will not call off the strike until a new offer is made in writing.'),
    p(
      'Economists warned that the disruption could take a small bite out of growth in the second quarter if it lasts into June, although most of the cargo is expected to arrive eventually. “This is a delay, not a disappearance,” said Marta Quintero, chief economist at the trade bank Nordvik Lyle. “But delays cost money, and someone ends up paying for them.”',
    ),
    p('The port authority said it would publish updated waiting times every morning until the dispute was resolved.'),
  ],
  mustContain: [
    'The queue of container ships waiting to unload at Halvik grew to 43 vessels on Thursday, port authority figures showed, as a strike by crane operators entered its second week and shipping lines began diverting cargo to smaller harbours along the coast.',
    'Union organisers say they are willing to return to the table but will not call off the strike until a new offer is made in writing.',
    'The port authority said it would publish updated waiting times every morning until the dispute was resolved.',
  ],
  mustNotContain: ['Photo: Reuters', 'Most read', 'Advertisement', 'Sign in'],
  exercises: 'div-soup single-page-app CMS (hashed class names, story-body), caption credit "Photo: Reuters", date with Z offset, keywords as a comma string',
};

/** Page H: brief whose only author is the organisation. */
export const railStrike: ArticleSource = {
  slug: 'weekend-rail-strike-called-off',
  path: '/news/uk/weekend-rail-strike-called-off.html',
  template: 'brief',
  lang: 'en-GB',
  dir: 'ltr',
  title: 'Weekend rail strike called off after last-minute pay deal',
  description: 'Services on the Northern Coast line will run as normal on Saturday and Sunday.',
  section: 'UK',
  sectionSlug: 'uk',
  tags: ['Rail', 'Strikes', 'Transport'],
  authors: [],
  authorOrganization: 'Meridian Ledger Newsroom',
  published: '2022-05-11T18:45:00+01:00',
  modified: null,
  visibleDate: '11 May 2022, 18:45',
  image: null,
  blocks: [
    p(
      'A strike that would have halted trains on the Northern Coast line this weekend has been called off after the operator and the drivers’ union reached a provisional pay agreement on Wednesday afternoon.',
    ),
    p(
      'The deal, which union members will vote on over the next fortnight, includes a 5 per cent rise backdated to April and a commitment not to make compulsory redundancies before the end of next year.',
    ),
    p(
      'Coastline Rail said all services would run to the normal timetable on Saturday and Sunday, although a small number of early-morning trains on Saturday could still be cancelled at short notice because some drivers had already been stood down.',
    ),
    p(
      'Passengers who bought tickets for other dates because of the strike can claim a full refund through the operator’s website until the end of May. Season ticket holders do not need to do anything.',
    ),
    p('The union said it was pleased that “common sense had prevailed” and would recommend that its members accept the offer.'),
  ],
  mustContain: [
    'The deal, which union members will vote on over the next fortnight, includes a 5 per cent rise backdated to April and a commitment not to make compulsory redundancies before the end of next year.',
    'The union said it was pleased that “common sense had prevailed” and would recommend that its members accept the offer.',
  ],
  mustNotContain: ['More news', 'Meridian Ledger Newsroom'],
  exercises: 'short brief; JSON-LD author is an Organization only (no person named); no image',
};

/** Page I: brief with the date only in a <time datetime>, no JSON-LD. */
export const libraryHours: ArticleSource = {
  slug: 'central-library-late-opening',
  path: '/news/local/central-library-to-open-until-9pm.html',
  template: 'brief',
  lang: 'en-GB',
  dir: 'ltr',
  timeElementOnly: true,
  title: 'Central library to open until 9pm on weekdays from June',
  description: 'Eastmoor Central Library will stay open later on weekdays from June 6, reversing cuts made three years ago.',
  section: 'Local',
  sectionSlug: 'local',
  tags: ['Libraries', 'Eastmoor', 'Council'],
  authors: [{ name: 'Priya Natarajan', slug: 'priya-natarajan' }],
  published: '2022-05-13T10:00:00+01:00',
  modified: null,
  visibleDate: 'Friday 13 May 2022',
  image: null,
  blocks: [
    p(
      'Eastmoor Central Library will stay open until 9pm from Monday to Friday starting on June 6, the council announced on Friday, reversing cuts to opening hours made three years ago.',
    ),
    p(
      'The library currently closes at 5.30pm on weekdays. Longer evenings had been requested by students preparing for exams and by parents who said they could not visit with their children after work.',
    ),
    p(
      'The extra hours will be covered by four new part-time posts and by volunteers from the Friends of Eastmoor Library, who will run a homework club on Tuesday and Thursday evenings during term time.',
    ),
    p('Study spaces on the first floor, closed since 2020, will also reopen, and the library’s computers can be booked online for the first time.'),
    p(
      'The council said the cost, about £85,000 a year, would be met from savings made by connecting the library to the town’s district heating network last winter.',
    ),
    p('Saturday opening hours are not changing, and the library will remain closed on Sundays.'),
  ],
  mustContain: [
    'The library currently closes at 5.30pm on weekdays.',
    'Saturday opening hours are not changing, and the library will remain closed on Sundays.',
  ],
  mustNotContain: ['More news', 'Skip to main content'],
  exercises: 'no JSON-LD and no article:published_time: the date is only in <time datetime>; author from byline/meta; no image',
};

/** Page K: live blog, linked from the reference article's widget. */
export const dustStorm: ArticleSource = {
  slug: 'live-dust-storm-gulf',
  path: '/news/mena/live-dust-storm-gulf/',
  template: 'live',
  lang: 'en',
  dir: 'ltr',
  title: 'Live: Dust storm sweeps across the Gulf, disrupting flights and schools',
  description: 'A dense dust storm cut visibility to a few hundred metres across parts of the Gulf on Thursday, grounding flights and closing schools early.',
  section: 'MENA',
  sectionSlug: 'mena',
  tags: ['Weather', 'Dust storms', 'Gulf', 'Aviation'],
  keyPoints: [
    'Flights suspended at several airports for more than four hours',
    'Schools sent pupils home early across much of the region',
    'Doctors urge people with lung conditions to stay indoors',
  ],
  authors: [{ name: 'Yusuf Demir', slug: 'yusuf-demir' }],
  published: '2022-04-28T06:30:00+01:00',
  modified: '2022-04-28T16:10:00+01:00',
  visibleDate: '28 April 2022, 16:10 BST',
  image: {
    file: 'gulf-dust-storm-skyline.png',
    width: 1200,
    height: 675,
    alt: 'A city skyline barely visible through thick orange dust',
    caption: 'Towers disappear into the dust on Thursday morning.',
    credit: 'AFP',
    creditStyle: 'c-parens',
    colors: ['#c27c3a', '#f0c080'],
  },
  blocks: [
    {
      kind: 'entry',
      time: '2022-04-28T16:10:00+01:00',
      label: '16:10 BST',
      title: 'Visibility improving on the coast',
      paragraphs: [
        'Forecasters say the worst of the dust has now passed over the coastal cities and visibility should return to normal by Friday morning, although strong winds are expected to continue inland for another day.',
        'That is where we will pause our live coverage for today. Thank you for following along.',
      ],
    },
    {
      kind: 'entry',
      time: '2022-04-28T14:35:00+01:00',
      label: '14:35 BST',
      title: 'Airports resume some departures',
      paragraphs: [
        'Several airports in the region have resumed departures after a pause of more than four hours. Passengers are being advised to check with their airline before travelling, as crews and aircraft are out of position and delays are expected to last into the evening.',
      ],
    },
    {
      kind: 'entry',
      time: '2022-04-28T13:40:00+01:00',
      label: '13:40 BST',
      title: 'Ports keep working, ferries cancelled',
      paragraphs: [
        'Harbour authorities say container terminals are still operating, but pilots have stopped guiding large ships in and out of several ports until the wind drops. Ferry crossings across the Gulf have been cancelled for the rest of the day.',
      ],
    },
    {
      kind: 'entry',
      time: '2022-04-28T12:50:00+01:00',
      label: '12:50 BST',
      title: 'Hospitals report rise in breathing problems',
      paragraphs: [
        'Health ministries in at least three countries say hospitals have treated hundreds of people for breathing difficulties since the morning. Doctors are urging people with asthma and other lung conditions to stay indoors, keep windows closed and avoid any strenuous activity outside.',
      ],
    },
    {
      kind: 'entry',
      time: '2022-04-28T11:05:00+01:00',
      label: '11:05 BST',
      title: 'Schools close early',
      paragraphs: [
        'Education authorities have sent pupils home early across much of the region, and some universities have moved Thursday afternoon’s examinations online. Parents have been told that schools will reopen as normal on Sunday unless they hear otherwise.',
      ],
    },
    {
      kind: 'entry',
      time: '2022-04-28T09:20:00+01:00',
      label: '09:20 BST',
      title: 'Flights suspended',
      paragraphs: [
        'Air traffic controllers have suspended take-offs at several airports because visibility has fallen below 500 metres in places. Arriving flights are being diverted to airports further from the storm. Some airlines have cancelled all domestic flights until the afternoon.',
      ],
    },
    {
      kind: 'entry',
      time: '2022-04-28T07:45:00+01:00',
      label: '07:45 BST',
      title: 'What we know so far',
      paragraphs: [
        'A large dust storm that formed over the desert on Wednesday is moving east across the Gulf. Meteorologists say such storms have become more frequent in recent years as drought dries out the soil and strong seasonal winds lift the dust high into the air. It is expected to clear the coast by late afternoon.',
        'Dust storms are common in spring, but this one is unusually dense, and it reached the coast during the morning rush hour.',
      ],
    },
    {
      kind: 'entry',
      time: '2022-04-28T06:30:00+01:00',
      label: '06:30 BST',
      title: 'Welcome to our live coverage',
      paragraphs: [
        'Good morning and welcome to our live coverage of the dust storm affecting much of the Gulf today. We will bring you updates on travel disruption, health advice and the forecast throughout the day.',
      ],
    },
  ],
  mustContain: [
    'Air traffic controllers have suspended take-offs at several airports because visibility has fallen below 500 metres in places.',
    'Several airports in the region have resumed departures after a pause of more than four hours.',
    'Good morning and welcome to our live coverage of the dust storm affecting much of the Gulf today.',
  ],
  mustNotContain: ['Load more updates', 'Share this update', 'Key points', '(c) AFP'],
  exercises: 'live blog served as a directory index (/…/), LiveBlogPosting JSON-LD, timestamped entries newest first, credit "(c) AFP"',
};

/** Page L: paywalled teaser with two paragraphs. */
export const pensionFunds: ArticleSource = {
  slug: 'pension-funds-rethink-offices',
  path: '/news/business/pension-funds-quietly-rethink-offices.html',
  template: 'paywall',
  lang: 'en-GB',
  dir: 'ltr',
  title: 'Pension funds quietly rethink their bet on city-centre offices',
  description:
    'Several of the country’s largest retirement schemes are cutting their exposure to office property as hybrid working keeps desks empty, filings show.',
  section: 'Business',
  sectionSlug: 'business',
  tags: ['Pensions', 'Property', 'Offices', 'Hybrid working'],
  authors: [{ name: 'Harriet Cole', slug: 'harriet-cole' }],
  published: '2022-05-04T06:30:00+01:00',
  modified: null,
  visibleDate: 'May 4 2022',
  image: {
    file: 'empty-office-floor.png',
    width: 1200,
    height: 675,
    alt: 'Rows of empty desks on an open-plan office floor',
    caption: 'Many city-centre offices remain half empty in the middle of the week.',
    credit: 'Getty Images',
    creditStyle: 'pipe',
    colors: ['#9aa5b1', '#e4e7eb'],
  },
  blocks: [
    p(
      'Some of the country’s biggest pension funds have begun selling city-centre office buildings and moving money into warehouses, laboratories and rented housing, according to annual reports and property filings reviewed by the Meridian Ledger, as hybrid working leaves many offices half empty in the middle of the week. Rising interest rates have added to the pressure.',
    ),
    p(
      'At least five schemes with combined assets of more than £300bn have reduced their office holdings since the start of last year, in some cases accepting prices well below recent valuations. One scheme sold a 1990s tower near the main railway station for about 30 per cent less than it was valued at two years ago. Fund managers say the sales reflect a lasting change in how companies use space rather than a reaction to the pandemic, and warn that older buildings which cannot meet new energy-efficiency rules may prove hard to sell at almost any price.',
    ),
  ],
  mustContain: [
    'Some of the country’s biggest pension funds have begun selling city-centre office buildings and moving money into warehouses, laboratories and rented housing, according to annual reports and property filings reviewed by the Meridian Ledger, as hybrid working leaves many offices half empty in the middle of the week.',
    'Fund managers say the sales reflect a lasting change in how companies use space rather than a reaction to the pandemic, and warn that older buildings which cannot meet new energy-efficiency rules may prove hard to sell at almost any price.',
  ],
  mustNotContain: ['Subscribe to continue reading', 'Already a subscriber?', 'Subscriber exclusive', '| Getty Images'],
  exercises: 'paywalled teaser: two free paragraphs, paywall box, isAccessibleForFree false with hasPart cssSelector; credit after a pipe',
};
