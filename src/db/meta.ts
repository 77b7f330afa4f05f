// A small key-value table for facts about the database itself (e.g. when the demo was loaded).

import type { Handle } from './engine.js';

export async function getMeta(db: Handle, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setMeta(db: Handle, key: string, value: string): Promise<void> {
  const existing = await getMeta(db, key);
  if (existing === null) await db.insertInto('meta').values({ key, value }).execute();
  else await db.updateTable('meta').set({ value }).where('key', '=', key).execute();
}
