// Query and response schemas of the energy facilities layer.

import { z } from 'zod';
import { DEFAULT_SUGGEST_RADIUS_KM, MAX_SUGGEST_RADIUS_KM } from '../../../core/facilities.js';
import { exampleOf } from '../../openapi.js';

export const suggestQuery = z.strictObject({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  radiusKm: z.coerce
    .number()
    .positive()
    .max(MAX_SUGGEST_RADIUS_KM)
    .default(DEFAULT_SUGGEST_RADIUS_KM)
    .describe(`Search radius in km (default ${DEFAULT_SUGGEST_RADIUS_KM}, at most ${MAX_SUGGEST_RADIUS_KM})`),
});

const facilityProperties = z.object({
  id: z.string().describe('WRI Global Power Plant Database id (gppd_idnr)'),
  name: z.string(),
  capacityMw: z.number(),
  primaryFuel: z.string(),
  target: z.string().describe('The target code an incident at this facility would have'),
});

const suggestShape = z.object({
  suggestion: z
    .object({
      facility: facilityProperties.extend({ location: z.object({ lon: z.number(), lat: z.number() }) }),
      distanceKm: z.number(),
    })
    .nullable()
    .describe('The nearest facility within the radius, or null'),
  radiusKm: z.number(),
});

const facilitiesShape = z.object({
  type: z.literal('FeatureCollection'),
  attribution: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: facilityProperties,
    }),
  ),
});

export const facilitiesResponse = exampleOf(facilitiesShape, {
  type: 'FeatureCollection',
  attribution: 'World Resources Institute, Global Power Plant Database v1.3 (CC BY 4.0)',
  features: [
    {
      type: 'Feature',
      id: 'WKS0060917',
      geometry: { type: 'Point', coordinates: [33.923, 44.958] },
      properties: {
        id: 'WKS0060917',
        name: 'Perovo',
        capacityMw: 86.6,
        primaryFuel: 'Solar',
        target: 'infrastructure.energy.power-plant.solar',
      },
    },
    {
      type: 'Feature',
      id: 'WKS0060918',
      geometry: { type: 'Point', coordinates: [33.6011, 45.28] },
      properties: {
        id: 'WKS0060918',
        name: 'Ohotnikovo',
        capacityMw: 76,
        primaryFuel: 'Solar',
        target: 'infrastructure.energy.power-plant.solar',
      },
    },
  ],
});

/** Near Enerhodar: the Zaporizhzhia thermal power station, within the default radius. */
export const suggestResponse = exampleOf(suggestShape, {
  suggestion: {
    facility: {
      id: 'WRI1005101',
      name: 'Zaporizhia power station',
      capacityMw: 2825,
      primaryFuel: 'Coal',
      target: 'infrastructure.energy.power-plant.thermal',
      location: { lon: 34.6253, lat: 47.5089 },
    },
    distanceKm: 0.416,
  },
  radiusKm: 5,
});
