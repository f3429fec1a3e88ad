/** Demo articles, part 2: technology, science, culture, features and the German and French pages. */
import type { ArticleSource, Block, LeadImage } from './site-model.js';

const p = (html: string): Block => ({ kind: 'p', html });
const h2 = (text: string): Block => ({ kind: 'h2', text });

/** Page E: in-body widgets of several kinds ("Read more:", newsletter box, ad slot). */
export const councilChatbot: ArticleSource = {
  slug: 'council-chatbot-wrong-bin-dates',
  path: '/news/technology/council-chatbot-gave-wrong-bin-dates.html',
  template: 'article',
  lang: 'en-GB',
  dir: 'ltr',
  title: 'Council’s AI helpline gave wrong bin collection dates to thousands, review finds',
  description:
    'An internal review of Eastmoor council’s chatbot trial found that about one in six answers about waste collections were wrong, but officials plan to keep the service.',
  section: 'Technology',
  sectionSlug: 'technology',
  tags: ['Artificial intelligence', 'Local government', 'Eastmoor', 'Chatbots'],
  authors: [{ name: 'Imogen Pratt', slug: 'imogen-pratt' }],
  published: '2022-05-09T07:00:00+01:00',
  modified: '2022-05-09T12:30:00+01:00',
  visibleDate: 'Mon 9 May 2022 07.00 BST',
  readTimeLabel: '3 min read',
  image: {
    file: 'eastmoor-council-chatbot.png',
    width: 1200,
    height: 675,
    alt: 'A resident uses the council chatbot on a phone next to a row of wheelie bins',
    caption: 'A resident checks her collection day with the council’s chatbot in Eastmoor.',
    credit: 'Kofi Mensah/Meridian Ledger',
    creditStyle: 'photograph-prefix',
    colors: ['#2e7d32', '#a5d6a7'],
  },
  blocks: [
    p(
      'A chatbot introduced by Eastmoor District Council to answer residents’ questions gave incorrect bin collection dates in roughly one in six conversations during its first three months, according to an internal review published on Monday.',
    ),
    p(
      'The council launched the service in January, promising shorter queues on its telephone lines and round-the-clock answers to the questions it receives most often: when bins will be emptied, how to pay council tax and how to report a missed collection.',
    ),
    p(
      'The review, carried out by the council’s own digital team, examined a sample of 2,400 conversations. It found that the assistant answered questions about council tax and parking permits accurately in more than 95 per cent of cases, but struggled with waste collections, particularly in weeks affected by bank holidays.',
    ),
    {
      kind: 'widget',
      html: '<p class="read-more"><strong>Read more:</strong> <a href="{{origin}}/news/technology/battery-recycler-voltaris-raises-funds.html">Battery recycler Voltaris Cycle raises $22 million for its first full-scale plant</a></p>',
    },
    p(
      'In several cases the chatbot told residents that their recycling would be collected on a Monday when the rounds had been moved to a Tuesday. In others it invented collection days for streets that were not on its list, rather than admitting that it did not know.',
    ),
    p(
      '“The system was too eager to be helpful,” said Grace Ellison, the council’s head of digital services. “When it did not have the answer, it produced something that sounded plausible. That is exactly the behaviour we have now switched off.”',
    ),
    p(
      'Officials estimate that around 3,000 households may have put their bins out on the wrong day as a result. The council received 212 complaints linked to the chatbot over the period, fewer than it normally receives about missed collections in a single month. Residents who were affected can ask for a free missed-collection visit until the end of May.',
    ),
    {
      kind: 'widget',
      html: `<div class="ad ad--inarticle" data-ad-slot="in-article-1" aria-hidden="true">
  <span class="ad__label">Advertisement</span>
  <div class="ad__creative"><a href="https://ads.example.invalid/click?id=4411">Switch your energy supplier in five minutes</a></div>
</div>`,
    },
    h2('Calls to scrap the service'),
    p(
      'Opposition councillors have called for the trial to be halted. Councillor Dev Raman, who leads the Independent group, said residents had been used as “unpaid testers” and that older people in particular had been left confused. The Conservative group has asked for an independent audit of the contract, which is worth £140,000 a year.',
    ),
    p(
      '“If a leaflet had printed the wrong dates for three months, somebody would have been held responsible,” he said. “We should not accept lower standards because the mistake was made by software.”',
    ),
    {
      kind: 'widget',
      html: `<div class="inline-newsletter" data-component="newsletter-inline">
  <p class="inline-newsletter__title">Get the Tech Ledger newsletter</p>
  <p class="inline-newsletter__text">The week’s technology news, explained without the hype. Every Thursday.</p>
  <form action="{{origin}}/newsletter/tech" method="post"><input type="email" name="email" placeholder="Email address" aria-label="Email address"><button type="submit">Subscribe</button></form>
</div>`,
    },
    p(
      'The council says the tool has already saved money. Calls to its contact centre fell by 18 per cent between January and March compared with the same period last year, and the average wait on the phone line dropped from eleven minutes to four.',
    ),
    p(
      'Under changes introduced after the review, the chatbot will only give collection dates taken directly from the council’s scheduling system, and will direct residents to the website’s postcode checker if it cannot find a match. Its answers will also carry a note saying that they were produced automatically.',
    ),
    h2('What other councils are doing'),
    p(
      'Eastmoor is one of at least a dozen local authorities experimenting with automated assistants, according to the Local Digital Network, a membership body for council technology teams. Most are limiting them to a narrow set of topics while they learn how residents use them.',
    ),
    p(
      'Neighbouring Westfold Borough Council abandoned a similar project last autumn after a pilot found that residents preferred a simple search box. Its digital lead said at the time that the technology was impressive but that most people “just want the right page, not a conversation”.',
    ),
    p(
      'Dr Hannah Oyelaran, who studies public-sector technology at Wexford Hall University, said the review was unusually candid. “Publishing the error rate is the right thing to do,” she said. “The question now is whether councils will have the staff to check these systems properly once the pilot money runs out.”',
    ),
    p('The council will decide in July whether to extend the contract for a further two years.'),
  ],
  mustContain: [
    'In others it invented collection days for streets that were not on its list, rather than admitting that it did not know.',
    'Calls to its contact centre fell by 18 per cent between January and March compared with the same period last year, and the average wait on the phone line dropped from eleven minutes to four.',
    'The council will decide in July whether to extend the contract for a further two years.',
  ],
  mustNotContain: [
    'Read more:',
    'Battery recycler Voltaris Cycle raises $22 million',
    'Get the Tech Ledger newsletter',
    'Every Thursday.',
    'Advertisement',
    'Switch your energy supplier',
    'Photograph: Kofi Mensah',
  ],
  exercises:
    'in-body widgets of three kinds: a "Read more:" link paragraph, an ad slot <div class="ad">, a newsletter box mid-article; subheadings; credit "Photograph: X/Y"',
};

