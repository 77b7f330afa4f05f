// Front-line use cases: import a snapshot (and recompute the incidents whose date it now governs), locate a
// point, read a snapshot as GeoJSON, compare two dates, and keep sectors. Prepared snapshot views are cached
// in memory by snapshot id (a re-import gets a new id), so enriching many incidents builds each index once.

import { TrucelineError } from '../core/errors.js';
import {
  type FrontlineView,
  locate,
  prepareFrontline,
  prepareSectors,
  type Sector,
  type SectorIndex,
} from '../core/frontline.js';
import type { LonLat } from '../core/geo.js';
import { difference, intersection } from '../core/geometry/clip.js';
import { deriveLineOfContact } from '../core/geometry/line-of-contact.js';
import { multiPolygonAreaKm2 } from '../core/geometry/polygon.js';
import { polylineLengthKm } from '../core/geometry/sphere.js';
import type { MultiPolygon, Polyline } from '../core/geometry/types.js';
import type { Incident, IncidentGeography } from '../core/model.js';
import { type Actor, can } from '../core/policy.js';
import type { Verdict } from '../core/screening.js';
import { DAY_MS } from '../core/time.js';
import { listAgreements } from '../db/agreements.js';
import type { Handle } from '../db/engine.js';
import {
  findSnapshot,
  listSectors,
  listSnapshots,
  nextSnapshotDate,
  replaceSnapshot,
  type Snapshot,
  snapshotInForce,
  type SnapshotSummary,
  sectorCounts,
  upsertSector,
} from '../db/frontline.js';
import { findIncident, locatedIncidentsBetween, updateIncidentGeography } from '../db/incidents.js';
import { loadBoundaries } from '../io/boundaries.js';
import { type FeatureOutcome, parseFrontline } from '../io/frontline.js';
import { auditedIncident, recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';
import { screenAndStore } from './screening.js';

const VIEW_CACHE_SIZE = 32;
const views = new Map<string, FrontlineView>();

function remember(id: string, view: FrontlineView): FrontlineView {
  views.delete(id);
  views.set(id, view);
  if (views.size > VIEW_CACHE_SIZE) {
    const oldest = views.keys().next().value;
    if (oldest !== undefined) views.delete(oldest);
  }
  return view;
}

async function viewOf(db: Handle, summary: SnapshotSummary): Promise<FrontlineView> {
  const cached = views.get(summary.id);
  if (cached) return remember(summary.id, cached);
  const snapshot = await findSnapshot(db, summary.id);
  if (!snapshot) throw new Error(`snapshot ${summary.id} vanished`);
  return remember(summary.id, prepareFrontline(snapshot.validFrom, snapshot.line, snapshot.occupied));
}

let sectorCache: { signature: string; index: SectorIndex } | null = null;

async function sectorIndex(db: Handle): Promise<SectorIndex> {
  const sectors = await listSectors(db);
  const signature = sectors.map((s) => `${s.key}@${s.updatedAt}#${s.position}`).join('|');
  if (sectorCache?.signature !== signature) sectorCache = { signature, index: prepareSectors(sectors) };
  return sectorCache.index;
}

/** The calendar date an incident happened on, as it was reported (in its own offset), or null. */
export function incidentDate(occurredAt: string): string | null {
  return /^\d{4}-\d{2}-\d{2}/.test(occurredAt) ? occurredAt.slice(0, 10) : null;
}

/** Answers geography questions against the snapshots stored at the time it was opened. */
export interface Locator {
  geographyOn(date: string, p: LonLat): Promise<IncidentGeography | null>;
}

/** Opens a locator on a handle (a transaction sees the snapshot it is importing). */
export async function openLocator(db: Handle): Promise<Locator> {
  const snapshots = await listSnapshots(db);
  const sectors = await sectorIndex(db);
  const { admin } = loadBoundaries();
  return {
    async geographyOn(date, p) {
      let found: SnapshotSummary | undefined;
      let lo = 0;
      let hi = snapshots.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = snapshots[mid];
        if (s && s.validFrom <= date) {
          found = s;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (!found) return null;
      return locate(await viewOf(db, found), sectors, admin, p);
    },
  };
}

/** The derived geography of an incident, or null without coordinates or before the first snapshot. */
export async function geographyFor(
  db: Handle,
  incident: Pick<Incident, 'location' | 'occurredAt'>,
): Promise<IncidentGeography | null> {
  const date = incidentDate(incident.occurredAt);
  if (incident.location === null || date === null) return null;
  return (await openLocator(db)).geographyOn(date, incident.location);
}

export interface LocateResult {
  readonly geography: IncidentGeography;
  readonly admin1: { readonly code: string; readonly name: string } | null;
}

/** Where a point lies on a date (the latest snapshot when no date is given). */
export async function locatePoint(services: Services, p: LonLat, date?: string): Promise<IncidentGeography> {
  const db = services.db.kysely;
  const on = date ?? (await listSnapshots(db)).at(-1)?.validFrom;
  const geography = on === undefined ? null : await (await openLocator(db)).geographyOn(on, p);
  if (!geography) throw noSnapshot(date);
  return geography;
}

function noSnapshot(date: string | undefined): TrucelineError {
  return new TrucelineError(
    'SNAPSHOT_NOT_FOUND',
    date === undefined
      ? 'No front-line snapshot has been imported.'
      : `No front-line snapshot is in force on ${date}.`,
  );
}

export function allSnapshots(services: Services): Promise<SnapshotSummary[]> {
  return listSnapshots(services.db.kysely);
}

/** The snapshot in force on a date (the latest when no date is given), with its geometry. */
export async function snapshotOn(services: Services, date?: string): Promise<Snapshot> {
  const db = services.db.kysely;
  const summary =
    date === undefined ? (await listSnapshots(db)).at(-1) : ((await snapshotInForce(db, date)) ?? undefined);
  const snapshot = summary ? await findSnapshot(db, summary.id) : null;
  if (!snapshot) throw noSnapshot(date);
  return snapshot;
}

// ---- import ----

export interface SnapshotInput {
  /** The file's text (GeoJSON). */
  readonly text: string;
  /** YYYY-MM-DD: the first day the snapshot is in force. */
  readonly date: string;
  readonly source: string;
}

export interface SnapshotReport {
  readonly date: string;
  readonly source: string;
  readonly features: readonly FeatureOutcome[];
  /** How many features were accepted as occupied area, as line, or skipped for each reason. */
  readonly counts: Readonly<Record<string, number>>;
  readonly lineFrom: 'file' | 'derived';
  readonly lineKm: number;
  readonly lineParts: number;
  readonly areaKm2: number;
  readonly replaced: boolean;
  readonly incidentsUpdated: number;
  readonly dryRun: boolean;
}

interface Prepared {
  readonly occupied: MultiPolygon;
  readonly line: readonly Polyline[];
  readonly lineFrom: 'file' | 'derived';
  readonly features: readonly FeatureOutcome[];
}

/** Parses a file and derives its line of contact (when it has only polygons). Pure but for the boundaries. */
export function prepareSnapshot(text: string): Prepared {
  const { country, bbox } = loadBoundaries();
  const parsed = parseFrontline(text, { land: country.land, bbox });
  if (!parsed.ok) throw new TrucelineError('FRONTLINE_INVALID', parsed.message);
  const { occupied, lines, features } = parsed.value;
  const lineFrom = lines.length > 0 ? 'file' : 'derived';
  const line = lines.length > 0 ? lines : deriveLineOfContact(occupied, country);
  if (line.length === 0)
    throw new TrucelineError(
      'FRONTLINE_INVALID',
      'No line of contact: the file has no lines and no occupied area.',
      {
        features,
      },
    );
  return { occupied, line, lineFrom, features };
}

function countOutcomes(features: readonly FeatureOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of features) {
    const key = f.status === 'skipped' ? `skipped:${f.reason}` : f.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Imports one snapshot in one transaction: replaces any snapshot of the same date, recomputes the geography of
 * the incidents whose date it now governs and re-screens them, and audits. `dryRun` parses and derives only.
 */
export async function importSnapshot(
  services: Services,
  actor: Actor | null,
  input: SnapshotInput,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<SnapshotReport> {
  const who = authorise(actor, 'frontline.write');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date))
    throw new TrucelineError('VALIDATION_FAILED', `date: "${input.date}" is not YYYY-MM-DD`);
  const prepared = prepareSnapshot(input.text);
  const lineKm = round(
    prepared.line.reduce((sum, part) => sum + polylineLengthKm(part), 0),
    3,
  );
  const areaKm2 = round(multiPolygonAreaKm2(prepared.occupied), 3);
  const report = {
    date: input.date,
    source: input.source,
    features: prepared.features,
    counts: countOutcomes(prepared.features),
    lineFrom: prepared.lineFrom,
    lineKm,
    lineParts: prepared.line.length,
    areaKm2,
  };
  if (dryRun) return { ...report, replaced: false, incidentsUpdated: 0, dryRun: true };

  return inTransaction(services, async (trx) => {
    const id = services.newId();
    const createdAt = services.now().toISOString();
    const replacedId = await replaceSnapshot(trx, {
      id,
      validFrom: input.date,
      source: input.source,
      occupied: prepared.occupied,
      line: prepared.line,
      lineKm,
      areaKm2,
      report: prepared.features,
      createdAt,
    });
    remember(id, prepareFrontline(input.date, prepared.line, prepared.occupied));
    if (replacedId !== null) views.delete(replacedId);
    const until = await nextSnapshotDate(trx, input.date);
    const incidentsUpdated = await recomputeGeography(services, trx, who, input.date, until, createdAt);
    // The snapshot as reloaded (geometry included), so `truceline audit verify` can reproduce the digest.
    await recordAudit(services, trx, {
      actor: who,
      action: replacedId === null ? 'frontline.import' : 'frontline.replace',
      subjectType: 'frontline-snapshot',
      subjectId: input.date,
      after: await findSnapshot(trx, id),
    });
    return { ...report, replaced: replacedId !== null, incidentsUpdated, dryRun: false };
  });
}

/**
 * Recomputes the geography of located incidents dated in [from, until) (either end open) and re-screens those
 * whose geography changed. Returns how many changed.
 */
async function recomputeGeography(
  services: Services,
  trx: Handle,
  who: Actor,
  from: string | null,
  until: string | null,
  computedAt: string,
): Promise<number> {
  // Incident dates are local; a day's slack either side of the UTC range finds every candidate.
  const utc = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString();
  const candidates = await locatedIncidentsBetween(
    trx,
    from === null ? null : utc(from, -1),
    until === null ? null : utc(until, 1),
  );
  const locator = await openLocator(trx);
  let agreements: Awaited<ReturnType<typeof listAgreements>> | null = null;
  let changed = 0;
  for (const incident of candidates) {
    const date = incidentDate(incident.occurredAt);
    if (date === null || incident.location === null) continue;
    if ((from !== null && date < from) || (until !== null && date >= until)) continue;
    const geography = await locator.geographyOn(date, incident.location);
    if (JSON.stringify(geography) === JSON.stringify(incident.geography)) continue;
    await updateIncidentGeography(trx, incident.id, geography);
    // Each incident whose derived geography moved is audited as reloaded, so its last digest stays current.
    await recordAudit(services, trx, {
      actor: who,
      action: 'incident.relocate',
      subjectType: 'incident',
      subjectId: incident.id,
      before: auditedIncident(incident),
      after: auditedIncident(await findIncident(trx, incident.id)),
    });
    agreements ??= await listAgreements(trx);
    await screenAndStore(trx, { ...incident, geography }, agreements, computedAt);
    changed++;
  }
  return changed;
}

// ---- changes between two dates ----

export interface AreaChange {
  readonly areaKm2: number;
  readonly geometry: MultiPolygon;
}

export interface FrontlineChanges {
  readonly from: SnapshotSummary;
  readonly to: SnapshotSummary;
  /** Area that became occupied between the two snapshots. */
  readonly gained: AreaChange;
  /** Area that was occupied and no longer is. */
  readonly regained: AreaChange;
  readonly sectors: readonly {
    readonly key: string;
    readonly gainedKm2: number;
    readonly regainedKm2: number;
  }[];
}

/** Area that changed hands between the snapshots in force on two dates, in total and per sector. */
export async function changesBetween(
  services: Services,
  from: string,
  to: string,
): Promise<FrontlineChanges> {
  const before = await snapshotOn(services, from);
  const after = await snapshotOn(services, to);
  const gained = difference(after.occupied, before.occupied);
  const regained = difference(before.occupied, after.occupied);
  const sectors = await listSectors(services.db.kysely);
  const km2 = (m: MultiPolygon) => round(multiPolygonAreaKm2(m), 3);
  return {
    from: before,
    to: after,
    gained: { areaKm2: km2(gained), geometry: gained },
    regained: { areaKm2: km2(regained), geometry: regained },
    sectors: sectors.map((s) => ({
      key: s.key,
      gainedKm2: km2(intersection(gained, s.region)),
      regainedKm2: km2(intersection(regained, s.region)),
    })),
  };
}

// ---- sectors ----

export interface SectorWithCounts {
  readonly sector: Sector;
  readonly incidents: number;
  readonly verdicts: Readonly<Partial<Record<Verdict, number>>>;
}

/**
 * Every sector, north to south, with its incident count and screened verdicts: of every incident for those who
 * read unpublished incidents, for everyone else of the published ones whose location is not withheld (a withheld
 * location's sector is not the public's to know).
 */
export async function sectorsWithCounts(
  services: Services,
  actor: Actor | null,
): Promise<SectorWithCounts[]> {
  const db = services.db.kysely;
  const publishedOnly = !can(actor, 'incident.read-unpublished', { parties: [] });
  const [sectors, counts] = await Promise.all([listSectors(db), sectorCounts(db, publishedOnly)]);
  return sectors.map((sector) => ({
    sector,
    incidents: counts.incidents.get(sector.key) ?? 0,
    verdicts: counts.verdicts.get(sector.key) ?? {},
  }));
}

/** Creates or redefines a sector, then recomputes every located incident's sector (and re-screens changes). */
export async function saveSector(
  services: Services,
  actor: Actor | null,
  sector: Sector,
): Promise<{ created: boolean; incidentsUpdated: number }> {
  const who = authorise(actor, 'sector.write');
  return inTransaction(services, async (trx) => {
    const before = (await listSectors(trx)).find((s) => s.key === sector.key);
    const now = services.now().toISOString();
    const created = await upsertSector(trx, sector, now);
    const incidentsUpdated = await recomputeGeography(services, trx, who, null, null, now);
    await recordAudit(services, trx, {
      actor: who,
      action: created ? 'sector.create' : 'sector.update',
      subjectType: 'sector',
      subjectId: sector.key,
      ...(before ? { before: { name: before.name, position: before.position, region: before.region } } : {}),
      after: { name: sector.name, position: sector.position, region: sector.region },
    });
    return { created, incidentsUpdated };
  });
}

export async function findSectorOrThrow(services: Services, key: string): Promise<Sector> {
  const sector = (await listSectors(services.db.kysely)).find((s) => s.key === key);
  if (!sector) throw new TrucelineError('SECTOR_NOT_FOUND', `No sector has the key "${key}".`);
  return sector;
}
