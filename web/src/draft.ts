// The incident form's state and what it becomes: the draft POST /screen screens while the form is filled in, and
// the body of POST /incidents. Also the taxonomy search and local times with their offset. Pure.

import type { TaxonomyNode } from './types.js';

export const PRECISIONS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export const LOCATION_DISCLOSURES = ['exact', 'blurred', 'withheld'] as const;
export type LocationDisclosure = (typeof LOCATION_DISCLOSURES)[number];

export interface AllegationDraft {
  readonly accuser: string;
  readonly accused: string;
  /** `YYYY-MM-DDTHH:mm`, local time. */
  readonly madeAt: string;
  readonly summary: string;
  readonly source: string;
}

/** What the form holds: text as typed, empty when not given. */
export interface IncidentDraft {
  readonly title: string;
  /** `YYYY-MM-DDTHH:mm`, in the reporter's local time (the offset is added when sent). */
  readonly occurredAt: string;
  readonly timePrecision: (typeof PRECISIONS)[number];
  readonly act: string;
  readonly domain: string;
  readonly target: string;
  readonly weapon: string;
  readonly perpetrator: string;
  readonly lon: string;
  readonly lat: string;
  readonly locationName: string;
  readonly sourceText: string;
  readonly notes: string;
  readonly allegations: readonly AllegationDraft[];
  readonly reporter: 'shown' | 'withheld';
  readonly location: LocationDisclosure;
}

export const EMPTY_DRAFT: IncidentDraft = {
  title: '',
  occurredAt: '',
  timePrecision: 'hour',
  act: '',
  domain: '',
  target: '',
  weapon: '',
  perpetrator: '',
  lon: '',
  lat: '',
  locationName: '',
  sourceText: '',
  notes: '',
  allegations: [],
  reporter: 'withheld',
  location: 'exact',
};

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * A local date-time from an `<input type=datetime-local>` as ISO 8601 with the offset in force then (minutes east
 * of UTC, as `-Date.getTimezoneOffset()` gives it): `2025-03-28T10:00` at +120 is `2025-03-28T10:00:00+02:00`.
 * Null when the text is not such a time.
 */
export function localToIso(local: string, offsetMinutes: number): string | null {
  if (!LOCAL.test(local)) return null;
  const seconds = local.length === 16 ? `${local}:00` : local;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${seconds}${sign}${hh}:${mm}`;
}

/** The browser's offset at a local time (it changes with summer time), in minutes east of UTC. */
export function browserOffset(local: string): number {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? -new Date().getTimezoneOffset() : -date.getTimezoneOffset();
}

/** Now as `YYYY-MM-DDTHH:mm` in the browser's time, for a datetime-local default. */
export function localNow(now = new Date()): string {
  const shifted = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

const iso = (local: string) => localToIso(local, browserOffset(local));

/** A coordinate pair from the form, or null when either is missing or out of range. */
export function draftLocation(
  draft: Pick<IncidentDraft, 'lon' | 'lat'>,
): { lon: number; lat: number } | null {
  if (draft.lon.trim() === '' || draft.lat.trim() === '') return null;
  const lon = Number(draft.lon);
  const lat = Number(draft.lat);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90)
    return null;
  return { lon, lat };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The fields screening reads (POST /screen), or null while there is no valid time to screen at. */
export function screenDraft(draft: IncidentDraft, toIso: (local: string) => string | null = iso) {
  const occurredAt = toIso(draft.occurredAt);
  if (occurredAt === null) return null;
  return {
    occurredAt,
    timePrecision: draft.timePrecision,
    act: orNull(draft.act),
    domain: orNull(draft.domain),
    target: orNull(draft.target),
    perpetrator: orNull(draft.perpetrator),
    location: draftLocation(draft),
  };
}

/** The body of POST /incidents. Fields left empty are left out or null; the server names what it refuses. */
export function incidentBody(draft: IncidentDraft, toIso: (local: string) => string | null = iso) {
  return {
    ...(screenDraft(draft, toIso) ?? { occurredAt: draft.occurredAt }),
    title: draft.title.trim(),
    weapon: orNull(draft.weapon),
    locationName: orNull(draft.locationName),
    sourceText: orNull(draft.sourceText),
    notes: orNull(draft.notes),
    allegations: draft.allegations.map((a) => ({
      accuser: a.accuser,
      accused: a.accused,
      madeAt: toIso(a.madeAt) ?? a.madeAt,
      summary: a.summary.trim(),
      source: orNull(a.source),
    })),
    disclosure: { reporter: draft.reporter, location: draft.location },
  };
}

/**
 * The taxonomy narrowed to what matches the query (a label or code containing it, case-insensitively), each
 * match with its ancestors for context and all its descendants. The whole tree for an empty query.
 */
export function filterTree(nodes: readonly TaxonomyNode[], query: string): TaxonomyNode[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...nodes];
  const matches = (n: TaxonomyNode) => n.label.toLowerCase().includes(q) || n.code.toLowerCase().includes(q);
  return nodes.flatMap((node) => {
    if (matches(node)) return [node];
    const children = filterTree(node.children, q);
    return children.length > 0 ? [{ ...node, children }] : [];
  });
}

/** The labels from the root to a code (`Infrastructure › Energy infrastructure › Electrical substation`). */
export function pathOf(nodes: readonly TaxonomyNode[], code: string): string[] {
  for (const node of nodes) {
    if (node.code === code) return [node.label];
    if (code.startsWith(`${node.code}.`)) {
      const below = pathOf(node.children, code);
      if (below.length > 0) return [node.label, ...below];
    }
  }
  return [];
}
