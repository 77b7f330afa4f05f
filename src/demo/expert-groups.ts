// The expert groups of March 2025: the Russian and American groups announced after the Trump–Putin call of
// 18 March, and the US–Ukraine groups that met in Riyadh on 23 and 25 March. Every fact is from public reporting
// (see docs/expert-groups.md); the status of each issue is this demo's reading of public statements, not a record
// of what was said inside the groups. Both groups are public, as everything in them was published.

import type { z } from 'zod';
import type {
  decisionInputSchema,
  groupInputSchema,
  issueInputSchema,
  issueUpdateInputSchema,
  meetingInputSchema,
  memberInputSchema,
} from '../core/expert-group-inputs.js';
import type { sourceInputSchema } from '../core/schemas.js';

type SourceSeed = z.input<typeof sourceInputSchema>;

export interface GroupSeed {
  readonly group: z.input<typeof groupInputSchema>;
  readonly members: readonly z.input<typeof memberInputSchema>[];
  readonly meetings: readonly z.input<typeof meetingInputSchema>[];
  readonly decisions: readonly z.input<typeof decisionInputSchema>[];
  /** Each issue as first raised, then its thread, oldest first. */
  readonly issues: readonly {
    readonly issue: z.input<typeof issueInputSchema>;
    readonly updates: readonly z.input<typeof issueUpdateInputSchema>[];
  }[];
}

/** The sources only the expert groups cite; part of the demo's sources (src/demo/sources.ts). */
export const groupSources: readonly SourceSeed[] = [
  {
    key: 'rt-expert-groups-2025-03-18',
    issuer: 'RT (Russian service), reporting the Kremlin readout of the Trump–Putin call',
    issuerParty: null,
    channel: 'news report',
    publishedAt: '2025-03-18T21:00:00+03:00',
    url: 'https://russiatoday.ru/world/news/1450852',
    title: 'Kremlin readout as reported by RT: Russian and American expert groups are being created',
    language: 'ru',
    translations: [
      {
        language: 'en',
        text: 'Russian and American expert groups are being created',
        translator: 'Truceline research note',
      },
    ],
    verified: false,
  },
  {
    key: 'riyadh-delegations-2025-03-24',
    issuer: 'mondevudailleurs.ae, reporting the delegations at the Riyadh talks',
    issuerParty: null,
    channel: 'news report',
    publishedAt: '2025-03-24T12:00:00+03:00',
    url: 'https://mondevudailleurs.ae/',
    title:
      'The delegations in Riyadh: Grigory Karasin and Sergei Beseda for Russia, Rustem Umerov for Ukraine, meeting the US side separately',
    language: 'en',
    verified: false,
  },
  {
    key: 'karasin-2025-03-24',
    issuer: 'Grigory Karasin, reported by Pravda.ru',
    issuerParty: 'RU',
    channel: 'news report',
    publishedAt: '2025-03-24T23:00:00+03:00',
    url: 'https://english.pravda.ru/',
    title: 'Karasin: the talks with the US delegation in Riyadh lasted about 12 hours',
    language: 'en',
    verified: false,
  },
];

const MOSCOW_25_MARCH = '2025-03-25T20:00:00+03:00';
const WASHINGTON_25_MARCH = '2025-03-25T12:00:00-04:00';

