// OGC API - Features: the collections (incidents, the line of contact and the occupied area per snapshot date,
// sectors, oblasts), their extents and their items, always as the anonymous public sees them. Incidents are the
// published ones only, each as its public copy, and a box finds a blurred one by its blurred point only.

import { adminAreaByCode } from '../core/admin-areas.js';
import { blurCoordinate, publicCopy } from '../core/disclosure.js';
import { TrucelineError } from '../core/errors.js';
import type { Sector } from '../core/frontline.js';
import type { MultiPolygon, Polyline } from '../core/geometry/types.js';
import type { Incident } from '../core/model.js';
import {
  extentOf,
  linesIntersect,
  multiPolygonIntersects,
  type OgcBbox,
  type TimeSpan,
} from '../core/ogc.js';
import { mostSerious, type Verdict } from '../core/screening.js';
import { toUtcIso } from '../core/time.js';
import type { Occurrence } from '../core/verification.js';
import type { Handle } from '../db/engine.js';
import { findingRecordsOf } from '../db/findings.js';
import { findSnapshot, listSectors, listSnapshots, type SnapshotSummary } from '../db/frontline.js';
import { findIncidents, type IncidentFilter, screeningsByIncident } from '../db/incidents.js';
import { ogcIncidentPage, ogcMatchedCount, publishedIncidentBounds } from '../db/ogc.js';
import { loadBoundaries } from '../io/boundaries.js';
import { allAgreementNames } from './agreements.js';
import type { Services } from './context.js';
import { rememberedCount } from './count-memo.js';
import { getIncident, incidentFilter } from './incidents.js';

export const COLLECTION_IDS = ['incidents', 'frontline', 'occupied', 'sectors', 'admin-areas'] as const;
export type CollectionId = (typeof COLLECTION_IDS)[number];

export function isCollectionId(id: string): id is CollectionId {
  return (COLLECTION_IDS as readonly string[]).includes(id);
}

/** What a collection is and where and when its features lie. */
export interface CollectionInfo {
  readonly id: CollectionId;
  readonly title: string;
  readonly description: string;
  /** West, south, east, north of every feature; null when the collection is empty. */
  readonly bbox: readonly [number, number, number, number] | null;
  /** The first and last instants (UTC ISO), either open (null); null when the features have no time. */
  readonly interval: readonly [string | null, string | null] | null;
}

const DESCRIPTIONS: Readonly<Record<CollectionId, { title: string; description: string }>> = {
  incidents: {
    title: 'Incidents',
    description:
      'Published incidents as the public sees them: a blurred location is the centre of its 0.1-degree cell, a withheld one has no geometry. `verdict` is the most serious screening verdict over the agreements (or against `agreement` when that parameter is given).',
  },
  frontline: {
    title: 'Line of contact',
    description:
      'The line of contact of each front-line snapshot, one feature per date it is valid from; `datetime` picks the snapshot in force.',
  },
  occupied: {
    title: 'Occupied area',
    description:
      'The occupied area of each front-line snapshot, one feature per date it is valid from; `datetime` picks the snapshot in force.',
  },
  sectors: {
    title: 'Sectors',
    description:
      'Regions that cut the line of contact into named stretches; an incident belongs to the sector holding the nearest point of the line.',
  },
  'admin-areas': {
    title: 'Oblasts',
    description:
      'Ukraine’s first-level administrative areas (ISO 3166-2:UA), © Мінрегіон, CC BY-SA, simplified at 100 m.',
  },
};

// ---- extents ----

function union(
  boxes: readonly (readonly [number, number, number, number] | null)[],
): [number, number, number, number] | null {
  const present = boxes.filter((b): b is readonly [number, number, number, number] => b !== null);
  if (present.length === 0) return null;
  return [
    Math.min(...present.map((b) => b[0])),
    Math.min(...present.map((b) => b[1])),
    Math.max(...present.map((b) => b[2])),
    Math.max(...present.map((b) => b[3])),
  ];
}

/** The public extent of the incidents: blurred locations bounded by their blurred points, withheld ones left out. */
async function incidentExtent(db: Handle): Promise<Pick<CollectionInfo, 'bbox' | 'interval'>> {
  const bounds = await publishedIncidentBounds(db);
  const boxes = bounds.byDisclosure.map(({ disclosure, bbox }) =>
    disclosure === 'blurred'
      ? ([
          blurCoordinate(bbox[0]),
          blurCoordinate(bbox[1]),
          blurCoordinate(bbox[2]),
          blurCoordinate(bbox[3]),
        ] as const)
      : bbox,
  );
  return { bbox: union(boxes), interval: bounds.interval };
}

