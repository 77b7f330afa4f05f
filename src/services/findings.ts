// Verification use cases: read an incident's finding, change it one step at a time (each change audited, publishing
// also publishing the incident), and list what awaits a verifier. The state machine itself is `core/verification`.

import { fieldError, TrucelineError } from '../core/errors.js';
import type { AgreementId, Incident, IncidentId } from '../core/model.js';
import { type Actor, mayAttempt } from '../core/policy.js';
import {
  actionFor,
  type AgreementRuling,
  applyChange,
  type Attribution,
  type Change,
  type Finding,
  type Grade,
  newFinding,
  type Occurrence,
  type QueueItem,
  reviewQueue,
} from '../core/verification.js';
import { findAgreementId } from '../db/agreements.js';
import type { Handle } from '../db/engine.js';
import {
  findFindingRecord,
  type FindingRecord,
  findingRecordsOf,
  type QueueIncident,
  saveFinding,
  unpublishedIncidents,
} from '../db/findings.js';
import {
  findIncident,
  markIncidentPublished,
  screeningsByIncident,
  screeningsFor,
  type StoredScreening,
} from '../db/incidents.js';
import { partyCodes } from '../db/parties.js';
import { auditedIncident, recordAudit } from './audit.js';
import { authoriseAttempt, inTransaction, type Services } from './context.js';
import { getIncident, type IncidentWithScreening, maySee } from './incidents.js';

/** A change as clients send it: agreements are named by id or slug, resolved before the state machine sees them. */
export type ChangeInput =
  | { readonly kind: 'occurrence'; readonly to: Occurrence; readonly reason: string }
  | { readonly kind: 'attribution'; readonly to: Attribution; readonly reason: string }
  | { readonly kind: 'grade'; readonly to: Grade; readonly reason: string }
  | {
      readonly kind: 'rule';
      readonly agreement: string;
      readonly to: 'violation' | 'not-a-violation' | 'unable-to-rule';
      readonly reason: string;
    }
  | {
      readonly kind: 'propose-violation' | 'confirm-violation' | 'reject-violation' | 'reopen-ruling';
      readonly agreement: string;
      readonly reason: string;
    }
  | { readonly kind: 'publish'; readonly reason: string };

export interface IncidentFinding {
  readonly incident: Incident;
  readonly finding: Finding;
}

/**
 * An incident's finding as it stands: the stored one merged with the current screening, or the initial one. The
 * finding rules on every agreement whose screening verdict is not `not-covered`. A re-screening adds a pending
 * ruling for a newly screened agreement, and drops a ruling that nobody has touched (pending, no proposal) for
 * an agreement that no longer screens; a final or proposed ruling is kept whatever the screening says now.
 */
export function currentFinding(input: {
  readonly incidentId: IncidentId;
  readonly reportedBy: string | null;
  readonly screenings: readonly Pick<StoredScreening, 'agreementId' | 'verdict'>[];
  readonly stored: FindingRecord | null;
}): Finding {
  const screened = input.screenings
    .filter((s) => s.verdict !== 'not-covered')
    .map((s) => s.agreementId as AgreementId);
  if (input.stored === null) {
    return newFinding({ incidentId: input.incidentId, reportedBy: input.reportedBy, agreementIds: screened });
  }
  const { updatedAt: _updatedAt, ...record } = input.stored;
  const kept = record.rulings.filter(
    ({ agreementId, ruling }) =>
      screened.includes(agreementId) || ruling.status !== 'pending' || ruling.proposal !== null,
  );
  const added: AgreementRuling[] = screened
    .filter((id) => !kept.some((r) => r.agreementId === id))
    .map((agreementId) => ({ agreementId, ruling: { status: 'pending', proposal: null } }));
  return { ...record, reportedBy: input.reportedBy, rulings: [...kept, ...added] };
}

/** The findings of incidents already loaded with their screenings (for listings), by incident id. */
export async function findingsOf(
  services: Services,
  entries: readonly IncidentWithScreening[],
): Promise<Map<string, Finding>> {
  const stored = await findingRecordsOf(
    services.db.kysely,
    entries.map((e) => e.incident.id),
  );
  return new Map(
    entries.map(({ incident, screenings }) => [
      incident.id,
      currentFinding({
        incidentId: incident.id,
        reportedBy: incident.reportedBy,
        screenings,
        stored: stored.get(incident.id) ?? null,
      }),
    ]),
  );
}

async function loadFinding(
  db: Handle,
  incident: Incident,
): Promise<{ finding: Finding; stored: FindingRecord | null }> {
  const stored = await findFindingRecord(db, incident.id);
  const screenings = await screeningsFor(db, [incident.id]);
  const finding = currentFinding({
    incidentId: incident.id,
    reportedBy: incident.reportedBy,
    screenings,
    stored,
  });
  return { finding, stored };
}

/** An incident's finding with its history, if the actor may see the incident (else INCIDENT_NOT_FOUND). */
export async function getFinding(
  services: Services,
  actor: Actor | null,
  id: string,
): Promise<IncidentFinding> {
  const { incident } = await getIncident(services, actor, id);
  return { incident, finding: (await loadFinding(services.db.kysely, incident)).finding };
}

