// `truceline audit verify`: recomputes the hash chain, the Merkle tree and every checkpoint, and compares each
// audited record as stored now with the digest its last audit event committed to, and re-hashes every stored
// evidence file. Shared by the CLI and tests.

import { chainHash, digest, GENESIS_HASH } from '../core/audit.js';
import { findAgreement } from '../db/agreements.js';
import { findBulletinRecord } from '../db/bulletins.js';
import { findCorrection } from '../db/corrections.js';
import { listAuditEvents, readAuditHead, type AuditEvent } from '../db/audit.js';
import type { Handle } from '../db/engine.js';
import { evidenceWithFiles, findEvidenceRecord } from '../db/evidence.js';
import { findClaim, findExchange } from '../db/exchanges.js';
import {
  findDecision,
  findGroup,
  findIssue,
  findMeeting,
  findMember,
  findUpdate,
} from '../db/expert-groups.js';
import { findSnapshot, listSectors, listSnapshots } from '../db/frontline.js';
import { findAllegation, findReply } from '../db/allegations.js';
import { findFindingRecord } from '../db/findings.js';
import { findIncident } from '../db/incidents.js';
import type { FileCheck } from '../io/files.js';
import { listParties } from '../db/parties.js';
import { listSources } from '../db/sources.js';
import { findWebhook } from '../db/webhooks.js';

import { verifyCheckpoints } from './checkpoints.js';
import type { Services } from './context.js';
import { auditedIncident } from './audit.js';
import { sha256Hex } from './sha256.js';

export type AuditProblem =
  | { readonly kind: 'chain'; readonly seq: number; readonly message: string }
  | {
      readonly kind: 'record';
      readonly subjectType: string;
      readonly subjectId: string;
      readonly seq: number;
      readonly state: 'altered' | 'deleted';
      readonly message: string;
    }
  | { readonly kind: 'checkpoint'; readonly treeSize: number; readonly message: string };

export interface AuditVerification {
  readonly ok: boolean;
  readonly events: number;
  readonly recordsChecked: number;
  readonly checkpoints: number;
  /** Subject types that have audit events but no loader here, so their records were not compared. */
  readonly unchecked: readonly string[];
  readonly problems: readonly AuditProblem[];
}

/** Loads the current record of one subject, shaped as its use case audited it; null when it is gone. */
type Loader = (db: Handle, id: string) => Promise<unknown>;

/** One loader per audited subject type, through the repository functions the use cases use. */
const LOADERS: Readonly<Record<string, Loader>> = {
  agreement: (db, id) => findAgreement(db, id),
  incident: async (db, id) => auditedIncident(await findIncident(db, id)),
  allegation: (db, id) => findAllegation(db, id),
  'allegation-reply': (db, id) => findReply(db, id),
  finding: (db, incidentId) => findFindingRecord(db, incidentId),
  source: async (db, id) => (await listSources(db)).find((s) => s.id === id) ?? null,
  party: async (db, code) => (await listParties(db)).find((p) => p.code === code) ?? null,
  evidence: (db, id) => findEvidenceRecord(db, id),
  exchange: (db, id) => findExchange(db, id),
  'exchange-claim': (db, id) => findClaim(db, id),
  'expert-group': (db, id) => findGroup(db, id),
  'expert-group-member': (db, id) => findMember(db, id),
  'expert-group-meeting': (db, id) => findMeeting(db, id),
  'expert-group-decision': (db, id) => findDecision(db, id),
  'expert-group-issue': (db, id) => findIssue(db, id),
  'expert-group-issue-update': (db, id) => findUpdate(db, id),
  bulletin: (db, id) => findBulletinRecord(db, id),
  correction: (db, id) => findCorrection(db, id),
  // Without its secret; deliveries and their attempts are an operational log, not audited records.
  webhook: (db, id) => findWebhook(db, id),
  'frontline-snapshot': async (db, date) => {
    const summary = (await listSnapshots(db)).find((s) => s.validFrom === date);
    return summary ? findSnapshot(db, summary.id) : null;
  },
  sector: async (db, key) => {
    const sector = (await listSectors(db)).find((s) => s.key === key);
    return sector ? { name: sector.name, position: sector.position, region: sector.region } : null;
  },
};

function describe(event: AuditEvent): string {
  return `${event.action} of ${event.subjectType} ${event.subjectId} at ${event.at}`;
}