/** The extents of a snapshot's line and occupied area, cached by snapshot id (a re-import gets a new id). */
interface SnapshotExtents {
  readonly line: readonly [number, number, number, number] | null;
  readonly occupied: readonly [number, number, number, number] | null;
}
const snapshotExtents = new Map<string, SnapshotExtents>();

async function extentsOf(db: Handle, id: string): Promise<SnapshotExtents> {
  const cached = snapshotExtents.get(id);
  if (cached) return cached;
  const snapshot = await findSnapshot(db, id);
  const extents: SnapshotExtents = {
    line: snapshot ? extentOf(snapshot.line.flat()) : null,
    occupied: snapshot ? extentOf(snapshot.occupied.flatMap((polygon) => polygon[0] ?? [])) : null,
  };
  snapshotExtents.set(id, extents);
  return extents;
}

const dayStart = (date: string): string => `${date}T00:00:00Z`;

async function snapshotExtent(db: Handle, kind: 'line' | 'occupied') {
  const snapshots = await listSnapshots(db);
  const boxes: ([number, number, number, number] | null)[] = [];
  for (const s of snapshots) {
    const box = (await extentsOf(db, s.id))[kind];
    boxes.push(box && [...box]);
  }
  const first = snapshots[0];
  // The last snapshot stays in force until another is imported: the interval is open at the end.
  return { bbox: union(boxes), interval: first ? ([dayStart(first.validFrom), null] as const) : null };
}

function multiPolygonExtent(multi: MultiPolygon) {
  return extentOf(multi.flatMap((polygon) => polygon[0] ?? []));
}

async function extentOfCollection(
  db: Handle,
  id: CollectionId,
): Promise<Pick<CollectionInfo, 'bbox' | 'interval'>> {
  switch (id) {
    case 'incidents':
      return incidentExtent(db);
    case 'frontline':
      return snapshotExtent(db, 'line');
    case 'occupied':
      return snapshotExtent(db, 'occupied');
    case 'sectors':
      return {
        bbox: union((await listSectors(db)).map((s) => multiPolygonExtent(s.region))),
        interval: null,
      };
    case 'admin-areas': {
      const { bbox } = loadBoundaries();
      return { bbox: [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat], interval: null };
    }
  }
}

/** One collection with its extent; an unknown id is COLLECTION_NOT_FOUND. */
export async function describeCollection(services: Services, id: string): Promise<CollectionInfo> {
  if (!isCollectionId(id))
    throw new TrucelineError('COLLECTION_NOT_FOUND', `No collection has the id "${id}".`, {
      collections: COLLECTION_IDS,
    });
  return { id, ...DESCRIPTIONS[id], ...(await extentOfCollection(services.db.kysely, id)) };
}

/** Every collection with its extent. */
export async function describeCollections(services: Services): Promise<CollectionInfo[]> {
  return Promise.all(COLLECTION_IDS.map((id) => describeCollection(services, id)));
}

// ---- items ----

export interface ItemsQuery {
  readonly bbox?: OgcBbox | undefined;
  readonly datetime?: TimeSpan | undefined;
  readonly limit: number;
  readonly offset: number;
  /** Count only (`resultType=hits`). */
  readonly hits?: boolean | undefined;
}

export interface IncidentItemsQuery extends ItemsQuery {
  /** The most serious verdict (against `agreement` when given); `none`: screened against no agreement. */
  readonly verdict?: Verdict | 'none' | undefined;
  /** The alleged perpetrator (`party` and `perpetrator` are the same filter). */
  readonly perpetrator?: string | undefined;
  readonly party?: string | undefined;
  readonly agreement?: string | undefined;
}

export interface ItemsPage<T> {
  readonly items: readonly T[];
  readonly matched: number;
}

/** A published incident as the OGC API shows it. */
export interface IncidentFeature {
  /** The public copy. */
  readonly incident: Incident;
  readonly verdict: Verdict | null;
  readonly verdicts: readonly { readonly agreement: string; readonly verdict: Verdict }[];
  /** The finding's occurrence, once the finding is published. */
  readonly occurrence: Occurrence | null;
}

