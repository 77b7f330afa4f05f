// What the public feeds read that no other repository offers: the audit events of agreements (their changes), the
// published edition of bulletins with its text, and the first event of the audit log, which names this database.

import type { BulletinLinks } from '../core/bulletins.js';
import type { Handle } from './engine.js';
import { fromJson } from './json.js';

/** An audit event of an agreement, without its hashes and digests: what happened to which, and when. */
export interface AgreementChange {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly agreementId: string;
}

/** The latest audit events of agreements (of these agreements only, when given), the latest first. */
export async function latestAgreementChanges(
  db: Handle,
  agreementIds: readonly string[] | undefined,
  limit: number,
): Promise<AgreementChange[]> {
  if (agreementIds !== undefined && agreementIds.length === 0) return [];
  let query = db
    .selectFrom('audit_events')
    .select(['seq', 'at', 'action', 'subject_id'])
    .where('subject_type', '=', 'agreement');
  if (agreementIds !== undefined) query = query.where('subject_id', 'in', agreementIds);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ seq: r.seq, at: r.at, action: r.action, agreementId: r.subject_id }));
}

/** A published bulletin in the edition the public reads: the version last published, with its text. */
export interface PublishedBulletin {
  readonly id: string;
  readonly slug: string;
  readonly date: string;
  /** When it was first published. */
  readonly publishedAt: string;
  readonly version: number;
  readonly title: string;
  readonly summary: string;
  readonly markdown: string;
  readonly links: BulletinLinks;
  /** When the published version was written. */
  readonly editedAt: string;
}

/** A page of published bulletins, the newest day first (as the bulletin list orders them). */
export async function publishedBulletins(
  db: Handle,
  page: { readonly limit: number; readonly offset: number },
): Promise<PublishedBulletin[]> {
  const rows = await db
    .selectFrom('bulletins')
    .innerJoin('bulletin_versions', (join) =>
      join
        .onRef('bulletin_versions.bulletin_id', '=', 'bulletins.id')
        .onRef('bulletin_versions.version', '=', 'bulletins.published_version'),
    )
    .select([
      'bulletins.id',
      'bulletins.slug',
      'bulletins.date',
      'bulletins.published_at',
      'bulletin_versions.version',
      'bulletin_versions.title',
      'bulletin_versions.summary',
      'bulletin_versions.markdown',
      'bulletin_versions.links_json',
      'bulletin_versions.edited_at',
    ])
    .where('bulletins.published_at', 'is not', null)
    .orderBy('bulletins.date', 'desc')
    .orderBy('bulletins.slug')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    date: r.date,
    publishedAt: r.published_at ?? r.edited_at,
    version: r.version,
    title: r.title,
    summary: r.summary,
    markdown: r.markdown,
    links: fromJson<BulletinLinks>(r.links_json),
    editedAt: r.edited_at,
  }));
}

/**
 * The hash of the first event of the audit log, or null while the log is empty. The log is append-only, so this
 * names the database for good: it survives restarts, moves and backups, and differs between installations.
 */
export async function firstAuditHash(db: Handle): Promise<string | null> {
  const row = await db.selectFrom('audit_events').select('hash').orderBy('seq').limit(1).executeTakeFirst();
  return row?.hash ?? null;
}
