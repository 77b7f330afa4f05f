// The prisoner-exchange ledger through the HTTP API on every engine, on the demo: the 19 March discrepancy (23
// announced, 22 delivered) and parity per exchange, running totals and the mediator's own count, claims kept
// apart, reconciliation with a reason, bad input refused naming the field with nothing written, writes only for
// the roles that may, and a tampered exchange or claim named by the audit.

import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/services/audit-verify.js';
import { actingAs } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { type Harness, useApp } from './support/harness.js';
import { auditEvents, type ErrorReply, type Method, request } from './support/requests.js';

interface Claim {
  id: string;
  claimant: string;
  stage: string;
  source: { key: string; verified: boolean };
  counts: { from: string; to: string; category: string; count: number }[];
  total: number;
  tally: { sequence: number | null; total: number | null; basis: string } | null;
  filedBy: string | null;
}

interface Figure {
  from: string;
  category: string;
  count: number | null;
  status: string;
  reason: string | null;
  history: { count: number; reason: string }[];
}

interface Side {
  party: string;
  gave: number;
  received: number;
  gaveByCategory: Record<string, number>;
}

interface Exchange {
  id: string;
  key: string;
  date: string;
  mediator: string | null;
  agreement: { slug: string; relation: string; clause: unknown } | null;
  claims: Claim[];
  figures: Figure[];
  discrepancies: {
    kind: string;
    text: string;
    category?: string;
    claimed?: { claimant: string; stage: string; count: number }[];
    reconciled?: number | null;
    resolved: boolean;
  }[];
  parity: { kind: string; text: string; balanced: boolean; people: number; sides: Side[] };
  runningTotals: { through: string; exchanges: number; people: number; parties: Side[] };
  mediatorTally: {
    claimant: string;
    sequence: number | null;
    total: number | null;
    implied: number | null;
    ledger: number | null;
  } | null;
  recordedBy: string | null;
}

interface Summary {
  exchanges: number;
  people: number;
  parties: Side[];
  discrepancies: { total: number; resolved: number; open: number };
  mediators: {
    party: string;
    exchanges: number;
    people: number;
    claimed: { total: number | null; sequence: number | null } | null;
  }[];
}

type Headers = Record<string, string>;

const MARCH = 'ru-ua-2025-03-19';
const APRIL = 'ru-ua-2025-04-19';

let keys = 0;

/** A unilateral transfer of bodies, as a new exchange with one claim (a fresh key each time). */
function bodiesInput(overrides: Record<string, unknown> = {}) {
  keys++;
  return {
    key: `ru-ua-bodies-${keys}`,
    date: '2025-05-10',
    sides: ['RU', 'UA'],
    mediator: 'AE',
    summary: 'A transfer of bodies, one way.',
    claims: [
      {
        claimant: 'UA',
        source: 'ua-exchange-2025-04-19',
        stage: 'reported',
        counts: [{ from: 'RU', category: 'bodies', count: 40 }],
      },
    ],
    ...overrides,
  };
}

