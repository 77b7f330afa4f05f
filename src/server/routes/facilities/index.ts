// The energy facilities layer: every known power plant as GeoJSON, and the one nearest a point.

import { lonLat } from '../../../core/geo.js';
import { allFacilities, suggestTarget } from '../../../services/facilities.js';
import { FACILITIES_ATTRIBUTION, presentFacilityFeature, presentFacilitySuggestion } from './present.js';
import type { RoutePlugin } from '../plugin.js';
import { facilitiesResponse, suggestQuery, suggestResponse } from './schema.js';

export const facilityRoutes: RoutePlugin = async (app) => {
  const tags = ['facilities'];
  app.get(
    '/facilities',
    {
      schema: {
        tags,
        summary: 'Known energy facilities (power plants) as a GeoJSON FeatureCollection',
        response: { 200: facilitiesResponse },
      },
    },
    async (_request, reply) => {
      void reply.type('application/geo+json');
      return {
        type: 'FeatureCollection' as const,
        attribution: FACILITIES_ATTRIBUTION,
        features: allFacilities().map(presentFacilityFeature),
      };
    },
  );
  app.get(
    '/facilities/suggest',
    {
      schema: {
        tags,
        summary: 'The known energy facility nearest a point within a radius, as a suggested target',
        querystring: suggestQuery,
        response: { 200: suggestResponse },
      },
    },
    async (request) => {
      const { lon, lat, radiusKm } = request.query;
      const point = lonLat(lon, lat);
      const suggestion = point ? suggestTarget(point, radiusKm) : null;
      return { suggestion: suggestion && presentFacilitySuggestion(suggestion), radiusKm };
    },
  );
};
