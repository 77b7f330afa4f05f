// GeoJSON as RFC 7946 writes it: a FeatureCollection of WGS84 `[lon, lat]` positions with at most seven decimals,
// written feature by feature so that it can be streamed, and polygons wound by the right-hand rule.

/** A position as written: `[lon, lat]`. */
export type Position = readonly [number, number];

export type Geometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'MultiLineString'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

export type PropertyValue =
  string | number | boolean | null | readonly PropertyValue[] | { readonly [key: string]: PropertyValue };

export interface Feature {
  readonly id?: string;
  /** Null for a feature without a (public) location. */
  readonly geometry: Geometry | null;
  readonly properties: Readonly<Record<string, PropertyValue>>;
}

/** RFC 7946 §11.2: seven decimals are about a centimetre; more only pretends to a precision nobody has. */
const DECIMALS = 1e7;

export function roundCoordinate(value: number): number {
  return Math.round(value * DECIMALS) / DECIMALS;
}

const position = (p: Position): [number, number] => [roundCoordinate(p[0]), roundCoordinate(p[1])];

/** Twice the signed area of a ring in the lon/lat plane: positive when it runs counterclockwise. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (a && b) sum += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return sum;
}

/** RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise. */
function wound(rings: readonly (readonly Position[])[]): [number, number][][] {
  return rings.map((ring, i) => {
    const counterclockwise = signedArea(ring) > 0;
    const wanted = i === 0;
    const points = ring.map(position);
    return counterclockwise === wanted ? points : points.reverse();
  });
}

/** The geometry as it is written: rounded, and polygons wound by the right-hand rule. */
export function writtenGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: g.type, coordinates: position(g.coordinates) };
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(position) };
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((line) => line.map(position)) };
    case 'Polygon':
      return { type: g.type, coordinates: wound(g.coordinates) };
    case 'MultiPolygon':
      return { type: g.type, coordinates: g.coordinates.map(wound) };
  }
}

/** One feature as JSON text. */
export function featureJson(feature: Feature): string {
  return JSON.stringify({
    type: 'Feature',
    ...(feature.id === undefined ? {} : { id: feature.id }),
    geometry: feature.geometry && writtenGeometry(feature.geometry),
    properties: feature.properties,
  });
}

/**
 * A FeatureCollection as text, one feature per line. `members` are foreign members written before the features
 * (RFC 7946 §6.1: a name, the time it was made); never a `crs`, which RFC 7946 removed.
 */
export async function* featureCollectionText(
  features: AsyncIterable<Feature> | Iterable<Feature>,
  members: Readonly<Record<string, PropertyValue>> = {},
): AsyncGenerator<string> {
  const head = JSON.stringify({ type: 'FeatureCollection', ...members });
  yield `${head.slice(0, -1)},"features":[`;
  let first = true;
  for await (const feature of features) {
    yield `${first ? '\n' : ',\n'}${featureJson(feature)}`;
    first = false;
  }
  yield '\n]}\n';
}