describeEachEngine('exchanges API', (engine) => {
  const h: Harness = useApp(engine, { demo: true });
  let editor: Headers = {};
  let liaison: Headers = {};
  let monitor: Headers = {};

  beforeAll(async () => {
    editor = (await actingAs(h, 'editor')).headers;
    liaison = (await actingAs(h, 'liaison', 'UA')).headers;
    monitor = (await actingAs(h, 'monitor')).headers;
  });

  function call<T = Exchange>(method: Method, url: string, payload?: unknown, as: Headers | null = h.auth) {
    return request<T>(h, method, `/api/v1${url}`, payload, as);
  }

  /** Rows of the ledger's tables and audit events: equal before and after means nothing was written. */
  async function stored() {
    const db = h.services.db.kysely;
    const count = async (table: 'exchanges' | 'exchange_claims' | 'exchange_figures') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      exchanges: await count('exchanges'),
      claims: await count('exchange_claims'),
      figures: await count('exchange_figures'),
      audit: (await auditEvents(h)).length,
    };
  }

  describe('the demo ledger, as the public reads it', () => {
    it('reports the 19 March discrepancy: 23 seriously wounded announced, 22 delivered, reconciled at 22', async () => {
      const res = await call('GET', `/exchanges/${MARCH}`, undefined, null);
      expect(res.status).toBe(200);
      const [d, ...others] = res.body.discrepancies;
      expect(others).toEqual([]);
      expect(d).toMatchObject({
        kind: 'count',
        category: 'seriously-wounded',
        reconciled: 22,
        resolved: true,
      });
      expect(d?.claimed?.map((v) => [v.claimant, v.stage, v.count])).toEqual([
        ['RU', 'announced', 23],
        ['UA', 'reported', 22],
      ]);
      expect(d?.text).toMatch(
        /^seriously wounded handed over by RU to UA: 23 announced by RU .*22 reported by UA/,
      );
      const wounded = res.body.figures.find((f) => f.category === 'seriously-wounded');
      expect(wounded).toMatchObject({ status: 'reconciled', count: 22 });
      expect(wounded?.reason).toMatch(/21 of the Armed Forces and 1 border guard/);
    });

    it('gives parity per exchange: RU 197 for UA 175 on 19 March, RU 277 for UA 261 on 19 April', async () => {
      const res = await call<{ items: Exchange[]; total: number }>('GET', '/exchanges', undefined, null);
      expect(res.status).toBe(200);
      expect(res.body.items.map((e) => [e.key, e.parity.kind, e.parity.balanced, e.parity.people])).toEqual([
        [MARCH, 'exchange', false, 372],
        [APRIL, 'exchange', false, 538],
      ]);
      expect(res.body.items.map((e) => e.parity.text)).toEqual([
        'RU 197 for UA 175 (prisoners of war 175 for 175; seriously wounded 22 for none)',
        'RU 277 for UA 261 (prisoners of war 246 for 246; seriously wounded 31 for 15)',
      ]);
    });

    it('keeps running totals per side over the ledger, exchange by exchange', async () => {
      const { items } = (await call<{ items: Exchange[] }>('GET', '/exchanges', undefined, null)).body;
      expect(
        items.map((e) => [e.runningTotals.through, e.runningTotals.exchanges, e.runningTotals.people]),
      ).toEqual([
        ['2025-03-19', 1, 372],
        ['2025-04-19', 2, 910],
      ]);
      expect(items[1]?.runningTotals.parties.map((p) => [p.party, p.gave, p.received])).toEqual([
        ['RU', 474, 436],
        ['UA', 436, 474],
      ]);
    });

    it('keeps the UAE’s own running count as its claim, beside (not instead of) the ledger’s sum', async () => {
      const april = (await call('GET', `/exchanges/${APRIL}`, undefined, null)).body;
      expect(april.mediatorTally).toMatchObject({
        claimant: 'AE',
        sequence: 14,
        total: 3771,
        implied: 538,
        ledger: 538,
      });
      const march = (await call('GET', `/exchanges/${MARCH}`, undefined, null)).body;
      expect(march.mediatorTally).toMatchObject({ sequence: 13, total: 3233, implied: null });
      const summary = (await call<Summary>('GET', '/exchanges/summary', undefined, null)).body;
      expect(summary).toMatchObject({
        exchanges: 2,
        people: 910,
        discrepancies: { total: 1, resolved: 1, open: 0 },
      });
      expect(summary.mediators.map((m) => [m.party, m.exchanges, m.people])).toEqual([['AE', 2, 910]]);
      expect(summary.mediators[0]?.claimed).toMatchObject({ sequence: 14, total: 3771 });
    });

    it('keeps each source’s claim apart, with its own counts, and names no one who recorded them', async () => {
      const march = (await call('GET', `/exchanges/${MARCH}`, undefined, null)).body;
      expect(march.claims.map((c) => [c.claimant, c.source.key, c.stage, c.total])).toEqual([
        ['RU', 'kremlin-readout-2025-03-18', 'announced', 373],
        ['UA', 'ua-coordination-hq-2025-03-19', 'reported', 197],
        ['AE', 'uae-mediation-2025-03-19', 'reported', 0],
      ]);
      expect(march.claims.every((c) => c.filedBy === null)).toBe(true);
      expect(march.recordedBy).toBeNull();
      expect(march.agreement).toMatchObject({
        slug: 'energy-moratorium-2025-03',
        relation: 'announced-with',
      });
      const staff = (await call('GET', `/exchanges/${MARCH}`, undefined, editor)).body;
      expect(staff.recordedBy).toBe('system:demo');
    });

    it('filters by party, mediator and dates, with the running totals of the whole ledger', async () => {
      const april = await call<{ items: Exchange[] }>(
        'GET',
        '/exchanges?from=2025-04-01&to=2025-04-30',
        undefined,
        null,
      );
      expect(april.body.items.map((e) => [e.key, e.runningTotals.people])).toEqual([[APRIL, 910]]);
      const none = await call<{ items: Exchange[]; total: number }>(
        'GET',
        '/exchanges?mediator=TR',
        undefined,
        null,
      );
      expect(none.body).toMatchObject({ items: [], total: 0 });
      const bad = await call<ErrorReply>('GET', '/exchanges?from=2025-13-01', undefined, null);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues?.[0]?.path).toBe('query.from');
    });

    it('answers 404 for an exchange that does not exist', async () => {
      const res = await call<ErrorReply>('GET', '/exchanges/no-such-exchange', undefined, null);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('EXCHANGE_NOT_FOUND');
    });
  });

  describe('writing', () => {
    it('records a unilateral transfer with its claim, each audited, and reports it as unilateral', async () => {
      const before = await stored();
      const res = await call('POST', '/exchanges', bodiesInput(), editor);
      expect(res.status).toBe(201);
      expect(res.body.parity).toMatchObject({
        kind: 'unilateral',
        text: 'RU handed over 40 to UA, nothing in return',
      });
      expect(res.body.runningTotals).toMatchObject({ exchanges: 3, people: 950 });
      expect(await stored()).toEqual({
        ...before,
        exchanges: before.exchanges + 1,
        claims: before.claims + 1,
        audit: before.audit + 2,
      });
      const events = (await auditEvents(h)).slice(-2);
      expect(events.map((e) => [e.action, e.subjectType])).toEqual([
        ['exchange.create', 'exchange'],
        ['exchange.claim', 'exchange-claim'],
      ]);
      expect(events[0]?.subjectId).toBe(res.body.id);
    });

    it('adds a claim beside the others, and refuses a second claim from the same source', async () => {
      const created = (await call('POST', '/exchanges', bodiesInput(), editor)).body;
      const added = await call(
        'POST',
        `/exchanges/${created.key}/claims`,
        {
          claimant: 'RU',
          source: 'ru-mod-exchange-2025-04-19',
          stage: 'reported',
          counts: [{ from: 'RU', category: 'bodies', count: 42 }],
        },
        editor,
      );
      expect(added.status).toBe(201);
      expect(added.body.claims.map((c) => [c.claimant, c.counts[0]?.count])).toEqual([
        ['UA', 40],
        ['RU', 42],
      ]);
      expect(added.body.discrepancies.map((d) => [d.kind, d.resolved])).toEqual([['count', false]]);
      expect(added.body.parity.text).toBe('RU handed over at least 40 to UA, nothing in return');
      const before = await stored();
      const again = await call<ErrorReply>(
        'POST',
        `/exchanges/${created.key}/claims`,
        {
          claimant: 'RU',
          source: 'ru-mod-exchange-2025-04-19',
          stage: 'reported',
          counts: [{ from: 'RU', category: 'bodies', count: 41 }],
        },
        editor,
      );
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'EXCHANGE_CLAIM_EXISTS' });
      expect(await stored()).toEqual(before);
    });

    it('reconciles a figure with a reason, keeps the earlier setting, and audits the reason', async () => {
      const created = (await call('POST', '/exchanges', bodiesInput(), editor)).body;
      const url = `/exchanges/${created.id}/figures/RU/bodies`;
      expect((await call('PUT', url, { count: 41, reason: 'first count' }, editor)).status).toBe(200);
      const res = await call('PUT', url, { count: 40, reason: 'the receiving side’s count' }, editor);
      expect(res.status).toBe(200);
      expect(res.body.figures[0]).toMatchObject({
        status: 'reconciled',
        count: 40,
        reason: 'the receiving side’s count',
      });
      expect(res.body.figures[0]?.history.map((r) => r.count)).toEqual([41, 40]);
      const last = (await auditEvents(h)).at(-1);
      expect(last).toMatchObject({
        action: 'exchange.reconcile',
        subjectType: 'exchange',
        subjectId: created.id,
        reason: 'the receiving side’s count',
      });
      expect(last?.beforeDigest).not.toBeNull();
    });
  });

  describe('bad input is refused, naming the field, and writes nothing', () => {
    const claim = (counts: unknown[]) => ({
      claimant: 'RU',
      source: 'kremlin-readout-2025-03-18',
      stage: 'reported',
      counts,
    });
    const cases: [string, Method, string, unknown, number, string, string][] = [
      [
        'a negative count',
        'POST',
        '/exchanges',
        bodiesInput({ claims: [claim([{ from: 'RU', category: 'bodies', count: -3 }])] }),
        400,
        'VALIDATION_FAILED',
        'claims.0.counts.0.count',
      ],
      [
        'an unknown party as a side',
        'POST',
        '/exchanges',
        bodiesInput({ sides: ['RU', 'XX'] }),
        422,
        'PARTY_UNKNOWN',
        'sides.1',
      ],
      [
        'an unknown mediator',
        'POST',
        '/exchanges',
        bodiesInput({ mediator: 'ZZ' }),
        422,
        'PARTY_UNKNOWN',
        'mediator',
      ],
      [
        'an unknown source',
        'POST',
        '/exchanges',
        bodiesInput({
          claims: [{ ...claim([]), source: 'no-such-source', tally: { total: 5, basis: 'both-sides' } }],
        }),
        422,
        'REFERENCE_UNKNOWN',
        'claims.0.source',
      ],
      [
        'an unknown agreement',
        'POST',
        '/exchanges',
        bodiesInput({ agreement: { slug: 'no-such-agreement' } }),
        422,
        'REFERENCE_UNKNOWN',
        'agreement.slug',
      ],
      [
        'a condition the agreement does not have',
        'POST',
        '/exchanges',
        bodiesInput({
          agreement: {
            slug: 'jeddah-ceasefire-proposal-2025-03',
            clause: { kind: 'condition', key: 'no-such-condition' },
          },
        }),
        422,
        'REFERENCE_UNKNOWN',
        'agreement.clause.key',
      ],
      [
        'a count from a party that is not a side',
        'POST',
        '/exchanges',
        bodiesInput({ claims: [claim([{ from: 'AE', category: 'bodies', count: 3 }])] }),
        422,
        'EXCHANGE_SIDE_INVALID',
        'claims.0.counts.0.from',
      ],
      [
        'a list of names',
        'POST',
        '/exchanges',
        bodiesInput({ names: ['Name Surname'] }),
        400,
        'VALIDATION_FAILED',
        'names',
      ],
      ['an empty body', 'POST', '/exchanges', {}, 400, 'VALIDATION_FAILED', 'key'],
      [
        'a key already taken',
        'POST',
        '/exchanges',
        bodiesInput({ key: MARCH }),
        409,
        'EXCHANGE_KEY_TAKEN',
        'key',
      ],
      [
        'a claim with a negative count',
        'POST',
        `/exchanges/${MARCH}/claims`,
        { ...claim([{ from: 'RU', category: 'civilians', count: -1 }]), source: 'uae-mediation-2025-04-19' },
        400,
        'VALIDATION_FAILED',
        'counts.0.count',
      ],
      [
        'a claim from an unknown party',
        'POST',
        `/exchanges/${MARCH}/claims`,
        {
          ...claim([{ from: 'RU', category: 'civilians', count: 1 }]),
          claimant: 'QQ',
          source: 'uae-mediation-2025-04-19',
        },
        422,
        'PARTY_UNKNOWN',
        'claimant',
      ],
      ['an empty claim', 'POST', `/exchanges/${MARCH}/claims`, {}, 400, 'VALIDATION_FAILED', 'claimant'],
      [
        'a figure without a reason',
        'PUT',
        `/exchanges/${MARCH}/figures/RU/bodies`,
        { count: 3 },
        400,
        'VALIDATION_FAILED',
        'reason',
      ],
      [
        'a negative figure',
        'PUT',
        `/exchanges/${MARCH}/figures/RU/bodies`,
        { count: -3, reason: 'x' },
        400,
        'VALIDATION_FAILED',
        'count',
      ],
      [
        'a figure for a party that is not a side',
        'PUT',
        `/exchanges/${MARCH}/figures/AE/bodies`,
        { count: 3, reason: 'x' },
        422,
        'EXCHANGE_SIDE_INVALID',
        'params.from',
      ],
      [
        'a figure of an unknown category',
        'PUT',
        `/exchanges/${MARCH}/figures/RU/names`,
        { count: 3, reason: 'x' },
        400,
        'VALIDATION_FAILED',
        'params.category',
      ],
    ];
    it.each(cases)('%s', async (_name, method, url, payload, status, code, path) => {
      const before = await stored();
      const res = await call<ErrorReply>(method, url, payload, editor);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.details.issues?.map((i) => i.path)).toContain(path);
      expect(res.body.error.message).toContain(path);
      expect(await stored()).toEqual(before);
    });
  });

  describe('only the roles with exchange.write may write', () => {
    const writes: [string, Method, string, () => unknown][] = [
      ['record an exchange', 'POST', '/exchanges', () => bodiesInput()],
      [
        'add a claim',
        'POST',
        `/exchanges/${APRIL}/claims`,
        () => ({
          claimant: 'UA',
          source: 'uae-mediation-2025-03-19',
          stage: 'reported',
          counts: [{ from: 'RU', category: 'civilians', count: 1 }],
        }),
      ],
      [
        'reconcile a figure',
        'PUT',
        `/exchanges/${APRIL}/figures/RU/prisoners-of-war`,
        () => ({ count: 246, reason: 'agreed' }),
      ],
    ];
    it.each(writes)(
      'a liaison and a monitor may not %s (403), the public must sign in (401)',
      async (_name, method, url, body) => {
        const before = await stored();
        for (const as of [liaison, monitor]) {
          const res = await call<ErrorReply>(method, url, body(), as);
          expect(res.status).toBe(403);
          expect(res.body.error.message).toMatch(/may not record prisoner exchanges/);
        }
        const res = await call<ErrorReply>(method, url, body(), null);
        expect(res.status).toBe(401);
        expect(await stored()).toEqual(before);
      },
    );
  });

  describe('the audit', () => {
    it('verifies the ledger, and names an exchange row and a claim row edited behind the API', async () => {
      expect((await verifyAudit(h.services)).problems).toEqual([]);
      const db = h.services.db.kysely;
      const march = (await call('GET', `/exchanges/${MARCH}`)).body;
      await db
        .updateTable('exchanges')
        .set({ occurred_on: '2025-03-20' })
        .where('id', '=', march.id)
        .execute();
      const claim = march.claims[1]!;
      await db.updateTable('exchange_claims').set({ counts_json: '[]' }).where('id', '=', claim.id).execute();
      const report = await verifyAudit(h.services);
      expect(report.ok).toBe(false);
      expect(
        report.problems.map((p) =>
          p.kind === 'record' ? `${p.state} ${p.subjectType} ${p.subjectId}` : p.kind,
        ),
      ).toEqual(
        expect.arrayContaining([`altered exchange ${march.id}`, `altered exchange-claim ${claim.id}`]),
      );
      await db
        .updateTable('exchanges')
        .set({ occurred_on: '2025-03-19' })
        .where('id', '=', march.id)
        .execute();
      await db
        .updateTable('exchange_claims')
        .set({
          counts_json: JSON.stringify(
            claim.counts.map(({ from, category, count }) => ({ from, category, count })),
          ),
        })
        .where('id', '=', claim.id)
        .execute();
      expect((await verifyAudit(h.services)).problems).toEqual([]);
    });
  });
});
