// Request and response schemas for the front line: locating a point, snapshots, changes and sectors. The examples
// come from DeepStateMap's snapshots of 18 March and 17 April 2025 (not shipped: see README), with long
// geometries shortened to their first positions.

import { z } from 'zod';
import { SIDES } from '../../../core/model.js';
import { VERDICTS } from '../../../core/screening.js';
import { exampleOf, inputExampleOf, jsonResponse } from '../../openapi.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar date');

export const locateQuery = z.object({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  date: isoDate
    .optional()
    .describe('The day to locate on; the snapshot in force then is used (default: latest)'),
});

const geographyShape = z.object({
  snapshotDate: z
    .string()
    .describe('The date of the snapshot used: the last one on or before the date asked'),
  distanceKm: z.number().describe('Spherical distance to the line of contact (R = 6371.0088 km)'),
  side: z.enum(SIDES),
  sector: z.string().nullable(),
  admin1: z.object({ code: z.string(), name: z.string() }).nullable(),
});

export const frontlineQuery = z.object({
  date: isoDate.optional().describe('The day asked for (default: the latest snapshot)'),
});

export const changesQuery = z.object({ from: isoDate, to: isoDate });

const snapshotSummary = z.object({
  validFrom: z.string(),
  source: z.string(),
  lineKm: z.number(),
  areaKm2: z.number(),
  createdAt: z.string(),
});

export const sectorParams = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a key such as donetsk-north'),
});

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], z.number());
const ring = z.array(position).min(4, 'a linear ring needs at least 4 positions');
const polygon = z.array(ring).min(1);

const sectorShape = z.strictObject({
  name: z.string().trim().min(1).max(200),
  position: z.number().int().describe('Order from north to south'),
  region: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('Polygon'), coordinates: polygon }),
      z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
    ])
    .describe('The region of the map whose stretch of the line the sector is (GeoJSON, WGS84)'),
});

const sectorResponseShape = z.object({
  key: z.string(),
  name: z.string(),
  position: z.number(),
  region: z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(z.array(z.number())))),
  }),
  incidents: z.number().describe('Incidents whose nearest stretch of the line lies in the sector'),
  verdicts: z.partialRecord(z.enum(VERDICTS), z.number()).describe('Screened verdicts of those incidents'),
});

/** Sloviansk on 18 March 2025, where a drone hit an energy facility that evening. */
export const geographyResponse = exampleOf(geographyShape, {
  snapshotDate: '2025-03-18',
  distanceKm: 28.82,
  side: 'controlled',
  sector: 'donetsk-north',
  admin1: { code: 'UA-14', name: 'Donetsk' },
});

export const snapshotsResponse = exampleOf(z.object({ items: z.array(snapshotSummary) }), {
  items: [
    {
      validFrom: '2025-03-18',
      source: 'DeepStateMap',
      lineKm: 1190.405,
      areaKm2: 112142.322,
      createdAt: '2025-03-18T22:00:00.000Z',
    },
    {
      validFrom: '2025-04-17',
      source: 'DeepStateMap',
      lineKm: 1201.386,
      areaKm2: 112324.356,
      createdAt: '2025-04-17T22:00:00.000Z',
    },
  ],
});

const positions = z.array(z.array(z.number()));
const multiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(positions)),
});

const frontlineShape = z.object({
  type: z.literal('FeatureCollection'),
  requestedDate: z.string().nullable().describe('The date asked for'),
  snapshotDate: z.string().describe('The date of the snapshot used: the last one on or before it'),
  fallback: z.boolean().describe('No snapshot of the date asked for: an earlier one is used'),
  source: z.string(),
  features: z.tuple([
    z.object({
      type: z.literal('Feature'),
      properties: z.object({
        kind: z.literal('line-of-contact'),
        snapshotDate: z.string(),
        lengthKm: z.number(),
      }),
      geometry: z.object({ type: z.literal('MultiLineString'), coordinates: z.array(positions) }),
    }),
    z.object({
      type: z.literal('Feature'),
      properties: z.object({
        kind: z.literal('occupied-area'),
        snapshotDate: z.string(),
        areaKm2: z.number(),
      }),
      geometry: multiPolygon,
    }),
  ]),
});

/** 20 March 2025 has no snapshot of its own: the one of 18 March is in force. */
export const frontlineResponse = jsonResponse(
  'application/geo+json',
  'An RFC 7946 FeatureCollection: the line of contact and the occupied area',
  exampleOf(frontlineShape, {
    type: 'FeatureCollection',
    requestedDate: '2025-03-20',
    snapshotDate: '2025-03-18',
    fallback: true,
    source: 'DeepStateMap',
    features: [
      {
        type: 'Feature',
        properties: { kind: 'line-of-contact', snapshotDate: '2025-03-18', lengthKm: 1190.405 },
        geometry: {
          type: 'MultiLineString',
          coordinates: [
            [
              [31.5816717, 46.5372479],
              [31.6314977, 46.5405179],
              [31.6628557, 46.5364049],
              [31.6976507, 46.5450339],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { kind: 'occupied-area', snapshotDate: '2025-03-18', areaKm2: 112142.322 },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [35.201458, 45.523343],
                [35.311256, 45.411424],
                [35.382064, 45.352514],
                [35.467835, 45.307544],
                [35.201458, 45.523343],
              ],
            ],
          ],
        },
      },
    ],
  }),
);

