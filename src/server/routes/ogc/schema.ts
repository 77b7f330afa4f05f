// Query and response schemas of the OGC API - Features endpoints (OGC 17-069r4, Part 1: Core). The same schemas
// validate requests, check responses and are converted into the API definition served at /ogc/api.

import { z } from 'zod';
import { partyCodeSchema } from '../../../core/schemas.js';
import { OGC_LIMIT_DEFAULT, OGC_LIMIT_MAX, parseBbox, parseDatetime } from '../../../core/ogc.js';
import { VERDICTS } from '../../../core/screening.js';
import { COLLECTION_IDS } from '../../../services/ogc.js';
import { exampleOf } from '../../openapi.js';

// ---- parameters ----

/** `f`: the encoding. Only JSON is served (GeoJSON for features); an HTML page is not offered. */
const metaFormat = z
  .enum(['json'])
  .optional()
  .describe('The encoding of the response: `json` (the only one)');
const featureFormat = z
  .enum(['json', 'geojson'])
  .optional()
  .describe('The encoding of the response: GeoJSON (`json` or `geojson`)');

const bbox = z
  .string()
  .transform((text, ctx) => {
    const parsed = parseBbox(text);
    if (parsed.ok) return parsed.bbox;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  })
  .describe(
    'Only features whose geometry meets the box `west,south,east,north` in WGS 84 longitude and latitude (CRS84); west > east crosses the antimeridian. Six numbers (with heights) are accepted and the heights ignored.',
  );

const datetime = z
  .string()
  .transform((text, ctx) => {
    const parsed = parseDatetime(text);
    if (parsed.ok) return parsed.span;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  })
  .describe(
    'An instant (`2025-03-25`, `2025-03-25T10:00:00Z`) or an interval, either end open (`2025-03-01/2025-03-31`, `../2025-04-01`, `2025-03-25/..`). Both ends are inclusive; a date is its whole UTC day.',
  );

const limit = z.coerce
  .number()
  .int()
  .min(1)
  .default(OGC_LIMIT_DEFAULT)
  .transform((n) => Math.min(n, OGC_LIMIT_MAX))
  .describe(`The most features on a page; more than ${OGC_LIMIT_MAX} is read as ${OGC_LIMIT_MAX}`);

const offset = z.coerce
  .number()
  .int()
  .min(0)
  .default(0)
  .describe('How many matching features to skip (the `next` and `prev` links set it)');

const resultType = z
  .enum(['results', 'hits'])
  .default('results')
  .describe('`hits`: only `numberMatched`, no features');

const common = { f: featureFormat, limit, offset, bbox: bbox.optional(), resultType };

export const incidentItemsQuery = z.strictObject({
  ...common,
  datetime: datetime.optional(),
  verdict: z
    .enum([...VERDICTS, 'none'])
    .optional()
    .describe(
      'The `verdict` property: the most serious screening verdict over the agreements (covered > contested > unknown > not-covered), or against `agreement` when given; `none`: screened against none',
    ),
  perpetrator: partyCodeSchema.optional().describe('The alleged perpetrator (the `perpetrator` property)'),
  party: partyCodeSchema.optional().describe('The alleged perpetrator, as `party` of /api/v1/incidents'),
  agreement: z
    .string()
    .min(1)
    .optional()
    .describe('Agreement id or slug: incidents screened against it, with `verdict` taken against it'),
});

/** The line of contact and the occupied area: features have a time (the days their snapshot is in force). */
export const snapshotItemsQuery = z.strictObject({ ...common, datetime: datetime.optional() });

/** Sectors and oblasts have no time: `datetime` is not a parameter of theirs. */
export const placeItemsQuery = z.strictObject(common);

export const metaQuery = z.strictObject({ f: metaFormat });
export const featureQuery = z.strictObject({ f: featureFormat });

export const collectionParams = z.object({ collectionId: z.string().describe('The collection') });
export const featureParams = z.object({ featureId: z.string().min(1).describe('The feature id') });
export const anyFeatureParams = collectionParams.extend(featureParams.shape);

// ---- responses ----

export const link = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
});

const HOST = 'http://localhost:8080/ogc';

export const landingPage = exampleOf(
  z.object({ title: z.string(), description: z.string(), links: z.array(link) }),
  {
    title: 'Truceline',
    description: 'Published incidents, the line of contact, sectors and oblasts as OGC API - Features.',
    links: [
      { href: `${HOST}?f=json`, rel: 'self', type: 'application/json', title: 'This document' },
      {
        href: `${HOST}/api`,
        rel: 'service-desc',
        type: 'application/vnd.oai.openapi+json;version=3.0',
        title: 'The API definition',
      },
    ],
  },
);

export const conformance = exampleOf(z.object({ conformsTo: z.array(z.string()) }), {
  conformsTo: ['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core'],
});

const extent = z.object({
  spatial: z
    .object({ bbox: z.array(z.array(z.number()).length(4)), crs: z.string() })
    .optional()
    .describe('Where the features lie, as the public sees them'),
  temporal: z
    .object({ interval: z.array(z.array(z.string().nullable()).length(2)), trs: z.string() })
    .optional()
    .describe('When: the first and last instants, null where open'),
});

