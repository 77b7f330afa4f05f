// The agreements of March–April 2025, each readout kept as its issuer stated it. Order matters: an agreement
// must be loaded before another links to it. See docs/demo.md for the sources and what each readout encodes.

import type { z } from 'zod';
import type { agreementInputSchema } from '../core/schemas.js';

type AgreementSeed = z.input<typeof agreementInputSchema>;

const moscowDay = (date: string) => ({ at: `${date}T00:00:00+03:00`, precision: 'day' as const });
const washingtonDay = (date: string) => ({ at: `${date}T00:00:00-04:00`, precision: 'day' as const });

export const jeddahProposal: AgreementSeed = {
  slug: 'jeddah-ceasefire-proposal-2025-03',
  title: 'Proposal of an immediate interim 30-day ceasefire (Jeddah)',
  form: 'proposal',
  kind: 'ceasefire',
  summary:
    'Put forward by the United States at the US–Ukraine meeting in Jeddah on 11 March 2025, hosted by Saudi Arabia: an immediate, interim 30-day ceasefire, extendable by mutual agreement. Ukraine accepted it subject to acceptance and concurrent implementation by Russia. Russia did not accept it; in the Trump–Putin call of 18 March it named conditions for a general ceasefire, and the call produced the narrower energy moratorium instead. It was never in force.',
  parties: ['RU', 'UA'],
  mediators: ['US', 'SA'],
  lifecycle: [
    {
      status: 'proposed',
      at: '2025-03-11T00:00:00+03:00',
      note: 'Proposed by the United States at the meeting in Jeddah.',
      source: 'jeddah-statement-2025-03-11',
    },
    {
      status: 'accepted-conditionally',
      party: 'UA',
      at: '2025-03-11T00:00:00+03:00',
      note: 'Ukraine expressed readiness to accept, subject to acceptance and concurrent implementation by Russia.',
      source: 'jeddah-statement-2025-03-11',
    },
  ],
  readouts: [
    {
      key: 'us-ua-2025-03-11',
      issuedBy: 'US',
      issuer: 'United States and Ukraine (joint statement)',
      issuedAt: '2025-03-11T12:00:00+03:00',
      source: 'jeddah-statement-2025-03-11',
      scope: 'an immediate, interim 30-day ceasefire',
      summary:
        'A full ceasefire for 30 days, extendable by mutual agreement, to start only once Russia accepts and implements it at the same time. Russia never did, so this readout puts the terms in force at no date.',
      window: { start: null, extension: 'can be extended by mutual agreement of the parties' },
      provisions: [{ key: 'P1', quote: 'an immediate, interim 30-day ceasefire' }],
    },
    {
      key: 'kremlin-ceasefire-2025-03-18',
      issuedBy: 'RU',
      issuer: 'The Kremlin',
      issuedAt: '2025-03-18T20:00:00+03:00',
      source: 'kremlin-readout-2025-03-18',
      scope: 'a possible general ceasefire, on Russia’s conditions',
      summary:
        'Russia’s answer in the Trump–Putin call: a general ceasefire would need effective control along the entire line of contact, a halt to forced mobilisation and to Ukraine’s rearmament, and above all an end to foreign military aid and intelligence for Kyiv. No date; not in force.',
      window: { start: null },
      provisions: [{ key: 'P1', quote: 'a possible ceasefire along the entire line of combat contact' }],
    },
  ],
  conditions: [
    {
      key: 'russian-acceptance',
      party: 'UA',
      kind: 'precondition',
      text: 'Acceptance and concurrent implementation by the Russian Federation.',
      status: 'unmet',
      readout: 'us-ua-2025-03-11',
      source: 'jeddah-statement-2025-03-11',
    },
    {
      key: 'resume-us-assistance',
      party: 'US',
      kind: 'commitment',
      text: 'Immediately lift the pause on intelligence sharing and resume security assistance to Ukraine.',
      readout: 'us-ua-2025-03-11',
      source: 'jeddah-statement-2025-03-11',
    },
    {
      key: 'end-foreign-aid',
      party: 'RU',
      kind: 'demand',
      text: 'A complete end of foreign military aid and intelligence sharing with Kyiv (the “key condition”).',
      readout: 'kremlin-ceasefire-2025-03-18',
      source: 'kremlin-readout-2025-03-18',
    },
    {
      key: 'halt-mobilisation',
      party: 'RU',
      kind: 'demand',
      text: 'A halt to forced mobilisation in Ukraine.',
      readout: 'kremlin-ceasefire-2025-03-18',
      source: 'kremlin-readout-2025-03-18',
    },
    {
      key: 'halt-rearmament',
      party: 'RU',
      kind: 'demand',
      text: 'A halt to the rearmament of the Ukrainian armed forces.',
      readout: 'kremlin-ceasefire-2025-03-18',
      source: 'kremlin-readout-2025-03-18',
    },
    {
      key: 'effective-control',
      party: 'RU',
      kind: 'demand',
      text: 'Effective control over a possible ceasefire along the entire line of combat contact.',
      readout: 'kremlin-ceasefire-2025-03-18',
      source: 'kremlin-readout-2025-03-18',
    },
  ],
};

