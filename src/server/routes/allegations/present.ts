// The API shapes of allegations and replies; kept beside their routes so the shared presenters stay untouched.
// `filedBy` names a person, so only readers of the sealed record (the mission's staff) see it.

import type { Allegation, AllegationReply } from '../../../core/model.js';
import {
  type AllegationThread,
  awaitsReply,
  currentAllegation,
  currentReply,
} from '../../../services/allegations.js';

export function presentAllegation(
  a: Allegation,
  incidentId: string,
  sealed: boolean,
  supersededBy: string | null = null,
) {
  return {
    id: a.id,
    incidentId,
    accuser: a.accuser,
    accused: a.accused,
    madeAt: a.madeAt,
    source: a.source,
    summary: a.summary,
    version: a.version,
    supersedes: a.supersedes,
    supersededBy,
    filedAt: a.filedAt,
    filedBy: sealed ? a.filedBy : null,
  };
}

export function presentReply(r: AllegationReply, sealed: boolean, supersededBy: string | null = null) {
  return {
    id: r.id,
    allegationId: r.allegationId,
    party: r.party,
    kind: r.kind,
    text: r.text,
    madeAt: r.madeAt,
    source: r.source,
    version: r.version,
    supersedes: r.supersedes,
    supersededBy,
    filedAt: r.filedAt,
    filedBy: sealed ? r.filedBy : null,
  };
}

/** Who replaced each version: the version whose `supersedes` names it. */
function successors(records: readonly { id: string; supersedes: string | null }[]): Map<string, string> {
  return new Map(records.flatMap((r) => (r.supersedes === null ? [] : [[r.supersedes, r.id] as const])));
}

/** An allegation side by side with the accused party's reply, and the history of both. */
export function presentThread(t: AllegationThread, sealed: boolean) {
  const next = successors([...t.versions, ...t.replies]);
  const reply = currentReply(t);
  return {
    incidentId: t.incidentId,
    allegation: presentAllegation(currentAllegation(t), t.incidentId, sealed),
    reply: reply && presentReply(reply, sealed),
    awaitingReply: awaitsReply(t),
    versions: t.versions.map((a) => presentAllegation(a, t.incidentId, sealed, next.get(a.id) ?? null)),
    replies: t.replies.map((r) => presentReply(r, sealed, next.get(r.id) ?? null)),
  };
}
