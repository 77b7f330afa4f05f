// Open-data exports: an index of what can be downloaded, and each file streamed as it is read from the database,
// with the name and date to save it under and an ETag from the audit chain's head. Always the public's view.

import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EXPORT_FILES, type ExportName, type ExportOptions, openExport } from '../../../services/exports.js';
import type { Services } from '../../../services/context.js';
import type { RoutePlugin } from '../plugin.js';
import {
  csvQuery,
  EXPORT_RESPONSES,
  exportIndexResponse,
  frontlineQuery,
  incidentCsvQuery,
  incidentExportQuery,
} from './schema.js';

/** Which query parameters each export takes, for the index and the route's schema. */
function queryOf(name: ExportName) {
  if (name === 'incidents.csv' || name === 'incidents.acled.csv') return incidentCsvQuery;
  if (name === 'incidents.geojson' || name === 'incidents.kml') return incidentExportQuery;
  if (name === 'frontline.geojson' || name === 'frontline.kml') return frontlineQuery;
  if (name === 'agreements.json') return null;
  return csvQuery;
}

function filtersOf(name: ExportName): string[] {
  const query = queryOf(name);
  if (query === null) return [];
  return Object.keys(query.shape);
}

/**
 * Streams an export: 304 when the client holds the same version (nothing written since; weak, since the file
 * names the time it was made), else the file as an attachment, read from the database as the client takes it.
 */
async function send(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  name: ExportName,
  options: ExportOptions,
) {
  const stream = await openExport(services, name, options);
  const etag = `W/"exports-${stream.auditSeq}"`;
  reply
    .header('etag', etag)
    .header('cache-control', 'public, max-age=60')
    .header('access-control-allow-origin', '*');
  const held = request.headers['if-none-match'];
  if (held !== undefined && held.split(',').some((tag) => tag.trim() === etag))
    return reply.status(304).send();
  return reply
    .header('content-type', stream.file.contentType)
    .header('content-disposition', `attachment; filename="${stream.filename}"`)
    .send(Readable.from(stream.chunks, { objectMode: false }));
}

export const exportRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['exports'];

  app.get(
    '/exports',
    {
      schema: {
        tags,
        summary: 'What can be downloaded: each export with its link, media type and filters',
        response: { 200: exportIndexResponse },
      },
    },
    async () => ({
      items: EXPORT_FILES.map((f) => ({
        name: f.name,
        what: f.what,
        contentType: f.contentType,
        description: f.description,
        href: `/api/v1/exports/${f.name}`,
        filters: filtersOf(f.name),
      })),
    }),
  );

  for (const name of ['incidents.csv', 'incidents.acled.csv'] as const) {
    const file = EXPORT_FILES.find((f) => f.name === name);
    app.get(
      `/exports/${name}`,
      {
        schema: {
          tags,
          summary: file?.description ?? name,
          querystring: incidentCsvQuery,
          response: { 200: EXPORT_RESPONSES[name] },
        },
      },
      async (request, reply) => {
        const { spreadsheet, ...filter } = request.query;
        return send(services, request, reply, name, { incidents: filter, spreadsheet });
      },
    );
  }

  for (const name of ['incidents.geojson', 'incidents.kml'] as const) {
    const file = EXPORT_FILES.find((f) => f.name === name);
    app.get(
      `/exports/${name}`,
      {
        schema: {
          tags,
          summary: file?.description ?? name,
          querystring: incidentExportQuery,
          response: { 200: EXPORT_RESPONSES[name] },
        },
      },
      async (request, reply) => send(services, request, reply, name, { incidents: request.query }),
    );
  }

  app.get(
    '/exports/agreements.json',
    {
      schema: {
        tags,
        summary: 'Agreements with their readouts, windows, provisions, lifecycle and conditions',
        response: { 200: EXPORT_RESPONSES['agreements.json'] },
      },
    },
    async (request, reply) => send(services, request, reply, 'agreements.json', {}),
  );

  for (const name of ['agreements.csv', 'findings.csv', 'exchanges.csv'] as const) {
    const file = EXPORT_FILES.find((f) => f.name === name);
    app.get(
      `/exports/${name}`,
      {
        schema: {
          tags,
          summary: file?.description ?? name,
          querystring: csvQuery,
          response: { 200: EXPORT_RESPONSES[name] },
        },
      },
      async (request, reply) =>
        send(services, request, reply, name, { spreadsheet: request.query.spreadsheet }),
    );
  }

  for (const name of ['frontline.geojson', 'frontline.kml'] as const) {
    const file = EXPORT_FILES.find((f) => f.name === name);
    app.get(
      `/exports/${name}`,
      {
        schema: {
          tags,
          summary: file?.description ?? name,
          querystring: frontlineQuery,
          response: { 200: EXPORT_RESPONSES[name] },
        },
      },
      async (request, reply) => send(services, request, reply, name, { frontline: request.query }),
    );
  }
};
