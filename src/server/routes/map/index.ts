// The map layer: incident points as compact GeoJSON for a date range, an area and filters, for the web map to
// cluster on the client; for a wide view of many incidents, one cluster per grid cell counted by the database.
//
// The GeoJSON is written as text here rather than serialised from objects through the response schema: tens of
// thousands of features cost a fraction of the time and memory that way. tests/api.map.test.ts validates answers
// against the documented schema (and the GeoJSON schema), so the two cannot drift apart.

import type { z } from 'zod';
import { CLUSTER_ABOVE, incidentPoints, type MapAnswer, POINT_ZOOM } from '../../../services/map.js';
import type { RoutePlugin } from '../plugin.js';
import { mapIncidentsQuery, mapIncidentsResponse } from './schema.js';

/** JSON text of a string (ids and party codes are plain, but JSON.stringify is the only safe quoting). */
const text = (value: string | null): string => JSON.stringify(value);

/** The answer as GeoJSON text, in the shape of `mapIncidentsResponse`. */
export function geoJsonText(answer: MapAnswer): string {
  if (answer.kind === 'points') {
    const features = answer.points.map(
      (p) =>
        `{"type":"Feature","id":${text(p.id)},"geometry":{"type":"Point","coordinates":[${p.lon},${p.lat}]},` +
        `"properties":{"date":${text(p.date)},"verdict":"${p.verdict ?? 'none'}","party":${text(p.perpetrator)},` +
        `"precision":"${p.precision}"}}`,
    );
    return `{"type":"FeatureCollection","truncated":${answer.truncated},"features":[${features.join(',')}]}`;
  }
  const features = answer.clusters.map((c) => {
    const [west, south, east, north] = c.cell;
    const v = c.verdicts;
    return (
      `{"type":"Feature","id":"cell:${west},${south}","geometry":{"type":"Point","coordinates":[${c.lon},${c.lat}]},` +
      `"bbox":[${west},${south},${east},${north}],"properties":{"cluster":true,"count":${c.count},` +
      `"verdicts":{"covered":${v.covered},"contested":${v.contested},"unknown":${v.unknown},` +
      `"not-covered":${v['not-covered']},"none":${v.none}},"first":${text(c.first)},"last":${text(c.last)}}}`
    );
  });
  return (
    `{"type":"FeatureCollection","truncated":false,"clustered":true,"cellDegrees":${answer.cellDegrees},` +
    `"features":[${features.join(',')}]}`
  );
}

export const mapRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/map/incidents',
    {
      schema: {
        tags: ['map'],
        summary: 'Incidents for the map (GeoJSON): points oldest first, or clusters per cell for a wide view',
        description:
          'The public sees published incidents only; a blurred location is moved to the centre of its 0.1-degree cell (as on the incident) and a withheld one is left out. ' +
          `With \`zoom\` below ${POINT_ZOOM} and more than ${CLUSTER_ABOVE.toLocaleString('en')} matching incidents, the answer is one feature per grid cell (cells of whole tenths of a degree, on the grid of the blurred positions) with its count by verdict, at the mean of the positions shown; without \`zoom\`, always points.`,
        querystring: mapIncidentsQuery,
        response: { 200: mapIncidentsResponse },
      },
    },
    async (request, reply) => {
      const answer = await incidentPoints(services, request.actor, request.query);
      // A string with a JSON media type is sent as it is (Fastify serialises objects only); the type provider
      // knows the schema's objects only, hence the cast.
      const body = geoJsonText(answer) as unknown as z.output<typeof mapIncidentsResponse>;
      return reply.type('application/geo+json').send(body);
    },
  );
};
