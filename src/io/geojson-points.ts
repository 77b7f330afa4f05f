// Point incidents from JSON: a GeoJSON FeatureCollection of Points with properties, or an array of records with
// `date, location, description, sources, latitude, longitude` (the civilian-harm exports). One result per feature.

import { createHash } from 'node:crypto';
import { isAct } from '../core/taxonomy.js';
import { fatal, type IncidentDraft, mapRow, RowError, type RowResult, type TextSource } from './rows.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function first(props: Json, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = text(props[key]);
    if (value !== null) return value;
  }
  return null;
}

function coordinate(value: unknown, field: string, limit: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new RowError(
      field,
      'INVALID_NUMBER',
      `${value === undefined ? 'nothing' : JSON.stringify(value)} is not a number`,
    );
  }
  if (Math.abs(n) > limit) throw new RowError(field, 'OUT_OF_RANGE', `${n} is outside -${limit} to ${limit}`);
  return n;
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Fields copied as they are when a feature's properties carry them under our own names. */
const PASSTHROUGH = [
  'act',
  'domain',
  'target',
  'perpetrator',
  'weapon',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'eventType',
  'subEventType',
  'actor1',
  'actor2',
  'timePrecision',
  'observation',
] as const;

const TITLE_MAX = 120;

function shorten(value: string): string {
  return value.length <= TITLE_MAX ? value : `${value.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

export interface PointOptions {
  /** The prefix of refs made from an `id` or a hash (default `geojson`); a `ref` property is used as it is. */
  readonly refPrefix?: string;
}

/** One point record (its properties and position) as an incident draft; throws `RowError` naming the field. */
export function pointIncident(
  props: Json,
  position: { lon: unknown; lat: unknown } | null,
  id: unknown,
  options: PointOptions = {},
): IncidentDraft {
  const date = first(props, ['date', 'occurredAt', 'event_date', 'datetime', 'time']);
  if (date === null) throw new RowError('date', 'REQUIRED', 'the record has no date');
  if (!DATE.test(date))
    throw new RowError('date', 'INVALID_DATE', `"${date}" is not an ISO 8601 date or time`);
  const location =
    position === null
      ? null
      : { lat: coordinate(position.lat, 'latitude', 90), lon: coordinate(position.lon, 'longitude', 180) };
  const description = first(props, ['description', 'notes', 'summary']);
  const place = first(props, ['location', 'locationName', 'place', 'name']);
  const title = first(props, ['title']) ?? (description !== null ? shorten(description) : place);
  if (title === null)
    throw new RowError('description', 'REQUIRED', 'the record has no title, description or location');
  const sources = props['sources'] ?? props['source'] ?? props['url'];
  const sourceText = Array.isArray(sources)
    ? sources
        .map(text)
        .filter((s) => s !== null)
        .join('\n') || null
    : text(sources);
  const act = text(props['act']);
  if (act !== null && !isAct(act))
    throw new RowError('act', 'UNKNOWN_VALUE', `"${act}" is not an act of the taxonomy`);
  const prefix = options.refPrefix ?? 'geojson';
  const ownId = text(id) ?? text(props['id']);
  const hash = createHash('sha256')
    .update([date, location?.lon ?? '', location?.lat ?? '', place ?? '', description ?? ''].join('\u001f'))
    .digest('hex')
    .slice(0, 20);
  const fatalities = props['fatalities'];
  const draft: IncidentDraft = {
    ref: text(props['ref']) ?? `${prefix}:${ownId ?? hash}`,
    occurredAt: date,
    title,
    locationName: place,
    location,
    sourceText,
    notes: description,
    ...(typeof fatalities === 'number' ? { fatalities } : {}),
  };
  const extra: Record<string, unknown> = {};
  for (const key of PASSTHROUGH) if (props[key] !== undefined && props[key] !== null) extra[key] = props[key];
  return { ...draft, ...(extra as Partial<IncidentDraft>) };
}

async function readAll(source: TextSource): Promise<string> {
  if (typeof source === 'string') return source;
  // Buffers are joined before decoding: a chunk may end inside a multi-byte character.
  const parts: Buffer[] = [];
  for await (const chunk of source as AsyncIterable<string | Buffer>) {
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

function featureResult(feature: unknown, line: number, options: PointOptions): RowResult {
  return mapRow(line, () => {
    if (!isObject(feature)) throw new RowError('feature', 'INVALID_FEATURE', 'is not an object');
    if (feature['type'] === 'Feature') {
      const props = isObject(feature['properties']) ? feature['properties'] : {};
      const geometry = feature['geometry'];
      if (geometry === null || geometry === undefined)
        return pointIncident(props, null, feature['id'], options);
      if (!isObject(geometry) || geometry['type'] !== 'Point') {
        const type = isObject(geometry) ? String(geometry['type']) : typeof geometry;
        throw new RowError('geometry', 'NOT_A_POINT', `is a ${type}, not a Point`);
      }
      const coordinates = geometry['coordinates'];
      if (!Array.isArray(coordinates) || coordinates.length < 2) {
        throw new RowError('geometry', 'INVALID_POSITION', 'coordinates must be [lon, lat]');
      }
      return pointIncident(props, { lon: coordinates[0], lat: coordinates[1] }, feature['id'], options);
    }
    const hasPosition = feature['latitude'] != null || feature['longitude'] != null;
    return pointIncident(
      feature,
      hasPosition ? { lon: feature['longitude'], lat: feature['latitude'] } : null,
      feature['id'],
      options,
    );
  });
}

/**
 * Reads a FeatureCollection of Points or an array of point records (`line` is the feature's 1-based index).
 * Text that is not JSON, or JSON of another shape, gives one fatal result.
 */
export async function* parseGeoJsonPoints(
  source: TextSource,
  options: PointOptions = {},
): AsyncGenerator<RowResult> {
  let json: unknown;
  try {
    json = JSON.parse(await readAll(source));
  } catch (error) {
    yield fatal(
      1,
      'file',
      'MALFORMED_JSON',
      `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  const features = Array.isArray(json)
    ? json
    : isObject(json) && json['type'] === 'FeatureCollection' && Array.isArray(json['features'])
      ? json['features']
      : isObject(json) && json['type'] === 'Feature'
        ? [json]
        : null;
  if (features === null) {
    yield fatal(
      1,
      'features',
      'MISSING_FEATURES',
      'not a GeoJSON FeatureCollection or an array of point records',
    );
    return;
  }
  for (const [i, feature] of features.entries()) yield featureResult(feature, i + 1, options);
}
