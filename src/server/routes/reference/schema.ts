// Response schemas for the reference data: parties, sources and the controlled vocabularies, with examples
// from the demo.

import { z } from 'zod';
import { PARTY_KINDS } from '../../../core/model.js';
import { ACTS, DOMAINS } from '../../../core/taxonomy.js';
import { exampleOf } from '../../openapi.js';

const partyShape = z.object({ code: z.string(), name: z.string(), kind: z.enum(PARTY_KINDS) });

export const partyListResponse = exampleOf(z.object({ items: z.array(partyShape) }), {
  items: [
    { code: 'RU', name: 'Russian Federation', kind: 'state' },
    { code: 'UA', name: 'Ukraine', kind: 'state' },
    { code: 'US', name: 'United States', kind: 'mediator' },
  ],
});

export const sourceShape = z.object({
  key: z.string(),
  issuer: z.string(),
  issuerParty: z.string().nullable(),
  channel: z.string().nullable().describe('readout, statement, social media post, …'),
  publishedAt: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string().describe('The statement summarised in plain words'),
  language: z.string().nullable(),
  originalText: z.string().nullable().describe('Only words quoted verbatim'),
  translations: z.array(
    z.object({ language: z.string(), text: z.string(), translator: z.string().nullable() }),
  ),
  verified: z.boolean().describe('Whether the research checked the statement at a named page'),
});

/** The Kremlin's readout of the 18 March 2025 call, in Russian with a named translation. */
export const KREMLIN_READOUT_SOURCE: z.output<typeof sourceShape> = {
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
};

export const sourceListResponse = exampleOf(z.object({ items: z.array(sourceShape) }), {
  items: [KREMLIN_READOUT_SOURCE],
});

/** A node of the target tree; built to a fixed depth (the tree is four deep), the last level left open. */
function targetNode(depth: number): z.ZodType {
  const children = (depth === 0 ? z.array(z.unknown()) : z.array(targetNode(depth - 1))).readonly();
  return z.object({ code: z.string(), label: z.string(), children });
}

interface TargetNode {
  code: string;
  label: string;
  children: TargetNode[];
}
const leaf = (code: string, label: string): TargetNode => ({ code, label, children: [] });

export const taxonomyResponse = exampleOf(
  z.object({
    targets: z
      .array(targetNode(6))
      .readonly()
      .describe('Target codes as a tree: a code covers the codes below it'),
    acts: z.array(z.enum(ACTS)).readonly(),
    domains: z.array(z.enum(DOMAINS)).readonly(),
  }),
  {
    targets: [
      {
        code: 'infrastructure',
        label: 'Infrastructure',
        children: [
          {
            code: 'infrastructure.energy',
            label: 'Energy infrastructure',
            children: [
              leaf('infrastructure.energy.refinery', 'Oil refinery'),
              {
                code: 'infrastructure.energy.pipeline',
                label: 'Oil or gas pipeline',
                children: [leaf('infrastructure.energy.pipeline.gas-metering', 'Gas metering station')],
              },
            ],
          },
        ],
      },
    ],
    acts: [...ACTS],
    domains: [...DOMAINS],
  },
);
