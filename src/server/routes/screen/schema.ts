// Request and response schemas for screening a draft.

import { z } from 'zod';
import { screenDraftSchema } from '../../../core/schemas.js';
import { PREDICATES, READOUT_RESULTS, VERDICTS } from '../../../core/screening.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';

/** A missile strike on a railway on 28 March 2025, Kyiv time: contested under the energy moratorium. */
export const screenBody = inputExampleOf(screenDraftSchema, {
  occurredAt: '2025-03-28T10:00:00+02:00',
  act: 'missile-strike',
  target: 'infrastructure.transport.rail',
  perpetrator: 'RU',
});

const readoutResult = z.object({
  id: z.string(),
  key: z.string(),
  issuedBy: z.string().describe('Party code of the readout’s issuer'),
  issuer: z.string(),
  result: z.enum(READOUT_RESULTS),
  provision: z
    .object({ id: z.string(), key: z.string() })
    .optional()
    .describe('The provision that matched, or the single one that failed or could not be decided'),
  predicate: z.enum(PREDICATES).nullable().describe('The predicate that failed or could not be decided'),
  reason: z.string(),
});

const screenShape = z.object({
  results: z.array(
    z.object({
      agreement: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
      verdict: z.enum(VERDICTS),
      readouts: z.array(readoutResult),
    }),
  ),
});

/** What the draft above gets: covered under the White House's “energy and infrastructure”, not under the others. */
export const screenResponse = exampleOf(screenShape, {
  results: [
    {
      agreement: {
        id: '88106897-77e9-47e5-828c-336623450e74',
        slug: 'energy-moratorium-2025-03',
        title: '30-day moratorium on strikes on energy infrastructure',
      },
      verdict: 'contested',
      readouts: [
        {
          id: '19c6b249-616f-446f-b363-b98bfb590c9e',
          key: 'wh-2025-03-18',
          issuedBy: 'US',
          issuer: 'The White House',
          result: 'covered',
          provision: { id: 'b312fd25-68c6-425e-ae7e-5b4321cab3ec', key: 'P1' },
          predicate: null,
          reason:
            'RU is bound; act missile-strike is prohibited (strike); any domain; target infrastructure.transport.rail is protected (infrastructure); everywhere',
        },
        {
          id: '7db7b00a-8764-44a7-a810-4d08f9b49bd5',
          key: 'kremlin-2025-03-18',
          issuedBy: 'RU',
          issuer: 'The Kremlin',
          result: 'not-covered',
          provision: { id: 'd0ffbaf2-c602-433f-bde2-f98e48382a4b', key: 'P1' },
          predicate: 'target',
          reason: 'P1: target infrastructure.transport.rail is not under infrastructure.energy',
        },
        {
          id: '115fa890-91f2-4eee-a022-4e96b0e63af4',
          key: 'kremlin-list-2025-03-25',
          issuedBy: 'RU',
          issuer: 'The Kremlin',
          result: 'not-covered',
          predicate: 'target',
          reason:
            'P1: target infrastructure.transport.rail is not under infrastructure.energy.refinery; P2: target infrastructure.transport.rail is not under infrastructure.energy.pipeline, infrastructure.energy.storage, infrastructure.energy.pumping-station; P3: target infrastructure.transport.rail is not under infrastructure.energy.power-plant, infrastructure.energy.substation, infrastructure.energy.transformer, infrastructure.energy.distribution, infrastructure.energy.power-line; P4: target infrastructure.transport.rail is not under infrastructure.energy.nuclear-plant; P5: target infrastructure.transport.rail is not under infrastructure.energy.hydro-dam',
        },
        {
          id: '8bc29db7-46f4-4ae5-bf90-b530d20eb893',
          key: 'ua-2025-03-25',
          issuedBy: 'UA',
          issuer: 'Ministry of Foreign Affairs of Ukraine',
          result: 'not-covered',
          provision: { id: '4eccfb4e-87f9-4308-97d4-0fe5eb97de9d', key: 'P1' },
          predicate: 'target',
          reason: 'P1: target infrastructure.transport.rail is not under infrastructure.energy',
        },
      ],
    },
    {
      agreement: {
        id: '1b5724de-8f1d-4274-b161-77c2138a8e83',
        slug: 'black-sea-2025-03',
        title: 'Black Sea arrangement: safe navigation and no use of force',
      },
      verdict: 'not-covered',
      readouts: [
        {
          id: '63cf61c4-b582-4333-b7dd-b86e0cd33f7a',
          key: 'wh-ua-2025-03-25',
          issuedBy: 'US',
          issuer: 'The White House (statement on the US–Ukraine talks)',
          result: 'not-covered',
          predicate: null,
          reason:
            'P1: act missile-strike is not among naval-attack; P2: target infrastructure.transport.rail is not under civilian.vessel; P3: target infrastructure.transport.rail is not under military.vessel',
        },
        {
          id: 'f954fabe-9ec8-47e4-9a56-2921e3df4351',
          key: 'wh-ru-2025-03-25',
          issuedBy: 'US',
          issuer: 'The White House (statement on the US–Russia talks)',
          result: 'not-covered',
          predicate: null,
          reason:
            'P1: act missile-strike is not among naval-attack; P2: target infrastructure.transport.rail is not under civilian.vessel; P3: target infrastructure.transport.rail is not under military.vessel',
        },
        {
          id: '3c9a5950-a02a-4749-9376-05a371962569',
          key: 'kremlin-2025-03-25',
          issuedBy: 'RU',
          issuer: 'The Kremlin',
          result: 'not-covered',
          predicate: 'window',
          reason:
            'not in force until a precondition is met: Sanctions lifted on Rosselkhozbank and other financial organisations serving the food and fertiliser trade, with their reconnection to SWIFT; restrictions lifted on food and fertiliser exporters, insurers, port servicing, Russian-flagged vessels in that trade and the supply of agricultural machinery.',
        },
      ],
    },
  ],
});
