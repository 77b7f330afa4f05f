// Parties and sources: the reference data agreements and incidents point at.

import type { Party, Source, SourceId } from '../core/model.js';
import type { Actor } from '../core/policy.js';
import type { PartyInput, SourceInput } from '../core/schemas.js';
import { digest } from '../core/audit.js';
import { listParties, upsertParty } from '../db/parties.js';
import { findSourceByKey, insertSource, listSources, updateSource } from '../db/sources.js';
import { recordAudit } from './audit.js';
import { authorise, inTransaction, type Services } from './context.js';

export function allParties(services: Services): Promise<Party[]> {
  return listParties(services.db.kysely);
}

export function allSources(services: Services, keys?: readonly string[]): Promise<Source[]> {
  return listSources(services.db.kysely, keys);
}

/** Inserts or updates a party; returns true when anything changed. */
export async function saveParty(
  services: Services,
  actor: Actor | null,
  input: PartyInput,
): Promise<boolean> {
  const who = authorise(actor, 'party.write');
  return inTransaction(services, async (trx) => {
    const changed = await upsertParty(trx, input);
    if (changed)
      await recordAudit(services, trx, {
        actor: who,
        action: 'party.save',
        subjectType: 'party',
        subjectId: input.code,
        after: input,
      });
    return changed;
  });
}

/** Inserts or updates a source by key; returns true when anything changed. */
export async function saveSource(
  services: Services,
  actor: Actor | null,
  input: SourceInput,
): Promise<boolean> {
  const who = authorise(actor, 'source.write');
  return inTransaction(services, async (trx) => {
    const existing = await findSourceByKey(trx, input.key);
    const source: Source = {
      id: existing?.id ?? (services.newId() as SourceId),
      key: input.key,
      issuer: input.issuer,
      issuerParty: input.issuerParty ?? null,
      channel: input.channel ?? null,
      publishedAt: input.publishedAt ?? null,
      url: input.url ?? null,
      title: input.title,
      language: input.language ?? null,
      originalText: input.originalText ?? null,
      translations: input.translations.map((t) => ({
        language: t.language,
        text: t.text,
        translator: t.translator ?? null,
      })),
      verified: input.verified,
    };
    if (existing && digest(existing) === digest(source)) return false;
    if (existing) await updateSource(trx, source);
    else await insertSource(trx, source);
    await recordAudit(services, trx, {
      actor: who,
      action: existing ? 'source.update' : 'source.create',
      subjectType: 'source',
      subjectId: source.id,
      ...(existing ? { before: existing } : {}),
      after: source,
    });
    return true;
  });
}
