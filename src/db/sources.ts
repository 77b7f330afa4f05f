// Sources: the statements and reports that readouts, lifecycle steps and allegations cite, keyed by `key`.

import type { Source, SourceId, Translation } from '../core/model.js';
import type { Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type { SourcesTable } from './schema.js';

function sourceFromRow(row: SourcesTable): Source {
  return {
    id: row.id as SourceId,
    key: row.key,
    issuer: row.issuer,
    issuerParty: row.issuer_party,
    channel: row.channel,
    publishedAt: row.published_at,
    url: row.url,
    title: row.title,
    language: row.language,
    originalText: row.original_text,
    translations: fromJson<Translation[]>(row.translations_json),
    verified: row.verified === 1,
  };
}

function sourceToRow(source: Source): SourcesTable {
  return {
    id: source.id,
    key: source.key,
    issuer: source.issuer,
    issuer_party: source.issuerParty,
    channel: source.channel,
    published_at: source.publishedAt,
    url: source.url,
    title: source.title,
    language: source.language,
    original_text: source.originalText,
    translations_json: toJson(source.translations),
    verified: source.verified ? 1 : 0,
  };
}

export async function listSources(db: Handle, keys?: readonly string[]): Promise<Source[]> {
  let query = db.selectFrom('sources').selectAll().orderBy('key');
  if (keys) {
    if (keys.length === 0) return [];
    query = query.where('key', 'in', keys);
  }
  return (await query.execute()).map(sourceFromRow);
}

export async function findSourceByKey(db: Handle, key: string): Promise<Source | null> {
  const row = await db.selectFrom('sources').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? sourceFromRow(row) : null;
}

export async function sourceKeys(db: Handle): Promise<Set<string>> {
  const rows = await db.selectFrom('sources').select('key').execute();
  return new Set(rows.map((r) => r.key));
}

export async function insertSource(db: Handle, source: Source): Promise<void> {
  await db.insertInto('sources').values(sourceToRow(source)).execute();
}

export async function updateSource(db: Handle, source: Source): Promise<void> {
  const { id: _id, ...row } = sourceToRow(source);
  await db.updateTable('sources').set(row).where('id', '=', source.id).execute();
}