/** Page M: science story with a negative UTC offset. */
export const glacierMicrobes: ArticleSource = {
  slug: 'glacier-microbes-polar-winter',
  path: '/news/science/microbes-thrive-beneath-arctic-glacier.html',
  template: 'article',
  lang: 'en',
  dir: 'ltr',
  title: 'Microbes found thriving in meltwater beneath Arctic glacier through the polar winter',
  description: 'Researchers who drilled through the Kessel Glacier found bacteria still active in liquid water sealed off from sunlight for months.',
  section: 'Science',
  sectionSlug: 'science',
  tags: ['Arctic', 'Glaciers', 'Microbiology', 'Astrobiology'],
  authors: [{ name: 'Aiko Tanaka', slug: 'aiko-tanaka' }],
  published: '2022-05-02T12:00:00-04:00',
  modified: null,
  visibleDate: 'May 2, 2022 12:00 PM EDT',
  readTimeLabel: '2 min read',
  image: {
    file: 'kessel-glacier-borehole.png',
    width: 1200,
    height: 675,
    alt: 'Researchers in red jackets stand beside a drilling rig on a glacier at dusk',
    caption: 'The drilling camp on the Kessel Glacier in January.',
    credit: 'Northfjord Polar Institute',
    creditStyle: 'credit-prefix',
    colors: ['#0d1b2a', '#7fb3d5'],
  },
  blocks: [
    p(
      'Bacteria living in pockets of liquid water beneath an Arctic glacier remain active throughout the months-long polar night, feeding on minerals ground from the rock below, according to a study published on Monday.',
    ),
    p(
      'The research team, led by scientists at the Northfjord Polar Institute, drilled four boreholes through more than 300 metres of ice on the Kessel Glacier between October and February, collecting water samples at intervals throughout the winter. For most of the year the site can only be reached by snowmobile.',
    ),
    p(
      'They found that microbial communities in the meltwater did not shut down when the surface froze solid and the sun disappeared, as some researchers had expected. Instead, the bacteria kept growing slowly by drawing energy from chemical reactions with iron and sulphur compounds released as the glacier scraped over the bedrock.',
    ),
    p(
      '“We expected to find a community that was essentially asleep, waiting for the summer,” said Dr Ingrid Solvik, a microbiologist at the institute and the study’s lead author. “What we found instead was a busy, if very slow, economy running entirely in the dark.”',
    ),
    h2('Clues for life elsewhere'),
    p(
      'The findings add to a growing body of evidence that the undersides of glaciers and ice sheets are home to far more life than was once thought. Similar communities have been found beneath the Antarctic ice sheet, in lakes that have been cut off from the surface for thousands of years.',
    ),
    p(
      'Because the bacteria live without sunlight, in near-freezing water and with very little food, scientists say they are a useful model for the kinds of organisms that might survive in the oceans thought to lie beneath the icy crusts of moons such as Europa and Enceladus.',
    ),
    p(
      'The team also measured how much carbon dioxide and methane the microbes released. The amounts were small, but the researchers said they could become significant as a warming climate increases the volume of meltwater flowing beneath glaciers across the Arctic.',
    ),
    p(
      'Tomas Reinholt, a glaciologist who was not involved in the study, said the year-round sampling was a notable achievement. “Most work under glaciers happens in summer, because winter fieldwork is miserable and dangerous,” he said. “This gives us a much fuller picture of what goes on under the ice.”',
    ),
    p('The team plans to return to the glacier next winter with instruments that can stay in the boreholes and send back measurements automatically.'),
  ],
  mustContain: [
    'Bacteria living in pockets of liquid water beneath an Arctic glacier remain active throughout the months-long polar night, feeding on minerals ground from the rock below, according to a study published on Monday.',
    'Similar communities have been found beneath the Antarctic ice sheet, in lakes that have been cut off from the surface for thousands of years.',
    'The team plans to return to the glacier next winter with instruments that can stay in the boreholes and send back measurements automatically.',
  ],
  mustNotContain: ['Credit: Northfjord Polar Institute', 'Related articles', '2 min read'],
  exercises: 'negative UTC offset (-04:00) in JSON-LD and meta; US-style visible date; "Credit: X" caption credit; a subheading',
};

