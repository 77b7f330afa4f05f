// Reader corrections: anyone may suggest one (the public included, audited as `public`); editors accept or
// reject it with a reply, then mark an accepted one applied with a note of what changed, which lists it in the
// public corrections log. The queue and readers' contacts are for editors only.

import {
  type Correction,
  type CorrectionDecision,
  type CorrectionStatus,
  type CorrectionStep,
  type CorrectionTarget,
  forbiddenCharacter,
  nextCorrectionStatus,
  type RecordRef,
  stripMarkup,
} from '../core/corrections.js';
import { fieldError, TrucelineError } from '../core/errors.js';
import { type Actor, personId } from '../core/policy.js';
import {
  findCorrection,
  insertCorrection,
  listAppliedCorrections,
  listCorrections,
  updateCorrection,
} from '../db/corrections.js';
import type { Handle } from '../db/engine.js';
import type { Page } from '../db/incidents.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';

/** A reader's suggestion as the edge parsed it (markup already stripped there; stripped again here). */
export interface CorrectionInput {
  readonly target: CorrectionTarget;
  readonly suggestion: string;
  readonly comment: string;
  readonly contact: string | null;
}

/** Which part of the queue to list: `open` is what still needs an editor (submitted or accepted). */
export const QUEUE_VIEWS = ['open', 'submitted', 'accepted', 'rejected', 'applied', 'all'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

const QUEUE_STATUSES: Readonly<Record<QueueView, readonly CorrectionStatus[]>> = {
  open: ['submitted', 'accepted'],
  submitted: ['submitted'],
  accepted: ['accepted'],
  rejected: ['rejected'],
  applied: ['applied'],
  all: ['submitted', 'accepted', 'rejected', 'applied'],
};

/** Plain text, or the field's error: no control characters, no markup. */
function plain(path: string, value: string): string {
  const bad = forbiddenCharacter(value);
  if (bad !== null) throw fieldError('VALIDATION_FAILED', path, `contains a control character (${bad})`);
  return stripMarkup(value);
}

function plainOrNull(path: string, value: string | null): string | null {
  if (value === null) return null;
  const text = plain(path, value);
  return text === '' ? null : text;
}

/**
 * The submission as it is stored: every text plain. The quote and its context keep their spaces (they must
 * match the page as it was), so they are only refused, never trimmed or stripped.
 */
function cleaned(input: CorrectionInput): CorrectionInput {
  const { target } = input;
  const selector = target.selector;
  if (selector)
    for (const part of ['exact', 'prefix', 'suffix'] as const) {
      const bad = forbiddenCharacter(selector[part]);
      if (bad !== null)
        throw fieldError(
          'VALIDATION_FAILED',
          `target.selector.${part}`,
          `contains a control character (${bad})`,
        );
    }
  const suggestion = plain('suggestion', input.suggestion);
  const comment = plain('comment', input.comment);
  if (suggestion === '' && comment === '')
    throw fieldError('VALIDATION_FAILED', 'comment', 'give a suggested wording or a comment');
  return {
    target: { ...target, title: plainOrNull('target.title', target.title) },
    suggestion,
    comment,
    contact: plainOrNull('contact', input.contact),
  };
}

/**
 * Stores a reader's suggestion in the editors' queue. Anyone may: the public's submission is audited with the
 * actor `public`, a signed-in person's under their name.
 */
export async function submitCorrection(
  services: Services,
  actor: Actor | null,
  input: CorrectionInput,
): Promise<Correction> {
  const clean = cleaned(input);
  const correction: Correction = {
    id: services.newId(),
    status: 'submitted',
    ...clean,
    submittedAt: services.now().toISOString(),
    submittedBy: actor === null ? null : personId(actor),
    review: null,
    applied: null,
  };
  return inTransaction(services, async (trx) => {
    await insertCorrection(trx, correction);
    const stored = await findCorrection(trx, correction.id);
    await recordAudit(services, trx, {
      actor,
      action: 'correction.submit',
      subjectType: 'correction',
      subjectId: correction.id,
      after: stored,
    });
    return stored ?? correction;
  });
}

/** The editors' queue: oldest submission first. */
export async function correctionQueue(
  services: Services,
  actor: Actor | null,
  query: { readonly view: QueueView; readonly limit: number; readonly offset: number },
): Promise<Page<Correction>> {
  authorise(actor, 'correction.review');
  return listCorrections(services.db.kysely, QUEUE_STATUSES[query.view], query);
}

/** One correction, with the reader's contact: for editors. */
export async function getCorrection(
  services: Services,
  actor: Actor | null,
  id: string,
): Promise<Correction> {
  authorise(actor, 'correction.review');
  return loadCorrection(services.db.kysely, id);
}

async function loadCorrection(db: Handle, id: string): Promise<Correction> {
  const correction = await findCorrection(db, id);
  if (!correction) throw new TrucelineError('CORRECTION_NOT_FOUND', `No correction has the id "${id}".`);
  return correction;
}

const STEP_WORDS: Readonly<Record<CorrectionStep, string>> = {
  accept: 'accepted',
  reject: 'rejected',
  apply: 'marked applied',
};

/** The status a step leads to, or INVALID_TRANSITION naming where the correction stands. */
function stepFrom(correction: Correction, step: CorrectionStep): CorrectionStatus {
  const next = nextCorrectionStatus(correction.status, step);
  if (next !== null) return next;
  const only = step === 'apply' ? 'an accepted correction' : 'a submitted correction';
  throw new TrucelineError(
    'INVALID_TRANSITION',
    `Correction ${correction.id} is ${correction.status}: only ${only} can be ${STEP_WORDS[step]}.`,
    { status: correction.status },
  );
}

/** Accepts or rejects a submitted correction, with a reply to the reader (kept; never public). */
export async function reviewCorrection(
  services: Services,
  actor: Actor | null,
  id: string,
  input: { readonly decision: CorrectionDecision; readonly reply: string },
): Promise<Correction> {
  const who = authorise(actor, 'correction.review');
  const reply = plain('reply', input.reply);
  if (reply === '')
    throw fieldError('VALIDATION_FAILED', 'reply', 'a reply is needed, and it may not be only markup');
  return inTransaction(services, async (trx) => {
    const before = await loadCorrection(trx, id);
    const status = stepFrom(before, input.decision);
    const after: Correction = {
      ...before,
      status,
      review: {
        decision: status === 'rejected' ? 'rejected' : 'accepted',
        reply,
        at: services.now().toISOString(),
        by: personId(who),
      },
    };
    return write(services, trx, who, `correction.${input.decision}`, before, after);
  });
}

/** Marks an accepted correction applied, saying what changed; it then appears in the public log. */
export async function applyCorrection(
  services: Services,
  actor: Actor | null,
  id: string,
  input: { readonly note: string },
): Promise<Correction> {
  const who = authorise(actor, 'correction.review');
  const note = plain('note', input.note);
  if (note === '') throw fieldError('VALIDATION_FAILED', 'note', 'say what changed on the page');
  return inTransaction(services, async (trx) => {
    const before = await loadCorrection(trx, id);
    const after: Correction = {
      ...before,
      status: stepFrom(before, 'apply'),
      applied: { note, at: services.now().toISOString(), by: personId(who) },
    };
    return write(services, trx, who, 'correction.apply', before, after);
  });
}

async function write(
  services: Services,
  trx: Handle,
  who: Actor,
  action: string,
  before: Correction,
  after: Correction,
): Promise<Correction> {
  await updateCorrection(trx, after);
  const stored = await findCorrection(trx, after.id);
  await recordAudit(services, trx, {
    actor: who,
    action,
    subjectType: 'correction',
    subjectId: after.id,
    before,
    after: stored,
  });
  return stored ?? after;
}

/** The public corrections log: applied corrections, the latest first, optionally about one record. */
export async function correctionLog(
  services: Services,
  query: { readonly record?: RecordRef | undefined; readonly limit: number; readonly offset: number },
): Promise<Page<Correction>> {
  return listAppliedCorrections(services.db.kysely, query);
}
