// OGC API - Features (OGC 17-069r4, Part 1: Core) at /ogc, for GIS clients such as QGIS and GDAL: the landing
// page, conformance, the API definition, collections and their items as GeoJSON, always as the anonymous public
// sees them, whoever asks. These routes are described by their own definition at /ogc/api, not in /api/openapi.json.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { allParties } from '../../../services/reference.js';
import {
  adminAreaItem,
  adminAreaItems,
  describeCollection,
  describeCollections,
  incidentItem,
  incidentItems,
  sectorItem,
  sectorItems,
  snapshotItem,
  snapshotItems,
} from '../../../services/ogc.js';
import { TrucelineError } from '../../../core/errors.js';
import type { RoutePlugin } from '../plugin.js';
import { ogcDocument } from './openapi.js';
import {
  GEOJSON,
  JSON_TYPE,
  OPENAPI_TYPE,
  presentAdminAreaFeature,
  presentCollection,
  presentIncidentFeature,
  presentLineFeature,
  presentOccupiedFeature,
  presentPage,
  presentSectorFeature,
  rootOf,
  siteOf,
  withLinks,
} from './present.js';
import {
  adminAreaCollection,
  adminAreaFeature,
  anyFeatureParams,
  collection,
  collectionParams,
  collections,
  conformance,
  featureParams,
  featureQuery,
  incidentCollection,
  incidentFeature,
  incidentItemsQuery,
  landingPage,
  lineCollection,
  lineFeature,
  linked,
  metaQuery,
  occupiedCollection,
  occupiedFeature,
  placeItemsQuery,
  sectorCollection,
  sectorFeature,
  snapshotItemsQuery,
} from './schema.js';

/** The conformance classes implemented: Core, GeoJSON and the OpenAPI 3.0 definition; no filtering extension. */
export const CONFORMS_TO = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

const tags = ['ogc'];
/** Described by /ogc/api; left out of the main API's document, which covers /api/v1. */
const hide = true;

/** The Swagger UI of the main API's documentation, pointed at this API's definition. */
const SERVICE_DOC = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Truceline OGC API - Features</title>
    <link rel="stylesheet" href="/api/docs/static/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/static/swagger-ui-bundle.js"></script>
    <script>SwaggerUIBundle({ url: '/ogc/api', dom_id: '#swagger-ui' });</script>
  </body>
