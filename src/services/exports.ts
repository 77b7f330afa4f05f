// Open-data exports: every file the public may download, streamed from the database in keyset batches and written
// by the pure writers of `io/export`. Everything is computed as the anonymous public sees it, whoever asks.

import { publicCopy } from '../core/disclosure.js';
import { TrucelineError } from '../core/errors.js';
import type { OgcBbox } from '../core/ogc.js';
import { agreementNames, listAgreements } from '../db/agreements.js';
import { readAuditHead } from '../db/audit.js';
import { countIncidents, type IncidentCursor, incidentsAfter } from '../db/exports.js';
import { findingRecordsOf } from '../db/findings.js';
import { findSnapshot, listSnapshots, type SnapshotSummary } from '../db/frontline.js';
import { type IncidentFilter, screeningsByIncident } from '../db/incidents.js';
import { ACLED_COLUMNS, acledRow } from '../io/export/acled.js';
import { AGREEMENT_COLUMNS, agreementRecord, agreementRows } from '../io/export/agreements.js';
import { csvText } from '../io/export/csv.js';
import { featureCollectionText } from '../io/export/geojson.js';
import {
  type ExportedIncident,
  INCIDENT_COLUMNS,
  incidentFeature,
  incidentPlacemark,
  incidentRow,
  VERDICT_STYLES,
} from '../io/export/incidents.js';
import { jsonArrayText } from '../io/export/json.js';
import { kmlText } from '../io/export/kml.js';
import {
  EXCHANGE_COLUMNS,
  type ExportedFinding,
  type ExportedSnapshot,
  exchangeRows,
  FINDING_COLUMNS,
  findingRows,
  FRONTLINE_STYLES,
  snapshotFeatures,
  snapshotPlacemarks,
} from '../io/export/records.js';
import type { Services } from './context.js';
import { exchangeLedger } from './exchanges.js';
import { currentFinding } from './findings.js';
import { type IncidentCriteria, incidentFilter } from './incidents.js';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const GEOJSON_TYPE = 'application/geo+json';
export const KML_TYPE = 'application/vnd.google-earth.kml+xml';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Every export: its file name, what it holds, its media type and which filters it takes. */
export const EXPORT_FILES = [
  {
    name: 'incidents.csv',
    what: 'incidents',
    contentType: CSV_TYPE,
    description: 'Published incidents, one row each, with their verdicts and published finding',
  },
  {
    name: 'incidents.acled.csv',
    what: 'incidents',
    contentType: CSV_TYPE,
    description:
      "Published incidents in ACLED's 31 standard columns, which `truceline import acled` reads back",
  },
  {
    name: 'incidents.geojson',
    what: 'incidents',
    contentType: GEOJSON_TYPE,
    description:
      'Published incidents as an RFC 7946 FeatureCollection of points (no geometry where withheld)',
  },
  {
    name: 'incidents.kml',
    what: 'incidents',
    contentType: KML_TYPE,
    description: 'Published incidents as KML placemarks, coloured by verdict',
  },
  {
    name: 'agreements.json',
    what: 'agreements',
    contentType: JSON_TYPE,
    description: 'Agreements with their readouts, windows, provisions, lifecycle and conditions',
  },
  {
    name: 'agreements.csv',
    what: 'agreements',
    contentType: CSV_TYPE,
    description: 'One row per provision per readout of every agreement',
  },
  {
    name: 'findings.csv',
    what: 'findings',
    contentType: CSV_TYPE,
    description: 'Published findings: one row per agreement ruled on, with occurrence, attribution and grade',
  },
  {
    name: 'exchanges.csv',
    what: 'exchanges',
    contentType: CSV_TYPE,
    description: 'Prisoner exchanges: one row per side and category, with every claim and the counted figure',
  },
  {
    name: 'frontline.geojson',
    what: 'frontline',
    contentType: GEOJSON_TYPE,
    description: 'Front-line snapshots: the line of contact and the occupied area valid from each date',
  },
  {
    name: 'frontline.kml',
    what: 'frontline',
    contentType: KML_TYPE,
    description: 'Front-line snapshots as KML, each valid over its span of dates',
  },
] as const;