const changesShape = z.object({
  from: z.object({ requestedDate: z.string(), snapshotDate: z.string() }),
  to: z.object({ requestedDate: z.string(), snapshotDate: z.string() }),
  gainedKm2: z.number().describe('Area newly occupied between the two snapshots'),
  regainedKm2: z.number().describe('Area no longer occupied'),
  sectors: z.array(z.object({ key: z.string(), gainedKm2: z.number(), regainedKm2: z.number() })),
  geojson: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ change: z.enum(['gained', 'regained']), areaKm2: z.number() }),
        geometry: multiPolygon,
      }),
    ),
  }),
});

/** The month of the moratorium, 18 March to 17 April 2025 (one polygon of each kind shown). */
export const changesResponse = exampleOf(changesShape, {
  from: { requestedDate: '2025-03-18', snapshotDate: '2025-03-18' },
  to: { requestedDate: '2025-04-17', snapshotDate: '2025-04-17' },
  gainedKm2: 190.164,
  regainedKm2: 8.13,
  sectors: [
    { key: 'kharkiv', gainedKm2: 21.391, regainedKm2: 0 },
    { key: 'luhansk', gainedKm2: 52.037, regainedKm2: 2.836 },
    { key: 'donetsk-north', gainedKm2: 51.45, regainedKm2: 3.984 },
    { key: 'donetsk-south', gainedKm2: 51.285, regainedKm2: 1.31 },
    { key: 'zaporizhzhia', gainedKm2: 14.002, regainedKm2: 0 },
    { key: 'kherson-dnipro', gainedKm2: 0, regainedKm2: 0 },
  ],
  geojson: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { change: 'gained', areaKm2: 190.164 },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [35.3649692, 47.5318681],
                [35.376455, 47.5246886],
                [35.3760556, 47.5202236],
                [35.3841959, 47.5154398],
                [35.4143695, 47.5164307],
                [35.40057, 47.5166319],
                [35.398358, 47.5184541],
                [35.3850678, 47.5199917],
                [35.3649692, 47.5318681],
              ],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { change: 'regained', areaKm2: 8.13 },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [36.80029487595007, 47.919639090067584],
                [36.8033442, 47.9200565],
                [36.80807353468057, 47.91986502775472],
                [36.8065628, 47.9213507],
                [36.8006816, 47.9209242],
                [36.80029487595007, 47.919639090067584],
              ],
            ],
          ],
        },
      },
    ],
  },
});

export const sectorBody = inputExampleOf(sectorShape, {
  name: 'Donetsk north',
  position: 3,
  region: {
    type: 'Polygon',
    coordinates: [
      [
        [36.6, 48.15],
        [42, 48.15],
        [42, 49],
        [36.6, 49],
        [36.6, 48.15],
      ],
    ],
  },
});

/** The default sectors, with the demo's incidents located on the snapshots of 18 March and 17 April 2025. */
export const sectorListResponse = exampleOf(z.object({ items: z.array(sectorResponseShape) }), {
  items: [
    {
      key: 'kharkiv',
      name: 'Kharkiv',
      position: 1,
      region: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [33.5, 49.6],
              [42, 49.6],
              [42, 53],
              [33.5, 53],
              [33.5, 49.6],
            ],
          ],
        ],
      },
      incidents: 7,
      verdicts: { covered: 5, 'not-covered': 7, unknown: 1 },
    },
    {
      key: 'luhansk',
      name: 'Luhansk (Kupiansk–Lyman)',
      position: 2,
      region: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [36.6, 49],
              [42, 49],
              [42, 49.6],
              [36.6, 49.6],
              [36.6, 49],
            ],
          ],
        ],
      },
      incidents: 0,
      verdicts: {},
    },
    {
      key: 'donetsk-north',
      name: 'Donetsk north',
      position: 3,
      region: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [36.6, 48.15],
              [42, 48.15],
              [42, 49],
              [36.6, 49],
              [36.6, 48.15],
            ],
          ],
        ],
      },
      incidents: 2,
      verdicts: { contested: 2 },
    },
  ],
});

export const sectorSavedResponse = exampleOf(
  z.object({
    key: z.string(),
    name: z.string(),
    position: z.number().int(),
    created: z.boolean().describe('A new sector, rather than a redefined one'),
    incidentsUpdated: z.number().int().describe('Located incidents whose sector changed'),
  }),
  { key: 'donetsk-north', name: 'Donetsk north', position: 3, created: false, incidentsUpdated: 0 },
);
