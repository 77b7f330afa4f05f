// Allegations and the accused party's replies. Neither is ever updated: a new version supersedes the old, and
// "current" means no later version supersedes it.

import type { Allegation, AllegationReply, IncidentId, ReplyKind } from '../core/model.js';
import { constraintViolation } from './constraints.js';
import type { Handle } from './engine.js';
import type { Visibility } from './incidents.js';
import type { AllegationRepliesTable, AllegationsTable } from './schema.js';

export function allegationFromRow(row: AllegationsTable): Allegation {
  return {
    id: row.id,
    accuser: row.accuser,
    accused: row.accused,
    madeAt: row.made_at,
    source: row.source_key,
    summary: row.summary,
    version: row.version,
    supersedes: row.supersedes,
    filedBy: row.filed_by,
    filedAt: row.filed_at,
  };
}

export function replyFromRow(row: AllegationRepliesTable): AllegationReply {
  return {
    id: row.id,
    allegationId: row.allegation_id,
    party: row.party,
    kind: row.kind as ReplyKind,
    text: row.text,
    madeAt: row.made_at,
    source: row.source_key,
    version: row.version,
    supersedes: row.supersedes,
    filedBy: row.filed_by,
    filedAt: row.filed_at,
  };
}

export async function insertAllegations(
  trx: Handle,
  incidentId: IncidentId,
  allegations: readonly Allegation[],
): Promise<void> {
  if (allegations.length === 0) return;
  await trx
    .insertInto('allegations')
    .values(
      allegations.map((a) => ({
        id: a.id,
        incident_id: incidentId,
        accuser: a.accuser,
        accused: a.accused,
        made_at: a.madeAt,
        source_key: a.source,
        summary: a.summary,
        version: a.version,
        supersedes: a.supersedes,
        filed_by: a.filedBy,
        filed_at: a.filedAt,
      })),
    )
    .execute();
}

/** The current (not superseded) allegations of each incident, oldest claim first. */
export async function currentAllegationsOf(
  db: Handle,
  incidentIds: readonly string[],
): Promise<Map<string, Allegation[]>> {
  const byIncident = new Map<string, Allegation[]>();
  if (incidentIds.length === 0) return byIncident;
  const rows = await db
    .selectFrom('allegations as a')
    .selectAll('a')
    .where('a.incident_id', 'in', incidentIds)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('allegations as later').select('later.id').whereRef('later.supersedes', '=', 'a.id'),
        ),
      ),
    )
    .orderBy('a.made_at')
    .orderBy('a.id')
    .execute();
  for (const row of rows) {
    const list = byIncident.get(row.incident_id) ?? [];
    list.push(allegationFromRow(row));
    byIncident.set(row.incident_id, list);
  }
  return byIncident;
}