export const collection = exampleOf(
  z.object({
    id: z.enum(COLLECTION_IDS),
    title: z.string(),
    description: z.string(),
    links: z.array(link),
    extent: extent.optional(),
    itemType: z.literal('feature'),
    crs: z.array(z.string()),
  }),
  {
    id: 'incidents',
    title: 'Incidents',
    description: 'Published incidents as the public sees them.',
    links: [{ href: `${HOST}/collections/incidents/items`, rel: 'items', type: 'application/geo+json' }],
    extent: {
      spatial: {
        bbox: [[31.95, 46.6, 43.4, 52.0]],
        crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
      },
      temporal: {
        interval: [['2025-03-18T18:50:00.000Z', '2025-04-16T09:00:00.000Z']],
        trs: 'http://www.opengis.net/def/uri/ISO-8601/0/Gregorian',
      },
    },
    itemType: 'feature',
    crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
  },
);

export const collections = z.object({ links: z.array(link), collections: z.array(collection) });

const position = z.tuple([z.number(), z.number()]);
const point = z.object({ type: z.literal('Point'), coordinates: position });
const multiLineString = z.object({
  type: z.literal('MultiLineString'),
  coordinates: z.array(z.array(position)),
});
const multiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(position))),
});

export const incidentProperties = z.object({
  id: z.string(),
  title: z.string(),
  occurredAt: z.string().describe('The time as stated, with its offset (RFC 3339)'),
  timePrecision: z.string().describe('minute, hour, day, week or month'),
  perpetrator: z.string().nullable().describe('The alleged perpetrator'),
  act: z.string().nullable(),
  target: z.string().nullable().describe('Target code of the taxonomy'),
  verdict: z.enum([...VERDICTS, 'none']),
  verdicts: z.record(z.string(), z.enum(VERDICTS)).describe('The verdict against each agreement, by slug'),
  occurrence: z.string().nullable().describe('The published finding on whether it happened'),
  sector: z.string().nullable(),
  oblast: z.string().nullable().describe('ISO 3166-2:UA code'),
  locationPrecision: z
    .enum(['exact', 'blurred', 'withheld'])
    .describe('blurred: the centre of its 0.1-degree cell; withheld: no geometry'),
  url: z.string().describe('The incident’s page'),
});

export const snapshotProperties = z.object({
  validFrom: z.string().describe('The first day the snapshot is in force (YYYY-MM-DD)'),
  validUntil: z.string().nullable().describe('The day the next snapshot takes over; null: still in force'),
  source: z.string(),
  lineKm: z.number(),
  areaKm2: z.number(),
});

export const sectorProperties = z.object({ key: z.string(), name: z.string(), position: z.number() });
export const adminAreaProperties = z.object({ code: z.string(), name: z.string() });

const feature = <G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) =>
  z.object({ type: z.literal('Feature'), id: z.string(), geometry, properties });

/** A single feature as served at /items/{featureId}: with its own links. */
export const linked = (schema: z.ZodObject) => schema.extend({ links: z.array(link) });

export const incidentFeature = feature(point.nullable(), incidentProperties);
export const lineFeature = feature(multiLineString, snapshotProperties);
export const occupiedFeature = feature(multiPolygon, snapshotProperties);
export const sectorFeature = feature(multiPolygon, sectorProperties);
export const adminAreaFeature = feature(multiPolygon, adminAreaProperties);

const featureCollection = <F extends z.ZodType>(item: F) =>
  z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(item),
    links: z.array(link),
    timeStamp: z.string(),
    numberMatched: z.number().int(),
    numberReturned: z.number().int(),
  });

export const incidentCollection = exampleOf(featureCollection(incidentFeature), {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: '0b5c5a8e-3f7e-4c53-9a55-2f1c7b7e4d10',
      geometry: { type: 'Point', coordinates: [37.55, 48.85] },
      properties: {
        id: '0b5c5a8e-3f7e-4c53-9a55-2f1c7b7e4d10',
        title: 'Drone strike on an energy facility in Sloviansk',
        occurredAt: '2025-03-18T20:50:00+02:00',
        timePrecision: 'minute',
        perpetrator: 'RU',
        act: 'drone-strike',
        target: 'infrastructure.energy',
        verdict: 'contested',
        verdicts: { 'energy-moratorium-2025-03': 'contested' },
        occurrence: 'alleged',
        sector: 'donetsk-north',
        oblast: 'UA-14',
        locationPrecision: 'blurred',
        url: 'http://localhost:8080/incidents/0b5c5a8e-3f7e-4c53-9a55-2f1c7b7e4d10',
      },
    },
  ],
  links: [
    {
      href: `${HOST}/collections/incidents/items?limit=1`,
      rel: 'self',
      type: 'application/geo+json',
    },
    {
      href: `${HOST}/collections/incidents/items?limit=1&offset=1`,
      rel: 'next',
      type: 'application/geo+json',
    },
  ],
  timeStamp: '2025-04-20T12:00:00.000Z',
  numberMatched: 15,
  numberReturned: 1,
});
export const lineCollection = featureCollection(lineFeature);
export const occupiedCollection = featureCollection(occupiedFeature);
export const sectorCollection = featureCollection(sectorFeature);
export const adminAreaCollection = featureCollection(adminAreaFeature);
