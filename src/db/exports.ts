// Reading incidents for exports: keyset pages in time order, so that an export of any size reads a bounded batch at
// a time and a row written meanwhile neither shifts a page nor is read twice.

import type { Incident } from '../core/model.js';
import { currentAllegationsOf } from './allegations.js';
import type { Handle } from './engine.js';
import { filteredIncidents, type IncidentFilter, incidentFromRow } from './incidents.js';

/** Where a page ends: the time (as stored, UTC) and id of its last incident. */
export interface IncidentCursor {
  readonly occurredUtc: string;
  readonly id: string;
}

export interface IncidentBatch {
  readonly incidents: readonly Incident[];
  /** The cursor after the last incident; null when this batch was the last. */
  readonly next: IncidentCursor | null;
}

/**
 * The next `limit` incidents the filter lets through, oldest first (ties by id), after the cursor (from the start
 * when it is null).
 */
export async function incidentsAfter(
  db: Handle,
  filter: IncidentFilter,
  after: IncidentCursor | null,
  limit: number,
): Promise<IncidentBatch> {
  let query = filteredIncidents(db, filter).selectAll('incidents');
  if (after !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('occurred_utc', '>', after.occurredUtc),
        eb.and([eb('occurred_utc', '=', after.occurredUtc), eb('id', '>', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('occurred_utc').orderBy('id').limit(limit).execute();
  const allegations = await currentAllegationsOf(
    db,
    rows.map((r) => r.id),
  );
  const last = rows.at(-1);
  return {
    incidents: rows.map((r) => incidentFromRow(r, allegations.get(r.id) ?? [])),
    next: last && rows.length === limit ? { occurredUtc: last.occurred_utc, id: last.id } : null,
  };
}

/** How many incidents the filter lets through. */
export async function countIncidents(db: Handle, filter: IncidentFilter): Promise<number> {
  const { total } = await filteredIncidents(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(total);
}
