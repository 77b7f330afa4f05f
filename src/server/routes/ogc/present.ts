// The OGC API shapes: links built from the request's own address, collections with their extents, and features
// in GeoJSON (RFC 7946). Each presenter lists every property it sends.

import type { FastifyRequest } from 'fastify';
import type { Sector } from '../../../core/frontline.js';
import { CRS84, GREGORIAN } from '../../../core/ogc.js';
import type {
  AdminAreaFeature,
  CollectionInfo,
  IncidentFeature,
  ItemsPage,
  SnapshotFeature,
} from '../../../services/ogc.js';

export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
/** The media type of the API definition, unquoted: GDAL compares it token by token and rejects `version="3.0"`. */
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/** The site's address as the client reached it (`http://host:port`), for absolute links. */
export function siteOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The OGC API's root address. */
export function rootOf(request: FastifyRequest): string {
  return `${siteOf(request)}/ogc`;
}

export function presentCollection(c: CollectionInfo, root: string) {
  const self = `${root}/collections/${c.id}`;
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    links: [
      { href: self, rel: 'self', type: JSON_TYPE, title: 'This collection' },
      { href: `${self}/items`, rel: 'items', type: GEOJSON, title: `${c.title} as GeoJSON` },
    ],
    extent: {
      ...(c.bbox ? { spatial: { bbox: [[...c.bbox]], crs: CRS84 } } : {}),
      ...(c.interval ? { temporal: { interval: [[...c.interval]], trs: GREGORIAN } } : {}),
    },
    itemType: 'feature' as const,
    crs: [CRS84],
  };
}

/**
 * The links of a page of items: itself, the next and previous pages (the request's own parameters with `offset`
 * moved), and the collection.
 */
export function pageLinks(
  request: FastifyRequest,
  collectionId: string,
  page: {
    readonly limit: number;
    readonly offset: number;
    readonly matched: number;
    readonly returned: number;
  },
) {
  const root = rootOf(request);
  const items = `${root}/collections/${collectionId}/items`;
  const search = new URL(request.url, 'http://host').searchParams;
  const at = (offset: number) => {
    const params = new URLSearchParams(search);
    params.set('limit', String(page.limit));
    if (offset > 0) params.set('offset', String(offset));
    else params.delete('offset');
    return `${items}?${params.toString()}`;
  };
  const query = search.toString();
  const links = [
    { href: query ? `${items}?${query}` : items, rel: 'self', type: GEOJSON, title: 'This page' },
  ];
  if (page.offset + page.returned < page.matched && page.returned > 0)
    links.push({ href: at(page.offset + page.limit), rel: 'next', type: GEOJSON, title: 'The next page' });
  if (page.offset > 0)
    links.push({
      href: at(Math.max(0, page.offset - page.limit)),
      rel: 'prev',
      type: GEOJSON,
      title: 'The previous page',
    });
  links.push({
    href: `${root}/collections/${collectionId}`,
    rel: 'collection',
    type: JSON_TYPE,
    title: 'The collection',
  });
  return links;
}

/** A feature collection: the features, the page's links, when it was made and how many matched. */
export function presentPage<T, F>(
  request: FastifyRequest,
  collectionId: string,
  page: ItemsPage<T>,
  paging: { readonly limit: number; readonly offset: number },
  present: (item: T) => F,
) {
  const features = page.items.map(present);
  return {
    type: 'FeatureCollection' as const,
    features,
    links: pageLinks(request, collectionId, { ...paging, matched: page.matched, returned: features.length }),
    timeStamp: new Date().toISOString(),
    numberMatched: page.matched,
    numberReturned: features.length,
  };
}

/** A single feature with its links. */
export function withLinks<F extends { id: string }>(
  request: FastifyRequest,
  collectionId: string,
  feature: F,
) {
  const collection = `${rootOf(request)}/collections/${collectionId}`;
  return {
    ...feature,
    links: [
      { href: `${collection}/items/${encodeURIComponent(feature.id)}`, rel: 'self', type: GEOJSON },
      { href: collection, rel: 'collection', type: JSON_TYPE },
    ],
  };
}

export function presentIncidentFeature(f: IncidentFeature, site: string) {
  const { incident } = f;
  return {
    type: 'Feature' as const,
    id: incident.id,
    geometry: incident.location
      ? {
          type: 'Point' as const,
          coordinates: [incident.location[0], incident.location[1]] as [number, number],
        }
      : null,
    properties: {
      id: incident.id,
      title: incident.title,
      occurredAt: incident.occurredAt,
      timePrecision: incident.timePrecision,
      perpetrator: incident.perpetrator,
      act: incident.act,
      target: incident.target,
      verdict: f.verdict ?? ('none' as const),
      verdicts: Object.fromEntries(f.verdicts.map((v) => [v.agreement, v.verdict])),
      occurrence: f.occurrence,
      sector: incident.geography?.sector ?? null,
      oblast: incident.geography?.admin1 ?? null,
      locationPrecision: incident.disclosure.location,
      url: `${site}/incidents/${incident.id}`,
    },
  };
}

function snapshotProperties(s: SnapshotFeature) {
  return {
    validFrom: s.summary.validFrom,
    validUntil: s.validUntil,
    source: s.summary.source,
    lineKm: s.summary.lineKm,
    areaKm2: s.summary.areaKm2,
  };
}

const coordinates = (positions: readonly (readonly [number, number])[]) =>
  positions.map((p) => [p[0], p[1]] as [number, number]);

export function presentLineFeature(s: SnapshotFeature) {
  return {
    type: 'Feature' as const,
    id: s.summary.validFrom,
    geometry: { type: 'MultiLineString' as const, coordinates: s.line.map(coordinates) },
    properties: snapshotProperties(s),
  };
}

const multiPolygon = (multi: SnapshotFeature['occupied']) => ({
  type: 'MultiPolygon' as const,
  coordinates: multi.map((polygon) => polygon.map(coordinates)),
});

export function presentOccupiedFeature(s: SnapshotFeature) {
  return {
    type: 'Feature' as const,
    id: s.summary.validFrom,
    geometry: multiPolygon(s.occupied),
    properties: snapshotProperties(s),
  };
}

export function presentSectorFeature(s: Sector) {
  return {
    type: 'Feature' as const,
    id: s.key,
    geometry: multiPolygon(s.region),
    properties: { key: s.key, name: s.name, position: s.position },
  };
}

export function presentAdminAreaFeature(a: AdminAreaFeature) {
  return {
    type: 'Feature' as const,
    id: a.code,
    geometry: multiPolygon(a.geometry),
    properties: { code: a.code, name: a.name },
  };
}
