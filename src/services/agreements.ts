// Agreement use cases: read, create, change terms, add or replace a readout. Each write is one transaction
// that stores the agreement, re-screens the incidents the change can touch and records an audit event.

import { fieldError, TrucelineError } from '../core/errors.js';
import type { Agreement, AgreementId, Readout, ReadoutId } from '../core/model.js';
import type { Actor } from '../core/policy.js';
import { readoutFromInput } from '../core/materialize.js';
import type { AgreementInput, AgreementPatch, ReadoutInput, ReadoutPatch } from '../core/schemas.js';
import { checkAgreement, checkReadout } from '../core/validate.js';
import {
  agreementNames,
  findAgreement,
  findAgreementId,
  listAgreements,
  saveAgreement,
  slugExists,
} from '../db/agreements.js';
import type { Handle } from '../db/engine.js';
import { partyCodes } from '../db/parties.js';
import { sourceKeys } from '../db/sources.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';
import { rescreenForAgreement } from './screening.js';

export interface AgreementWrite {
  readonly agreement: Agreement;
  readonly rescreened: number;
}

/** Slug and title of every agreement by id, without loading their terms. */
export function allAgreementNames(services: Services): Promise<Map<string, { slug: string; title: string }>> {
  return agreementNames(services.db.kysely);
}

export function listAllAgreements(services: Services): Promise<Agreement[]> {
  return listAgreements(services.db.kysely);
}

export async function getAgreement(services: Services, idOrSlug: string): Promise<Agreement> {
  const agreement = await findAgreement(services.db.kysely, idOrSlug);
  if (!agreement)
    throw new TrucelineError('AGREEMENT_NOT_FOUND', `No agreement has the id or slug "${idOrSlug}".`);
  return agreement;
}

/** The id of the agreement with this id or slug, for a filter that names one; AGREEMENT_NOT_FOUND when none has. */
export async function existingAgreementId(db: Handle, idOrSlug: string): Promise<string> {
  const id = await findAgreementId(db, idOrSlug);
  if (id === null)
    throw new TrucelineError('AGREEMENT_NOT_FOUND', `No agreement has the id or slug "${idOrSlug}".`);
  return id;
}

function newReadout(services: Services, input: ReadoutInput): Readout {
  return readoutFromInput(input, services.newId(), () => services.newId());
}

/** Rebuilds readouts from input, keeping the ids of readouts and provisions whose keys already exist. */
function mergeReadout(services: Services, existing: Readout | undefined, input: ReadoutInput): Readout {
  if (!existing) return newReadout(services, input);
  const provisionIds = new Map(existing.provisions.map((p) => [p.key, p.id as string]));
  return readoutFromInput(input, existing.id, (key) => provisionIds.get(key) ?? services.newId());
}

/** A readout's source, if it names one, must be stored; `prefix` is the readout's path in the request. */
function unknownReadoutSource(
  readout: Pick<ReadoutInput, 'source'>,
  sources: ReadonlySet<string>,
  prefix: string,
): TrucelineError | null {
  return readout.source !== null && !sources.has(readout.source)
    ? fieldError('REFERENCE_UNKNOWN', `${prefix}source`, `no source "${readout.source}"`)
    : null;
}

/**
 * The records an agreement points at must exist: the sources its readouts, lifecycle and conditions cite and
 * the other agreements it links to. Returns the first that does not, naming its path, or null.
 */
async function unknownReferences(trx: Handle, input: AgreementInput): Promise<TrucelineError | null> {
  const sources = await sourceKeys(trx);
  for (const [i, readout] of input.readouts.entries()) {
    const problem = unknownReadoutSource(readout, sources, `readouts.${i}.`);
    if (problem) return problem;
  }
  const cited = [
    ...input.lifecycle.map((step, i) => ({ key: step.source, path: `lifecycle.${i}.source` })),
    ...input.conditions.map((c, i) => ({ key: c.source, path: `conditions.${i}.source` })),
  ];
  for (const { key, path } of cited) {
    if (key !== null && !sources.has(key)) return fieldError('REFERENCE_UNKNOWN', path, `no source "${key}"`);
  }
  for (const [i, link] of input.links.entries()) {
    if (link.agreement === input.slug || !(await slugExists(trx, link.agreement))) {
      return fieldError(
        'REFERENCE_UNKNOWN',
        `links.${i}.agreement`,
        `no other agreement has the slug "${link.agreement}"`,
      );
    }
  }
  return null;
}

async function storeChange(
  services: Services,
  trx: Handle,
  actor: Actor,
  before: Agreement | null,
  after: Agreement,
  action: string,
): Promise<AgreementWrite> {
  const known = await partyCodes(trx);
  const input = agreementAsInput(after);
  const problem = checkAgreement(input, known) ?? (await unknownReferences(trx, input));
  if (problem) throw problem;
  await saveAgreement(trx, after, before === null);
  const rescreened = await rescreenForAgreement(trx, before, after, after.updatedAt);
  await recordAudit(services, trx, {
    actor,
    action,
    subjectType: 'agreement',
    subjectId: after.id,
    ...(before ? { before } : {}),
    after,
  });
  return { agreement: after, rescreened };
}

/** The input form of a stored agreement, so stored and submitted agreements are checked by one function. */
export function agreementAsInput(agreement: Agreement): AgreementInput {
  return {
    slug: agreement.slug,
    title: agreement.title,
    form: agreement.form,
    kind: agreement.kind,
    summary: agreement.summary,
    parties: [...agreement.parties],
    mediators: [...agreement.mediators],
    links: [...agreement.links],
    lifecycle: [...agreement.lifecycle],
    conditions: [...agreement.conditions],
    readouts: agreement.readouts.map((r) => ({
      key: r.key,
      issuedBy: r.issuedBy,
      issuer: r.issuer,
      issuedAt: r.issuedAt,
      source: r.source,
      scope: r.scope,
      summary: r.summary,
      window: r.window,
      provisions: r.provisions.map(({ id: _id, ...p }) => ({
        ...p,
        acts: p.acts === 'any' ? 'any' : [...p.acts],
        domains: p.domains === 'any' ? 'any' : [...p.domains],
        targets: p.targets === 'any' ? 'any' : [...p.targets],
        bound: p.bound === 'parties' ? 'parties' : [...p.bound],
      })),
    })),
  };
}