/** Page P: a second div-soup page, +05:30 offset. */
export const voltaris: ArticleSource = {
  slug: 'battery-recycler-voltaris-funding',
  path: '/news/technology/battery-recycler-voltaris-raises-funds.html',
  template: 'div-soup',
  lang: 'en-IN',
  dir: 'ltr',
  title: 'Battery recycler Voltaris Cycle raises $22 million for its first full-scale plant',
  description:
    'The Pune start-up recovers lithium, nickel and cobalt from used electric-vehicle batteries and plans to process 10,000 tonnes a year from 2024.',
  section: 'Technology',
  sectionSlug: 'technology',
  tags: ['Batteries', 'Recycling', 'Electric vehicles', 'Start-ups'],
  authors: [{ name: 'Rohan Mehta', slug: 'rohan-mehta' }],
  published: '2022-05-10T13:15:00+05:30',
  modified: '2022-05-10T15:02:00+05:30',
  visibleDate: 'Updated: May 10, 2022, 15:02 IST',
  image: {
    file: 'voltaris-pilot-line.png',
    width: 1200,
    height: 675,
    alt: 'Workers in protective suits beside a battery shredding machine',
    caption: 'The Voltaris Cycle pilot line near Pune.',
    credit: 'Voltaris Cycle',
    creditStyle: 'photo-prefix',
    colors: ['#263238', '#ffb300'],
  },
  blocks: [
    p(
      'Voltaris Cycle, a Pune-based start-up that recovers lithium, nickel and cobalt from used electric-vehicle batteries, has raised $22 million to build its first full-scale recycling plant, the company said on Tuesday.',
    ),
    p(
      'The funding round was led by the climate investment firm Greenmantle Partners, with two existing investors also taking part. Voltaris said the money would pay for a plant in the Chakan industrial area capable of processing 10,000 tonnes of battery waste a year when it opens in 2024.',
    ),
    p(
      'India’s electric-vehicle market is still small, but it is growing quickly, especially among two- and three-wheelers. Industry analysts expect the first large wave of worn-out batteries from electric scooters and rickshaws to reach recyclers within the next five years.',
    ),
    p(
      'Most lithium-ion batteries collected in India today are either exported for processing or broken up by informal workshops that recover only the most valuable parts, often without protective equipment. Draft rules on battery waste would make manufacturers responsible for collecting and recycling a growing share of the batteries they sell.',
    ),
    p(
      '“For every tonne of batteries we send abroad, we are exporting metals that we will have to buy back later at a higher price,” said Aditi Kulkarni, the company’s co-founder and chief executive. “The materials are already here. We just need to stop throwing them away.”',
    ),
    p(
      'Voltaris uses a hydrometallurgical process, in which shredded battery material is dissolved in acid and the metals are separated chemically, rather than smelting. The company says this recovers more than 95 per cent of the lithium and uses less energy than furnace-based methods.',
    ),
    p(
      'The start-up currently runs a pilot line that handles about 300 tonnes a year, mostly from electric-scooter makers and from telecom companies replacing the backup batteries at mobile phone towers.',
    ),
    p(
      'The company employs 85 people and plans to hire about 200 more once the plant is running, most of them chemical engineers and technicians trained through a programme with two engineering colleges in Pune.',
    ),
    p(
      'Investors have poured money into battery recycling around the world as carmakers look for secure supplies of critical minerals. Competition for scrap batteries is already intense in some markets, and analysts caution that new plants could struggle to find enough material in their early years.',
    ),
    p(
      'Ms Kulkarni said Voltaris had signed supply agreements with three vehicle makers and expected the new plant to run at half its capacity in the first year.',
    ),
  ],
  mustContain: [
    'Voltaris uses a hydrometallurgical process, in which shredded battery material is dissolved in acid and the metals are separated chemically, rather than smelting.',
    'Ms Kulkarni said Voltaris had signed supply agreements with three vehicle makers and expected the new plant to run at half its capacity in the first year.',
  ],
  mustNotContain: ['Photo: Voltaris Cycle', 'Most read', 'Advertisement'],
  exercises: 'second div-soup page: +05:30 offset, en-IN, modified date, "Photo: X" credit naming a company',
};

