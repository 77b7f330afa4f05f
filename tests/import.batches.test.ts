// Batched imports on each engine: a row that fails validation is reported and skipped without touching its
// batch; a batch the database refuses is rolled back whole and reported row by row while the other batches are
// stored; progress is reported once per committed batch; the audit chain verifies afterwards.

import { expect, it } from 'vitest';
import type { RowResult } from '../src/io/rows.js';
import { IMPORT_PARTIES } from '../src/io/rows.js';
import { verifyAudit } from '../src/services/audit-verify.js';
import { type ImportProgress, importIncidents } from '../src/services/imports.js';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';

const ACTOR = { kind: 'system', name: 'import-test' } as const;

/** `count` parsed drafts with refs `prefix:1`, `prefix:2`, ...; the one numbered `bad` has an empty title, which zod refuses. */
async function* rows(prefix: string, count: number, bad: number | null = null): AsyncGenerator<RowResult> {
  for (let i = 1; i <= count; i++) {
    yield await Promise.resolve({
      ok: true as const,
      line: i + 1,
      value: {
        ref: `${prefix}:${i}`,
        occurredAt: '2025-03-20',
        title: i === bad ? '' : `Shelling ${i}`,
        act: 'shelling' as const,
        perpetrator: 'RU',
        location: { lat: 47.8, lon: 35.2 + i / 1000 },
      },
    });
  }
}

describeEachEngine('batched incident imports', (engine) => {
  const h = useApp(engine);

  const count = async (table: 'incidents' | 'audit_events') =>
    Number(
      (
        await h.services.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('skips a row that fails validation and keeps the rest of its batch', async () => {
    const progress: ImportProgress[] = [];
    const report = await importIncidents(h.services, ACTOR, rows('valid', 7, 3), {
      parties: [IMPORT_PARTIES.RU, IMPORT_PARTIES.UA],
      batchSize: 3,
      onProgress: (p) => progress.push(p),
    });
    expect(report).toMatchObject({ rows: 7, accepted: 6, duplicates: 0 });
    expect(report.rejected).toEqual([
      expect.objectContaining({ line: 4, field: 'title', code: 'VALIDATION_FAILED' }),
    ]);
    // Batches of three good rows: after rows 1–4 (one rejected), 5–7 was the second; nothing between commits.
    expect(progress.map((p) => [p.rows, p.accepted])).toEqual([
      [4, 3],
      [7, 6],
    ]);
    expect(await count('incidents')).toBe(6);
    expect((await verifyAudit(h.services)).ok).toBe(true);
  });

  it('rolls back only the batch the database refuses, reports its rows, and stores the others', async () => {
    const incidentsBefore = await count('incidents');
    const eventsBefore = await count('audit_events');
    // The fourth id handed out repeats the third, so the second batch (rows 3 and 4) breaks the incidents'
    // primary key.
    let n = 0;
    const services = {
      ...h.services,
      newId: () => `00000000-0000-4000-8000-${String(++n === 4 ? 3 : n).padStart(12, '0')}`,
    };
    const report = await importIncidents(services, ACTOR, rows('refused', 6), { batchSize: 2 });
    expect(report).toMatchObject({ rows: 6, accepted: 4, duplicates: 0 });
    expect(report.rejected.map((r) => [r.line, r.code])).toEqual([
      [4, 'CONFLICT'],
      [5, 'CONFLICT'],
    ]);
    expect(report.rejected[0]?.message).toContain('the batch of lines 4-5 was rolled back');
    expect(await count('incidents')).toBe(incidentsBefore + 4);
    expect(await count('audit_events')).toBe(eventsBefore + 4);
    const refs = await h.services.db.kysely
      .selectFrom('incidents')
      .select('ref')
      .where('ref', 'like', 'refused:%')
      .orderBy('ref')
      .execute();
    expect(refs.map((r) => r.ref)).toEqual(['refused:1', 'refused:2', 'refused:5', 'refused:6']);
    expect((await verifyAudit(h.services)).ok).toBe(true);
  });
});
