// KML 2.2 (OGC 07-147r2) for Google Earth and QGIS: a Document of Placemarks, each with its data as ExtendedData,
// written placemark by placemark so that it can be streamed. All text is XML-escaped.

import { type Geometry, type Position, roundCoordinate } from './geojson.js';

export interface Placemark {
  readonly id?: string;
  readonly name: string;
  readonly description?: string | null;
  /** A style of the document (`#covered`), for colour by verdict or kind. */
  readonly styleUrl?: string;
  /** When it happened (an ISO 8601 date or time), or the span it was valid for. */
  readonly when?: { readonly at: string } | { readonly begin: string; readonly end: string | null };
  /** Null for a placemark without a (public) location: KML allows it, and its data still reads. */
  readonly geometry: Geometry | null;
  /** Written as `<Data name="...">`, in this order; null as an empty value. */
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
}

export interface KmlStyle {
  readonly id: string;
  /** KML colours are `aabbggrr`. */
  readonly color: string;
}

/** Characters XML 1.0 does not allow at all (control characters other than tab, LF and CR, lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data or an attribute value: escaped, and stripped of what XML cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const coordinates = (points: readonly Position[]) =>
  `<coordinates>${points.map((p) => `${roundCoordinate(p[0])},${roundCoordinate(p[1])}`).join(' ')}</coordinates>`;

function polygon(rings: readonly (readonly Position[])[]): string {
  const [outer, ...inner] = rings;
  if (!outer) return '';
  const ring = (r: readonly Position[]) => `<LinearRing>${coordinates(r)}</LinearRing>`;
  return `<Polygon><outerBoundaryIs>${ring(outer)}</outerBoundaryIs>${inner
    .map((r) => `<innerBoundaryIs>${ring(r)}</innerBoundaryIs>`)
    .join('')}</Polygon>`;
}

const multi = (parts: readonly string[]) =>
  parts.length === 1 ? (parts[0] ?? '') : `<MultiGeometry>${parts.join('')}</MultiGeometry>`;

/** A GeoJSON geometry as KML: multi-part geometries become a MultiGeometry of their parts. */
export function kmlGeometry(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `<Point>${coordinates([g.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString><tessellate>1</tessellate>${coordinates(g.coordinates)}</LineString>`;
    case 'MultiLineString':
      return multi(
        g.coordinates.map(
          (line) => `<LineString><tessellate>1</tessellate>${coordinates(line)}</LineString>`,
        ),
      );
    case 'Polygon':
      return polygon(g.coordinates);
    case 'MultiPolygon':
      return multi(g.coordinates.map(polygon));
  }
}

function when(w: NonNullable<Placemark['when']>): string {
  if ('at' in w) return `<TimeStamp><when>${escapeXml(w.at)}</when></TimeStamp>`;
  return `<TimeSpan><begin>${escapeXml(w.begin)}</begin>${w.end === null ? '' : `<end>${escapeXml(w.end)}</end>`}</TimeSpan>`;
}

/** One Placemark as KML text. */
export function placemarkXml(p: Placemark): string {
  const data = Object.entries(p.data)
    .map(
      ([name, value]) =>
        `<Data name="${escapeXml(name)}"><value>${value === null ? '' : escapeXml(String(value))}</value></Data>`,
    )
    .join('');
  return [
    `<Placemark${p.id === undefined ? '' : ` id="${escapeXml(p.id)}"`}>`,
    `<name>${escapeXml(p.name)}</name>`,
    p.description ? `<description>${escapeXml(p.description)}</description>` : '',
    p.when ? when(p.when) : '',
    p.styleUrl ? `<styleUrl>${escapeXml(p.styleUrl)}</styleUrl>` : '',
    `<ExtendedData>${data}</ExtendedData>`,
    p.geometry ? kmlGeometry(p.geometry) : '',
    '</Placemark>',
  ].join('');
}

function styleXml(s: KmlStyle): string {
  const id = escapeXml(s.id);
  const color = escapeXml(s.color);
  return `<Style id="${id}"><IconStyle><color>${color}</color></IconStyle><LineStyle><color>${color}</color><width>2</width></LineStyle><PolyStyle><color>${color}</color></PolyStyle></Style>`;
}

/** A KML document as text, one placemark per line. */
export async function* kmlText(
  document: { readonly name: string; readonly description?: string; readonly styles?: readonly KmlStyle[] },
  placemarks: AsyncIterable<Placemark> | Iterable<Placemark>,
): AsyncGenerator<string> {
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n',
    `<name>${escapeXml(document.name)}</name>\n`,
    document.description ? `<description>${escapeXml(document.description)}</description>\n` : '',
    ...(document.styles ?? []).map((s) => `${styleXml(s)}\n`),
  ].join('');
  for await (const p of placemarks) yield `${placemarkXml(p)}\n`;
  yield '</Document>\n</kml>\n';
}