/** Page F: German, WordPress-style blog layout. */
export const radschnellweg: ArticleSource = {
  slug: 'de-radschnellweg-freigegeben',
  path: '/news/europe/de/radschnellweg-auental-birkhausen.html',
  template: 'blog',
  lang: 'de',
  dir: 'ltr',
  title: 'Erster Abschnitt des Radschnellwegs zwischen Auental und Birkhausen freigegeben',
  description: 'Auf sieben Kilometern können Pendlerinnen und Pendler nun kreuzungsfrei radeln. Der Rest der Strecke soll bis 2025 folgen.',
  section: 'Mobilität',
  sectionSlug: 'europe',
  tags: ['Radverkehr', 'Verkehrswende', 'Auental'],
  authors: [{ name: 'Katrin Vogelsang', slug: 'katrin-vogelsang' }],
  published: '2022-05-12T14:10:00+02:00',
  modified: '2022-05-12T17:45:00+02:00',
  visibleDate: '12. Mai 2022',
  image: {
    file: 'radschnellweg-auental.png',
    width: 1200,
    height: 675,
    alt: 'Radfahrende auf einem breiten, beleuchteten Radweg neben einer alten Bahnbrücke',
    caption: 'Der neue Radschnellweg verläuft auf der alten Bahntrasse.',
    credit: 'dpa',
    creditStyle: 'foto-prefix',
    colors: ['#33691e', '#dce775'],
  },
  blocks: [
    p(
      'Nach knapp drei Jahren Bauzeit ist am Donnerstag der erste Abschnitt des Radschnellwegs zwischen Auental und Birkhausen für den Verkehr freigegeben worden. Die sieben Kilometer lange Strecke führt entlang der stillgelegten Bahntrasse und verbindet die Wohngebiete im Norden mit dem Gewerbegebiet am Hafen.',
    ),
    p(
      'Der Weg ist vier Meter breit, durchgehend beleuchtet und an allen Kreuzungen mit Straßen entweder über Brücken oder durch Unterführungen geführt. Fußgängerinnen und Fußgänger haben einen eigenen Gehweg, der durch einen Grünstreifen abgetrennt ist. An drei Stellen gibt es überdachte Abstellplätze und Luftpumpen.',
    ),
    p(
      '„Wer morgens mit dem Rad zur Arbeit fährt, soll nicht an jeder Ampel warten müssen“, sagte Verkehrsdezernentin Miriam Albers bei der Eröffnung. Die Stadt rechnet damit, dass täglich bis zu 4.000 Menschen die Strecke nutzen werden.',
    ),
    h2('Kosten höher als geplant'),
    p(
      'Ganz ohne Kritik verlief die Eröffnung allerdings nicht. Die Baukosten für den ersten Abschnitt sind von ursprünglich 9,5 auf rund 13 Millionen Euro gestiegen. Als Gründe nennt die Stadtverwaltung höhere Preise für Stahl und Beton sowie die aufwendige Sanierung einer alten Eisenbahnbrücke über die Aue.',
    ),
    p(
      'Der Bund der Steuerzahler bezeichnete die Mehrkosten als ärgerlich, aber nicht überraschend. Die Opposition im Stadtrat forderte, die Planung für die weiteren Abschnitte offenzulegen, bevor neue Aufträge vergeben werden.',
    ),
    p(
      'Auch einige Anwohnerinnen und Anwohner zeigten sich skeptisch. Sie befürchten, dass schnelle Radfahrer und Lastenräder auf dem Weg zur Gefahr für Kinder und ältere Menschen werden könnten. Die Stadt will deshalb in den ersten Monaten messen, wie schnell auf der Strecke gefahren wird, und bei Bedarf Hinweisschilder aufstellen.',
    ),
    p(
      'Für Pendlerinnen und Pendler aus den nördlichen Stadtteilen verkürzt sich die Fahrzeit zum Hafen nach Berechnungen der Stadt um bis zu ein Drittel. Der örtliche Fahrradclub lobte die Breite des Weges und die Beleuchtung, kritisierte aber, dass die Anbindung an das Radnetz in der Innenstadt noch fehle.',
    ),
    h2('Wie es weitergeht'),
    p(
      'Die beiden übrigen Abschnitte bis zum Bahnhof Birkhausen sollen bis Ende 2025 fertig sein. Dafür müssen unter anderem eine Bundesstraße und ein Bach überquert werden. Die Ausschreibung für den zweiten Abschnitt soll noch vor der Sommerpause beginnen. Wann genau die Bauarbeiten starten, hängt auch von Fördermitteln des Landes ab.',
    ),
    p(
      'Zur Eröffnung fuhren am Nachmittag mehrere hundert Menschen die Strecke ab, darunter eine Gruppe von Schulkindern aus Auental, die für den Weg zur Schule künftig fast zehn Minuten weniger brauchen.',
    ),
  ],
  mustContain: [
    'Die Baukosten für den ersten Abschnitt sind von ursprünglich 9,5 auf rund 13 Millionen Euro gestiegen.',
    'Zur Eröffnung fuhren am Nachmittag mehrere hundert Menschen die Strecke ab, darunter eine Gruppe von Schulkindern aus Auental, die für den Weg zur Schule künftig fast zehn Minuten weniger brauchen.',
  ],
  mustNotContain: ['Teilen mit:', 'Ähnliche Beiträge', 'Schlagwörter:', 'Endlich! Ich fahre die Strecke', 'Foto: dpa'],
  exercises:
    'German (lang="de"); WordPress-style blog with <main> and .post-content, Yoast @graph JSON-LD with author by @id, share/related inside the content, comments; "Foto: dpa"',
};