export const energyMoratorium: AgreementSeed = {
  slug: 'energy-moratorium-2025-03',
  title: '30-day moratorium on strikes on energy infrastructure',
  form: 'leaders-call',
  kind: 'moratorium',
  summary:
    'Agreed in the Trump–Putin call of 18 March 2025 and accepted by Ukraine on 19 March, in place of the full ceasefire proposed at Jeddah. The readouts disagree on what is covered (“energy and infrastructure”, “energy and other civilian infrastructure”, or a closed list of energy facilities) and from when (18 or 25 March). It lapsed in mid-April without renewal.',
  parties: ['RU', 'UA'],
  mediators: ['US'],
  links: [{ relation: 'narrows', agreement: 'jeddah-ceasefire-proposal-2025-03' }],
  lifecycle: [
    {
      status: 'proposed',
      at: '2025-03-18T00:00:00-04:00',
      note: 'Proposed by President Trump in his call with President Putin.',
      source: 'wh-readout-2025-03-18',
    },
    {
      status: 'accepted',
      party: 'RU',
      at: '2025-03-18T00:00:00+03:00',
      note: 'Putin “immediately gave the appropriate command to the Russian military”.',
      source: 'kremlin-readout-2025-03-18',
    },
    {
      status: 'in-force',
      party: 'RU',
      at: '2025-03-18T00:00:00+03:00',
      note: 'Russia dates the moratorium from 18 March.',
      source: 'kremlin-statement-2025-03-25',
    },
    {
      status: 'accepted',
      party: 'UA',
      at: '2025-03-19T00:00:00+02:00',
      note: 'After the Trump–Zelensky call Ukraine confirmed its readiness to implement it.',
      source: 'zelensky-office-2025-03-19',
    },
    {
      status: 'in-force',
      party: 'UA',
      at: '2025-03-25T00:00:00+02:00',
      note: 'Ukraine dates the moratorium from 25 March, after the Riyadh talks.',
      source: 'ua-mfa-2025-04-16',
    },
    {
      status: 'expired',
      at: '2025-04-17T00:00:00+03:00',
      note: 'Thirty days from 18 March ran out at the end of 16 April. Peskov confirmed on 18 April that the month had expired with no further instructions.',
      source: 'peskov-2025-04-18',
    },
  ],
  readouts: [
    {
      key: 'wh-2025-03-18',
      issuedBy: 'US',
      issuer: 'The White House',
      issuedAt: '2025-03-18T14:00:00-04:00',
      source: 'wh-readout-2025-03-18',
      scope: 'energy and infrastructure',
      summary:
        'An “energy and infrastructure ceasefire”; no duration stated. Transport infrastructure is covered. President Trump’s own post the same day said the same: “an immediate Ceasefire on all Energy and Infrastructure” (source trump-truth-social-2025-03-18).',
      window: { start: washingtonDay('2025-03-18') },
      provisions: [
        {
          key: 'P1',
          acts: ['strike'],
          targets: ['infrastructure'],
          quote: 'the movement to peace will begin with an energy and infrastructure ceasefire',
        },
      ],
    },
    {
      key: 'kremlin-2025-03-18',
      issuedBy: 'RU',
      issuer: 'The Kremlin',
      issuedAt: '2025-03-18T20:00:00+03:00',
      source: 'kremlin-readout-2025-03-18',
      scope: 'energy infrastructure facilities',
      summary: 'A mutual refusal to strike energy infrastructure facilities for 30 days, ordered at once.',
      window: { start: moscowDay('2025-03-18'), durationDays: 30 },
      provisions: [
        {
          key: 'P1',
          acts: ['strike'],
          targets: ['infrastructure.energy'],
          quote:
            'a mutual refusal of the parties to the conflict to strike for 30 days on energy infrastructure facilities',
        },
      ],
    },
    {
      key: 'kremlin-list-2025-03-25',
      issuedBy: 'RU',
      issuer: 'The Kremlin',
      issuedAt: '2025-03-25T20:00:00+03:00',
      source: 'kremlin-statement-2025-03-25',
      scope: 'a closed list of energy facilities',
      summary:
        'The list agreed with the United States: refineries; oil and gas pipelines and storage including pumping stations; power generation and transmission including plants, substations, transformers and distributors; nuclear plants; hydro dams.',
      window: {
        start: moscowDay('2025-03-18'),
        durationDays: 30,
        extension: 'may be extended by mutual agreement',
        escapeClause:
          'If the moratorium is violated by one of the parties, the other party has the right to consider itself free from its obligations.',
      },
      provisions: [
        { key: 'P1', acts: ['strike'], targets: ['infrastructure.energy.refinery'], quote: 'oil refineries' },
        {
          key: 'P2',
          acts: ['strike'],
          targets: [
            'infrastructure.energy.pipeline',
            'infrastructure.energy.storage',
            'infrastructure.energy.pumping-station',
          ],
          quote: 'oil and gas pipelines and storage facilities, including pumping stations',
        },
        {
          key: 'P3',
          acts: ['strike'],
          targets: [
            'infrastructure.energy.power-plant',
            'infrastructure.energy.substation',
            'infrastructure.energy.transformer',
            'infrastructure.energy.distribution',
            'infrastructure.energy.power-line',
          ],
          quote:
            'electricity generation and transmission infrastructure, including power plants, substations, transformers and distributors',
        },
        {
          key: 'P4',
          acts: ['strike'],
          targets: ['infrastructure.energy.nuclear-plant'],
          quote: 'nuclear power plants',
        },
        {
          key: 'P5',
          acts: ['strike'],
          targets: ['infrastructure.energy.hydro-dam'],
          quote: 'hydroelectric dams',
        },
      ],
    },
    {
      key: 'ua-2025-03-25',
      issuedBy: 'UA',
      issuer: 'Ministry of Foreign Affairs of Ukraine',
      issuedAt: '2025-03-25T18:00:00+02:00',
      source: 'ua-mfa-2025-04-16',
      scope: 'energy infrastructure',
      summary:
        'Ukraine counts the energy ceasefire from 25 March, when the Riyadh outcomes were published; the foreign ministry restated that date on 16 April. On 19 March the President’s office had hoped for more — an end to strikes on “energy and other civilian infrastructure” (source zelensky-office-2025-03-19) — but that wider scope did not enter the agreed terms.',
      window: { start: { at: '2025-03-25T00:00:00+02:00', precision: 'day' } },
      provisions: [
        {
          key: 'P1',
          acts: ['strike'],
          targets: ['infrastructure.energy'],
          quote: 'since the start of this energy ceasefire',
        },
      ],
    },
  ],
};

