// The prisoner exchanges of 19 March and 19 April 2025, both mediated by the United Arab Emirates: each side's
// and the mediator's announcement kept as its own claim, and the one figure they disagree on reconciled with its
// reason. Counts only: the ledger holds no names. Sources are in sources.ts (see docs/demo.md for what is verified).

import type { z } from 'zod';
import type { exchangeInputSchema } from '../core/exchange-schemas.js';
import type { ExchangeCategory } from '../core/exchanges.js';

export interface DemoExchange {
  readonly exchange: z.input<typeof exchangeInputSchema>;
  readonly reconciled: readonly {
    readonly from: string;
    readonly category: ExchangeCategory;
    readonly count: number;
    readonly reason: string;
  }[];
}

export const exchangeOf19March: DemoExchange = {
  exchange: {
    key: 'ru-ua-2025-03-19',
    date: '2025-03-19',
    sides: ['RU', 'UA'],
    mediator: 'AE',
    agreement: { slug: 'energy-moratorium-2025-03', relation: 'announced-with' },
    summary:
      'Announced by the Kremlin in its readout of the Trump–Putin call of 18 March, the call that produced the energy moratorium; the moratorium itself has no clause on prisoners. 175 prisoners of war for 175, and seriously wounded Ukrainians handed over by Russia “outside the exchange”: 23 announced, 22 received. Russian returnees were taken to Belarus.',
    claims: [
      {
        claimant: 'RU',
        source: 'kremlin-readout-2025-03-18',
        stage: 'announced',
        counts: [
          { from: 'RU', category: 'prisoners-of-war', count: 175 },
          { from: 'UA', category: 'prisoners-of-war', count: 175 },
          { from: 'RU', category: 'seriously-wounded', count: 23 },
        ],
        quote: '175 for 175',
        note: 'Announced the day before: 23 seriously wounded Ukrainians to be handed over besides, as a “goodwill” gesture.',
      },
      {
        claimant: 'UA',
        source: 'ua-coordination-hq-2025-03-19',
        stage: 'reported',
        counts: [
          { from: 'RU', category: 'prisoners-of-war', count: 175 },
          { from: 'RU', category: 'seriously-wounded', count: 22 },
        ],
        quote: 'outside the exchange',
        note: '197 returned in all. Among the 175: 166 privates and sergeants and 9 officers, 31 from Mariupol (18 of them defenders of Azovstal). The 22 seriously wounded: 21 of the Armed Forces and 1 border guard.',
      },
      {
        claimant: 'AE',
        source: 'uae-mediation-2025-03-19',
        stage: 'reported',
        tally: { sequence: 13, total: 3233, basis: 'both-sides' },
        note: 'The UAE’s 13th mediation between Russia and Ukraine since early 2024.',
      },
    ],
  },
  reconciled: [
    {
      from: 'RU',
      category: 'seriously-wounded',
      count: 22,
      reason:
        'Ukraine counted 22 seriously wounded on receipt (21 of the Armed Forces and 1 border guard); the Kremlin had announced 23 the day before. The ledger counts the people received.',
    },
  ],
};

export const exchangeOf19April: DemoExchange = {
  exchange: {
    key: 'ru-ua-2025-04-19',
    date: '2025-04-19',
    sides: ['RU', 'UA'],
    mediator: 'AE',
    summary:
      'The UAE’s 14th mediation: 246 prisoners of war for 246, and 31 wounded Ukrainians for 15 wounded Russians, 538 people in all, the largest exchange so far. It took place on the day Russia declared its Easter truce; no agreement on record calls for it.',
    claims: [
      {
        claimant: 'RU',
        source: 'ru-mod-exchange-2025-04-19',
        stage: 'reported',
        counts: [
          { from: 'RU', category: 'prisoners-of-war', count: 246 },
          { from: 'UA', category: 'prisoners-of-war', count: 246 },
          { from: 'RU', category: 'seriously-wounded', count: 31 },
          { from: 'UA', category: 'seriously-wounded', count: 15 },
        ],
      },
      {
        claimant: 'UA',
        source: 'ua-exchange-2025-04-19',
        stage: 'reported',
        counts: [
          { from: 'RU', category: 'prisoners-of-war', count: 246 },
          { from: 'RU', category: 'seriously-wounded', count: 31 },
        ],
        tally: { sequence: 63, total: 4552, basis: 'received' },
        note: '277 returned home; Ukraine numbers this its 63rd exchange since 2022, and counts 4,552 people returned.',
      },
      {
        claimant: 'AE',
        source: 'uae-mediation-2025-04-19',
        stage: 'reported',
        tally: { sequence: 14, total: 3771, basis: 'both-sides' },
        note: 'The UAE’s 14th mediation between Russia and Ukraine.',
      },
    ],
  },
  reconciled: [],
};

export const demoExchanges: readonly DemoExchange[] = [exchangeOf19March, exchangeOf19April];
