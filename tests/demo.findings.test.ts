// The demo's findings on every engine: which incidents it publishes (as docs/demo.md says), that it never rules a
// violation, and that the incidents it leaves unpublished wait in the review queue.

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { demoFindings, UNCORROBORATED } from '../src/demo/findings.js';
import { demoIncidents } from '../src/demo/incidents.js';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';
import { client } from './support/requests.js';

interface FindingView {
  occurrence: string;
  grade: string;
  rulings: { status: string }[];
  history: { change: { kind: string }; reason: string }[];
}

interface QueueView {
  items: { kind: string; incident: { id: string } }[];
  window: { unpublished: number };
}

describeEachEngine('demo findings', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  const published = new Set(
    demoFindings.filter((f) => f.changes.some((c) => c.kind === 'publish')).map((f) => f.incident),
  );
  const unpublished = demoIncidents.map((i) => i.ref ?? '').filter((ref) => !published.has(ref));

  async function idOf(ref: string): Promise<string> {
    const row = await h.services.db.kysely
      .selectFrom('incidents')
      .select('id')
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('publishes all but the three interceptions, as docs/demo.md says', async () => {
    expect(unpublished.sort()).toEqual([
      'demo-2025-03-18-russian-drones-downed',
      'demo-2025-03-28-saratov-refinery-drones',
      'demo-2025-04-09-turkstream-compressor-drones',
    ]);
    const list = await api.getPublic<{ items: { ref: string }[]; total: number }>(
      '/api/v1/incidents?limit=500',
    );
    expect(list.body.total).toBe(published.size);
    expect(new Set(list.body.items.map((i) => i.ref))).toEqual(published);
    const docs = readFileSync(new URL('../docs/demo.md', import.meta.url), 'utf8');
    for (const ref of unpublished) expect(docs).toContain(ref);
  });

  it('rules no violation; a one-sided claim is alleged, weak and unable-to-rule for want of corroboration', async () => {
    for (const ref of published) {
      const { body } = await api.getPublic<FindingView>(`/api/v1/incidents/${await idOf(ref)}/finding`);
      const statuses = body.rulings.map((r) => r.status);
      expect(statuses, ref).not.toContain('violation');
      if (body.occurrence === 'alleged') {
        expect(body.grade, ref).toBe('weak');
        expect(statuses.length, ref).toBeGreaterThan(0);
        expect(new Set(statuses), ref).toEqual(new Set(['unable-to-rule']));
        expect(body.history.find((e) => e.change.kind === 'rule')?.reason, ref).toBe(UNCORROBORATED);
      } else {
        expect([body.occurrence, body.grade], ref).toEqual(['corroborated', 'contested']);
        expect(
          statuses.filter((s) => s !== 'pending'),
          ref,
        ).toEqual([]);
      }
    }
  });

  it('leaves the interceptions in the review queue, waiting on their occurrence', async () => {
    const { body } = await api.get<QueueView>('/api/v1/review-queue');
    const ids = await Promise.all(unpublished.map(idOf));
    expect(body.window.unpublished).toBe(unpublished.length);
    expect(body.items.map((i) => [i.kind, i.incident.id]).sort()).toEqual(
      ids.map((id) => ['review-occurrence', id]).sort(),
    );
  });
});