/**
 * The checkable part of the Black Sea terms, each limited to the shipped outline of the Black Sea and the Sea of
 * Azov (`{ kind: 'black-sea' }`, approximate near the coast); see docs/demo.md.
 */
const blackSeaProvisions = (useOfForce: string, navigation: string) => {
  const area = { kind: 'black-sea' as const };
  return [
    { key: 'P1', acts: ['naval-attack' as const], area, quote: useOfForce },
    { key: 'P2', acts: ['strike' as const], targets: ['civilian.vessel' as const], area, quote: navigation },
    { key: 'P3', acts: ['strike' as const], targets: ['military.vessel' as const], area, quote: useOfForce },
  ];
};

export const blackSea: AgreementSeed = {
  slug: 'black-sea-2025-03',
  title: 'Black Sea arrangement: safe navigation and no use of force',
  form: 'joint-statement',
  kind: 'maritime-arrangement',
  summary:
    'Announced on 25 March 2025 after the Riyadh talks, in two parallel White House statements (with Ukraine and with Russia) and a Kremlin statement: safe navigation, no use of force and no use of commercial vessels for military purposes in the Black Sea. Russia said it would take effect only after sanctions relief for its food and fertiliser trade; Ukraine said Russian warships moving beyond the eastern Black Sea would break it.',
  parties: ['RU', 'UA'],
  mediators: ['US', 'SA'],
  links: [{ relation: 'related', agreement: 'energy-moratorium-2025-03' }],
  lifecycle: [
    {
      status: 'proposed',
      at: '2025-03-18T00:00:00-04:00',
      note: 'The White House readout of 18 March announced technical negotiations on a maritime ceasefire in the Black Sea.',
      source: 'wh-readout-2025-03-18',
    },
    {
      status: 'accepted',
      party: 'UA',
      at: '2025-03-25T00:00:00-04:00',
      note: 'Announced by the White House after the US–Ukraine expert talks in Riyadh.',
      source: 'wh-statement-ua-2025-03-25',
    },
    {
      status: 'accepted-conditionally',
      party: 'RU',
      at: '2025-03-25T00:00:00+03:00',
      note: 'Only after sanctions on Rosselkhozbank and other food and fertiliser trade bodies are lifted.',
      source: 'kremlin-black-sea-2025-03-25',
    },
  ],
  readouts: [
    {
      key: 'wh-ua-2025-03-25',
      issuedBy: 'US',
      issuer: 'The White House (statement on the US–Ukraine talks)',
      issuedAt: '2025-03-25T12:00:00-04:00',
      source: 'wh-statement-ua-2025-03-25',
      scope: 'safe navigation, no use of force, no military use of commercial vessels in the Black Sea',
      summary:
        'No start, duration or condition stated; the window starts on the day of the statement. The bar on the military use of commercial vessels is not yet machine-checkable.',
      window: { start: washingtonDay('2025-03-25') },
      provisions: blackSeaProvisions('eliminate the use of force', 'ensure safe navigation'),
    },
    {
      key: 'wh-ru-2025-03-25',
      issuedBy: 'US',
      issuer: 'The White House (statement on the US–Russia talks)',
      issuedAt: '2025-03-25T12:00:00-04:00',
      source: 'wh-statement-ru-2025-03-25',
      scope: 'safe navigation, no use of force, no military use of commercial vessels in the Black Sea',
      summary:
        'The same terms as the statement on the talks with Ukraine, plus US help for Russia’s agricultural and fertiliser exports. No condition on entry into force.',
      window: { start: washingtonDay('2025-03-25') },
      provisions: blackSeaProvisions('eliminate the use of force', 'ensure safe navigation'),
    },
    {
      key: 'kremlin-2025-03-25',
      issuedBy: 'RU',
      issuer: 'The Kremlin',
      issuedAt: '2025-03-25T20:00:00+03:00',
      source: 'kremlin-black-sea-2025-03-25',
      scope:
        'safe navigation, no use of force, no military use of commercial vessels, with inspections of such vessels',
      summary:
        'The Black Sea initiative with control measures through inspections of vessels; it enters into force only after the sanctions relief Russia lists, so it is not in force under this readout.',
      window: { start: moscowDay('2025-03-25') },
      provisions: blackSeaProvisions('refraining from the use of force', 'guaranteeing safe navigation'),
    },
  ],
  conditions: [
    {
      key: 'sanctions-relief',
      party: 'RU',
      kind: 'precondition',
      text: 'Sanctions lifted on Rosselkhozbank and other financial organisations serving the food and fertiliser trade, with their reconnection to SWIFT; restrictions lifted on food and fertiliser exporters, insurers, port servicing, Russian-flagged vessels in that trade and the supply of agricultural machinery.',
      status: 'unmet',
      readout: 'kremlin-2025-03-25',
      source: 'kremlin-black-sea-2025-03-25',
    },
    {
      key: 'us-export-help',
      party: 'US',
      kind: 'commitment',
      text: 'Help restore Russia’s access to the world market for agricultural and fertiliser exports, lower maritime insurance costs, and enhance access to ports and payment systems.',
      readout: 'wh-ru-2025-03-25',
      source: 'wh-statement-ru-2025-03-25',
    },
    {
      key: 'warships-east',
      party: 'UA',
      kind: 'demand',
      text: 'Russian warships must not move beyond the eastern part of the Black Sea; Ukraine would treat that as a violation and a threat, giving it the right to self-defence.',
      source: 'umerov-2025-03-25',
    },
  ],
};

