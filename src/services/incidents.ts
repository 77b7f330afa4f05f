// Incident use cases: file, correct, list and read incidents, and screen drafts without storing them.
// A write validates parties, stores the incident, screens it against every agreement and audits, in one go.

import { TrucelineError } from '../core/errors.js';
import type { Allegation, Incident, IncidentId } from '../core/model.js';
import { type Actor, can, mayAttempt, personId, type Subject } from '../core/policy.js';
import type { IncidentInput, IncidentPatch, ScreenDraft } from '../core/schemas.js';
import { type AgreementScreening, screenIncident, type Verdict } from '../core/screening.js';
import { parseInstant, toUtcIso } from '../core/time.js';
import { checkIncidentParties } from '../core/validate.js';
import { listAgreements } from '../db/agreements.js';
import type { Handle } from '../db/engine.js';
import { listSectors } from '../db/frontline.js';
import {
  countFiltered,
  findIncident,
  findIncidentIdByRef,
  INCIDENT_SORT_KEYS,
  insertIncidents,
  type IncidentFilter,
  type IncidentSort,
  type IncidentSortKey,
  listIncidents,
  type Page,
  type Visibility,
  screeningsByIncident,
  screeningsFor,
  type StoredScreening,
  updateIncident,
} from '../db/incidents.js';
import { partyCodes } from '../db/parties.js';
import { sourceKeys } from '../db/sources.js';
import { existingAgreementId } from './agreements.js';
import { auditedIncident, recordAudit, recordAudits } from './audit.js';
import { geographyFor, incidentDate, openLocator } from './frontline.js';
import { authorise, authoriseAttempt, inTransaction, type Services } from './context.js';
import { rememberedCount } from './count-memo.js';
import { screenable, screenAndStore, screenableDraft } from './screening.js';

export interface IncidentWithScreening {
  readonly incident: Incident;
  readonly screenings: readonly StoredScreening[];
}

function utcOf(occurredAt: string): string {
  const instant = parseInstant(occurredAt);
  if (!instant) throw new TrucelineError('VALIDATION_FAILED', 'occurredAt: not an ISO 8601 date or time');
  return toUtcIso(instant.epochMs);
}

/** A date alone is a day; a time of day is to the minute, unless the input says otherwise. */
function defaultPrecision(occurredAt: string): Incident['timePrecision'] {
  return occurredAt.length <= 10 ? 'day' : 'minute';
}

/** What checking a draft reads from the database; an import reads it once per batch. */
export interface DraftReferences {
  readonly parties: ReadonlySet<string>;
  readonly sources: ReadonlySet<string>;
}

export async function draftReferences(db: Handle): Promise<DraftReferences> {
  return { parties: await partyCodes(db), sources: await sourceKeys(db) };
}

/** Checks what a draft refers to (parties, sources) and its time, before anything is written; throws the problem. */
export function checkDraft(input: IncidentInput, references: DraftReferences): void {
  const problem = checkIncidentParties(input.perpetrator, input.allegations, references.parties);
  if (problem) throw problem;
  input.allegations.forEach((a, i) => {
    if (a.source !== null && !references.sources.has(a.source)) {
      throw new TrucelineError('REFERENCE_UNKNOWN', `allegations.${i}.source: no source "${a.source}"`, {
        issues: [{ path: `allegations.${i}.source`, message: `no source "${a.source}"` }],
      });
    }
  });
  utcOf(input.occurredAt);
}

