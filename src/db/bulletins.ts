// Bulletins with their versions. A version is inserted, never changed; the bulletin row says which version is the
// latest and which one the public reads.

import type { BulletinLinks } from '../core/bulletins.js';
import type { Handle } from './engine.js';
import { fromJson, toJson } from './json.js';
import type { BulletinsTable, BulletinVersionsTable } from './schema.js';

export interface BulletinVersion {
  readonly version: number;
  readonly title: string;
  readonly summary: string;
  readonly markdown: string;
  readonly links: BulletinLinks;
  readonly note: string | null;
  /** A person id (`system:<name>` for the CLI and the demo). */
  readonly editedBy: string;
  readonly editedAt: string;
}

/** A bulletin with every version, oldest first: what its audit events commit to. */
export interface BulletinRecord {
  readonly id: string;
  readonly slug: string;
  readonly date: string;
  readonly version: number;
  readonly publishedVersion: number | null;
  readonly publishedAt: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly versions: readonly BulletinVersion[];
}

/** A line of a listing: the bulletin and the title and summary of the version the reader sees. */
export interface BulletinSummary {
  readonly id: string;
  readonly slug: string;
  readonly date: string;
  readonly version: number;
  readonly publishedVersion: number | null;
  readonly publishedAt: string | null;
  readonly updatedAt: string;
  /** The version whose title and summary these are. */
  readonly shownVersion: number;
  readonly title: string;
  readonly summary: string;
}

/** Which version a reader sees: the one last published (the public), or the latest (the mission's staff). */
export type Edition = 'published' | 'latest';

function versionFromRow(row: BulletinVersionsTable): BulletinVersion {
  return {
    version: row.version,
    title: row.title,
    summary: row.summary,
    markdown: row.markdown,
    links: fromJson<BulletinLinks>(row.links_json),
    note: row.note,
    editedBy: row.edited_by,
    editedAt: row.edited_at,
  };
}

function recordFromRows(row: BulletinsTable, versions: readonly BulletinVersionsTable[]): BulletinRecord {
  return {
    id: row.id,
    slug: row.slug,
    date: row.date,
    version: row.version,
    publishedVersion: row.published_version,
    publishedAt: row.published_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    versions: versions.map(versionFromRow),
  };
}

/** A bulletin by id or slug, with all its versions; null when there is none. */
export async function findBulletinRecord(db: Handle, idOrSlug: string): Promise<BulletinRecord | null> {
  const row = await db
    .selectFrom('bulletins')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
  if (!row) return null;
  const versions = await db
    .selectFrom('bulletin_versions')
    .selectAll()
    .where('bulletin_id', '=', row.id)
    .orderBy('version')
    .execute();
  return recordFromRows(row, versions);
}

export async function bulletinSlugTaken(db: Handle, slug: string): Promise<boolean> {
  const row = await db.selectFrom('bulletins').select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

function versionRow(bulletinId: string, v: BulletinVersion): BulletinVersionsTable {
  return {
    bulletin_id: bulletinId,
    version: v.version,
    title: v.title,
    summary: v.summary,
    markdown: v.markdown,
    links_json: toJson(v.links),
    note: v.note,
    edited_by: v.editedBy,
    edited_at: v.editedAt,
  };
}

/** Inserts a new bulletin with its first version. */
export async function insertBulletin(
  trx: Handle,
  bulletin: Omit<BulletinRecord, 'versions' | 'version' | 'publishedVersion' | 'publishedAt'>,
  first: BulletinVersion,
): Promise<void> {
  await trx
    .insertInto('bulletins')
    .values({
      id: bulletin.id,
      slug: bulletin.slug,
      date: bulletin.date,
      version: first.version,
      published_version: null,
      published_at: null,
      created_by: bulletin.createdBy,
      created_at: bulletin.createdAt,
      updated_at: bulletin.updatedAt,
    })
    .execute();
  await trx.insertInto('bulletin_versions').values(versionRow(bulletin.id, first)).execute();
}

/** Adds a version and makes it the latest. */
export async function appendBulletinVersion(
  trx: Handle,
  bulletinId: string,
  v: BulletinVersion,
): Promise<void> {
  await trx.insertInto('bulletin_versions').values(versionRow(bulletinId, v)).execute();
  await trx
    .updateTable('bulletins')
    .set({ version: v.version, updated_at: v.editedAt })
    .where('id', '=', bulletinId)
    .execute();
}

/** Makes a version the one the public reads; the first publication's time is kept. */
export async function markBulletinPublished(
  trx: Handle,
  bulletinId: string,
  version: number,
  at: string,
  firstPublishedAt: string | null,
): Promise<void> {
  await trx
    .updateTable('bulletins')
    .set({ published_version: version, published_at: firstPublishedAt ?? at, updated_at: at })
    .where('id', '=', bulletinId)
    .execute();
}

function editionQuery(db: Handle, edition: Edition) {
  return db
    .selectFrom('bulletins')
    .innerJoin('bulletin_versions', (join) =>
      join
        .onRef('bulletin_versions.bulletin_id', '=', 'bulletins.id')
        .onRef(
          'bulletin_versions.version',
          '=',
          edition === 'published' ? 'bulletins.published_version' : 'bulletins.version',
        ),
    );
}

/** A page of bulletins, the newest day first, in the edition the reader sees, with how many there are. */
export async function listBulletins(
  db: Handle,
  edition: Edition,
  page: { readonly limit: number; readonly offset: number },
): Promise<{ readonly items: readonly BulletinSummary[]; readonly total: number }> {
  const rows = await editionQuery(db, edition)
    .select([
      'bulletins.id',
      'bulletins.slug',
      'bulletins.date',
      'bulletins.version',
      'bulletins.published_version',
      'bulletins.published_at',
      'bulletins.updated_at',
      'bulletin_versions.version as shown_version',
      'bulletin_versions.title',
      'bulletin_versions.summary',
    ])
    .orderBy('bulletins.date', 'desc')
    .orderBy('bulletins.slug')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await editionQuery(db, edition)
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return {
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      date: r.date,
      version: r.version,
      publishedVersion: r.published_version,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
      shownVersion: r.shown_version,
      title: r.title,
      summary: r.summary,
    })),
    total: Number(total),
  };
}

/**
 * Every bulletin in the edition a reader sees, with the links of that version's text: what related items are found
 * among. The links are stored with each version, so no text is parsed here.
 */
export async function bulletinLinks(
  db: Handle,
  edition: Edition,
): Promise<{ slug: string; date: string; title: string; links: BulletinLinks }[]> {
  const rows = await editionQuery(db, edition)
    .select(['bulletins.slug', 'bulletins.date', 'bulletin_versions.title', 'bulletin_versions.links_json'])
    .orderBy('bulletins.date', 'desc')
    .orderBy('bulletins.slug')
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    date: r.date,
    title: r.title,
    links: fromJson<BulletinLinks>(r.links_json),
  }));
}

/** Ids of incidents published in [fromUtc, toUtc). */
export async function incidentsPublishedBetween(
  db: Handle,
  fromUtc: string,
  toUtc: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('incidents')
    .select('id')
    .where('published_at', '>=', fromUtc)
    .where('published_at', '<', toUtc)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
