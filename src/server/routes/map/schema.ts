// Query and response schemas of the map layer.

import { z } from 'zod';
import { partyCodeSchema } from '../../../core/schemas.js';
import { VERDICTS } from '../../../core/screening.js';
import { CLUSTER_ABOVE, POINT_ZOOM } from '../../../services/map.js';
import { exampleOf } from '../../openapi.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  // Date.parse rolls 30 February over into March: only a day that reads back the same is a calendar day.
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

const bbox = z.string().transform((text, ctx) => {
  const parts = text.split(',').map(Number);
  const [west, south, east, north] = parts;
  if (
    parts.length !== 4 ||
    west === undefined ||
    south === undefined ||
    east === undefined ||
    north === undefined ||
    parts.some((n) => !Number.isFinite(n)) ||
    Math.abs(west) > 180 ||
    Math.abs(east) > 180 ||
    south < -90 ||
    north > 90 ||
    south > north
  ) {
    ctx.addIssue({ code: 'custom', message: 'west,south,east,north in degrees, south <= north' });
    return z.NEVER;
  }
  return [west, south, east, north] as const;
});

// Ten thousand points are about 2 MB of GeoJSON: more, to many clients at once, is what took the server past 500 MB.
export const MAP_LIMIT_DEFAULT = 10_000;
export const MAP_LIMIT_MAX = 200_000;

export const mapIncidentsQuery = z.strictObject({
  agreement: z.string().min(1).optional().describe('Agreement id or slug: verdicts against it only'),
  verdict: z
    .enum(VERDICTS)
    .optional()
    .describe('The point’s verdict: the most serious over its agreements (or against `agreement`)'),
  party: partyCodeSchema.optional().describe('Alleged perpetrator'),
  from: isoDate.optional().describe('First day (UTC), inclusive'),
  to: isoDate.optional().describe('Last day (UTC), inclusive'),
  bbox: bbox.optional().describe('west,south,east,north in degrees'),
  zoom: z.coerce
    .number()
    .min(0)
    .max(22)
    .optional()
    .describe(
      `The map's zoom level. Below ${POINT_ZOOM}, when more than ${CLUSTER_ABOVE.toLocaleString('en')} incidents match, the answer is one cluster per grid cell instead of points; without it, always points`,
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAP_LIMIT_MAX)
    .default(MAP_LIMIT_DEFAULT)
    .describe('At most this many points (clusters are never cut short)'),
});

export const mapPointsShape = z.object({
  type: z.literal('FeatureCollection'),
  truncated: z.boolean().describe('More incidents matched than `limit`; the newest were left out'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        date: z.string().describe('The day as stated (local to the incident), YYYY-MM-DD'),
        verdict: z
          .enum([...VERDICTS, 'none'])
          .describe(
            'Most serious verdict: covered > contested > unknown > not-covered; none when unscreened',
          ),
        party: z.string().nullable().describe('Alleged perpetrator'),
        precision: z
          .enum(['exact', 'blurred'])
          .describe('blurred: the centre of its 0.1-degree cell, for the public'),
      }),
    }),
  ),
});

const coordinates = z.tuple([z.number(), z.number()]).describe('longitude, latitude');
const count = z.number().int().nonnegative();

export const mapClustersShape = z.object({
  type: z.literal('FeatureCollection'),
  truncated: z.literal(false),
  clustered: z.literal(true).describe('One feature per grid cell instead of one per incident'),
  cellDegrees: z
    .number()
    .describe('The side of a cell in degrees: a whole multiple of 0.1, on the grid of the blurred positions'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string().describe('The cell: `cell:<west>,<south>`'),
      geometry: z
        .object({ type: z.literal('Point'), coordinates })
        .describe(
          'The mean of the positions shown (for the public, blurred incidents at the centre of their 0.1-degree cell)',
        ),
      bbox: z
        .tuple([z.number(), z.number(), z.number(), z.number()])
        .describe('The cell: west, south, east, north'),
      properties: z.object({
        cluster: z.literal(true),
        count: count.describe('Matching incidents in the cell'),
        verdicts: z
          .object({
            covered: count,
            contested: count,
            unknown: count,
            'not-covered': count,
            none: count,
          })
          .describe('How many take each verdict as their most serious (none: unscreened)'),
        first: z.string().describe('The earliest day as stated, YYYY-MM-DD'),
        last: z.string().describe('The latest day as stated, YYYY-MM-DD'),
      }),
    }),
  ),
});

const pointsExample: z.output<typeof mapPointsShape> = {
  type: 'FeatureCollection',
  truncated: false,
  features: [
    {
      type: 'Feature',
      id: '72d453f0-e0be-4f15-8c5c-ba5a004241c3',
      geometry: { type: 'Point', coordinates: [37.6167, 48.8667] },
      properties: { date: '2025-03-18', verdict: 'contested', party: 'RU', precision: 'exact' },
    },
    {
      type: 'Feature',
      id: '04068a27-4a35-4ec9-b5d6-20ca14b0cc84',
      geometry: { type: 'Point', coordinates: [40.6722, 45.4425] },
      properties: { date: '2025-03-19', verdict: 'contested', party: 'UA', precision: 'exact' },
    },
    {
      type: 'Feature',
      id: '5e29c8d1-7e7c-4744-8c94-546a7dfbc2d9',
      geometry: { type: 'Point', coordinates: [35.0462, 48.4647] },
      properties: { date: '2025-03-19', verdict: 'contested', party: 'RU', precision: 'exact' },
    },
  ],
};

/** Two cells of 1 degree over the south, at zoom 6 (the public's view of many incidents). */
const clustersExample: z.output<typeof mapClustersShape> = {
  type: 'FeatureCollection',
  truncated: false,
  clustered: true,
  cellDegrees: 1,
  features: [
    {
      type: 'Feature',
      id: 'cell:32,46',
      geometry: { type: 'Point', coordinates: [32.61231, 46.64877] },
      bbox: [32, 46, 33, 47],
      properties: {
        cluster: true,
        count: 2841,
        verdicts: { covered: 702, contested: 655, unknown: 748, 'not-covered': 736, none: 0 },
        first: '2025-03-01',
        last: '2025-04-30',
      },
    },
    {
      type: 'Feature',
      id: 'cell:37,47',
      geometry: { type: 'Point', coordinates: [37.55012, 47.10356] },
      bbox: [37, 47, 38, 48],
      properties: {
        cluster: true,
        count: 3127,
        verdicts: { covered: 790, contested: 761, unknown: 803, 'not-covered': 773, none: 0 },
        first: '2025-03-01',
        last: '2025-04-30',
      },
    },
  ],
};

/** Points or, for a wide view of many incidents, clusters per grid cell; each with its example. */
export const mapIncidentsResponse = exampleOf(
  z
    .union([exampleOf(mapPointsShape, pointsExample), exampleOf(mapClustersShape, clustersExample)])
    .describe(
      'Points (the first three of the demo in the example), or for a wide view of many incidents one cluster per grid cell',
    ),
  pointsExample,
);
