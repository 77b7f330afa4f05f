// The front line: where a point lies, the snapshots, the line on a date, what changed, and sectors.

import { lonLat } from '../../../core/geo.js';
import { TrucelineError } from '../../../core/errors.js';
import type { MultiPolygon } from '../../../core/geometry/types.js';
import {
  allSnapshots,
  changesBetween,
  findSectorOrThrow,
  locatePoint,
  saveSector,
  sectorsWithCounts,
  snapshotOn,
} from '../../../services/frontline.js';
import {
  presentChanges,
  presentFrontline,
  presentLocation,
  presentSector,
  presentSnapshotSummary,
} from '../../presenters.js';
import { bearer, type RoutePlugin } from '../plugin.js';
import {
  changesQuery,
  changesResponse,
  frontlineQuery,
  frontlineResponse,
  geographyResponse,
  locateQuery,
  sectorBody,
  sectorListResponse,
  sectorParams,
  sectorSavedResponse,
  snapshotsResponse,
} from './schema.js';

export const frontlineRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['front line'];

  app.get(
    '/frontline/locate',
    {
      schema: {
        tags,
        summary: 'Distance to the line of contact, side, sector and oblast of a point on a date',
        querystring: locateQuery,
        response: { 200: geographyResponse },
      },
    },
    async (request) => {
      const { lon, lat, date } = request.query;
      const point = lonLat(lon, lat);
      if (point === null) throw new TrucelineError('VALIDATION_FAILED', 'lon, lat: out of range');
      return presentLocation(await locatePoint(services, point, date));
    },
  );

  app.get(
    '/frontline/snapshots',
    {
      schema: { tags, summary: 'Front-line snapshots, oldest first', response: { 200: snapshotsResponse } },
    },
    async () => ({
      items: (await allSnapshots(services)).map(presentSnapshotSummary),
    }),
  );

  app.get(
    '/frontline',
    {
      schema: {
        tags,
        summary: 'The line of contact and occupied area in force on a date (GeoJSON)',
        description:
          'A day without a snapshot uses the last earlier one: `snapshotDate` says which, `fallback` is true then.',
        querystring: frontlineQuery,
        response: { 200: frontlineResponse },
      },
    },
    async (request, reply) => {
      const { date } = request.query;
      const snapshot = await snapshotOn(services, date);
      return reply.type('application/geo+json').send(presentFrontline(snapshot, date ?? null));
    },
  );

  app.get(
    '/frontline/changes',
    {
      schema: {
        tags,
        summary:
          'Area that changed hands between two dates, in km² per direction and per sector, with GeoJSON',
        querystring: changesQuery,
        response: { 200: changesResponse },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      return presentChanges(await changesBetween(services, from, to), from, to);
    },
  );

  app.get(
    '/sectors',
    {
      schema: {
        tags,
        summary: 'Sectors of the line, north to south, with incident and verdict counts',
        response: { 200: sectorListResponse },
      },
    },
    async (request) => ({ items: (await sectorsWithCounts(services, request.actor)).map(presentSector) }),
  );

  app.put(
    '/sectors/:key',
    {
      schema: {
        tags,
        summary: 'Create or redefine a sector; every located incident’s sector is recomputed',
        params: sectorParams,
        body: sectorBody,
        security: bearer,
        response: { 200: sectorSavedResponse },
      },
    },
    async (request) => {
      const { name, position, region } = request.body;
      const regionOf: MultiPolygon = (
        region.type === 'Polygon' ? [region.coordinates] : region.coordinates
      ).map((polygon) =>
        polygon.map((ring) =>
          ring.map((p) => {
            const at = lonLat(p[0], p[1]);
            if (at === null)
              throw new TrucelineError('VALIDATION_FAILED', 'region: a position is out of range');
            return at;
          }),
        ),
      );
      const key = request.params.key;
      const result = await saveSector(services, request.actor, { key, name, position, region: regionOf });
      const saved = await findSectorOrThrow(services, key);
      return {
        key: saved.key,
        name: saved.name,
        position: saved.position,
        created: result.created,
        incidentsUpdated: result.incidentsUpdated,
      };
    },
  );
};
