// The agreements of March 2025, each readout kept as its issuer stated it. See docs/demo.md for the sources.

import type { z } from 'zod';
import type { agreementInputSchema } from '../core/schemas.js';

type AgreementSeed = z.input<typeof agreementInputSchema>;

const moscowDay = (date: string) => ({ at: `${date}T00:00:00+03:00`, precision: 'day' as const });

export const energyMoratorium: AgreementSeed = {
  slug: 'energy-moratorium-2025-03',
  title: '30-day moratorium on strikes on energy infrastructure',
  form: 'leaders-call',
  kind: 'moratorium',
  summary:
    'Agreed in the Trump–Putin call of 18 March 2025 and accepted by Ukraine on 19 March. The readouts disagree on what is covered (“energy and infrastructure” or “energy infrastructure”) and from when (18 or 25 March). It lapsed in mid-April without renewal.',
  parties: ['RU', 'UA'],
  mediators: ['US'],
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
        'An “energy and infrastructure ceasefire”; no duration stated. Transport infrastructure is covered.',
      window: { start: { at: '2025-03-18T00:00:00-04:00', precision: 'day' } },
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
      summary: 'Ukraine counts the energy ceasefire from 25 March, when the Riyadh outcomes were published.',
      window: { start: { at: '2025-03-25T00:00:00+02:00', precision: 'day' } },
      provisions: [
        {
          key: 'P1',
          acts: ['strike'],
          targets: ['infrastructure.energy'],
          quote: 'strikes on energy facilities since the start of this energy ceasefire',
        },
      ],
    },
  ],
};

export const demoAgreements: readonly AgreementSeed[] = [energyMoratorium];