/** Every broken link: a gap in the sequence, an event whose hash is not its own, or one not on its predecessor. */
export function chainProblems(
  events: readonly AuditEvent[],
  head: { seq: number; hash: string },
): AuditProblem[] {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const event of events) {
    if (event.seq !== expectedSeq) {
      problems.push({
        kind: 'chain',
        seq: expectedSeq,
        message: `event ${expectedSeq} is missing: the next stored event is ${event.seq} (${describe(event)})`,
      });
    } else if (event.prevHash !== prevHash) {
      problems.push({
        kind: 'chain',
        seq: event.seq,
        message: `event ${event.seq} (${describe(event)}) does not follow event ${event.seq - 1}: its prev_hash is ${event.prevHash}, expected ${prevHash}`,
      });
    }
    const recomputed = chainHash(event, sha256Hex);
    if (recomputed !== event.hash) {
      problems.push({
        kind: 'chain',
        seq: event.seq,
        message: `event ${event.seq} (${describe(event)}) was altered: its fields hash to ${recomputed}, stored hash is ${event.hash}`,
      });
    }
    expectedSeq = event.seq + 1;
    prevHash = event.hash;
  }
  if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
    problems.push({
      kind: 'chain',
      seq: expectedSeq,
      message: `the chain head is event ${head.seq} (${head.hash}) but the log ends at event ${expectedSeq - 1} (${prevHash})`,
    });
  }
  return problems;
}

/** Compares each audited record with the after digest of its last audit event. */
async function recordProblems(
  db: Handle,
  events: readonly AuditEvent[],
): Promise<{ problems: AuditProblem[]; checked: number; unchecked: string[] }> {
  const last = new Map<string, AuditEvent>();
  for (const event of events) last.set(`${event.subjectType}\u0000${event.subjectId}`, event);
  const problems: AuditProblem[] = [];
  const unchecked = new Set<string>();
  let checked = 0;
  for (const event of last.values()) {
    const load = LOADERS[event.subjectType];
    if (!load) {
      unchecked.add(event.subjectType);
      continue;
    }
    checked++;
    const current = await load(db, event.subjectId);
    const base = {
      kind: 'record',
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      seq: event.seq,
    } as const;
    if (current === null) {
      if (event.afterDigest !== null)
        problems.push({
          ...base,
          state: 'deleted',
          message: `${event.subjectType} ${event.subjectId} was deleted: its last audit event ${event.seq} (${event.action}) records it as stored`,
        });
      continue;
    }
    const found = digest(current, sha256Hex);
    if (found !== event.afterDigest)
      problems.push({
        ...base,
        state: 'altered',
        message: `${event.subjectType} ${event.subjectId} was altered: it digests to ${found}, its last audit event ${event.seq} (${event.action}) recorded ${event.afterDigest ?? 'no record'}`,
      });
  }
  return { problems, checked, unchecked: [...unchecked].sort() };
}

/**
 * Re-hashes every stored evidence file (originals and public copies): a file that is gone, or whose bytes no
 * longer hash to the SHA-256 it is stored under, is reported against each item that refers to it.
 */
async function storedFileProblems(
  services: Services,
  events: readonly AuditEvent[],
): Promise<AuditProblem[]> {
  const lastSeq = new Map<string, number>();
  for (const event of events) if (event.subjectType === 'evidence') lastSeq.set(event.subjectId, event.seq);
  const checked = new Map<string, FileCheck>();
  const problems: AuditProblem[] = [];
  for (const evidence of await evidenceWithFiles(services.db.kysely)) {
    const files = [
      { which: 'original', sha256: evidence.kind === 'file' ? evidence.sha256 : null },
      { which: 'public copy', sha256: evidence.publicCopy?.sha256 ?? null },
    ];
    for (const { which, sha256 } of files) {
      if (sha256 === null) continue;
      const state = checked.get(sha256) ?? (await services.files.check(sha256));
      checked.set(sha256, state);
      if (state === 'intact') continue;
      problems.push({
        kind: 'record',
        subjectType: 'evidence',
        subjectId: evidence.id,
        seq: lastSeq.get(evidence.id) ?? 0,
        state: state === 'missing' ? 'deleted' : 'altered',
        message:
          state === 'missing'
            ? `evidence ${evidence.id}: its ${which} file ${sha256} is missing from the store`
            : `evidence ${evidence.id}: its ${which} file no longer hashes to ${sha256}, the SHA-256 it was stored under`,
      });
    }
  }
  return problems;
}

/** Verifies the whole audit log against the database it describes. */
export async function verifyAudit(services: Services): Promise<AuditVerification> {
  const db = services.db.kysely;
  const events = await listAuditEvents(db);
  const head = await readAuditHead(db);
  const chain = chainProblems(events, head);
  const records = await recordProblems(db, events);
  records.problems.push(...(await storedFileProblems(services, events)));
  const checkpoints = await verifyCheckpoints(services, events);
  const problems = [...chain, ...records.problems, ...checkpoints.problems];
  return {
    ok: problems.length === 0,
    events: events.length,
    recordsChecked: records.checked,
    checkpoints: checkpoints.count,
    unchecked: records.unchecked,
    problems,
  };
}