async function incidentFeatures(
  services: Services,
  incidents: readonly Incident[],
  verdictOf: (incident: Incident, verdicts: readonly Verdict[]) => Verdict | null,
): Promise<IncidentFeature[]> {
  const db = services.db.kysely;
  const ids = incidents.map((i) => i.id);
  const screenings = await screeningsByIncident(db, ids);
  const findings = await findingRecordsOf(db, ids);
  const names = await allAgreementNames(services);
  return incidents.map((incident) => {
    const own = screenings.get(incident.id) ?? [];
    const finding = findings.get(incident.id);
    return {
      incident: publicCopy(incident),
      verdict: verdictOf(
        incident,
        own.map((s) => s.verdict),
      ),
      verdicts: own.map((s) => ({
        agreement: names.get(s.agreementId)?.slug ?? s.agreementId,
        verdict: s.verdict,
      })),
      occurrence: finding?.published ? finding.occurrence : null,
    };
  });
}

/** The public's filter for an items query; an unknown agreement is a bad parameter here, not a missing page. */
async function publicFilter(services: Services, query: IncidentItemsQuery): Promise<IncidentFilter> {
  let filter: IncidentFilter;
  try {
    filter = await incidentFilter(services, null, {
      agreement: query.agreement,
      party: query.perpetrator ?? query.party,
    });
  } catch (error) {
    if (error instanceof TrucelineError && error.code === 'AGREEMENT_NOT_FOUND')
      throw new TrucelineError('VALIDATION_FAILED', `query.agreement: ${error.message}`, {
        issues: [{ path: 'query.agreement', message: error.message }],
      });
    throw error;
  }
  const span = query.datetime;
  return {
    ...filter,
    bbox: query.bbox,
    fromUtc: span?.startMs != null ? toUtcIso(span.startMs) : undefined,
    toUtc: span?.endMs != null ? toUtcIso(span.endMs) : undefined,
  };
}

/** A page of published incidents, oldest first, with the number that match. */
export async function incidentItems(
  services: Services,
  query: IncidentItemsQuery,
): Promise<ItemsPage<IncidentFeature>> {
  // `party` and `perpetrator` name the same property: two different values match nothing.
  if (query.party !== undefined && query.perpetrator !== undefined && query.party !== query.perpetrator)
    return { items: [], matched: 0 };
  const db = services.db.kysely;
  const filter = await publicFilter(services, query);
  const page = await ogcIncidentPage(
    db,
    {
      filter,
      verdict: query.verdict === 'none' ? null : query.verdict,
      limit: query.limit,
      offset: query.offset,
      countOnly: query.hits === true,
    },
    // The page aside: the same count for every page of a query, and for its `resultType=hits`.
    (q) =>
      rememberedCount(services, 'ogc-incidents', { filter: q.filter, verdict: q.verdict }, () =>
        ogcMatchedCount(db, q),
      ),
  );
  const verdicts = new Map(page.items.map((i) => [i.id, i.verdict]));
  const incidents = await findIncidents(
    db,
    page.items.map((i) => i.id),
  );
  const items = await incidentFeatures(services, incidents, (i) => verdicts.get(i.id) ?? null);
  return { items, matched: page.matched };
}

/** One published incident; an unpublished or unknown one is INCIDENT_NOT_FOUND. */
export async function incidentItem(services: Services, id: string): Promise<IncidentFeature> {
  const { incident } = await getIncident(services, null, id);
  const [feature] = await incidentFeatures(services, [incident], (_i, verdicts) => mostSerious(verdicts));
  if (!feature) throw new TrucelineError('INCIDENT_NOT_FOUND', `No incident has the id "${id}".`);
  return feature;
}

// ---- snapshots: line of contact and occupied area ----

export interface SnapshotFeature {
  readonly summary: SnapshotSummary;
  /** The date the next snapshot takes over; null while this one is the latest. */
  readonly validUntil: string | null;
  readonly line: readonly Polyline[];
  readonly occupied: MultiPolygon;
}

/** Whether a snapshot's days [validFrom, validUntil) meet the span. */
function inForceDuring(validFrom: string, validUntil: string | null, span: TimeSpan): boolean {
  const start = Date.parse(`${validFrom}T00:00:00Z`);
  const end = validUntil === null ? Infinity : Date.parse(`${validUntil}T00:00:00Z`);
  return (span.endMs === null || start < span.endMs) && (span.startMs === null || end > span.startMs);
}

async function loadSnapshotFeature(
  db: Handle,
  summary: SnapshotSummary,
  validUntil: string | null,
): Promise<SnapshotFeature> {
  const snapshot = await findSnapshot(db, summary.id);
  if (!snapshot)
    throw new TrucelineError('FEATURE_NOT_FOUND', `The snapshot of ${summary.validFrom} is gone.`);
  return { summary, validUntil, line: snapshot.line, occupied: snapshot.occupied };
}

