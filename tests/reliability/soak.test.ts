// The soak: the real `truceline serve --demo` in a process of its own, on a fresh database of each engine, under a
// bounded mixed load over loopback for SOAK_SECONDS (default 120 per engine): READERS anonymous readers going
// round every public list and detail, WRITERS members of staff (bearer tokens made with the real CLI) filing,
// documenting, answering and publishing incidents, and the public suggesting corrections. Asserts zero errors
// (every response the status its request expects; no socket errors, no timeouts, no error in the server's log),
// that every acknowledged write is there at the end (through the API, in the rows, one audit event each, and
// `truceline audit verify`), a clean shutdown, and flat memory: the median of the last third of the samples
// within a stated bound of the first third's. Prints the requests by kind, p50/p99 and the memory series.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DatabaseTarget, type Db, type Engine, openDatabase } from '../../src/db/engine.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/engines.js';
import { type Acknowledged, type Catalogue, quantile, reader, Recorder, type Staff, writer } from './load.js';
import { cli, cliOk, type MemorySample, type Server, serverEnv, startServer } from './server.js';

const SECONDS = Number(process.env['SOAK_SECONDS'] ?? 120);
const READERS = 8;
const WRITERS = 2;
/** How often the server's memory is sampled. */
const SAMPLE_MS = 2_000;
/** Samples before this are the warm-up (JIT, caches, pools filling) and are left out of the comparison. */
const WARM_UP_S = Math.min(20, SECONDS * 0.15);
/**
 * Flat memory: the last third's median may exceed the first third's by at most this fraction or these MB,
 * whichever is larger. Measured on this machine kind (2 cores, busy with other work; 150 s per engine, some 11,000
 * requests and 100 incidents filed to publication each), from the first third to the last: the live heap 51.0 →
 * 51.9 MB on SQLite and 51.8 → 53.4 MB on PostgreSQL (new data, and the response cache holding answers about it);
 * RSS 218.7 → 218.0 MB and 237.2 → 242.1 MB, PostgreSQL's swinging by ±40 MB between samples (the driver's
 * buffers and the allocator returning memory late). So RSS gets room for that swing, and the heap, the steadier
 * measure, a bound ten times what it grew. The two medians are some 90 s apart: a leak of 3 kB per request at
 * these rates (1 kB on an idle machine, which serves three times as many) fails it.
 */
const RSS_BOUND = { fraction: 0.25, mb: 40 };
const HEAP_BOUND = { fraction: 0.25, mb: 20 };
const AGREEMENT = 'energy-moratorium-2025-03';

const dir = mkdtempSync(join(tmpdir(), 'truceline-soak-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Headers = Record<string, string>;

const emailOf = (who: string) => `soak-${who.toLowerCase()}@mission.example`;

async function json<T>(base: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(base + path, init);
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Every incident id a list shows to `headers` (the public without), page by page. */
async function allIncidentIds(base: string, headers: Headers = {}): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const page = await json<{ items: { id: string }[]; total: number }>(
      base,
      `/api/v1/incidents?limit=500&offset=${offset}&sort=occurredAt`,
      { headers },
    );
    for (const item of page.items) ids.add(item.id);
    if (page.items.length < 500) return ids;
  }
}

/** Every correction id in the editors' queue, page by page. */
async function allCorrectionIds(base: string, headers: Headers): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 100) {
    const page = await json<{ items: { id: string }[] }>(
      base,
      `/api/v1/corrections?limit=100&offset=${offset}`,
      { headers },
    );
    for (const item of page.items) ids.add(item.id);
    if (page.items.length < 100) return ids;
  }
}

/** Audit events by action. */
async function auditActions(db: Db): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom('audit_events')
    .select((eb) => ['action', eb.fn.countAll<number | string>().as('n')])
    .groupBy('action')
    .execute();
  return new Map(rows.map((r) => [r.action, Number(r.n)]));
}

type IdTable = 'incidents' | 'allegations' | 'allegation_replies' | 'evidence' | 'corrections';

/** How many of the ids are rows of the table. */
async function stored(db: Db, table: IdTable, ids: readonly string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < ids.length; i += 400) {
    const row = await db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('id', 'in', ids.slice(i, i + 400))
      .executeTakeFirstOrThrow();
    found += Number(row.n);
  }
  return found;
}

const median = (values: readonly number[]) => quantile(values, 0.5);
const mb = (value: number) => `${value.toFixed(1)} MB`;

