// Parties: a small reference table keyed by code.

import type { Party, PartyKind } from '../core/model.js';
import type { Handle } from './engine.js';

export async function listParties(db: Handle): Promise<Party[]> {
  const rows = await db.selectFrom('parties').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind as PartyKind }));
}

export async function partyCodes(db: Handle): Promise<Set<string>> {
  const rows = await db.selectFrom('parties').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

/** Inserts or renames a party; returns true when anything changed. */
export async function upsertParty(db: Handle, party: Party): Promise<boolean> {
  const existing = await db
    .selectFrom('parties')
    .selectAll()
    .where('code', '=', party.code)
    .executeTakeFirst();
  if (existing && existing.name === party.name && existing.kind === party.kind) return false;
  if (existing) {
    await db
      .updateTable('parties')
      .set({ name: party.name, kind: party.kind })
      .where('code', '=', party.code)
      .execute();
  } else {
    await db.insertInto('parties').values(party).execute();
  }
  return true;
}