</html>
`;

function geojson(reply: FastifyReply): FastifyReply {
  return reply.type(GEOJSON);
}

export const ogcRoutes: RoutePlugin = async (app, { services }) => {
  app.get(
    '/',
    {
      schema: {
        hide,
        tags,
        summary: 'The landing page of the OGC API',
        querystring: metaQuery,
        response: { 200: landingPage },
      },
    },
    (request) => {
      const root = rootOf(request);
      return {
        title: 'Truceline',
        description:
          'Ceasefire monitoring open data: published incidents, the line of contact and occupied area per snapshot date, sectors and oblasts.',
        links: [
          { href: root, rel: 'self', type: JSON_TYPE, title: 'This document' },
          { href: `${root}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition' },
          { href: `${root}/docs`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
          { href: `${root}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
          { href: `${root}/collections`, rel: 'data', type: JSON_TYPE, title: 'The collections' },
        ],
      };
    },
  );

  app.get(
    '/conformance',
    {
      schema: {
        hide,
        tags,
        summary: 'The conformance classes implemented',
        querystring: metaQuery,
        response: { 200: conformance },
      },
    },
    () => ({ conformsTo: CONFORMS_TO }),
  );

  app.get(
    '/api',
    { schema: { hide, tags, summary: 'The API definition (OpenAPI 3.0)' } },
    async (request, reply) => {
      const parties = (await allParties(services)).map((p) => p.code);
      const document = ogcDocument({ root: rootOf(request), parties });
      // Sent as text, so that Fastify leaves the media type as written.
      return reply.header('content-type', `${OPENAPI_TYPE}; charset=utf-8`).send(JSON.stringify(document));
    },
  );

  app.get(
    '/docs',
    { schema: { hide, tags, summary: 'The API documentation (Swagger UI)' } },
    (_request, reply) => reply.type('text/html; charset=utf-8').send(SERVICE_DOC),
  );

  app.get(
    '/collections',
    {
      schema: {
        hide,
        tags,
        summary: 'The collections, with their extents',
        querystring: metaQuery,
        response: { 200: collections },
      },
    },
    async (request) => {
      const root = rootOf(request);
      return {
        links: [{ href: `${root}/collections`, rel: 'self', type: JSON_TYPE, title: 'The collections' }],
        collections: (await describeCollections(services)).map((c) => presentCollection(c, root)),
      };
    },
  );

  app.get(
    '/collections/:collectionId',
    {
      schema: {
        hide,
        tags,
        summary: 'One collection, with its extent',
        params: collectionParams,
        querystring: metaQuery,
        response: { 200: collection },
      },
    },
    async (request) =>
      presentCollection(await describeCollection(services, request.params.collectionId), rootOf(request)),
  );

  // ---- items, one route per collection so that each declares the parameters it takes ----

  app.get(
    '/collections/incidents/items',
    {
      schema: {
        hide,
        tags,
        summary: 'Published incidents, oldest first, a page at a time',
        querystring: incidentItemsQuery,
        response: { 200: incidentCollection },
      },
    },
    async (request, reply) => {
      const { limit, offset, bbox, datetime, resultType, verdict, perpetrator, party, agreement } =
        request.query;
      const page = await incidentItems(services, {
        limit,
        offset,
        bbox,
        datetime,
        hits: resultType === 'hits',
        verdict,
        perpetrator,
        party,
        agreement,
      });
      const site = siteOf(request);
      return geojson(reply).send(
        presentPage(request, 'incidents', page, { limit, offset }, (f) => presentIncidentFeature(f, site)),
      );
    },
  );

  app.get(
    '/collections/incidents/items/:featureId',
    {
      schema: {
        hide,
        tags,
        summary: 'One published incident',
        params: featureParams,
        querystring: featureQuery,
        response: { 200: linked(incidentFeature) },
      },
    },
    async (request, reply) => {
      const feature = await incidentItem(services, request.params.featureId);
      return geojson(reply).send(
        withLinks(request, 'incidents', presentIncidentFeature(feature, siteOf(request))),
      );
    },
  );

  app.get(
    '/collections/frontline/items',
    {
      schema: {
        hide,
        tags,
        summary: 'The line of contact of each snapshot, oldest first',
        querystring: snapshotItemsQuery,
        response: { 200: lineCollection },
      },
    },
    async (request, reply) => {
      const { limit, offset, bbox, datetime, resultType } = request.query;
      const query = { limit, offset, bbox, datetime, hits: resultType === 'hits' };
      const page = await snapshotItems(services, 'line', query);
      return geojson(reply).send(
        presentPage(request, 'frontline', page, { limit, offset }, presentLineFeature),
      );
    },
  );

  app.get(
    '/collections/frontline/items/:featureId',
    {
      schema: {
        hide,
        tags,
        summary: 'The line of contact of one snapshot, by the date it is valid from',
        params: featureParams,
        querystring: featureQuery,
        response: { 200: linked(lineFeature) },
      },
    },
    async (request, reply) => {
      const snapshot = await snapshotItem(services, request.params.featureId);
      return geojson(reply).send(withLinks(request, 'frontline', presentLineFeature(snapshot)));
    },
  );

  app.get(
    '/collections/occupied/items',
    {
      schema: {
        hide,
        tags,
        summary: 'The occupied area of each snapshot, oldest first',
        querystring: snapshotItemsQuery,
        response: { 200: occupiedCollection },
      },
    },
    async (request, reply) => {
      const { limit, offset, bbox, datetime, resultType } = request.query;
      const query = { limit, offset, bbox, datetime, hits: resultType === 'hits' };
      const page = await snapshotItems(services, 'occupied', query);
      return geojson(reply).send(
        presentPage(request, 'occupied', page, { limit, offset }, presentOccupiedFeature),
      );
    },
  );

  app.get(
    '/collections/occupied/items/:featureId',
    {
      schema: {
        hide,
        tags,
        summary: 'The occupied area of one snapshot, by the date it is valid from',
        params: featureParams,
        querystring: featureQuery,
        response: { 200: linked(occupiedFeature) },
      },
    },
    async (request, reply) => {
      const snapshot = await snapshotItem(services, request.params.featureId);
      return geojson(reply).send(withLinks(request, 'occupied', presentOccupiedFeature(snapshot)));
    },
  );

  app.get(
    '/collections/sectors/items',
    {
      schema: {
        hide,
        tags,
        summary: 'Sectors, north to south',
        querystring: placeItemsQuery,
        response: { 200: sectorCollection },
      },
    },
    async (request, reply) => {
      const { limit, offset, bbox, resultType } = request.query;
      const page = await sectorItems(services, { limit, offset, bbox, hits: resultType === 'hits' });
      return geojson(reply).send(
        presentPage(request, 'sectors', page, { limit, offset }, presentSectorFeature),
      );
    },
  );

  app.get(
    '/collections/sectors/items/:featureId',
    {
      schema: {
        hide,
        tags,
        summary: 'One sector, by its key',
        params: featureParams,
        querystring: featureQuery,
        response: { 200: linked(sectorFeature) },
      },
    },
    async (request, reply) =>
      geojson(reply).send(
        withLinks(
          request,
          'sectors',
          presentSectorFeature(await sectorItem(services, request.params.featureId)),
        ),
      ),
  );

  app.get(
    '/collections/admin-areas/items',
    {
      schema: {
        hide,
        tags,
        summary: 'Oblasts, by ISO 3166-2 code',
        querystring: placeItemsQuery,
        response: { 200: adminAreaCollection },
      },
    },
    async (request, reply) => {
      const { limit, offset, bbox, resultType } = request.query;
      const page = adminAreaItems({ limit, offset, bbox, hits: resultType === 'hits' });
      return geojson(reply).send(
        presentPage(request, 'admin-areas', page, { limit, offset }, presentAdminAreaFeature),
      );
    },
  );

  app.get(
    '/collections/admin-areas/items/:featureId',
    {
      schema: {
        hide,
        tags,
        summary: 'One oblast, by its ISO 3166-2 code',
        params: featureParams,
        querystring: featureQuery,
        response: { 200: linked(adminAreaFeature) },
      },
    },
    async (request, reply) =>
      geojson(reply).send(
        withLinks(request, 'admin-areas', presentAdminAreaFeature(adminAreaItem(request.params.featureId))),
      ),
  );

  // Items of a collection that does not exist.
  const noCollection = (request: FastifyRequest<{ Params: { collectionId: string } }>) => {
    throw new TrucelineError(
      'COLLECTION_NOT_FOUND',
      `No collection has the id "${request.params.collectionId}".`,
    );
  };
  app.get('/collections/:collectionId/items', { schema: { hide, params: collectionParams } }, noCollection);
  app.get(
    '/collections/:collectionId/items/:featureId',
    { schema: { hide, params: anyFeatureParams } },
    noCollection,
  );
};