/** The medians of the first and last thirds of the samples after the warm-up, and the bound the last must keep. */
function thirds(
  samples: readonly MemorySample[],
  pick: (s: MemorySample) => number,
  bound: typeof RSS_BOUND,
) {
  const settled = samples.filter((s) => s.t >= WARM_UP_S).map(pick);
  const third = Math.max(1, Math.floor(settled.length / 3));
  const first = median(settled.slice(0, third));
  const last = median(settled.slice(-third));
  return { first, last, limit: first + Math.max(first * bound.fraction, bound.mb), samples: settled.length };
}

describeEachEngine('the soak: the real server under a bounded mixed load', (engine: Engine) => {
  let database: TestDatabase | null = null;
  let target: DatabaseTarget;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const dataDir = join(dir, engine);
    if (engine === 'sqlite') {
      target = { engine, file: join(dataDir, 'truceline.db') };
      env = serverEnv({ TRUCELINE_DB: target.file, TRUCELINE_DATA_DIR: dataDir });
    } else {
      database = await freshDatabase(engine, { migrate: false });
      await database.db.close();
      target = { engine, url: database.url ?? '' };
      env = serverEnv({ DATABASE_URL: target.url, TRUCELINE_DATA_DIR: dataDir });
    }
    // Every correction comes from one loopback address; the per-client limit (20 an hour) is for readers.
    env['TRUCELINE_CORRECTIONS_PER_HOUR'] = '1000000';
  });
  afterAll(async () => {
    await database?.dispose().catch(() => undefined);
  });

  it(`answers every request as expected, keeps every acknowledged write, and holds its memory flat (${SECONDS} s)`, async () => {
    const server: Server = await startServer(env);
    const recorder = new Recorder();
    const acknowledged: Acknowledged = {
      incidents: [],
      allegations: [],
      replies: [],
      evidence: [],
      findingChanges: 0,
      published: [],
      corrections: [],
    };
    const samples: MemorySample[] = [];
    let db: Db | null = null;
    let stopped: Awaited<ReturnType<Server['stop']>> | null = null;
    try {
      const base = server.base;
      // The staff: an admin token from the CLI, users added through the API, a token of each from the CLI.
      const admin = {
        authorization: `Bearer ${(await cliOk(env, ['token', 'create', '--name', 'soak-admin', '--role', 'admin'])).trim()}`,
      };
      const people: [keyof Staff | 'editor', Record<string, string>][] = [
        ['monitor', { role: 'monitor' }],
        ['verifier', { role: 'verifier' }],
        ['liaisonRu', { role: 'liaison', party: 'RU' }],
        ['editor', { role: 'editor' }],
      ];
      const headers: Partial<Record<keyof Staff | 'editor', Headers>> = {};
      for (const [who, fields] of people) {
        await json(base, '/api/v1/users', {
          method: 'POST',
          headers: { ...admin, 'content-type': 'application/json' },
          body: JSON.stringify({ email: emailOf(who), password: 'correct horse battery staple', ...fields }),
        });
      }
      await Promise.all(
        people.map(async ([who]) => {
          const args = ['token', 'create', '--name', `soak-${who}`, '--user', emailOf(who)];
          headers[who] = { authorization: `Bearer ${(await cliOk(env, args)).trim()}` };
        }),
      );
      const staff: Staff = {
        monitor: headers.monitor ?? {},
        verifier: headers.verifier ?? {},
        liaisonRu: headers.liaisonRu ?? {},
      };
      const catalogue: Catalogue = { agreement: AGREEMENT, published: [...(await allIncidentIds(base))] };
      expect(catalogue.published.length, 'the demo has published incidents').toBeGreaterThan(0);

      db = openDatabase(target);
      const auditBefore = await auditActions(db);

      // The load, and the memory sampled beside it.
      const start = Date.now();
      const deadline = start + SECONDS * 1000;
      const sampling = new AbortController();
      const sampler = (async () => {
        while (!sampling.signal.aborted) {
          samples.push(await server.memory((Date.now() - start) / 1000));
          await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
        }
      })();
      await Promise.all([
        ...Array.from({ length: READERS }, (_, i) => reader(base, recorder, catalogue, i, deadline)),
        ...Array.from({ length: WRITERS }, (_, i) =>
          writer(base, recorder, staff, catalogue, acknowledged, i, deadline),
        ),
      ]);
      const elapsed = (Date.now() - start) / 1000;
      sampling.abort();
      await sampler;

      const rss = thirds(samples, (s) => s.rssMb, RSS_BOUND);
      const heap = thirds(samples, (s) => s.heapMb, HEAP_BOUND);
      const kinds = [...recorder.counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
      console.log(
        [
          `soak [${engine}]: ${elapsed.toFixed(0)} s, ${READERS} readers + ${WRITERS} writers, ` +
            `${recorder.total} requests (${(recorder.total / elapsed).toFixed(0)}/s), ${recorder.failures.length} errors, ` +
            `p50 ${quantile(recorder.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(recorder.latencies, 0.99).toFixed(1)} ms`,
          ...kinds.map(([kind, n]) => `  ${kind.padEnd(28)} ${String(n).padStart(6)}`),
          `  acknowledged: ${acknowledged.incidents.length} incidents, ${acknowledged.published.length} published, ` +
            `${acknowledged.allegations.length} allegations, ${acknowledged.replies.length} replies, ` +
            `${acknowledged.evidence.length} evidence, ${acknowledged.findingChanges} finding changes, ` +
            `${acknowledged.corrections.length} corrections`,
          `  RSS: start ${mb(samples[0]?.rssMb ?? NaN)}, end ${mb(samples.at(-1)?.rssMb ?? NaN)}; after ${WARM_UP_S.toFixed(0)} s warm-up ` +
            `first third median ${mb(rss.first)}, last third ${mb(rss.last)} (bound ${mb(rss.limit)})`,
          `  heap after GC: first third median ${mb(heap.first)}, last third ${mb(heap.last)} (bound ${mb(heap.limit)})`,
          `  series (s: RSS/heap MB): ${samples.map((s) => `${s.t.toFixed(0)}:${s.rssMb.toFixed(0)}/${s.heapMb.toFixed(0)}`).join(' ')}`,
          ...recorder.failureSummary().map((line) => `  FAILED ${line}`),
        ].join('\n'),
      );

      // Zero errors: every response had the status its request expects, none failed on the socket or timed out.
      expect(recorder.failureSummary(), 'failed requests, by kind').toEqual([]);
      expect(recorder.total).toBeGreaterThan(0);
      expect(acknowledged.published.length, 'the writers published incidents').toBeGreaterThan(0);
      expect(server.output(), "errors in the server's log").not.toMatch(/"level":(50|60)/);

      // Flat memory.
      expect(rss.samples, 'memory samples after the warm-up').toBeGreaterThanOrEqual(3);
      expect(rss.last, 'RSS: last third median').toBeLessThanOrEqual(rss.limit);
      expect(heap.last, 'heap: last third median').toBeLessThanOrEqual(heap.limit);

      // Every acknowledged write, through the API: the staff see every incident, the public every published one,
      // the editors every correction.
      const seenByStaff = await allIncidentIds(base, admin);
      expect(acknowledged.incidents.filter((id) => !seenByStaff.has(id))).toEqual([]);
      const seenByPublic = await allIncidentIds(base);
      expect(acknowledged.published.filter((id) => !seenByPublic.has(id))).toEqual([]);
      const queue = await allCorrectionIds(base, headers.editor ?? {});
      expect(acknowledged.corrections.filter((id) => !queue.has(id))).toEqual([]);

      // ...in the rows, each with its audit event, and nothing else written.
      expect({
        incidents: await stored(db, 'incidents', acknowledged.incidents),
        allegations: await stored(db, 'allegations', acknowledged.allegations),
        replies: await stored(db, 'allegation_replies', acknowledged.replies),
        evidence: await stored(db, 'evidence', acknowledged.evidence),
        corrections: await stored(db, 'corrections', acknowledged.corrections),
      }).toEqual({
        incidents: acknowledged.incidents.length,
        allegations: acknowledged.allegations.length,
        replies: acknowledged.replies.length,
        evidence: acknowledged.evidence.length,
        corrections: acknowledged.corrections.length,
      });
      const auditAfter = await auditActions(db);
      const added = Object.fromEntries(
        [...auditAfter]
          .map(([action, n]) => [action, n - (auditBefore.get(action) ?? 0)] as const)
          .filter(([, n]) => n !== 0),
      );
      const counterAllegations = acknowledged.allegations.length - acknowledged.incidents.length;
      expect(added).toEqual({
        'incident.create': acknowledged.incidents.length,
        'allegation.file': acknowledged.incidents.length + counterAllegations,
        'evidence.add': acknowledged.evidence.length,
        'allegation.reply': acknowledged.replies.length,
        'finding.occurrence': acknowledged.findingChanges / 2,
        'finding.grade': acknowledged.findingChanges / 2,
        'finding.publish': acknowledged.published.length,
        'incident.publish': acknowledged.published.length,
        'correction.submit': acknowledged.corrections.length,
      });
    } finally {
      await db?.close();
      stopped = await server.stop();
    }

    // A clean shutdown on SIGTERM, and an audit log that verifies.
    expect(stopped, `the server's exit:\n${server.output()}`).toEqual({ code: 0, signal: null });
    const verify = await cli(env, ['audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^Audit log verified: /);
  });
});
