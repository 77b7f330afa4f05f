// Incident statistics for the overview and the agreement pages: counts by verdict per agreement, by party, by
// week, by sector and by oblast, over exactly the incidents the actor could list (the public: published ones).

import { adminAreaByCode } from '../core/admin-areas.js';
import type { Actor } from '../core/policy.js';
import { VERDICTS, type Verdict } from '../core/screening.js';
import { listSectors } from '../db/frontline.js';
import { countIncidents, type VerdictCount } from '../db/stats.js';
import { allAgreementNames } from './agreements.js';
import type { Services } from './context.js';
import { rememberedCount } from './count-memo.js';
import { incidentFilter, type IncidentCriteria } from './incidents.js';

/** Incidents per verdict; `none`: screened against no agreement. */
export type VerdictCounts = Record<Verdict | 'none', number>;

export interface IncidentStats {
  readonly total: number;
  readonly byAgreement: readonly {
    readonly agreement: { readonly id: string; readonly slug: string | null; readonly title: string | null };
    readonly total: number;
    readonly verdicts: VerdictCounts;
  }[];
  readonly byParty: readonly {
    readonly party: string | null;
    readonly total: number;
    readonly verdicts: VerdictCounts;
  }[];
  readonly byWeek: readonly {
    readonly week: string;
    readonly total: number;
    readonly verdicts: VerdictCounts;
  }[];
  readonly bySector: readonly {
    readonly sector: { readonly key: string; readonly name: string } | null;
    readonly total: number;
  }[];
  readonly byOblast: readonly {
    readonly oblast: { readonly code: string; readonly name: string } | null;
    readonly total: number;
  }[];
}

export type StatsCriteria = Omit<IncidentCriteria, 'verdict' | 'target'>;

const noVerdicts = (): VerdictCounts => ({ covered: 0, contested: 0, unknown: 0, 'not-covered': 0, none: 0 });

/** The Monday of the week (ISO weeks, by calendar day) of a YYYY-MM-DD day. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const monday = date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Sums counts under a key, split by verdict. */
function tally<K>(rows: readonly VerdictCount<K>[], keyOf: (k: K) => string) {
  const byKey = new Map<string, { key: K; total: number; verdicts: VerdictCounts }>();
  for (const row of rows) {
    const key = keyOf(row.key);
    const entry = byKey.get(key) ?? { key: row.key, total: 0, verdicts: noVerdicts() };
    entry.total += row.count;
    entry.verdicts[row.verdict ?? 'none'] += row.count;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

const byTotalThen =
  <T extends { total: number }>(name: (t: T) => string) =>
  (a: T, b: T) =>
    b.total - a.total || name(a).localeCompare(name(b));

/**
 * Counts over the incidents the actor may list, narrowed like a listing. Verdicts are against `agreement` when
 * given (and only incidents screened against it count), else each incident's most serious verdict.
 */
export async function incidentStats(
  services: Services,
  actor: Actor | null,
  criteria: StatsCriteria,
): Promise<IncidentStats> {
  const db = services.db.kysely;
  const filter = await incidentFilter(services, actor, criteria);
  const [counts, names, sectors] = await Promise.all([
    rememberedCount(services, 'stats', filter, () => countIncidents(db, filter)),
    allAgreementNames(services),
    listSectors(db),
  ]);

  const agreements = new Map<string, VerdictCounts>();
  for (const row of counts.byAgreement) {
    const verdicts = agreements.get(row.agreementId) ?? noVerdicts();
    verdicts[row.verdict] += row.count;
    agreements.set(row.agreementId, verdicts);
  }
  const byAgreement = [...agreements]
    .map(([id, verdicts]) => {
      const name = names.get(id);
      return {
        agreement: { id, slug: name?.slug ?? null, title: name?.title ?? null },
        total: VERDICTS.reduce((sum, v) => sum + verdicts[v], 0),
        verdicts,
      };
    })
    .sort(byTotalThen((a) => a.agreement.title ?? a.agreement.id));

  const byParty = tally(counts.byParty, (p) => p ?? '')
    .map(({ key, total, verdicts }) => ({ party: key, total, verdicts }))
    // The unknown perpetrator last.
    .sort(
      (a, b) =>
        Number(a.party === null) - Number(b.party === null) ||
        byTotalThen<typeof a>((p) => p.party ?? '')(a, b),
    );

  const byWeek = tally(
    counts.byDay.map((d) => ({ ...d, key: weekOf(d.key) })),
    (w) => w,
  )
    .map(({ key, total, verdicts }) => ({ week: key, total, verdicts }))
    .sort((a, b) => a.week.localeCompare(b.week));

  const position = new Map(sectors.map((s, i) => [s.key, i]));
  const sectorName = new Map(sectors.map((s) => [s.key, s.name]));
  const bySector = counts.bySector
    .map((r) => ({
      sector: r.key === null ? null : { key: r.key, name: sectorName.get(r.key) ?? r.key },
      total: r.count,
    }))
    .sort(
      (a, b) =>
        (a.sector ? (position.get(a.sector.key) ?? sectors.length) : sectors.length + 1) -
        (b.sector ? (position.get(b.sector.key) ?? sectors.length) : sectors.length + 1),
    );

  const byOblast = counts.byOblast
    .map((r) => ({
      oblast: r.key === null ? null : { code: r.key, name: adminAreaByCode(r.key)?.name ?? r.key },
      total: r.count,
    }))
    .sort(
      (a, b) =>
        Number(a.oblast === null) - Number(b.oblast === null) ||
        byTotalThen<typeof a>((o) => o.oblast?.name ?? '')(a, b),
    );

  return { total: counts.total, byAgreement, byParty, byWeek, bySector, byOblast };
}