/** Page O: French, blog layout, short. */
export const jazzFestival: ArticleSource = {
  slug: 'fr-festival-jazz-reporte',
  path: '/news/culture/fr/festival-de-jazz-de-port-lavande-reporte.html',
  template: 'blog',
  lang: 'fr',
  dir: 'ltr',
  title: 'Le festival de jazz de Port-Lavande reporté à septembre',
  description: 'Les organisateurs invoquent des travaux imprévus sur la scène principale du front de mer.',
  section: 'Culture',
  sectionSlug: 'culture',
  tags: ['Jazz', 'Festivals', 'Port-Lavande'],
  authors: [{ name: 'Camille Roux', slug: 'camille-roux' }],
  published: '2022-05-07T11:00:00+02:00',
  modified: null,
  visibleDate: '7 mai 2022',
  image: {
    file: 'port-lavande-scene.png',
    width: 1200,
    height: 675,
    alt: 'Une scène de concert vide sur un front de mer au coucher du soleil',
    caption: 'La scène du front de mer, fermée pour travaux.',
    credit: 'Julien Marchal',
    creditStyle: 'copyright',
    colors: ['#4a148c', '#ff8a65'],
  },
  blocks: [
    p(
      'Le festival de jazz de Port-Lavande, qui devait se tenir du 17 au 19 juin, est reporté au mois de septembre, ont annoncé samedi ses organisateurs. En cause : des travaux de consolidation imprévus sur la scène principale, installée depuis vingt ans sur le front de mer.',
    ),
    p(
      'Lors d’une inspection de routine en avril, des techniciens ont découvert que plusieurs piliers de la structure étaient fragilisés par la corrosion. « Nous ne pouvions pas prendre le moindre risque avec la sécurité du public », a expliqué la directrice du festival, Élodie Ferrand.',
    ),
    p(
      'Les billets déjà achetés restent valables pour les nouvelles dates, fixées du 9 au 11 septembre. Les spectateurs qui ne pourront pas venir à l’automne seront intégralement remboursés sur simple demande avant le 31 mai.',
    ),
    p(
      'La plupart des artistes programmés ont déjà confirmé leur présence en septembre, selon les organisateurs, qui espèrent annoncer d’ici deux semaines les noms des musiciens qui remplaceront les rares désistements.',
    ),
    p('Le festival avait attiré près de 15 000 spectateurs lors de sa dernière édition, en 2019.'),
  ],
  mustContain: [
    'Les billets déjà achetés restent valables pour les nouvelles dates, fixées du 9 au 11 septembre.',
    'Le festival avait attiré près de 15 000 spectateurs lors de sa dernière édition, en 2019.',
  ],
  mustNotContain: ['Partager :', 'Articles similaires', 'Dommage pour juin', '© Julien Marchal'],
  exercises: 'French (lang="fr"), short blog post, "© Name" credit',
};

