// Query and response schemas of the energy facilities layer.

import { z } from 'zod';
import { DEFAULT_SUGGEST_RADIUS_KM, MAX_SUGGEST_RADIUS_KM } from '../../../core/facilities.js';

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

export const suggestResponse = z.object({
  suggestion: z
    .object({
      facility: facilityProperties.extend({ location: z.object({ lon: z.number(), lat: z.number() }) }),
      distanceKm: z.number(),
    })
    .nullable()
    .describe('The nearest facility within the radius, or null'),
  radiusKm: z.number(),
});

export const facilitiesResponse = z.object({
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