/** One allegation version by id, superseded or not. */
export async function findAllegation(db: Handle, id: string): Promise<Allegation | null> {
  const row = await db.selectFrom('allegations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? allegationFromRow(row) : null;
}

/** One allegation version by id with the incident it is about, superseded or not. */
export async function findAllegationOnIncident(
  db: Handle,
  id: string,
): Promise<{ readonly incidentId: IncidentId; readonly allegation: Allegation } | null> {
  const row = await db.selectFrom('allegations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { incidentId: row.incident_id as IncidentId, allegation: allegationFromRow(row) } : null;
}

/** The id of the version that supersedes this allegation version, or null while it is current. */
export async function allegationSupersededBy(db: Handle, id: string): Promise<string | null> {
  const row = await db.selectFrom('allegations').select('id').where('supersedes', '=', id).executeTakeFirst();
  return row?.id ?? null;
}

/** Every version of every allegation of each incident, oldest version first. */
export async function allegationVersionsOf(
  db: Handle,
  incidentIds: readonly string[],
): Promise<Map<string, Allegation[]>> {
  const byIncident = new Map<string, Allegation[]>();
  if (incidentIds.length === 0) return byIncident;
  const rows = await db
    .selectFrom('allegations')
    .selectAll()
    .where('incident_id', 'in', incidentIds)
    .orderBy('version')
    .orderBy('made_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = byIncident.get(row.incident_id) ?? [];
    list.push(allegationFromRow(row));
    byIncident.set(row.incident_id, list);
  }
  return byIncident;
}

/** Inserts one reply version. */
export async function insertReply(trx: Handle, reply: AllegationReply): Promise<void> {
  await trx
    .insertInto('allegation_replies')
    .values({
      id: reply.id,
      allegation_id: reply.allegationId,
      party: reply.party,
      kind: reply.kind,
      text: reply.text,
      source_key: reply.source,
      made_at: reply.madeAt,
      version: reply.version,
      supersedes: reply.supersedes,
      filed_by: reply.filedBy,
      filed_at: reply.filedAt,
    })
    .execute();
}

/** One reply version by id, superseded or not. */
export async function findReply(db: Handle, id: string): Promise<AllegationReply | null> {
  const row = await db.selectFrom('allegation_replies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? replyFromRow(row) : null;
}

/** The id of the version that supersedes this reply version, or null while it is current. */
export async function replySupersededBy(db: Handle, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('allegation_replies')
    .select('id')
    .where('supersedes', '=', id)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Every version of every reply to any version of the given allegations, oldest version first. */
export async function repliesTo(db: Handle, allegationIds: readonly string[]): Promise<AllegationReply[]> {
  if (allegationIds.length === 0) return [];
  const rows = await db
    .selectFrom('allegation_replies')
    .selectAll()
    .where('allegation_id', 'in', allegationIds)
    .orderBy('version')
    .orderBy('filed_at')
    .orderBy('id')
    .execute();
  return rows.map(replyFromRow);
}

/**
 * Whether an engine error is the unique index on `supersedes` refusing a second successor of one version: two
 * writers that both found the version current (the checks before the insert lost the race).
 */
export function isSecondSuccessor(error: unknown): boolean {
  if (constraintViolation(error) !== 'unique' || typeof error !== 'object' || error === null) return false;
  // PostgreSQL names the index in `constraint`; SQLite names the column in the message.
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  return [constraint, message].some((s) => typeof s === 'string' && s.includes('supersedes'));
}

export const ALLEGATION_SIDES = ['accuser', 'accused'] as const;
export type AllegationSide = (typeof ALLEGATION_SIDES)[number];

/** Which current allegations a listing shows: the reader's visibility, and the filters asked for. */
export interface AllegationFilter {
  /** A party on either side, or on `side` only. */
  readonly party?: string | undefined;
  readonly side?: AllegationSide | undefined;
  /** Only those whose current version no reply answers yet. */
  readonly awaitingReply: boolean;
  readonly visibility: Visibility;
}

function filteredCurrent(db: Handle, filter: AllegationFilter) {
  let query = db
    .selectFrom('allegations as a')
    .innerJoin('incidents as i', 'i.id', 'a.incident_id')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('allegations as later').select('later.id').whereRef('later.supersedes', '=', 'a.id'),
        ),
      ),
    );
  const { visibility, party, side } = filter;
  if (visibility.kind === 'published') query = query.where('i.published_at', 'is not', null);
  if (visibility.kind === 'published-or-party') {
    query = query.where((eb) =>
      eb.or([
        eb('i.published_at', 'is not', null),
        eb.exists(
          eb
            .selectFrom('allegations as o')
            .select('o.id')
            .whereRef('o.incident_id', '=', 'i.id')
            .where((o) =>
              o.or([o('o.accuser', '=', visibility.party), o('o.accused', '=', visibility.party)]),
            ),
        ),
      ]),
    );
  }
  if (party !== undefined) {
    if (side === 'accuser') query = query.where('a.accuser', '=', party);
    else if (side === 'accused') query = query.where('a.accused', '=', party);
    else query = query.where((eb) => eb.or([eb('a.accuser', '=', party), eb('a.accused', '=', party)]));
  }
  if (filter.awaitingReply) {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('allegation_replies as r').select('r.id').whereRef('r.allegation_id', '=', 'a.id'),
        ),
      ),
    );
  }
  return query;
}

/** A page of current allegation versions (newest claim first) with their incidents, and how many match. */
export async function listCurrentAllegations(
  db: Handle,
  filter: AllegationFilter,
  page: { readonly limit: number; readonly offset: number },
): Promise<{ readonly items: readonly { id: string; incidentId: IncidentId }[]; readonly total: number }> {
  const rows = await filteredCurrent(db, filter)
    .select(['a.id', 'a.incident_id'])
    .orderBy('a.made_at', 'desc')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await filteredCurrent(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({ id: r.id, incidentId: r.incident_id as IncidentId })),
    total: Number(total),
  };
}