export const easterTruce: AgreementSeed = {
  slug: 'easter-truce-2025-04',
  title: 'Easter truce (unilateral, Russia)',
  form: 'unilateral-declaration',
  kind: 'truce',
  summary:
    'Declared by President Putin for Easter: from 18:00 Moscow time on 19 April to 00:00 on 21 April 2025, about 30 hours. It binds Russia only. Zelensky counted 2,935 Russian violations on 20 April and proposed at least 30 days without long-range strikes on civilian infrastructure.',
  parties: ['RU'],
  links: [{ relation: 'follows', agreement: 'energy-moratorium-2025-03' }],
  lifecycle: [
    {
      status: 'in-force',
      at: '2025-04-19T18:00:00+03:00',
      precision: 'minute',
      note: 'From 18:00 Moscow time.',
      source: 'kremlin-easter-truce-2025-04-19',
    },
    {
      status: 'expired',
      at: '2025-04-21T00:00:00+03:00',
      precision: 'minute',
      note: 'Until 00:00 Moscow time on 21 April.',
      source: 'kremlin-easter-truce-2025-04-19',
    },
  ],
  readouts: [
    {
      key: 'kremlin-2025-04-19',
      issuedBy: 'RU',
      issuer: 'President Vladimir Putin',
      issuedAt: '2025-04-19T12:00:00+03:00',
      source: 'kremlin-easter-truce-2025-04-19',
      scope: 'all hostilities, for Easter',
      summary:
        'A halt to all hostilities from 18:00 Moscow time on 19 April to 00:00 on 21 April. The window ends with 20 April, which is the same instant.',
      window: {
        start: { at: '2025-04-19T18:00:00+03:00', precision: 'minute' },
        end: moscowDay('2025-04-20'),
      },
      provisions: [{ key: 'P1' }],
    },
  ],
  conditions: [
    {
      key: 'thirty-days-no-long-range-strikes',
      party: 'UA',
      kind: 'demand',
      text: 'At least 30 days without long-range strikes on civilian infrastructure.',
      source: 'zelensky-2025-04-20',
    },
  ],
};

/** In load order: each agreement comes after the ones it links to. */
export const demoAgreements: readonly AgreementSeed[] = [
  jeddahProposal,
  energyMoratorium,
  blackSea,
  easterTruce,
];
