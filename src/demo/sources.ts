// Public statements and reports the demo scenario cites. Quotes are short; `verified: false` marks items the
// research could only take from secondary reproductions (see docs/demo.md).

import type { z } from 'zod';
import type { sourceInputSchema } from '../core/schemas.js';

type SourceSeed = z.input<typeof sourceInputSchema>;

export const demoSources: readonly SourceSeed[] = [
  {
    key: 'wh-readout-2025-03-18',
    issuer: 'The White House (Press Secretary Karoline Leavitt)',
    issuerParty: 'US',
    channel: 'readout',
    publishedAt: '2025-03-18T14:00:00-04:00',
    url: 'https://kyivindependent.com/',
    title: 'Readout of President Trump’s call with President Putin',
    language: 'en',
    originalText:
      'The leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire, as well as technical negotiations on implementation of a maritime ceasefire in the Black Sea, full ceasefire and permanent peace.',
    verified: false,
  },
  {
    key: 'kremlin-readout-2025-03-18',
    issuer: 'The Kremlin (Presidential Executive Office)',
    issuerParty: 'RU',
    channel: 'readout',
    publishedAt: '2025-03-18T20:00:00+03:00',
    url: 'https://kyivindependent.com/',
    title: 'Telephone conversation with US President Donald Trump',
    language: 'ru',
    originalText:
      'Дональд Трамп выдвинул предложение о взаимном отказе сторон конфликта в течение 30 дней от ударов по объектам энергетической инфраструктуры. Владимир Путин положительно отреагировал на данную инициативу и тут же дал российским военным соответствующую команду.',
    translations: [
      {
        language: 'en',
        text: 'Trump proposed a mutual refusal of the parties to the conflict to strike for 30 days on energy infrastructure facilities. Putin responded positively to this initiative and immediately gave the appropriate command to the Russian military.',
        translator: 'The Kyiv Independent',
      },
    ],
    verified: false,
  },
  {
    key: 'kremlin-statement-2025-03-25',
    issuer: 'The Kremlin (Presidential Executive Office)',
    issuerParty: 'RU',
    channel: 'statement',
    publishedAt: '2025-03-25T20:00:00+03:00',
    url: 'https://www.pravda.com.ua/eng/news/2025/03/25/7504532/',
    title: 'Statement on the Riyadh talks and the list of energy facilities covered by the moratorium',
    language: 'en',
    originalText:
      'The temporary moratorium is in effect for 30 days starting from March 18, 2025, and may be extended by mutual agreement. If the moratorium is violated by one of the parties, the other party has the right to consider itself free from its obligations.',
    verified: true,
  },
  {
    key: 'wh-statement-ua-2025-03-25',
    issuer: 'The White House',
    issuerParty: 'US',
    channel: 'statement',
    publishedAt: '2025-03-25T12:00:00-04:00',
    url: 'https://interfax.com.ua/news/general/1058621.html',
    title: 'Outcomes of the United States and Ukraine expert groups on the Black Sea',
    language: 'en',
    originalText:
      'The United States and Ukraine agreed to develop measures for implementing President Trump’s and President Zelenskyy’s agreement to ban strikes against energy facilities of Russia and Ukraine.',
    verified: true,
  },
  {
    key: 'ua-mfa-2025-04-16',
    issuer: 'Ministry of Foreign Affairs of Ukraine (spokesman Heorhii Tykhyi)',
    issuerParty: 'UA',
    channel: 'briefing',
    publishedAt: '2025-04-16T12:00:00+03:00',
    url: 'https://www.pravda.com.ua/eng/news/2025/04/16/7507862/',
    title: 'More than 30 Russian violations of the energy ceasefire since 25 March',
    language: 'en',
    originalText:
      'More than 30 Russian strikes on energy facilities since the start of this energy ceasefire, which Ukraine dates from 25 March; three in the past 24 hours.',
    verified: true,
  },
  {
    key: 'peskov-2025-04-18',
    issuer: 'Dmitry Peskov, Kremlin spokesman',
    issuerParty: 'RU',
    channel: 'briefing',
    publishedAt: '2025-04-18T13:00:00+03:00',
    url: 'https://www.themoscowtimes.com/',
    title: 'The energy moratorium has expired',
    language: 'en',
    originalText:
      'The month has indeed expired. As of this time, there have been no other instructions from the Supreme Commander-in-Chief.',
    verified: true,
  },
];
