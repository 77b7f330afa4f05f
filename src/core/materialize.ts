// Building domain records from validated input, given the ids to use. Used by the stores after they have
// assigned ids, and by tests and the screening endpoint, which need no database.

import type { Agreement, AgreementId, Provision, ProvisionId, Readout, ReadoutId } from './model.js';
import type { AgreementInput, ProvisionInput, ReadoutInput } from './schemas.js';

export function provisionFromInput(input: ProvisionInput, id: string): Provision {
  return { ...input, id: id as ProvisionId };
}

export function readoutFromInput(
  input: ReadoutInput,
  id: string,
  provisionId: (key: string) => string,
): Readout {
  return {
    id: id as ReadoutId,
    key: input.key,
    issuedBy: input.issuedBy,
    issuer: input.issuer,
    issuedAt: input.issuedAt,
    source: input.source,
    scope: input.scope,
    summary: input.summary,
    window: input.window,
    provisions: input.provisions.map((p) => provisionFromInput(p, provisionId(p.key))),
  };
}

/** An agreement record with ids derived from its slug and keys; stable, so screening results are reproducible. */
export function agreementFromInput(
  input: AgreementInput,
  id: string = input.slug,
  meta: { version: number; updatedAt: string } = { version: 1, updatedAt: new Date(0).toISOString() },
): Agreement {
  return {
    id: id as AgreementId,
    slug: input.slug,
    title: input.title,
    form: input.form,
    kind: input.kind,
    summary: input.summary,
    parties: input.parties,
    mediators: input.mediators,
    links: input.links,
    lifecycle: input.lifecycle,
    conditions: input.conditions,
    readouts: input.readouts.map((r) =>
      readoutFromInput(r, `${input.slug}/${r.key}`, (key) => `${input.slug}/${r.key}/${key}`),
    ),
    ...meta,
  };
}