/** The Russian and American expert groups: announced on 18 March, met in Riyadh on 24 March. */
const russiaUs: GroupSeed = {
  group: {
    slug: 'ru-us-expert-groups-2025-03',
    name: 'Russian and American expert groups',
    kind: 'expert-group',
    mandate:
      'Announced after the Trump–Putin call of 18 March 2025 (“Russian and American expert groups are being created”). The White House readout of the same call said technical negotiations on a maritime ceasefire in the Black Sea, a full ceasefire and permanent peace would “begin immediately in the Middle East”. The groups met in Riyadh on 24 March, for about 12 hours.',
    parties: ['RU', 'US'],
    formedOn: '2025-03-18T20:00:00+03:00',
    source: 'rt-expert-groups-2025-03-18',
    visibility: 'public',
  },
  members: [
    {
      key: 'karasin',
      party: 'RU',
      name: 'Grigory Karasin',
      role: 'Member of the Russian delegation in Riyadh',
      source: 'riyadh-delegations-2025-03-24',
      note: 'Spoke of the talks lasting about 12 hours (source karasin-2025-03-24).',
    },
    {
      key: 'beseda',
      party: 'RU',
      name: 'Sergei Beseda',
      role: 'Member of the Russian delegation in Riyadh',
      source: 'riyadh-delegations-2025-03-24',
    },
    {
      key: 'us-technical-team',
      party: 'US',
      role: 'The US technical team in Riyadh',
      note: 'Its members are not named here: the research has their names only from a secondary summary.',
    },
  ],
  meetings: [
    {
      key: 'riyadh-2025-03-24',
      heldAt: '2025-03-24T10:00:00+03:00',
      place: 'Riyadh (Ritz-Carlton hotel)',
      parties: ['RU', 'US'],
      summary:
        'About 12 hours of talks on the Black Sea and on how to implement the ban on strikes on energy facilities. The outcomes were published the next day by the White House and the Kremlin in statements that differ.',
      source: 'karasin-2025-03-24',
    },
  ],
  decisions: [
    {
      key: 'black-sea-navigation',
      text: 'The United States and Russia agreed to ensure safe navigation, eliminate the use of force, and prevent the use of commercial vessels for military purposes in the Black Sea.',
      decidedAt: WASHINGTON_25_MARCH,
      meeting: 'riyadh-2025-03-24',
      source: 'wh-statement-ru-2025-03-25',
    },
    {
      key: 'energy-measures',
      text: 'Develop measures for implementing the presidents’ agreement to ban strikes against energy facilities of Russia and Ukraine.',
      decidedAt: WASHINGTON_25_MARCH,
      meeting: 'riyadh-2025-03-24',
      source: 'wh-statement-ru-2025-03-25',
    },
    {
      key: 'facility-list',
      text: 'The list of energy facilities covered by the moratorium, as the Kremlin published it “agreed with the United States”: oil refineries; oil and gas pipelines and storage including pumping stations; electricity generation and transmission including power plants, substations, transformers and distributors; nuclear power plants; hydroelectric dams.',
      decidedAt: MOSCOW_25_MARCH,
      meeting: 'riyadh-2025-03-24',
      source: 'kremlin-statement-2025-03-25',
    },
  ],
  issues: [
    {
      issue: {
        key: 'black-sea-navigation',
        title: 'Safe navigation and no use of force in the Black Sea',
        description:
          'The navigation-safety initiative Putin “responded constructively” to on 18 March, negotiated in Riyadh on 24 March.',
        ownerParty: 'US',
        raisedAt: '2025-03-18T14:00:00-04:00',
        source: 'wh-readout-2025-03-18',
        links: {
          agreements: ['black-sea-2025-03'],
          provisions: [
            { agreement: 'black-sea-2025-03', readout: 'wh-ru-2025-03-25', provision: 'P1' },
            { agreement: 'black-sea-2025-03', readout: 'kremlin-2025-03-25', provision: 'P1' },
          ],
        },
      },
      updates: [
        {
          text: 'Discussed in Riyadh for about 12 hours.',
          status: 'in-discussion',
          at: '2025-03-24T22:00:00+03:00',
          party: 'RU',
          source: 'karasin-2025-03-24',
        },
        {
          text: 'Agreed, as the White House states it: safe navigation, no use of force, no military use of commercial vessels.',
          status: 'decided',
          decision: 'black-sea-navigation',
          at: WASHINGTON_25_MARCH,
          party: 'US',
          source: 'wh-statement-ru-2025-03-25',
        },
        {
          text: 'The Kremlin adds inspections of vessels and says the initiative enters into force only after the sanctions relief it lists (see the issue on sanctions conditions). Reopened: the two statements do not describe the same arrangement.',
          status: 'in-discussion',
          at: MOSCOW_25_MARCH,
          party: 'RU',
          source: 'kremlin-black-sea-2025-03-25',
        },
      ],
    },
    {
      issue: {
        key: 'sanctions-conditions',
        title: 'Sanctions relief before the Black Sea terms take effect',
        description:
          'Russia’s condition: sanctions lifted on Rosselkhozbank and other financial organisations of the food and fertiliser trade, with SWIFT reconnection, and curbs lifted on exporters, insurers, port servicing, Russian-flagged vessels and agricultural machinery.',
        ownerParty: 'RU',
        raisedAt: MOSCOW_25_MARCH,
        source: 'kremlin-black-sea-2025-03-25',
        links: {
          agreements: ['black-sea-2025-03'],
          conditions: [
            { agreement: 'black-sea-2025-03', condition: 'sanctions-relief' },
            { agreement: 'black-sea-2025-03', condition: 'us-export-help' },
          ],
        },
      },
      updates: [
        {
          text: 'The White House says the US “will help restore Russia’s access to the world market for agricultural and fertilizer exports, lower maritime insurance costs, and enhance access to ports and payment systems”; the Kremlin makes the lifting of sanctions a precondition. Waiting on the United States to act on it (the demo’s reading).',
          status: 'waiting',
          waitingOn: 'US',
          at: WASHINGTON_25_MARCH,
          party: 'US',
          source: 'wh-statement-ru-2025-03-25',
        },
      ],
    },
    {
      issue: {
        key: 'energy-facility-list',
        title: 'Which energy facilities the moratorium covers',
        description:
          'The readouts of 18 March differ (“energy and infrastructure”, “energy infrastructure facilities”); the Riyadh talks were to develop measures to implement the ban.',
        ownerParty: 'US',
        raisedAt: '2025-03-18T20:00:00+03:00',
        source: 'kremlin-readout-2025-03-18',
        links: {
          agreements: ['energy-moratorium-2025-03'],
          provisions: [
            { agreement: 'energy-moratorium-2025-03', readout: 'kremlin-list-2025-03-25', provision: 'P1' },
            { agreement: 'energy-moratorium-2025-03', readout: 'kremlin-list-2025-03-25', provision: 'P2' },
            { agreement: 'energy-moratorium-2025-03', readout: 'kremlin-list-2025-03-25', provision: 'P3' },
            { agreement: 'energy-moratorium-2025-03', readout: 'kremlin-list-2025-03-25', provision: 'P4' },
            { agreement: 'energy-moratorium-2025-03', readout: 'kremlin-list-2025-03-25', provision: 'P5' },
          ],
        },
      },
      updates: [
        {
          text: 'Both sides to develop measures for implementing the ban on strikes against energy facilities.',
          status: 'in-discussion',
          decision: 'energy-measures',
          at: WASHINGTON_25_MARCH,
          party: 'US',
          source: 'wh-statement-ru-2025-03-25',
        },
        {
          text: 'The Kremlin publishes a closed list of five categories of facilities “agreed with the United States”, for 30 days from 18 March.',
          status: 'decided',
          decision: 'facility-list',
          at: MOSCOW_25_MARCH,
          party: 'RU',
          source: 'kremlin-statement-2025-03-25',
        },
      ],
    },
    {
      issue: {
        key: 'moratorium-violations',
        title: 'Alleged violations of the energy moratorium',
        description:
          'Each side accuses the other of strikes on energy facilities after 18 March. The linked incidents are those the Russian side alleged; each reader sees only those they may see (the public: the published ones).',
        ownerParty: 'RU',
        raisedAt: '2025-03-20T12:00:00+03:00',
        source: 'zakharova-2025-03-20',
        links: {
          agreements: ['energy-moratorium-2025-03'],
          incidents: [
            'demo-2025-03-19-kavkazskaya',
            'demo-2025-03-21-sudzha-gas-metering',
            'demo-2025-03-26-kursk-energy',
            'demo-2025-03-28-sudzha-gas-metering',
            'demo-2025-03-28-saratov-refinery-drones',
            'demo-2025-04-09-turkstream-compressor-drones',
          ],
        },
      },
      updates: [
        {
          text: 'The Kavkazskaya strike breached the proposed energy ceasefire; the US is responsible for holding Ukraine to account.',
          status: 'waiting',
          waitingOn: 'US',
          at: '2025-03-20T12:00:00+03:00',
          party: 'RU',
          source: 'zakharova-2025-03-20',
        },
        {
          text: 'More than 80 Ukrainian attacks since the truce; the data were sent to international organisations and the US side.',
          at: '2025-04-17T12:00:00+03:00',
          party: 'RU',
          source: 'zakharova-2025-04-17',
        },
      ],
    },
    {
      issue: {
        key: 'moratorium-extension',
        title: 'Extending the moratorium beyond 30 days',
        description: 'The Kremlin’s list says the moratorium “may be extended by mutual agreement”.',
        ownerParty: 'RU',
        raisedAt: MOSCOW_25_MARCH,
        source: 'kremlin-statement-2025-03-25',
        links: { agreements: ['energy-moratorium-2025-03'] },
      },
      updates: [
        {
          text: 'Peskov: “The month has indeed expired … there have been no other instructions from the Supreme Commander-in-Chief.” The moratorium lapsed without an extension.',
          status: 'dropped',
          at: '2025-04-18T12:00:00+03:00',
          party: 'RU',
          source: 'peskov-2025-04-18',
        },
      ],
    },
  ],
};