/** Page N: culture review, blog layout. */
export const glassOrchard: ArticleSource = {
  slug: 'review-the-glass-orchard',
  path: '/news/culture/the-glass-orchard-review.html',
  template: 'blog',
  lang: 'en-GB',
  dir: 'ltr',
  title: 'The Glass Orchard review – a family drama that grows in the dark',
  description: 'Maud Ferrars’s new play about three sisters and a failing fruit farm is slow to take root, but its second half is devastating.',
  section: 'Culture',
  sectionSlug: 'culture',
  tags: ['Theatre', 'Reviews', 'Elmsford'],
  authors: [{ name: 'Ruth Adebayo', slug: 'ruth-adebayo' }],
  published: '2022-05-06T19:00:00+01:00',
  modified: null,
  visibleDate: 'May 6, 2022',
  image: {
    file: 'glass-orchard-stage.png',
    width: 1200,
    height: 675,
    alt: 'Three actors around a kitchen table in front of a wall of old greenhouse glass',
    caption: 'Niamh Rourke, Priya Sandhu and Ella Byrne in The Glass Orchard.',
    credit: 'Ines Duarte',
    creditStyle: 'photograph-prefix',
    colors: ['#3e2723', '#a1887f'],
  },
  blocks: [
    p(
      'There is a moment, about two-thirds of the way through Maud Ferrars’s new play, when the eldest of three sisters walks into the family kitchen carrying a crate of apples that nobody will buy. She sets it down on the table, looks at her siblings and says nothing at all. The silence lasts perhaps fifteen seconds. It is the most eloquent thing in the evening.',
    ),
    p(
      '<em>The Glass Orchard</em>, which opened at the Corn Exchange Theatre in Elmsford on Thursday, is a play that trusts silences more than speeches, and for a long time that trust seems misplaced. The first act, set over a wet weekend in October, moves at the pace of the fruit farm it depicts: slowly, with a great deal of waiting for things to ripen.',
    ),
    p(
      'We meet Harriet, the eldest, who has stayed at home to run the orchard since their father’s stroke; Bea, a lawyer in the city who has come back to persuade her to sell; and Clem, the youngest, who arrives late, with a new boyfriend and a plan nobody asked for. Their mother died years ago. Their father, upstairs and unseen, is a constant presence in the creaking of the ceiling.',
    ),
    p(
      'Ferrars, whose debut about a failing seaside hotel was a surprise hit two years ago, has a fine ear for the way siblings argue: in fragments, with old grievances dropped into sentences about the washing-up. But the first hour leans too heavily on exposition, and a subplot about a disputed hedge never earns the stage time it is given.',
    ),
    p(
      'Everything changes after the interval. A late frost has destroyed most of the blossom, and with it next year’s harvest, and the sisters are forced to decide, in the space of a single night, what the farm is worth to each of them. The writing tightens, the jokes get darker, and the secrets that the first act so carefully buried come up one by one, like stones in a ploughed field.',
    ),
    p(
      'Much of the credit belongs to the cast. Niamh Rourke is superb as Harriet, all clenched patience and cracked hands, a woman who has confused endurance with love for so long that she can no longer tell them apart. Priya Sandhu gives Bea a brittle, funny confidence that collapses beautifully in the final scene, and Joel Matthias turns Clem’s boyfriend, a likeable fool, into something more than comic relief.',
    ),
    p(
      'Ella Byrne has the hardest job as Clem, who is written mostly as a disruption, but she finds a sly warmth in the part, and her scenes with Rourke have the easy cruelty of people who have shared a bathroom for twenty years.',
    ),
    p(
      'The director, Samira Haddad, and the designer, Oliver Grant, stage the whole thing in a single kitchen whose back wall is made of old greenhouse glass. In the first half it simply looks pretty. In the second, as light moves across it to show the frost creeping over the orchard outside, it becomes quietly unbearable.',
    ),
    p(
      'Not everything lands. A late monologue from Harriet, addressed to her absent father, states too plainly what the play has already shown us, and the ending reaches for a symbolic gesture that feels borrowed from a different kind of drama. At two hours and forty minutes, the evening could lose a quarter of an hour without anyone noticing.',
    ),
    p(
      'But these are the flaws of an ambitious writer stretching herself, and the best of <em>The Glass Orchard</em> is very good indeed. It is a play about inheritance in every sense: land, debt, temperament, and the stories families tell themselves about who gave up what, and for whom.',
    ),
    p('<em>The Glass Orchard</em> is at the Corn Exchange Theatre, Elmsford, until June 4.'),
  ],
  mustContain: [
    'The silence lasts perhaps fifteen seconds.',
    'Everything changes after the interval.',
    'The Glass Orchard is at the Corn Exchange Theatre, Elmsford, until June 4.',
  ],
  mustNotContain: ['Share this:', 'Saw it on Saturday', 'Bring a cushion', 'Recent posts', 'Photograph: Ines Duarte'],
  exercises: 'English blog-layout review with reader comments, inline <em> titles, "Photograph: X" credit',
};

const slide = (file: string, caption: string, alt: string, colors: [string, string]): LeadImage => ({
  file,
  width: 1200,
  height: 800,
  alt,
  caption,
  credit: 'Sam Whitlock',
  creditStyle: 'copyright',
  colors,
});

