// Allegations and the right of reply: a party accuses another of an incident, the accused party answers beside
// it, and neither is ever edited: each side corrects only its own record, by a new version that keeps the old.

import { fieldError, TrucelineError } from '../core/errors.js';
import type { Allegation, AllegationReply, Incident, IncidentId } from '../core/model.js';
import { type Actor, personId } from '../core/policy.js';
import type { AllegationInput, AllegationVersionInput, ReplyInput } from '../core/schemas.js';
import {
  type AllegationSide,
  allegationVersionsOf,
  findAllegation,
  findAllegationOnIncident,
  findReply,
  insertAllegations,
  insertReply,
  isSecondSuccessor,
  listCurrentAllegations,
  repliesTo,
} from '../db/allegations.js';
import type { Handle } from '../db/engine.js';
import { findIncident, type Page } from '../db/incidents.js';
import { partyCodes } from '../db/parties.js';
import { sourceKeys } from '../db/sources.js';
import { recordAudit } from './audit.js';
import { authorise, authoriseAttempt, inTransaction, type Services } from './context.js';
import { getIncident, maySee, visibilityFor } from './incidents.js';

/** Which side of an allegation a listing filter names: `accuser` or `accused`. */
export { ALLEGATION_SIDES } from '../db/allegations.js';

/** One allegation through all its versions, with every version of the accused party's reply. */
export interface AllegationThread {
  readonly incidentId: IncidentId;
  /** Oldest first; the last is the current version. */
  readonly versions: readonly Allegation[];
  /** Oldest first; the last is the current reply. A reply may answer an earlier version of the allegation. */
  readonly replies: readonly AllegationReply[];
}

export function currentAllegation(thread: AllegationThread): Allegation {
  const current = thread.versions.at(-1);
  if (!current) throw new Error('An allegation thread has at least one version.');
  return current;
}

export function currentReply(thread: AllegationThread): AllegationReply | null {
  return thread.replies.at(-1) ?? null;
}

/** Whether the current version still awaits the accused party's answer: no reply, or one to an older version. */
export function awaitsReply(thread: AllegationThread): boolean {
  return currentReply(thread)?.allegationId !== currentAllegation(thread).id;
}

/**
 * Strings the versions of an incident's allegations into threads (first version to current, following
 * `supersedes`) and hangs each reply on the thread of the version it answers. Threads come in the order of
 * their current claims, oldest first.
 */
