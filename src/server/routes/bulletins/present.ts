// The API shapes of bulletins. The public sees the published version as if it were the only one; the mission's
// staff see the latest, who made each version, and whether the public is behind.

import { renderMarkdown } from '../../../core/bulletins.js';
import type { BulletinRecord, BulletinSummary } from '../../../db/bulletins.js';
import type { BulletinView, RelatedView } from '../../../services/bulletins.js';

type Status = 'draft' | 'published' | 'published-with-changes';

function statusOf(b: { readonly version: number; readonly publishedVersion: number | null }): Status {
  if (b.publishedVersion === null) return 'draft';
  return b.publishedVersion === b.version ? 'published' : 'published-with-changes';
}

/** The public is not told of versions after the published one: to them the published version is the latest. */
function visibleVersion(
  b: { readonly version: number; readonly publishedVersion: number | null },
  staff: boolean,
): number {
  return staff ? b.version : (b.publishedVersion ?? b.version);
}

export function presentBulletinSummary(b: BulletinSummary, staff: boolean) {
  return {
    id: b.id,
    slug: b.slug,
    date: b.date,
    title: b.title,
    summary: b.summary,
    status: staff ? statusOf(b) : ('published' as const),
    version: visibleVersion(b, staff),
    publishedVersion: b.publishedVersion,
    publishedAt: b.publishedAt,
    updatedAt: staff ? b.updatedAt : (b.publishedAt ?? b.updatedAt),
  };
}

function presentRelated(r: RelatedView) {
  return {
    agreements: r.agreements.map((a) => ({ slug: a.slug, title: a.title, reasons: [...a.reasons] })),
    incidents: r.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      occurredAt: i.occurredAt,
      reasons: [...i.reasons],
    })),
    bulletins: r.bulletins.map((b) => ({
      slug: b.slug,
      title: b.title,
      date: b.date,
      reasons: [...b.reasons],
    })),
  };
}

export function presentBulletin({ bulletin: b, shown, related }: BulletinView, staff: boolean) {
  return {
    id: b.id,
    slug: b.slug,
    date: b.date,
    title: shown.title,
    summary: shown.summary,
    status: staff ? statusOf(b) : ('published' as const),
    version: visibleVersion(b, staff),
    publishedVersion: b.publishedVersion,
    publishedAt: b.publishedAt,
    updatedAt: staff ? b.updatedAt : shown.editedAt,
    shownVersion: shown.version,
    markdown: shown.markdown,
    html: renderMarkdown(shown.markdown),
    editedAt: shown.editedAt,
    editedBy: staff ? shown.editedBy : null,
    note: staff ? shown.note : null,
    related: presentRelated(related),
  };
}

export function presentVersions(b: BulletinRecord) {
  return {
    slug: b.slug,
    version: b.version,
    publishedVersion: b.publishedVersion,
    versions: b.versions.map((v) => ({
      version: v.version,
      title: v.title,
      summary: v.summary,
      markdown: v.markdown,
      note: v.note,
      editedBy: v.editedBy,
      editedAt: v.editedAt,
    })),
  };
}