/** Page J: photo gallery with lazy-loaded images. */
export const lanternFestival: ArticleSource = {
  slug: 'gallery-elmsford-lantern-festival',
  path: '/news/culture/in-pictures-elmsford-lantern-festival.html',
  template: 'gallery',
  lang: 'en-GB',
  dir: 'ltr',
  title: 'In pictures: thousands of paper lanterns light up the river at Elmsford’s spring festival',
  description: 'Crowds lined the banks of the River Wend on Sunday night for the festival’s first full return since 2019.',
  section: 'Culture',
  sectionSlug: 'culture',
  tags: ['Festivals', 'Elmsford', 'Photography'],
  authors: [{ name: 'Sam Whitlock', slug: 'sam-whitlock' }],
  published: '2022-05-08T22:30:00+01:00',
  modified: null,
  visibleDate: 'Sun 8 May 2022 22.30 BST',
  image: slide(
    'lanterns-old-mill-bridge.png',
    'Lanterns drift under the Old Mill bridge shortly after dusk.',
    'Hundreds of glowing paper lanterns floating under a stone bridge',
    ['#0b132b', '#f4a259'],
  ),
  blocks: [
    p(
      'More than 20,000 people gathered along the River Wend in Elmsford on Sunday evening as the town’s spring lantern festival returned in full for the first time in three years. Organisers said more than 5,000 handmade lanterns were set on the water between dusk and midnight.',
    ),
    {
      kind: 'slide',
      image: slide(
        'lanterns-old-mill-bridge.png',
        'Lanterns drift under the Old Mill bridge shortly after dusk.',
        'Hundreds of glowing paper lanterns floating under a stone bridge',
        ['#0b132b', '#f4a259'],
      ),
      text: 'The first lanterns were launched from the Old Mill steps at 9pm, after a procession through the town centre led by a brass band and a dozen stilt-walkers.',
    },
    {
      kind: 'slide',
      image: slide(
        'lanterns-school-children.png',
        'Pupils from St Aldric’s primary school with the lanterns they made in class.',
        'Children holding paper lanterns shaped like birds',
        ['#1b4332', '#ffd166'],
      ),
      text: 'Every primary school in the district ran lantern workshops in the weeks before the festival, and many of this year’s designs were inspired by local birds and wildflowers.',
    },
    {
      kind: 'slide',
      image: slide(
        'lanterns-rescue-crew.png',
        'A volunteer crew collects lanterns downstream at the weir.',
        'Volunteers in a small boat lifting lanterns out of the river',
        ['#22223b', '#9a8c98'],
      ),
      text: 'All the lanterns are made from paper and willow and are gathered from the water by volunteer crews in boats, a rule introduced in 2016 after complaints about litter along the riverbank.',
    },
    {
      kind: 'slide',
      image: slide('lanterns-fireworks.png', 'Fireworks over the river brought the evening to a close.', 'Fireworks bursting above a river lined with crowds', [
        '#03071e',
        '#e85d04',
      ]),
      text: 'The evening ended with a short fireworks display over the water. The festival committee said it hoped to add a second night next year if funding allowed.',
    },
  ],
  mustContain: [
    'More than 20,000 people gathered along the River Wend in Elmsford on Sunday evening as the town’s spring lantern festival returned in full for the first time in three years.',
    'The festival committee said it hoped to add a second night next year if funding allowed.',
  ],
  mustNotContain: ['1 of 4', '© Sam Whitlock', 'More galleries and stories'],
  exercises:
    'photo gallery: lazy-loaded images (placeholder data: src, real URL in data-src/data-srcset, <noscript> fallback), per-slide captions and "© Name" credits',
};

