// Front-line snapshots and sectors. Geometry is stored as GeoJSON text and parsed back into checked positions.

import type { Sector } from '../core/frontline.js';
import { lonLat, type LonLat } from '../core/geo.js';
import type { MultiPolygon, Polyline } from '../core/geometry/types.js';
import type { Verdict } from '../core/screening.js';
import type { Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type { FrontlineSnapshotsTable, SectorsTable } from './schema.js';

/** A snapshot without its geometry, as listed. */
export interface SnapshotSummary {
  readonly id: string;
  readonly validFrom: string;
  readonly source: string;
  readonly lineKm: number;
  readonly areaKm2: number;
  readonly createdAt: string;
}

/** One feature's fate in the import, as stored with the snapshot. */
export interface StoredFeatureReport {
  readonly index: number;
  readonly name: string | null;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly notes?: readonly string[];
}

export interface Snapshot extends SnapshotSummary {
  readonly occupied: MultiPolygon;
  readonly line: readonly Polyline[];
  readonly report: readonly StoredFeatureReport[];
}

function summaryFromRow(row: Omit<FrontlineSnapshotsTable, 'occupied_json' | 'line_json' | 'report_json'>) {
  return {
    id: row.id,
    validFrom: row.valid_from,
    source: row.source,
    lineKm: row.line_km,
    areaKm2: row.area_km2,
    createdAt: row.created_at,
  };
}

// Stored positions were checked on the way in.
const position = (p: readonly number[]): LonLat => lonLat(p[0] ?? NaN, p[1] ?? NaN) as LonLat;

function snapshotFromRow(row: FrontlineSnapshotsTable): Snapshot {
  const occupied = fromJson<{ coordinates: number[][][][] }>(row.occupied_json).coordinates;
  const line = fromJson<{ coordinates: number[][][] }>(row.line_json).coordinates;
  return {
    ...summaryFromRow(row),
    occupied: occupied.map((polygon) => polygon.map((ring) => ring.map(position))),
    line: line.map((part) => part.map(position)),
    report: fromJson<StoredFeatureReport[]>(row.report_json),
  };
}

const SUMMARY_COLUMNS = ['id', 'valid_from', 'source', 'line_km', 'area_km2', 'created_at'] as const;

/** Every snapshot, oldest first, without geometry. */
export async function listSnapshots(db: Handle): Promise<SnapshotSummary[]> {
  const rows = await db
    .selectFrom('frontline_snapshots')
    .select(SUMMARY_COLUMNS)
    .orderBy('valid_from')
    .execute();
  return rows.map(summaryFromRow);
}

export async function findSnapshot(db: Handle, id: string): Promise<Snapshot | null> {
  const row = await db.selectFrom('frontline_snapshots').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? snapshotFromRow(row) : null;
}

/** The snapshot in force on a date: the last one valid from that date or earlier. */
export async function snapshotInForce(db: Handle, date: string): Promise<SnapshotSummary | null> {
  const row = await db
    .selectFrom('frontline_snapshots')
    .select(SUMMARY_COLUMNS)
    .where('valid_from', '<=', date)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? summaryFromRow(row) : null;
}

/** The first snapshot valid after a date, which ends the reach of the one valid from that date. */
export async function nextSnapshotDate(db: Handle, date: string): Promise<string | null> {
  const row = await db
    .selectFrom('frontline_snapshots')
    .select('valid_from')
    .where('valid_from', '>', date)
    .orderBy('valid_from')
    .limit(1)
    .executeTakeFirst();
  return row?.valid_from ?? null;
}

export interface NewSnapshot {
  readonly id: string;
  readonly validFrom: string;
  readonly source: string;
  readonly occupied: MultiPolygon;
  readonly line: readonly Polyline[];
  readonly lineKm: number;
  readonly areaKm2: number;
  readonly report: readonly StoredFeatureReport[];
  readonly createdAt: string;
}

/** Stores a snapshot, replacing any for the same date; returns the replaced snapshot's id, if any. */
export async function replaceSnapshot(trx: Handle, s: NewSnapshot): Promise<string | null> {
  const old = await trx
    .selectFrom('frontline_snapshots')
    .select('id')
    .where('valid_from', '=', s.validFrom)
    .executeTakeFirst();
  if (old) await trx.deleteFrom('frontline_snapshots').where('id', '=', old.id).execute();
  await trx
    .insertInto('frontline_snapshots')
    .values({
      id: s.id,
      valid_from: s.validFrom,
      source: s.source,
      occupied_json: toJson({ type: 'MultiPolygon', coordinates: s.occupied }),
      line_json: toJson({ type: 'MultiLineString', coordinates: s.line }),
      line_km: s.lineKm,
      area_km2: s.areaKm2,
      report_json: toJson(s.report),
      created_at: s.createdAt,
    })
    .execute();
  return old?.id ?? null;
}

function sectorFromRow(row: SectorsTable): Sector & { readonly updatedAt: string } {
  const region = fromJson<number[][][][]>(row.region_json);
  return {
    key: row.key,
    name: row.name,
    position: row.position,
    region: region.map((polygon) => polygon.map((ring) => ring.map(position))),
    updatedAt: row.updated_at,
  };
}

/** Every sector, north to south. */
export async function listSectors(db: Handle): Promise<(Sector & { readonly updatedAt: string })[]> {
  const rows = await db.selectFrom('sectors').selectAll().orderBy('position').orderBy('key').execute();
  return rows.map(sectorFromRow);
}

/** Inserts or rewrites one sector. */
export async function upsertSector(trx: Handle, sector: Sector, updatedAt: string): Promise<boolean> {
  const values = {
    name: sector.name,
    position: sector.position,
    region_json: toJson(sector.region),
    updated_at: updatedAt,
  };
  const result = await trx
    .updateTable('sectors')
    .set(values)
    .where('key', '=', sector.key)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return false;
  await trx
    .insertInto('sectors')
    .values({ key: sector.key, ...values })
    .execute();
  return true;
}

/**
 * Incidents per sector, and screened verdicts per sector (one per incident and agreement); of published
 * incidents only, and of those without a withheld location, when `publishedOnly` (the public's counts).
 */
export async function sectorCounts(
  db: Handle,
  publishedOnly: boolean,
): Promise<{
  incidents: Map<string, number>;
  verdicts: Map<string, Partial<Record<Verdict, number>>>;
}> {
  const incidentRows = await db
    .selectFrom('incidents')
    .select(['geo_sector', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('geo_sector', 'is not', null)
    .$if(publishedOnly, (q) =>
      q.where('published_at', 'is not', null).where('location_disclosure', '!=', 'withheld'),
    )
    .groupBy('geo_sector')
    .execute();
  const verdictRows = await db
    .selectFrom('screenings')
    .innerJoin('incidents', 'incidents.id', 'screenings.incident_id')
    .select(['incidents.geo_sector', 'screenings.verdict', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('incidents.geo_sector', 'is not', null)
    .$if(publishedOnly, (q) =>
      q
        .where('incidents.published_at', 'is not', null)
        .where('incidents.location_disclosure', '!=', 'withheld'),
    )
    .groupBy(['incidents.geo_sector', 'screenings.verdict'])
    .execute();
  const incidents = new Map<string, number>();
  for (const r of incidentRows) if (r.geo_sector !== null) incidents.set(r.geo_sector, Number(r.n));
  const verdicts = new Map<string, Partial<Record<Verdict, number>>>();
  for (const r of verdictRows) {
    if (r.geo_sector === null) continue;
    const entry = verdicts.get(r.geo_sector) ?? {};
    entry[r.verdict as Verdict] = Number(r.n);
    verdicts.set(r.geo_sector, entry);
  }
  return { incidents, verdicts };
}
