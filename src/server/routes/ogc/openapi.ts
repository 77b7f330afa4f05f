// The API definition of the OGC API (/ogc/api), for GIS clients: OpenAPI 3.0, one path per collection with the
// query parameters its items accept, generated from the same zod schemas that validate the requests. GDAL reads
// it to decide what to ask the server for: a `-where "verdict = 'covered'"` is sent as `verdict=covered` because
// `verdict` is a parameter of /collections/incidents/items and a property of its features.

import { z } from 'zod';
import { OGC_LIMIT_DEFAULT, OGC_LIMIT_MAX } from '../../../core/ogc.js';
import { COLLECTION_IDS, type CollectionId } from '../../../services/ogc.js';
import { GEOJSON, JSON_TYPE, OPENAPI_TYPE } from './present.js';
import {
  adminAreaCollection,
  adminAreaFeature,
  collection,
  collections,
  conformance,
  featureQuery,
  incidentCollection,
  incidentFeature,
  incidentItemsQuery,
  landingPage,
  lineCollection,
  lineFeature,
  metaQuery,
  occupiedCollection,
  occupiedFeature,
  placeItemsQuery,
  sectorCollection,
  sectorFeature,
  snapshotItemsQuery,
} from './schema.js';

type JsonObject = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonObject =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });

/** The standard's own definitions of `bbox` and `limit` (OGC 17-069r4, 7.15.3 and 7.15.2). */
const STANDARD_SCHEMAS: Readonly<Record<string, JsonObject>> = {
  bbox: {
    type: 'array',
    minItems: 4,
    maxItems: 6,
    items: { type: 'number' },
  },
  limit: { type: 'integer', minimum: 1, maximum: OGC_LIMIT_MAX, default: OGC_LIMIT_DEFAULT },
};

/** The query parameters of a strict zod object, each with its schema and description. */
function parameters(query: z.ZodObject, enums: Readonly<Record<string, readonly string[]>>): JsonObject[] {
  return Object.entries(query.shape).map(([name, field]) => {
    const { description, ...schema } = toSchema(field as z.ZodType, 'input');
    const values = enums[name];
    return {
      name,
      in: 'query',
      required: false,
      ...(typeof description === 'string' ? { description } : {}),
      ...(name === 'bbox' ? { style: 'form', explode: false } : {}),
      schema: STANDARD_SCHEMAS[name] ?? (values ? { ...schema, enum: [...values] } : schema),
    };
  });
}

function ok(description: string, type: string, ref: string) {
  return { description, content: { [type]: { schema: { $ref: `#/components/schemas/${ref}` } } } };
}

const ERRORS = {
  '400': ok('A parameter is not valid; `error.details.issues` names it', JSON_TYPE, 'Error'),
  '404': ok('No such collection or feature', JSON_TYPE, 'Error'),
};

const ITEMS: Readonly<
  Record<CollectionId, { query: z.ZodObject; page: z.ZodType; feature: z.ZodType; name: string }>
> = {
  incidents: {
    query: incidentItemsQuery,
    page: incidentCollection,
    feature: incidentFeature,
    name: 'Incident',
  },
  frontline: { query: snapshotItemsQuery, page: lineCollection, feature: lineFeature, name: 'Line' },
  occupied: {
    query: snapshotItemsQuery,
    page: occupiedCollection,
    feature: occupiedFeature,
    name: 'Occupied',
  },
  sectors: { query: placeItemsQuery, page: sectorCollection, feature: sectorFeature, name: 'Sector' },
  'admin-areas': {
    query: placeItemsQuery,
    page: adminAreaCollection,
    feature: adminAreaFeature,
    name: 'AdminArea',
  },
};

export interface DocumentOptions {
  /** The OGC API's root address, the document's server. */
  readonly root: string;
  /** The party codes `perpetrator` and `party` may take. */
  readonly parties: readonly string[];
}

/** The OpenAPI 3.0 definition of the OGC endpoints. */
export function ogcDocument({ root, parties }: DocumentOptions): JsonObject {
  const meta = parameters(metaQuery, {});
  const paths: Record<string, JsonObject> = {
    '/': {
      get: {
        tags: ['Capabilities'],
        summary: 'The landing page',
        operationId: 'getLandingPage',
        parameters: meta,
        responses: {
          '200': ok('Links to the API definition, conformance and collections', JSON_TYPE, 'LandingPage'),
        },
      },
    },
    '/conformance': {
      get: {
        tags: ['Capabilities'],
        summary: 'The conformance classes implemented',
        operationId: 'getConformance',
        parameters: meta,
        responses: { '200': ok('The conformance classes', JSON_TYPE, 'Conformance') },
      },
    },
    '/api': {
      get: {
        tags: ['Capabilities'],
        summary: 'This API definition',
        operationId: 'getApi',
        responses: { '200': { description: 'OpenAPI 3.0', content: { [OPENAPI_TYPE]: {} } } },
      },
    },
    '/collections': {
      get: {
        tags: ['Capabilities'],
        summary: 'The collections, with their extents',
        operationId: 'getCollections',
        parameters: meta,
        responses: { '200': ok('The collections', JSON_TYPE, 'Collections') },
      },
    },
  };
  const schemas: Record<string, JsonObject> = {
    LandingPage: toSchema(landingPage, 'output'),
    Conformance: toSchema(conformance, 'output'),
    Collections: toSchema(collections, 'output'),
    Collection: toSchema(collection, 'output'),
    Error: toSchema(
      z.object({
        error: z.object({
          code: z.string(),
          message: z.string(),
          details: z.record(z.string(), z.unknown()),
        }),
      }),
      'output',
    ),
  };
  const enums = { perpetrator: parties, party: parties };
  for (const id of COLLECTION_IDS) {
    const { query, page, feature, name } = ITEMS[id];
    schemas[`${name}Collection`] = toSchema(page, 'output');
    schemas[`${name}Feature`] = toSchema(feature, 'output');
    paths[`/collections/${id}`] = {
      get: {
        tags: [id],
        summary: `The ${id} collection, with its extent`,
        operationId: `describe-${id}`,
        parameters: meta,
        responses: { '200': ok('The collection', JSON_TYPE, 'Collection'), ...ERRORS },
      },
    };
    paths[`/collections/${id}/items`] = {
      get: {
        tags: [id],
        summary: `The ${id} features, a page at a time`,
        operationId: `get-${id}-features`,
        parameters: parameters(query, enums),
        responses: { '200': ok('A page of features', GEOJSON, `${name}Collection`), ...ERRORS },
      },
    };
    paths[`/collections/${id}/items/{featureId}`] = {
      get: {
        tags: [id],
        summary: `One feature of ${id}`,
        operationId: `get-${id}-feature`,
        parameters: [
          { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
          ...parameters(featureQuery, {}),
        ],
        responses: { '200': ok('The feature', GEOJSON, `${name}Feature`), ...ERRORS },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Truceline OGC API - Features',
      version: '1.0.0',
      description:
        'Published incidents, the line of contact and occupied area per snapshot date, sectors and oblasts, in WGS 84 (CRS84). Only what the public may see: published incidents, blurred locations at the centre of their 0.1-degree cell, withheld locations without geometry.',
    },
    servers: [{ url: root }],
    paths,
    components: { schemas },
  };
}