/** The US–Ukraine expert groups on the Black Sea: met in Riyadh on 23 and 25 March. */
const ukraineUs: GroupSeed = {
  group: {
    slug: 'us-ua-expert-groups-2025-03',
    name: 'United States and Ukraine expert groups (Riyadh)',
    kind: 'technical-talks',
    mandate:
      'The technical teams the Rubio–Waltz statement of 19 March said would meet in Saudi Arabia. They met in Riyadh on 23 and 25 March, before and after the US–Russia talks; the White House published the outcomes of the “United States and Ukraine Expert Groups on the Black Sea” on 25 March.',
    parties: ['UA', 'US'],
    formedOn: '2025-03-23',
    source: 'wh-statement-ua-2025-03-25',
    visibility: 'public',
  },
  members: [
    {
      key: 'umerov',
      party: 'UA',
      name: 'Rustem Umerov',
      role: 'Minister of Defence of Ukraine, in the Ukrainian delegation in Riyadh',
      source: 'riyadh-delegations-2025-03-24',
    },
    {
      key: 'us-technical-team',
      party: 'US',
      role: 'The US technical team in Riyadh',
      note: 'Its members are not named here: the research has their names only from a secondary summary.',
    },
  ],
  meetings: [
    {
      key: 'riyadh-2025-03-23',
      heldAt: '2025-03-23',
      place: 'Riyadh',
      parties: ['UA', 'US'],
      summary: 'The first round, before the US–Russia talks of 24 March.',
      source: 'riyadh-delegations-2025-03-24',
    },
    {
      key: 'riyadh-2025-03-25',
      heldAt: '2025-03-25',
      place: 'Riyadh',
      parties: ['UA', 'US'],
      summary:
        'The second round, after the US–Russia talks. The White House published the outcomes the same day: the Black Sea terms, measures for the energy ban, and US help on prisoners, civilian detainees and children.',
      source: 'wh-statement-ua-2025-03-25',
    },
  ],
  decisions: [
    {
      key: 'black-sea-navigation',
      text: 'The United States and Ukraine agreed to ensure safe navigation, eliminate the use of force, and prevent the use of commercial vessels for military purposes in the Black Sea.',
      decidedAt: WASHINGTON_25_MARCH,
      meeting: 'riyadh-2025-03-25',
      source: 'wh-statement-ua-2025-03-25',
    },
    {
      key: 'energy-measures',
      text: 'Develop measures for implementing the presidents’ agreement to ban strikes against energy facilities of Russia and Ukraine.',
      decidedAt: WASHINGTON_25_MARCH,
      meeting: 'riyadh-2025-03-25',
      source: 'wh-statement-ua-2025-03-25',
    },
  ],
  issues: [
    {
      issue: {
        key: 'black-sea-navigation',
        title: 'Safe navigation and no use of force in the Black Sea',
        ownerParty: 'US',
        raisedAt: '2025-03-23',
        source: 'wh-statement-ua-2025-03-25',
        links: {
          agreements: ['black-sea-2025-03'],
          provisions: [{ agreement: 'black-sea-2025-03', readout: 'wh-ua-2025-03-25', provision: 'P1' }],
        },
      },
      updates: [
        {
          text: 'Agreed, as the White House states it.',
          status: 'decided',
          decision: 'black-sea-navigation',
          at: WASHINGTON_25_MARCH,
          party: 'US',
          source: 'wh-statement-ua-2025-03-25',
        },
      ],
    },
    {
      issue: {
        key: 'warships-east',
        title: 'Russian warships beyond the eastern Black Sea',
        description:
          'Ukraine’s red line: Russian warships moving beyond the eastern part of the Black Sea would violate the agreement and be a threat, giving Ukraine the right to self-defence.',
        ownerParty: 'UA',
        ownerMember: 'umerov',
        raisedAt: '2025-03-25T12:00:00+02:00',
        source: 'umerov-2025-03-25',
        links: {
          agreements: ['black-sea-2025-03'],
          conditions: [{ agreement: 'black-sea-2025-03', condition: 'warships-east' }],
        },
      },
      updates: [
        {
          text: 'More technical consultations are needed.',
          status: 'in-discussion',
          at: '2025-03-25T12:00:00+02:00',
          party: 'UA',
          source: 'umerov-2025-03-25',
        },
      ],
    },
    {
      issue: {
        key: 'moratorium-start',
        title: 'From when the energy moratorium runs: 18 or 25 March',
        description:
          'Russia counts the moratorium from 18 March; Ukraine from 25 March, when the Riyadh outcomes were published.',
        ownerParty: 'UA',
        raisedAt: '2025-03-25T18:00:00+02:00',
        source: 'kremlin-statement-2025-03-25',
        links: {
          agreements: ['energy-moratorium-2025-03'],
          provisions: [
            { agreement: 'energy-moratorium-2025-03', readout: 'ua-2025-03-25', provision: 'P1' },
            { agreement: 'energy-moratorium-2025-03', readout: 'kremlin-list-2025-03-25', provision: 'P3' },
          ],
        },
      },
      updates: [
        {
          text: 'Ukraine counts more than 30 Russian violations against energy facilities “since the start of this energy ceasefire”, which it dates from 25 March; evidence sent to partner capitals and international organisations.',
          status: 'waiting',
          waitingOn: 'US',
          at: '2025-04-16T12:00:00+03:00',
          party: 'UA',
          source: 'ua-mfa-2025-04-16',
        },
      ],
    },
    {
      issue: {
        key: 'humanitarian-commitments',
        title: 'Prisoners of war, civilian detainees and children',
        description:
          'The White House statement on the talks with Ukraine adds a US commitment on the exchange of prisoners of war, the release of civilian detainees and the return of children.',
        ownerParty: 'US',
        raisedAt: WASHINGTON_25_MARCH,
        source: 'wh-statement-ua-2025-03-25',
      },
      updates: [],
    },
  ],
};

export const demoGroups: readonly GroupSeed[] = [russiaUs, ukraineUs];