/** Page G: long-form feature with two authors, pull quotes and subheadings. */
export const lighthouse: ArticleSource = {
  slug: 'feature-keepers-of-skerrow-point',
  path: '/news/features/the-keepers-of-skerrow-point.html',
  template: 'feature',
  lang: 'en-GB',
  dir: 'ltr',
  title: 'The keepers of Skerrow Point: a lighthouse family’s last watch',
  description:
    'Forty years after their lighthouse was automated, the families who kept its lamp burning are turning it into a museum. They remember a life of storms, supply boats and absolute routine.',
  section: 'Features',
  sectionSlug: 'features',
  tags: ['Lighthouses', 'Oral history', 'Museums', 'Coastal Lives'],
  authors: [
    { name: 'Eleanor Marsh', slug: 'eleanor-marsh' },
    { name: 'Daniel Okafor', slug: 'daniel-okafor' },
  ],
  published: '2022-04-30T06:00:00+01:00',
  modified: '2022-04-30T09:30:00+01:00',
  visibleDate: 'Saturday 30 April 2022',
  readTimeLabel: '5 min read',
  image: {
    file: 'skerrow-point-lighthouse.png',
    width: 1600,
    height: 900,
    alt: 'A white lighthouse on black rocks at the mouth of a firth under a stormy sky',
    caption: 'Skerrow Point lighthouse, unmanned since 1982, will open as a museum this summer.',
    credit: 'Daniel Okafor',
    creditStyle: 'photo-parens',
    colors: ['#1b263b', '#e0e1dd'],
  },
  blocks: [
    p(
      'On the morning the lamp at Skerrow Point was switched to automatic operation, in March 1982, Agnes Calder baked a cake, as she had for every change of watch for nineteen years, and then sat down on the kitchen step and cried.',
    ),
    p(
      '“It wasn’t the job I was sad about,” she says now, at 88, from an armchair in her granddaughter’s house three miles along the coast. “It was the rhythm. For nineteen years I knew what every hour of the day was for. Then a man came with a van full of electronics and the hours were just hours.”',
    ),
    p(
      'The lighthouse, a white tower on a spit of black rock at the mouth of the Skerrow Firth, has been unmanned for forty years. This summer it will open to the public for the first time, as a museum run by a trust set up by the families who once lived in its three cottages. Many of the objects on display — logbooks, oilskins, a brass telescope, a child’s drawing of a supply boat — have come down from their lofts.',
    ),
    h2('A life measured in watches'),
    p(
      'Until automation, three keepers worked Skerrow Point in rotation, each standing a four-hour watch through the night to check that the lamp was turning, the lens was clean and the fog signal was ready. Their wives and children lived beside them in cottages joined to the tower by a covered walkway, and a relief boat came from the mainland once a fortnight, weather allowing.',
    ),
    p(
      '“Weather allowing was the important part,” says Robert Calder, Agnes’s son, who was born in the middle cottage in 1964. “There were winters when the boat didn’t come for five weeks. You learned to keep a full larder and a full coal shed, and you learned not to make plans.”',
    ),
    p(
      'Keepers’ wives were not employed by the service, but the work could not have been done without them. Agnes kept the station’s accounts, cut the men’s hair, ran the radio schedule when a keeper was ill and taught her own children to read at the kitchen table before they were old enough to board.',
    ),
    { kind: 'pullquote', text: '“For nineteen years I knew what every hour of the day was for.”' },
    p(
      'The children were taught at a one-room school on the mainland and boarded there during the week. Robert remembers Friday afternoons spent watching the horizon for the boat that would take him home, and Sunday evenings when his mother would walk him down to the landing stage in silence.',
    ),
    p(
      'The keepers’ logbooks, now being transcribed by volunteers, record a life of exacting routine: the times the lamp was lit and extinguished, wind direction and visibility every three hours, ships sighted, and occasionally something else entirely. One entry from August 1971 notes, in a careful hand, that a basking shark had been seen off the north rocks “for the whole of the forenoon watch, to the great interest of all”.',
    ),
    {
      kind: 'figure',
      image: {
        file: 'skerrow-logbook.png',
        width: 1200,
        height: 800,
        alt: 'An open handwritten logbook on a wooden table',
        caption: 'The Skerrow Point logbook for January 1978.',
        credit: 'Daniel Okafor',
        creditStyle: 'photo-parens',
        colors: ['#6d4c41', '#efebe9'],
      },
    },
    h2('The storm of 1978'),
    p(
      'Every family has a storm story, and at Skerrow Point it is the same one. On the night of January 11, 1978, a gale from the north-west drove waves over the top of the rock, smashed the windows of the lower cottage and flooded the oil store.',
    ),
    p(
      'Agnes’s husband, William, was on watch. According to his log, the lamp stopped turning shortly after two in the morning, when seawater reached the clockwork that drove the lens. For the next five hours he and the assistant keeper, Malcolm Reid, took turns to turn the lens by hand, ten minutes at a time, so that ships in the firth would still see the light flash at the right interval.',
    ),
    { kind: 'pullquote', text: '“The light had to show, so it showed.”' },
    p(
      '“You didn’t think about whether you could do it,” Malcolm Reid told an oral history project in 2004, a year before his death. “The light had to show, so it showed. My arms didn’t work properly for a week afterwards.”',
    ),
    p(
      'The families spent the rest of that night in the tower itself, the only building on the rock that the sea could not reach. Robert, then thirteen, remembers sitting on the iron stairs with his younger sisters, listening to the waves hitting the base of the tower “like somebody dropping furniture”.',
    ),
    h2('Automation'),
    p(
      'By the late 1970s the lighthouse authority had begun replacing keepers around the coast with automatic equipment, monitored from a control room hundreds of miles away. The change saved money and took people out of some of the most isolated postings in the country, and few outside the service objected.',
    ),
    p(
      'At Skerrow Point, the families were given a year’s notice. William Calder was offered a post ashore at a buoy depot, which he took; the other two keepers retired. The cottages were boarded up, and for decades the only visitors were maintenance engineers arriving by helicopter twice a year.',
    ),
    p(
      'The last entry in the Skerrow Point log, dated March 14, 1982, is a single line in William Calder’s handwriting: “Light handed over to automatic operation. All well.” Beneath it, someone has drawn a small star.',
    ),
    p(
      '“People assume the keepers hated automation, and some did,” says Fiona Mackay, a historian who has advised the museum trust. “But many of them were also relieved. It was a hard life for families, and the children especially gave up a great deal. What people mourned was a community, not a job.”',
    ),
    h2('A museum of small things'),
    p(
      'The idea for a museum came from Robert Calder’s daughter, Isla, who grew up hearing stories about the rock but had never been allowed to visit. When the lighthouse authority announced in 2018 that it wanted to sell the cottages, she contacted the other families and formed a trust to buy them.',
    ),
    p(
      'After three years of fundraising and restoration, the middle cottage has been returned to the way it looked in the 1960s, down to the wallpaper, which was reprinted from a scrap found behind a kitchen cupboard. The lower cottage, the one flooded in 1978, will house an exhibition about the storm. The trust has raised a little over £600,000, most of it in small donations, and will run boat trips from the harbour twice a day in summer.',
    ),
    p(
      'Isla Calder says the most popular objects during the preview days have not been the brass instruments or the great lens, but the small, domestic things: a knitted tea cosy, a tin of buttons, the wooden board on which the children marked their heights each New Year.',
    ),
    p('Her grandmother has not been back to the rock since 1982, but says she might make the trip this summer, if the weather allows.'),
  ],
  mustContain: [
    'Every family has a storm story, and at Skerrow Point it is the same one.',
    'What people mourned was a community, not a job.',
    'Her grandmother has not been back to the rock since 1982, but says she might make the trip this summer, if the weather allows.',
  ],
  mustNotContain: ['More from Features', 'This article is part of our series', '(Photo: Daniel Okafor)', '5 min read'],
  exercises: 'long-form feature: two authors, hero <picture>, pull quotes (aria-hidden asides repeating body text), subheadings, an inline figure',
};