function incidentFromInput(
  services: Services,
  id: IncidentId,
  input: IncidentInput,
  reportedBy: string,
  createdAt: string,
): Incident {
  const allegations: Allegation[] = input.allegations.map((a) => ({
    id: services.newId(),
    ...a,
    version: 1,
    supersedes: null,
    filedBy: reportedBy,
    filedAt: createdAt,
  }));
  return {
    id,
    ref: input.ref ?? null,
    occurredAt: input.occurredAt,
    timePrecision: input.timePrecision ?? defaultPrecision(input.occurredAt),
    title: input.title,
    eventType: input.eventType ?? null,
    subEventType: input.subEventType ?? null,
    actor1: input.actor1 ?? null,
    actor2: input.actor2 ?? null,
    country: input.country ?? null,
    admin1: input.admin1 ?? null,
    admin2: input.admin2 ?? null,
    admin3: input.admin3 ?? null,
    locationName: input.locationName ?? null,
    location: input.location ?? null,
    geoPrecision: input.geoPrecision ?? null,
    sourceText: input.sourceText ?? null,
    sourceScale: input.sourceScale ?? null,
    notes: input.notes ?? null,
    fatalities: input.fatalities ?? null,
    act: input.act ?? null,
    domain: input.domain ?? null,
    target: input.target ?? null,
    weapon: input.weapon ?? null,
    perpetrator: input.perpetrator ?? null,
    counts: input.counts,
    effects: input.effects,
    observation: input.observation ?? null,
    casualties: input.casualties,
    allegations,
    geography: null,
    reportedBy,
    publishedAt: null,
    disclosure: input.disclosure,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The parties an incident concerns: every accuser and accused of its current allegations. */
export function partiesConcerned(incident: Incident): Subject {
  return { parties: [...new Set(incident.allegations.flatMap((a) => [a.accuser, a.accused]))] };
}

/**
 * Whether the actor may see this incident at all: a published one anyone may; an unpublished one only a role
 * that reads unpublished incidents (a liaison: those concerning their party).
 */
export function maySee(actor: Actor | null, incident: Incident): boolean {
  return incident.publishedAt !== null || can(actor, 'incident.read-unpublished', partiesConcerned(incident));
}

/**
 * The parties an incident is filed on behalf of: the accusers of its allegations. A liaison may file or edit an
 * incident only when every one of them is the liaison's party (an incident with no allegation is the mission's
 * own record, which no liaison may touch).
 */
function incidentSubject(allegations: readonly { readonly accuser: string }[]): Subject {
  return { parties: [...new Set(allegations.map((a) => a.accuser))] };
}

/** Files an incident; its screening is computed and stored with it. */
export async function createIncident(
  services: Services,
  actor: Actor | null,
  input: IncidentInput,
): Promise<IncidentWithScreening> {
  const who = authorise(actor, 'incident.write', incidentSubject(input.allegations));
  return inTransaction(services, async (trx) => {
    checkDraft(input, await draftReferences(trx));
    if (input.ref && (await findIncidentIdByRef(trx, input.ref))) throw refTaken(input.ref);
    const [incident] = await fileIncidents(services, trx, who, [input]);
    if (!incident) throw new Error('filing one incident returned none');
    return { incident, screenings: await screeningsFor(trx, [incident.id]) };
  });
}

/** Authorises filing one draft: the actor may write incidents on behalf of its accusers. */
export function authoriseDraft(actor: Actor | null, input: IncidentInput): Actor {
  return authorise(actor, 'incident.write', incidentSubject(input.allegations));
}

/**
 * Files drafts already authorised and checked (`authoriseDraft`, `checkDraft`, refs not taken) in the caller's
 * transaction: each gets its geography and its screening against every agreement, all are stored with
 * multi-row inserts, then reloaded and audited as stored (`incident.create`, then `allegation.file` per
 * allegation, incident by incident). The agreements and the front-line locator are read once for all of them.
 */
export async function fileIncidents(
  services: Services,
  trx: Handle,
  who: Actor,
  inputs: readonly IncidentInput[],
): Promise<Incident[]> {
  const agreements = await listAgreements(trx);
  const locator = await openLocator(trx);
  const now = services.now().toISOString();
  const rows = [];
  for (const input of inputs) {
    const drafted = incidentFromInput(services, services.newId() as IncidentId, input, personId(who), now);
    const date = incidentDate(drafted.occurredAt);
    const geography =
      drafted.location === null || date === null ? null : await locator.geographyOn(date, drafted.location);
    const incident: Incident = { ...drafted, geography };
    rows.push({
      incident,
      occurredUtc: utcOf(incident.occurredAt),
      screenings: screenIncident(screenable(incident), agreements),
      computedAt: now,
    });
  }
  // As stored, so `truceline audit verify` reproduces the digests from the stored rows.
  const stored = await insertIncidents(trx, rows);
  await recordAudits(
    services,
    trx,
    stored.flatMap((incident) => [
      {
        actor: who,
        action: 'incident.create',
        subjectType: 'incident',
        subjectId: incident.id,
        after: auditedIncident(incident),
      },
      ...incident.allegations.map((allegation) => ({
        actor: who,
        action: 'allegation.file',
        subjectType: 'allegation',
        subjectId: allegation.id,
        after: allegation,
      })),
    ]),
  );
  return rows.map((r) => r.incident);
}

function refTaken(ref: string): TrucelineError {
  return new TrucelineError('INCIDENT_REF_TAKEN', `Another incident already has the reference "${ref}".`, {
    issues: [{ path: 'ref', message: 'already taken' }],
  });
}

/** Corrects an incident's fields; it is re-screened. */
export async function updateIncidentFields(
  services: Services,
  actor: Actor | null,
  id: string,
  patch: IncidentPatch,
): Promise<IncidentWithScreening> {
  authoriseAttempt(actor, 'incident.write');
  return inTransaction(services, async (trx) => {
    const before = await findIncident(trx, id);
    if (!before) throw new TrucelineError('INCIDENT_NOT_FOUND', `No incident has the id "${id}".`);
    const who = authorise(actor, 'incident.write', incidentSubject(before.allegations));
    const problem = checkIncidentParties(patch.perpetrator, [], await partyCodes(trx));
    if (problem) throw problem;
    if (patch.ref && patch.ref !== before.ref && (await findIncidentIdByRef(trx, patch.ref)))
      throw refTaken(patch.ref);
    const defined = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as Partial<Incident>;
    const now = services.now().toISOString();
    const patched: Incident = {
      ...before,
      ...defined,
      timePrecision:
        patch.timePrecision ??
        (patch.occurredAt !== undefined ? defaultPrecision(patch.occurredAt) : before.timePrecision),
      updatedAt: now,
    };
    const after: Incident = { ...patched, geography: await geographyFor(trx, patched) };
    await updateIncident(trx, after, utcOf(after.occurredAt));
    await screenAndStore(trx, after, await listAgreements(trx), now);
    await recordAudit(services, trx, {
      actor: who,
      action: 'incident.update',
      subjectType: 'incident',
      subjectId: id,
      before: auditedIncident(before),
      after: auditedIncident(await findIncident(trx, id)),
    });
    return { incident: after, screenings: await screeningsFor(trx, [id]) };
  });
}

/**
 * One incident, if the actor may see it. An unpublished incident is reported as not found to whoever may not
 * see it, so that its existence is not given away.
 */
export async function getIncident(
  services: Services,
  actor: Actor | null,
  id: string,
): Promise<IncidentWithScreening> {
  const incident = await findIncident(services.db.kysely, id);
  if (!incident || !maySee(actor, incident))
    throw new TrucelineError('INCIDENT_NOT_FOUND', `No incident has the id "${id}".`);
  return { incident, screenings: await screeningsFor(services.db.kysely, [id]) };
}

/** Which incidents a listing may show the actor. */
export function visibilityFor(actor: Actor | null): Visibility {
  if (can(actor, 'incident.read-unpublished', { parties: [] })) return { kind: 'all' };
  if (
    actor !== null &&
    actor.kind !== 'system' &&
    actor.party !== null &&
    mayAttempt(actor, 'incident.read-unpublished')
  )
    return { kind: 'published-or-party', party: actor.party };
  return { kind: 'published' };
}

/** The orders a listing may ask for: a key, descending with `-` in front (`-occurredAt` is newest first). */
export const INCIDENT_SORTS = INCIDENT_SORT_KEYS.flatMap((key) => [key, `-${key}`] as const);
export type IncidentSortParam = (typeof INCIDENT_SORTS)[number];

/** What narrows a listing (and the counts of GET /stats). */
export interface IncidentCriteria {
  readonly agreement?: string | undefined;
  readonly verdict?: Verdict | undefined;
  readonly party?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly target?: string | undefined;
  readonly sector?: string | undefined;
  readonly oblast?: string | undefined;
  readonly status?: 'published' | 'unpublished' | undefined;
}

export interface IncidentQuery extends IncidentCriteria {
  readonly sort?: IncidentSortParam | undefined;
  readonly limit: number;
  readonly offset: number;
}

/**
 * The database filter for what the actor asked for and may see. An unknown agreement or sector is a 404; asking
 * for unpublished incidents needs a role that reads them; the sector and oblast of a withheld location are not
 * the public's to filter on.
 */
export async function incidentFilter(
  services: Services,
  actor: Actor | null,
  criteria: IncidentCriteria,
): Promise<IncidentFilter> {
  const db = services.db.kysely;
  const agreementId =
    criteria.agreement === undefined ? undefined : await existingAgreementId(db, criteria.agreement);
  if (criteria.sector !== undefined && !(await listSectors(db)).some((s) => s.key === criteria.sector))
    throw new TrucelineError('SECTOR_NOT_FOUND', `No sector has the key "${criteria.sector}".`, {
      issues: [{ path: 'sector', message: 'no such sector' }],
    });
  if (criteria.status === 'unpublished') authoriseAttempt(actor, 'incident.read-unpublished');
  return {
    agreementId,
    verdict: criteria.verdict,
    party: criteria.party,
    fromUtc: criteria.from !== undefined ? utcOf(criteria.from) : undefined,
    toUtc: criteria.to !== undefined ? endOf(criteria.to) : undefined,
    target: criteria.target,
    sector: criteria.sector,
    oblast: criteria.oblast,
    status: criteria.status,
    publicGeography: !can(actor, 'incident.read-sealed'),
    visibility: visibilityFor(actor),
  };
}

function parseSort(sort: IncidentSortParam | undefined): IncidentSort | undefined {
  if (sort === undefined) return undefined;
  const descending = sort.startsWith('-');
  return { key: (descending ? sort.slice(1) : sort) as IncidentSortKey, descending };
}

/**
 * A page of incidents with their screenings, in the order asked for. `to` is inclusive of its whole day when it
 * is a date.
 */
export async function searchIncidents(
  services: Services,
  actor: Actor | null,
  query: IncidentQuery,
): Promise<Page<IncidentWithScreening>> {
  const db = services.db.kysely;
  const filter = await incidentFilter(services, actor, query);
  const page = await listIncidents(
    db,
    filter,
    { limit: query.limit, offset: query.offset },
    parseSort(query.sort),
    (f) => rememberedCount(services, 'incidents', f, () => countFiltered(db, f)),
  );
  const screenings = await screeningsByIncident(
    db,
    page.items.map((i) => i.id),
  );
  return {
    total: page.total,
    items: page.items.map((incident) => ({ incident, screenings: screenings.get(incident.id) ?? [] })),
  };
}

function endOf(to: string): string {
  const instant = parseInstant(to);
  if (!instant) throw new TrucelineError('VALIDATION_FAILED', 'to: not an ISO 8601 date or time');
  return toUtcIso(to.length <= 10 ? instant.epochMs + 86_400_000 : instant.epochMs);
}

/** Screens a draft incident against the stored agreements without storing anything. */
export async function screenDraft(services: Services, draft: ScreenDraft): Promise<AgreementScreening[]> {
  const known = await partyCodes(services.db.kysely);
  const problem = checkIncidentParties(draft.perpetrator, [], known);
  if (problem) throw problem;
  const geography =
    draft.location === undefined || draft.location === null
      ? null
      : await geographyFor(services.db.kysely, { location: draft.location, occurredAt: draft.occurredAt });
  return screenIncident(screenableDraft(draft, geography), await listAgreements(services.db.kysely));
}