export type ExportFile = (typeof EXPORT_FILES)[number];
export type ExportName = ExportFile['name'];
export type ExportSubject = ExportFile['what'];

export const EXPORT_NAMES = EXPORT_FILES.map((f) => f.name) as readonly ExportName[];

/** The incident filters of `GET /api/v1/incidents` (the public's), and a box. */
export interface IncidentExportFilter extends Omit<IncidentCriteria, 'status'> {
  /** West, south, east, north: a blurred location is tested by its public point, a withheld one never matches. */
  readonly bbox?: OgcBbox | undefined;
}

/** Which snapshots: the one in force on `date`, or those valid at some time from `from` to `to`; else all. */
export interface FrontlineExportFilter {
  readonly date?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export interface ExportOptions {
  readonly incidents?: IncidentExportFilter;
  readonly frontline?: FrontlineExportFilter;
  /** CSV for spreadsheets: a byte-order mark, and formula-like text cells defused (see `io/export/csv.ts`). */
  readonly spreadsheet?: boolean;
  /** Called once per record written (an incident, an agreement, a snapshot), for progress. */
  readonly onRecord?: (written: number) => void;
}

export interface ExportStream {
  readonly file: ExportFile;
  /** `truceline-incidents-2025-04-17.csv`: the name and the day it was made. */
  readonly filename: string;
  /** The head of the audit chain when the export began: any write since changes it (an ETag). */
  readonly auditSeq: number;
  /** How many records it will hold, when known in advance and asked for (`onRecord`: a progress bar). */
  readonly records: number | null;
  readonly chunks: AsyncIterable<string>;
}

/** Incidents read from the database per batch. */
const BATCH = 1000;

/** `incidents.acled.csv` made on 17 April 2025 is `truceline-incidents-acled-2025-04-17.csv`. */
function filenameOf(file: ExportFile, now: Date): string {
  const parts = file.name.split('.');
  const extension = parts.pop() ?? '';
  return `truceline-${parts.join('-')}-${now.toISOString().slice(0, 10)}.${extension}`;
}

/** Counts each record as it passes, for progress. */
async function* counted<T>(
  items: AsyncIterable<T> | Iterable<T>,
  onRecord?: (written: number) => void,
): AsyncGenerator<T> {
  let written = 0;
  for await (const item of items) {
    yield item;
    onRecord?.(++written);
  }
}

async function* flatten<T>(batches: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/**
 * The public's incidents under a filter, as public copies with their verdicts and published finding, in batches
 * of `BATCH`, oldest first.
 */
async function* publicIncidents(
  services: Services,
  filter: IncidentFilter,
): AsyncGenerator<ExportedIncident[]> {
  const db = services.db.kysely;
  const names = await agreementNames(db);
  const slug = (id: string) => names.get(id)?.slug ?? id;
  let after: IncidentCursor | null = null;
  do {
    const batch = await incidentsAfter(db, filter, after, BATCH);
    const ids = batch.incidents.map((i) => i.id);
    const screenings = await screeningsByIncident(db, ids);
    const stored = await findingRecordsOf(db, ids);
    yield batch.incidents.map((incident) => {
      const own = screenings.get(incident.id) ?? [];
      const finding = currentFinding({
        incidentId: incident.id,
        reportedBy: incident.reportedBy,
        screenings: own,
        stored: stored.get(incident.id) ?? null,
      });
      return {
        incident: publicCopy(incident),
        screenings: own.map((s) => ({ agreement: slug(s.agreementId), verdict: s.verdict })),
        finding: finding.published
          ? {
              occurrence: finding.occurrence,
              attribution: finding.attribution,
              grade: finding.grade,
              rulings: finding.rulings.map((r) => ({
                agreement: slug(r.agreementId),
                status: r.ruling.status,
              })),
            }
          : null,
      };
    });
    after = batch.next;
  } while (after !== null);
}

/** The public's filter for an incident export: that of GET /api/v1/incidents for the anonymous public, and the box. */
async function publicFilter(services: Services, criteria: IncidentExportFilter): Promise<IncidentFilter> {
  const { bbox, ...rest } = criteria;
  const filter = await incidentFilter(services, null, rest);
  return { ...filter, status: 'published', bbox };
}

/** Published findings, each with the rulings it makes, oldest incident first. */
async function* publishedFindings(services: Services): AsyncGenerator<ExportedFinding> {
  const db = services.db.kysely;
  const filter = await publicFilter(services, {});
  const names = await agreementNames(db);
  let after: IncidentCursor | null = null;
  do {
    const batch = await incidentsAfter(db, filter, after, BATCH);
    const ids = batch.incidents.map((i) => i.id);
    const screenings = await screeningsByIncident(db, ids);
    const stored = await findingRecordsOf(db, ids);
    for (const incident of batch.incidents) {
      const record = stored.get(incident.id) ?? null;
      const own = screenings.get(incident.id) ?? [];
      const finding = currentFinding({
        incidentId: incident.id,
        reportedBy: null,
        screenings: own,
        stored: record,
      });
      if (!finding.published) continue;
      yield {
        incident: {
          id: incident.id,
          ref: incident.ref,
          title: incident.title,
          occurredAt: incident.occurredAt,
          publishedAt: incident.publishedAt,
        },
        occurrence: finding.occurrence,
        attribution: finding.attribution,
        grade: finding.grade,
        rulings: finding.rulings.map((r) => ({
          agreement: names.get(r.agreementId)?.slug ?? r.agreementId,
          status: r.ruling.status,
          verdict: own.find((s) => s.agreementId === r.agreementId)?.verdict ?? null,
        })),
        updatedAt: record?.updatedAt ?? incident.updatedAt,
      };
    }
    after = batch.next;
  } while (after !== null);
}

/** The snapshots a front-line export holds, oldest first, each with the date its successor takes over. */
async function chosenSnapshots(
  services: Services,
  filter: FrontlineExportFilter,
): Promise<{ summary: SnapshotSummary; validUntil: string | null }[]> {
  const all = await listSnapshots(services.db.kysely);
  const spans = all.map((summary, i) => ({ summary, validUntil: all[i + 1]?.validFrom ?? null }));
  const { date, from, to } = filter;
  if (date !== undefined) {
    const inForce = spans.filter((s) => s.summary.validFrom <= date).at(-1);
    if (!inForce)
      throw new TrucelineError('SNAPSHOT_NOT_FOUND', `No front-line snapshot is in force on ${date}.`, {
        issues: [{ path: 'date', message: 'no snapshot in force on that date' }],
      });
    return [inForce];
  }
  // Valid at some time in [from, to]: it starts on or before `to` and its successor starts after `from`.
  return spans.filter(
    (s) =>
      (to === undefined || s.summary.validFrom <= to) &&
      (from === undefined || s.validUntil === null || s.validUntil > from),
  );
}

async function* snapshots(
  services: Services,
  chosen: readonly { summary: SnapshotSummary; validUntil: string | null }[],
): AsyncGenerator<ExportedSnapshot> {
  for (const { summary, validUntil } of chosen) {
    const s = await findSnapshot(services.db.kysely, summary.id);
    if (s) yield { ...s, validUntil };
  }
}

const DOCUMENT_NAMES: Readonly<Record<ExportSubject, string>> = {
  incidents: 'Truceline: published incidents',
  agreements: 'Truceline: agreements',
  findings: 'Truceline: published findings',
  exchanges: 'Truceline: prisoner exchanges',
  frontline: 'Truceline: front-line snapshots',
};

/**
 * Opens an export: checks its filters (an unknown agreement or sector, a date without a snapshot fail here, before
 * anything is sent) and returns its chunks of text, read from the database as they are consumed.
 */
export async function openExport(
  services: Services,
  name: ExportName,
  options: ExportOptions = {},
): Promise<ExportStream> {
  const file = EXPORT_FILES.find((f) => f.name === name);
  if (!file) throw new TrucelineError('NOT_FOUND', `No export is called "${name}".`);
  const db = services.db.kysely;
  const now = services.now();
  const { seq } = await readAuditHead(db);
  const csv = { spreadsheet: options.spreadsheet ?? false };
  const base = { file, filename: filenameOf(file, now), auditSeq: seq };
  const members = { name: DOCUMENT_NAMES[file.what], generatedAt: now.toISOString() };
  const document = { name: DOCUMENT_NAMES[file.what], description: `Made ${now.toISOString()}` };
  switch (file.name) {
    case 'incidents.csv':
    case 'incidents.acled.csv':
    case 'incidents.geojson':
    case 'incidents.kml': {
      const filter = await publicFilter(services, options.incidents ?? {});
      // Counted only for a progress bar: an HTTP client needs no total before the first byte.
      const records = options.onRecord ? await countIncidents(db, filter) : null;
      const incidents = counted(flatten(publicIncidents(services, filter)), options.onRecord);
      const chunks =
        file.name === 'incidents.csv'
          ? csvText(INCIDENT_COLUMNS, map(incidents, incidentRow), csv)
          : file.name === 'incidents.acled.csv'
            ? csvText(
                ACLED_COLUMNS,
                map(incidents, (e) => acledRow(e.incident)),
                csv,
              )
            : file.name === 'incidents.geojson'
              ? featureCollectionText(map(incidents, incidentFeature), members)
              : kmlText({ ...document, styles: VERDICT_STYLES }, map(incidents, incidentPlacemark));
      return { ...base, records, chunks };
    }
    case 'agreements.json':
    case 'agreements.csv': {
      const agreements = await listAgreements(db);
      const records = counted(agreements, options.onRecord);
      const chunks =
        file.name === 'agreements.json'
          ? jsonArrayText(map(records, agreementRecord))
          : csvText(AGREEMENT_COLUMNS, flatMap(records, agreementRows), csv);
      return { ...base, records: agreements.length, chunks };
    }
    case 'findings.csv':
      return {
        ...base,
        records: null,
        chunks: csvText(
          FINDING_COLUMNS,
          flatMap(counted(publishedFindings(services), options.onRecord), findingRows),
          csv,
        ),
      };
    case 'exchanges.csv': {
      const ledger = await exchangeLedger(services);
      const entries = counted(ledger.entries, options.onRecord);
      return {
        ...base,
        records: ledger.entries.length,
        chunks: csvText(
          EXCHANGE_COLUMNS,
          flatMap(entries, (e) => exchangeRows(e, ledger.agreements)),
          csv,
        ),
      };
    }
    case 'frontline.geojson':
    case 'frontline.kml': {
      const chosen = await chosenSnapshots(services, options.frontline ?? {});
      const items = counted(snapshots(services, chosen), options.onRecord);
      const chunks =
        file.name === 'frontline.geojson'
          ? featureCollectionText(flatMap(items, snapshotFeatures), members)
          : kmlText({ ...document, styles: FRONTLINE_STYLES }, flatMap(items, snapshotPlacemarks));
      return { ...base, records: chosen.length, chunks };
    }
  }
}

async function* map<T, U>(items: AsyncIterable<T> | Iterable<T>, f: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield f(item);
}

async function* flatMap<T, U>(
  items: AsyncIterable<T> | Iterable<T>,
  f: (item: T) => readonly U[],
): AsyncGenerator<U> {
  for await (const item of items) yield* f(item);
}
