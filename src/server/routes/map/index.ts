// The map layer: incident points as compact GeoJSON for a date range, an area and filters, for the web map to
// cluster on the client.

import { incidentPoints } from '../../../services/map.js';
import type { RoutePlugin } from '../plugin.js';
import { mapIncidentsQuery, mapIncidentsResponse } from './schema.js';

export const mapRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/map/incidents',
    {
      schema: {
        tags: ['map'],
        summary: 'Incident points for the map (GeoJSON), oldest first, as the caller may see them',
        description:
          'The public sees published incidents only; a blurred location is moved to the centre of its 0.1-degree cell (as on the incident) and a withheld one is left out.',
        querystring: mapIncidentsQuery,
        response: { 200: mapIncidentsResponse },
      },
    },
    async (request, reply) => {
      const { points, truncated } = await incidentPoints(services, request.actor, request.query);
      return reply.type('application/geo+json').send({
        type: 'FeatureCollection' as const,
        truncated,
        features: points.map((p) => ({
          type: 'Feature' as const,
          id: p.id,
          geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] as [number, number] },
          properties: {
            date: p.date,
            verdict: p.verdict ?? 'none',
            party: p.perpetrator,
            precision: p.precision,
          },
        })),
      });
    },
  );
};
