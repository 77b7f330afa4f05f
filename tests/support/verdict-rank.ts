// The invariant of the kept verdict rank: every incident's `verdict_rank` is the most serious verdict of its
// stored screenings (0 for none), computed here from the screenings themselves.

import { sql } from 'kysely';
import type { Handle } from '../../src/db/engine.js';

/** Ids of the incidents whose kept rank differs from the one their screenings give. */
export async function staleVerdictRanks(db: Handle): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select i.id from incidents i
    where i.verdict_rank <> coalesce((
      select max(case s.verdict
        when 'not-covered' then 1 when 'unknown' then 2 when 'contested' then 3 when 'covered' then 4 end)
      from screenings s where s.incident_id = i.id), 0)`.execute(db);
  return rows.map((r) => r.id);
}

const RANK: Readonly<Record<string, number>> = { 'not-covered': 1, unknown: 2, contested: 3, covered: 4 };

/** The rank these verdicts give: the most serious one's, 0 for none. */
export function expectedRank(verdicts: readonly string[]): number {
  return Math.max(0, ...verdicts.map((v) => RANK[v] ?? Number.NaN));
}

/** The kept rank of one incident. */
export async function keptVerdictRank(db: Handle, id: string): Promise<number> {
  const row = await db
    .selectFrom('incidents')
    .select('verdict_rank')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.verdict_rank;
}