export async function createAgreement(
  services: Services,
  actor: Actor | null,
  input: AgreementInput,
): Promise<AgreementWrite> {
  const who = authorise(actor, 'agreement.write');
  return inTransaction(services, async (trx) => {
    if (await slugExists(trx, input.slug)) {
      throw new TrucelineError(
        'AGREEMENT_SLUG_TAKEN',
        `Another agreement already has the slug "${input.slug}".`,
        {
          issues: [{ path: 'slug', message: 'already taken' }],
        },
      );
    }
    const agreement: Agreement = {
      id: services.newId() as AgreementId,
      ...input,
      readouts: input.readouts.map((r) => newReadout(services, r)),
      version: 1,
      updatedAt: services.now().toISOString(),
    };
    return storeChange(services, trx, who, null, agreement, 'agreement.create');
  });
}

async function loadForChange(trx: Handle, idOrSlug: string): Promise<Agreement> {
  const agreement = await findAgreement(trx, idOrSlug);
  if (!agreement)
    throw new TrucelineError('AGREEMENT_NOT_FOUND', `No agreement has the id or slug "${idOrSlug}".`);
  return agreement;
}

function bump(services: Services, agreement: Agreement): Pick<Agreement, 'version' | 'updatedAt'> {
  return { version: agreement.version + 1, updatedAt: services.now().toISOString() };
}

/** Changes an agreement's own fields (title, parties, lifecycle, conditions, ...). */
export async function updateAgreement(
  services: Services,
  actor: Actor | null,
  idOrSlug: string,
  patch: AgreementPatch,
): Promise<AgreementWrite> {
  const who = authorise(actor, 'agreement.write');
  return inTransaction(services, async (trx) => {
    const before = await loadForChange(trx, idOrSlug);
    const defined = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as Partial<Agreement>;
    const after: Agreement = { ...before, ...defined, ...bump(services, before) };
    return storeChange(services, trx, who, before, after, 'agreement.update');
  });
}

/** Adds a readout to an agreement. */
export async function addReadout(
  services: Services,
  actor: Actor | null,
  idOrSlug: string,
  input: ReadoutInput,
): Promise<AgreementWrite> {
  const who = authorise(actor, 'agreement.write');
  return inTransaction(services, async (trx) => {
    const before = await loadForChange(trx, idOrSlug);
    if (before.readouts.some((r) => r.key === input.key)) {
      throw new TrucelineError('READOUT_KEY_TAKEN', `This agreement already has a readout "${input.key}".`, {
        issues: [{ path: 'key', message: 'already taken' }],
      });
    }
    const problem =
      checkReadout(input, await partyCodes(trx)) ?? unknownReadoutSource(input, await sourceKeys(trx), '');
    if (problem) throw problem;
    const after: Agreement = {
      ...before,
      readouts: [...before.readouts, newReadout(services, input)],
      ...bump(services, before),
    };
    return storeChange(services, trx, who, before, after, 'readout.create');
  });
}

/** Changes a readout's terms (window, provisions, wording); keeps the ids of unchanged provisions. */
export async function updateReadout(
  services: Services,
  actor: Actor | null,
  idOrSlug: string,
  readoutIdOrKey: string,
  patch: ReadoutPatch,
): Promise<AgreementWrite> {
  const who = authorise(actor, 'agreement.write');
  return inTransaction(services, async (trx) => {
    const before = await loadForChange(trx, idOrSlug);
    const existing = before.readouts.find(
      (r) => r.id === (readoutIdOrKey as ReadoutId) || r.key === readoutIdOrKey,
    );
    if (!existing) {
      throw new TrucelineError(
        'READOUT_NOT_FOUND',
        `Agreement "${before.slug}" has no readout "${readoutIdOrKey}".`,
      );
    }
    const current = agreementAsInput(before).readouts.find((r) => r.key === existing.key);
    if (!current) throw new Error('readout vanished while being edited');
    const defined = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as Partial<ReadoutInput>;
    const input: ReadoutInput = { ...current, ...defined };
    const problem =
      checkReadout(input, await partyCodes(trx)) ?? unknownReadoutSource(input, await sourceKeys(trx), '');
    if (problem) throw problem;
    const updated = mergeReadout(services, existing, input);
    const after: Agreement = {
      ...before,
      readouts: before.readouts.map((r) => (r.id === existing.id ? updated : r)),
      ...bump(services, before),
    };
    return storeChange(services, trx, who, before, after, 'readout.update');
  });
}

/** Replaces an agreement whole from input (used by the demo loader); ids of matching readouts are kept. */
export async function replaceAgreement(
  services: Services,
  actor: Actor | null,
  input: AgreementInput,
): Promise<AgreementWrite> {
  const who = authorise(actor, 'agreement.write');
  return inTransaction(services, async (trx) => {
    const before = await loadForChange(trx, input.slug);
    const after: Agreement = {
      ...before,
      ...input,
      readouts: input.readouts.map((r) =>
        mergeReadout(
          services,
          before.readouts.find((b) => b.key === r.key),
          r,
        ),
      ),
      ...bump(services, before),
    };
    return storeChange(services, trx, who, before, after, 'agreement.replace');
  });
}