function boxesMeet(a: readonly [number, number, number, number], bbox: OgcBbox): boolean {
  const [west, south, east, north] = bbox;
  if (a[1] > north || a[3] < south) return false;
  return west <= east ? a[0] <= east && a[2] >= west : a[2] >= west || a[0] <= east;
}

/**
 * Snapshots in force during `datetime` whose line (or occupied area) meets `bbox`, oldest first. A box is tested
 * against each snapshot's extent first, and against its geometry only when the extents meet.
 */
export async function snapshotItems(
  services: Services,
  kind: 'line' | 'occupied',
  query: ItemsQuery,
): Promise<ItemsPage<SnapshotFeature>> {
  const db = services.db.kysely;
  const summaries = await listSnapshots(db);
  const dated = summaries.map((summary, i) => ({ summary, validUntil: summaries[i + 1]?.validFrom ?? null }));
  const { datetime, bbox } = query;
  const inTime = datetime
    ? dated.filter((s) => inForceDuring(s.summary.validFrom, s.validUntil, datetime))
    : dated;
  const matching: { summary: SnapshotSummary; validUntil: string | null; loaded?: SnapshotFeature }[] = [];
  for (const s of inTime) {
    if (bbox === undefined) {
      matching.push(s);
      continue;
    }
    const extent = (await extentsOf(db, s.summary.id))[kind];
    if (extent === null || !boxesMeet(extent, bbox)) continue;
    const loaded = await loadSnapshotFeature(db, s.summary, s.validUntil);
    const meets =
      kind === 'line' ? linesIntersect(loaded.line, bbox) : multiPolygonIntersects(loaded.occupied, bbox);
    // Keep the geometry of the page's own snapshots only.
    const onPage =
      !query.hits && matching.length >= query.offset && matching.length < query.offset + query.limit;
    if (meets) matching.push(onPage ? { ...s, loaded } : s);
  }
  if (query.hits) return { items: [], matched: matching.length };
  const items: SnapshotFeature[] = [];
  for (const s of matching.slice(query.offset, query.offset + query.limit))
    items.push(s.loaded ?? (await loadSnapshotFeature(db, s.summary, s.validUntil)));
  return { items, matched: matching.length };
}

/** The snapshot valid from a date (its feature id). */
export async function snapshotItem(services: Services, date: string): Promise<SnapshotFeature> {
  const summaries = await listSnapshots(services.db.kysely);
  const index = summaries.findIndex((s) => s.validFrom === date);
  const summary = summaries[index];
  if (!summary)
    throw new TrucelineError('FEATURE_NOT_FOUND', `No front-line snapshot is valid from "${date}".`);
  return loadSnapshotFeature(services.db.kysely, summary, summaries[index + 1]?.validFrom ?? null);
}

// ---- sectors and oblasts ----

function page<T>(all: readonly T[], query: ItemsQuery): ItemsPage<T> {
  return {
    items: query.hits ? [] : all.slice(query.offset, query.offset + query.limit),
    matched: all.length,
  };
}

/** Sectors north to south, those meeting `bbox` when given. */
export async function sectorItems(services: Services, query: ItemsQuery): Promise<ItemsPage<Sector>> {
  const { bbox } = query;
  const sectors = await listSectors(services.db.kysely);
  return page(bbox ? sectors.filter((s) => multiPolygonIntersects(s.region, bbox)) : sectors, query);
}

export async function sectorItem(services: Services, key: string): Promise<Sector> {
  const sector = (await listSectors(services.db.kysely)).find((s) => s.key === key);
  if (!sector) throw new TrucelineError('FEATURE_NOT_FOUND', `No sector has the key "${key}".`);
  return sector;
}

export interface AdminAreaFeature {
  readonly code: string;
  readonly name: string;
  readonly geometry: MultiPolygon;
}

function adminAreas(): AdminAreaFeature[] {
  return loadBoundaries().oblasts.map((o) => ({
    code: o.code,
    name: adminAreaByCode(o.code)?.name ?? o.code,
    geometry: o.geometry,
  }));
}

/** The oblasts by ISO code, those meeting `bbox` when given. */
export function adminAreaItems(query: ItemsQuery): ItemsPage<AdminAreaFeature> {
  const { bbox } = query;
  const all = adminAreas().sort((a, b) => a.code.localeCompare(b.code));
  return page(bbox ? all.filter((a) => multiPolygonIntersects(a.geometry, bbox)) : all, query);
}

export function adminAreaItem(code: string): AdminAreaFeature {
  const area = adminAreas().find((a) => a.code === code);
  if (!area) throw new TrucelineError('FEATURE_NOT_FOUND', `No oblast has the code "${code}".`);
  return area;
}
