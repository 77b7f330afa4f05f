// Request and response schemas for the front line: locating a point, snapshots, changes and sectors.

import { z } from 'zod';
import { SIDES } from '../../../core/model.js';
import { VERDICTS } from '../../../core/screening.js';

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

export const geographyResponse = z.object({
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

export const snapshotSummary = z.object({
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

export const sectorBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  position: z.number().int().describe('Order from north to south'),
  region: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('Polygon'), coordinates: polygon }),
      z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
    ])
    .describe('The region of the map whose stretch of the line the sector is (GeoJSON, WGS84)'),
});

export const sectorResponse = z.object({
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