export function threadsOf(
  incidentId: IncidentId,
  versions: readonly Allegation[],
  replies: readonly AllegationReply[],
): AllegationThread[] {
  const ids = new Set(versions.map((a) => a.id));
  const successor = new Map(
    versions.flatMap((a) => (a.supersedes === null ? [] : [[a.supersedes, a] as const])),
  );
  const threadOf = new Map<string, { versions: Allegation[]; replies: AllegationReply[] }>();
  const threads: { versions: Allegation[]; replies: AllegationReply[] }[] = [];
  for (const first of versions.filter((a) => a.supersedes === null || !ids.has(a.supersedes))) {
    const thread = { versions: [] as Allegation[], replies: [] as AllegationReply[] };
    for (let a: Allegation | undefined = first; a; a = successor.get(a.id)) {
      thread.versions.push(a);
      threadOf.set(a.id, thread);
    }
    threads.push(thread);
  }
  // `replies` come oldest version first, so each thread's replies end with its current one.
  for (const reply of replies) threadOf.get(reply.allegationId)?.replies.push(reply);
  return threads
    .map((t) => ({ incidentId, versions: t.versions, replies: t.replies }))
    .sort((a, b) => {
      const [x, y] = [currentAllegation(a), currentAllegation(b)];
      return compareText(x.madeAt, y.madeAt) || compareText(x.id, y.id);
    });
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function loadThreads(
  db: Handle,
  incidentIds: readonly string[],
): Promise<Map<string, AllegationThread[]>> {
  const versions = await allegationVersionsOf(db, [...new Set(incidentIds)]);
  const replies = await repliesTo(
    db,
    [...versions.values()].flatMap((list) => list.map((a) => a.id)),
  );
  const byIncident = new Map<string, AllegationThread[]>();
  for (const [incidentId, list] of versions) {
    const ids = new Set(list.map((a) => a.id));
    byIncident.set(
      incidentId,
      threadsOf(
        incidentId as IncidentId,
        list,
        replies.filter((r) => ids.has(r.allegationId)),
      ),
    );
  }
  return byIncident;
}

/** The thread holding one allegation version (the version is known to exist on the incident). */
async function threadHolding(
  trx: Handle,
  incidentId: string,
  allegationId: string,
): Promise<AllegationThread> {
  const threads = (await loadThreads(trx, [incidentId])).get(incidentId) ?? [];
  const thread = threads.find((t) => t.versions.some((a) => a.id === allegationId));
  if (!thread) throw new Error(`Allegation ${allegationId} is on no thread of incident ${incidentId}.`);
  return thread;
}

/** An incident the actor may see, loaded inside the write's transaction; otherwise `notFound`. */
async function visibleIncident(
  trx: Handle,
  actor: Actor,
  incidentId: string,
  notFound: () => TrucelineError,
): Promise<Incident> {
  const incident = await findIncident(trx, incidentId);
  if (!incident || !maySee(actor, incident)) throw notFound();
  return incident;
}

function allegationNotFound(id: string): TrucelineError {
  return new TrucelineError('ALLEGATION_NOT_FOUND', `No allegation has the id "${id}".`);
}

function replyNotFound(id: string): TrucelineError {
  return new TrucelineError('REPLY_NOT_FOUND', `No reply has the id "${id}".`);
}

function superseded(what: string, id: string, current: string): TrucelineError {
  return new TrucelineError(
    'VERSION_SUPERSEDED',
    `${what} ${id} has been superseded; its current version is ${current}.`,
    { current },
  );
}

async function checkSource(trx: Handle, source: string | null): Promise<void> {
  if (source !== null && !(await sourceKeys(trx)).has(source))
    throw fieldError('REFERENCE_UNKNOWN', 'source', `no source "${source}"`);
}

/** Inserts a new version; a second successor of one version (a race the checks lost) is VERSION_SUPERSEDED. */
async function insertVersion(insert: Promise<void>, what: string, id: string): Promise<void> {
  try {
    await insert;
  } catch (error) {
    if (isSecondSuccessor(error))
      throw new TrucelineError(
        'VERSION_SUPERSEDED',
        `${what} ${id} has just been superseded by another writer.`,
      );
    throw error;
  }
}

/**
 * Files an allegation about an incident the actor can see. A liaison files only as their own party (the
 * accuser); the mission's staff for any party. The accused must be another known party.
 */
export async function fileAllegation(
  services: Services,
  actor: Actor | null,
  incidentId: string,
  input: AllegationInput,
): Promise<{ readonly incidentId: IncidentId; readonly allegation: Allegation }> {
  const who = authorise(actor, 'allegation.file', { parties: [input.accuser] });
  return inTransaction(services, async (trx) => {
    const incident = await visibleIncident(
      trx,
      who,
      incidentId,
      () => new TrucelineError('INCIDENT_NOT_FOUND', `No incident has the id "${incidentId}".`),
    );
    const known = await partyCodes(trx);
    for (const field of ['accuser', 'accused'] as const) {
      if (!known.has(input[field]))
        throw fieldError('PARTY_UNKNOWN', field, `unknown party "${input[field]}"`);
    }
    if (input.accused === input.accuser)
      throw fieldError('SELF_ACCUSATION', 'accused', `the same party as the accuser (${input.accuser})`);
    await checkSource(trx, input.source);
    const allegation: Allegation = {
      id: services.newId(),
      ...input,
      version: 1,
      supersedes: null,
      filedBy: personId(who),
      filedAt: services.now().toISOString(),
    };
    await insertAllegations(trx, incident.id, [allegation]);
    const stored = await findAllegation(trx, allegation.id);
    await recordAudit(services, trx, {
      actor: who,
      action: 'allegation.file',
      subjectType: 'allegation',
      subjectId: allegation.id,
      after: stored,
    });
    return { incidentId: incident.id, allegation: stored ?? allegation };
  });
}

/**
 * Files a new version of an allegation: the same incident, accuser and accused, restated. Only the current
 * version can be superseded, only by the accuser's liaison or the mission's staff; the old version stays.
 */
export async function supersedeAllegation(
  services: Services,
  actor: Actor | null,
  id: string,
  input: AllegationVersionInput,
): Promise<{ readonly incidentId: IncidentId; readonly allegation: Allegation }> {
  const attempt = authoriseAttempt(actor, 'allegation.file');
  return inTransaction(services, async (trx) => {
    const found = await findAllegationOnIncident(trx, id);
    if (!found) throw allegationNotFound(id);
    const { incidentId, allegation: old } = found;
    await visibleIncident(trx, attempt, incidentId, () => allegationNotFound(id));
    const who = authorise(actor, 'allegation.file', { parties: [old.accuser] });
    const current = currentAllegation(await threadHolding(trx, incidentId, id));
    if (current.id !== id) throw superseded('Allegation', id, current.id);
    await checkSource(trx, input.source);
    const next: Allegation = {
      ...old,
      ...input,
      id: services.newId(),
      version: old.version + 1,
      supersedes: old.id,
      filedBy: personId(who),
      filedAt: services.now().toISOString(),
    };
    await insertVersion(insertAllegations(trx, incidentId, [next]), 'Allegation', id);
    const stored = await findAllegation(trx, next.id);
    await recordAudit(services, trx, {
      actor: who,
      action: 'allegation.supersede',
      subjectType: 'allegation',
      subjectId: next.id,
      before: old,
      after: stored,
    });
    return { incidentId, allegation: stored ?? next };
  });
}

/**
 * The accused party's answer to the current version of an allegation: by that party's liaison (or an
 * administrator). One reply per allegation; it is corrected by a new version, not a second reply.
 */
export async function replyToAllegation(
  services: Services,
  actor: Actor | null,
  allegationId: string,
  input: ReplyInput,
): Promise<AllegationReply> {
  const attempt = authoriseAttempt(actor, 'allegation.reply');
  return inTransaction(services, async (trx) => {
    const found = await findAllegationOnIncident(trx, allegationId);
    if (!found) throw allegationNotFound(allegationId);
    const { incidentId, allegation } = found;
    await visibleIncident(trx, attempt, incidentId, () => allegationNotFound(allegationId));
    const who = authorise(actor, 'allegation.reply', { parties: [allegation.accused] });
    const thread = await threadHolding(trx, incidentId, allegationId);
    const current = currentAllegation(thread);
    if (current.id !== allegationId) throw superseded('Allegation', allegationId, current.id);
    const existing = currentReply(thread);
    if (existing)
      throw new TrucelineError(
        'REPLY_EXISTS',
        `Allegation ${allegationId} already has reply ${existing.id}: file a new version of it (POST /api/v1/replies/${existing.id}/versions).`,
        { reply: existing.id },
      );
    await checkSource(trx, input.source);
    const reply: AllegationReply = {
      id: services.newId(),
      allegationId,
      party: allegation.accused,
      ...input,
      version: 1,
      supersedes: null,
      filedBy: personId(who),
      filedAt: services.now().toISOString(),
    };
    await insertReply(trx, reply);
    const stored = await findReply(trx, reply.id);
    await recordAudit(services, trx, {
      actor: who,
      action: 'allegation.reply',
      subjectType: 'allegation-reply',
      subjectId: reply.id,
      after: stored,
    });
    return stored ?? reply;
  });
}

/**
 * Files a new version of a reply, by the replying party only. The new version answers the allegation's current
 * version (which may be newer than the one the old reply answered); the old reply stays.
 */
export async function supersedeReply(
  services: Services,
  actor: Actor | null,
  id: string,
  input: ReplyInput,
): Promise<AllegationReply> {
  const attempt = authoriseAttempt(actor, 'allegation.reply');
  return inTransaction(services, async (trx) => {
    const old = await findReply(trx, id);
    if (!old) throw replyNotFound(id);
    const found = await findAllegationOnIncident(trx, old.allegationId);
    if (!found) throw replyNotFound(id);
    await visibleIncident(trx, attempt, found.incidentId, () => replyNotFound(id));
    const who = authorise(actor, 'allegation.reply', { parties: [old.party] });
    const thread = await threadHolding(trx, found.incidentId, old.allegationId);
    const current = currentReply(thread) ?? old;
    if (current.id !== id) throw superseded('Reply', id, current.id);
    await checkSource(trx, input.source);
    const next: AllegationReply = {
      ...old,
      ...input,
      id: services.newId(),
      allegationId: currentAllegation(thread).id,
      version: old.version + 1,
      supersedes: old.id,
      filedBy: personId(who),
      filedAt: services.now().toISOString(),
    };
    await insertVersion(insertReply(trx, next), 'Reply', id);
    const stored = await findReply(trx, next.id);
    await recordAudit(services, trx, {
      actor: who,
      action: 'allegation-reply.supersede',
      subjectType: 'allegation-reply',
      subjectId: next.id,
      before: old,
      after: stored,
    });
    return stored ?? next;
  });
}

/** Every allegation of an incident the actor may see, each with its versions and replies. */
export async function incidentAllegations(
  services: Services,
  actor: Actor | null,
  incidentId: string,
): Promise<AllegationThread[]> {
  const { incident } = await getIncident(services, actor, incidentId);
  return (await loadThreads(services.db.kysely, [incident.id])).get(incident.id) ?? [];
}

/**
 * The allegation one version (current or superseded) belongs to, with all its versions and replies, if the
 * actor may see its incident.
 */
export async function getAllegation(
  services: Services,
  actor: Actor | null,
  id: string,
): Promise<AllegationThread> {
  const db = services.db.kysely;
  const found = await findAllegationOnIncident(db, id);
  const incident = found && (await findIncident(db, found.incidentId));
  if (!found || !incident || !maySee(actor, incident)) throw allegationNotFound(id);
  return threadHolding(db, found.incidentId, id);
}

/** For each current allegation of the incidents, the accused party's current reply, if any. */
export async function repliesBeside(
  services: Services,
  incidentIds: readonly string[],
): Promise<Map<string, AllegationReply>> {
  const beside = new Map<string, AllegationReply>();
  for (const threads of (await loadThreads(services.db.kysely, incidentIds)).values()) {
    for (const thread of threads) {
      const reply = currentReply(thread);
      if (reply) beside.set(currentAllegation(thread).id, reply);
    }
  }
  return beside;
}

export interface AllegationQuery {
  readonly party?: string | undefined;
  readonly side?: AllegationSide | undefined;
  readonly awaiting?: 'reply' | undefined;
  readonly limit: number;
  readonly offset: number;
}

/**
 * A page of allegations (current versions, newest claim first) on incidents the actor may see. A liaison's
 * `party` defaults to their own; `awaiting=reply` keeps those whose current version no reply answers, and with
 * a party and no side means "against that party": what awaits its reply.
 */
export async function searchAllegations(
  services: Services,
  actor: Actor | null,
  query: AllegationQuery,
): Promise<Page<AllegationThread>> {
  const ownParty = actor !== null && actor.kind !== 'system' ? actor.party : null;
  const party = query.party ?? ownParty ?? undefined;
  if (query.side !== undefined && party === undefined)
    throw fieldError('VALIDATION_FAILED', 'query.side', 'needs a party (query.party)');
  const awaitingReply = query.awaiting === 'reply';
  const side = query.side ?? (awaitingReply && party !== undefined ? 'accused' : undefined);
  const db = services.db.kysely;
  const page = await listCurrentAllegations(
    db,
    { party, side, awaitingReply, visibility: visibilityFor(actor) },
    { limit: query.limit, offset: query.offset },
  );
  const threads = await loadThreads(
    db,
    page.items.map((i) => i.incidentId),
  );
  const items = page.items.flatMap(({ id, incidentId }) =>
    (threads.get(incidentId) ?? []).filter((t) => currentAllegation(t).id === id),
  );
  return { items, total: page.total };
}