/** Resolves the agreement a change names and checks an attributed party; the state machine does the rest. */
async function resolveChange(trx: Handle, input: ChangeInput): Promise<Change> {
  switch (input.kind) {
    case 'occurrence':
    case 'grade':
    case 'publish':
      return input;
    case 'attribution':
      if (input.to.status !== 'unknown' && !(await partyCodes(trx)).has(input.to.party)) {
        throw fieldError('PARTY_UNKNOWN', 'to.party', `no party has the code "${input.to.party}"`);
      }
      return input;
    case 'rule':
      return {
        kind: input.kind,
        agreementId: await agreementIdOf(trx, input.agreement),
        to: input.to,
        reason: input.reason,
      };
    case 'propose-violation':
    case 'confirm-violation':
    case 'reject-violation':
    case 'reopen-ruling':
      return {
        kind: input.kind,
        agreementId: await agreementIdOf(trx, input.agreement),
        reason: input.reason,
      };
  }
}

async function agreementIdOf(trx: Handle, idOrSlug: string): Promise<AgreementId> {
  const id = await findAgreementId(trx, idOrSlug);
  if (id === null)
    throw fieldError('REFERENCE_UNKNOWN', 'agreement', `no agreement has the id or slug "${idOrSlug}"`);
  return id;
}

function recordOf(finding: Finding, updatedAt: string): FindingRecord {
  const { reportedBy: _reportedBy, ...record } = finding;
  return { ...record, updatedAt };
}

/**
 * Applies changes to an incident's finding, in order and in one transaction: each through the state machine
 * (`applyChange`: permission, reason, legal transition, two-person rule), each stored and audited as
 * `finding.<kind>` with its reason. A refusal throws its catalogue error and nothing is written. Publishing the
 * finding publishes the incident too (`incident.publish`): that is when the public first sees either.
 */
export async function changeFinding(
  services: Services,
  actor: Actor | null,
  id: string,
  changes: readonly ChangeInput[],
): Promise<IncidentFinding> {
  if (actor === null) throw new TrucelineError('UNAUTHENTICATED');
  const by = actor;
  for (const change of changes) authoriseAttempt(by, actionFor(change));
  return inTransaction(services, async (trx) => {
    let incident = await findIncident(trx, id);
    if (!incident || !maySee(by, incident)) {
      throw new TrucelineError('INCIDENT_NOT_FOUND', `No incident has the id "${id}".`);
    }
    let { finding, stored } = await loadFinding(trx, incident);
    const at = services.now().toISOString();
    for (const input of changes) {
      const change = await resolveChange(trx, input);
      const result = applyChange(finding, change, { actor: by, at });
      if (!result.ok) throw result.error;
      finding = result.finding;
      await saveFinding(trx, recordOf(finding, at));
      // As reloaded, so that `truceline audit verify` reproduces the digest from the stored row.
      const after = await findFindingRecord(trx, id);
      const reason = finding.history.at(-1)?.reason ?? null;
      await recordAudit(services, trx, {
        actor: by,
        action: `finding.${change.kind}`,
        subjectType: 'finding',
        subjectId: id,
        before: stored ?? undefined,
        after,
        reason,
      });
      stored = after;
      if (change.kind === 'publish' && incident.publishedAt === null) {
        await markIncidentPublished(trx, id, at);
        const published = await findIncident(trx, id);
        await recordAudit(services, trx, {
          actor: by,
          action: 'incident.publish',
          subjectType: 'incident',
          subjectId: id,
          before: auditedIncident(incident),
          after: auditedIncident(published),
          reason,
        });
        incident = published ?? incident;
      }
    }
    return { incident, finding };
  });
}

/** Review-queue limits: how many unpublished incidents one request examines. */
export const QUEUE_DEFAULT_LIMIT = 200;
export const QUEUE_MAX_LIMIT = 1000;

export interface ReviewQueuePage {
  readonly items: readonly { readonly item: QueueItem; readonly incident: QueueIncident }[];
  /** How many unpublished incidents this page examined, and how many there are in all. */
  readonly examined: number;
  readonly unpublished: number;
}

/**
 * What awaits the actor among a window of unpublished incidents (earliest occurrence first): violations to
 * confirm, rulings to make, occurrences to review, findings ready to publish. The window keeps the cost of one
 * request bounded however many incidents are stored; a client pages through with `offset`.
 */
export async function reviewQueueFor(
  services: Services,
  actor: Actor | null,
  page: { readonly limit: number; readonly offset: number },
): Promise<ReviewQueuePage> {
  if (actor === null) throw new TrucelineError('UNAUTHENTICATED');
  const actions = ['finding.review', 'finding.rule', 'finding.publish'] as const;
  if (!actions.some((action) => mayAttempt(actor, action))) {
    throw new TrucelineError('FORBIDDEN', 'You have no part in reviewing findings.');
  }
  const db = services.db.kysely;
  const window = await unpublishedIncidents(db, page);
  const ids = window.items.map((i) => i.id);
  const screenings = await screeningsByIncident(db, ids);
  const stored = await findingRecordsOf(db, ids);
  const findings = window.items.map((incident) =>
    currentFinding({
      incidentId: incident.id,
      reportedBy: incident.reportedBy,
      screenings: screenings.get(incident.id) ?? [],
      stored: stored.get(incident.id) ?? null,
    }),
  );
  const byId = new Map(window.items.map((i) => [i.id, i]));
  const items = reviewQueue(findings, actor).flatMap((item) => {
    const incident = byId.get(item.incidentId);
    return incident ? [{ item, incident }] : [];
  });
  return { items, examined: window.items.length, unpublished: window.total };
}
