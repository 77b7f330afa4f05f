// The soak's load: a fixed number of readers and writers, each a loop of one request at a time over loopback
// until the deadline. Readers go round every public list and detail (new incidents included once published);
// writers take one incident at a time from filing to publishing, the way the mission's staff do, and a reader of
// the public suggests a correction to it. Every response is checked against the status its request expects;
// every acknowledged write is remembered so that the end of the soak can look for it.

import { randomBytes } from 'node:crypto';

type Headers = Record<string, string>;

/** The staff the writers act as: bearer headers of each. */
export interface Staff {
  readonly monitor: Headers;
  readonly verifier: Headers;
  /** A liaison of Russia, the accused party of the writers' allegations. */
  readonly liaisonRu: Headers;
}

/** What the writers were told was done (status 200 or 201), by kind. */
export interface Acknowledged {
  readonly incidents: string[];
  readonly allegations: string[];
  readonly replies: string[];
  readonly evidence: string[];
  readonly findingChanges: number;
  readonly published: string[];
  readonly corrections: string[];
}

interface Failure {
  readonly kind: string;
  readonly what: string;
}

/** Requests by kind, latencies, and every failure (wrong status, socket error, timeout). */
export class Recorder {
  readonly counts = new Map<string, number>();
  readonly latencies: number[] = [];
  readonly failures: Failure[] = [];

  record(kind: string, ms: number): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.latencies.push(ms);
  }

  fail(kind: string, what: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.failures.push({ kind, what });
  }

  /** One line per kind that failed: how often, and the first failure in full. */
  failureSummary(): string[] {
    const byKind = new Map<string, { n: number; first: string }>();
    for (const f of this.failures) {
      const seen = byKind.get(f.kind);
      if (seen) seen.n += 1;
      else byKind.set(f.kind, { n: 1, first: f.what });
    }
    return [...byKind].map(([kind, { n, first }]) => `${kind} ×${n}: ${first}`);
  }

  get total(): number {
    return this.latencies.length + this.failures.length;
  }
}

/** The q-th quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** A request slower than this is a failure (a timeout), not a slow success. */
const TIMEOUT_MS = 20_000;

interface Sent {
  readonly kind: string;
  readonly method?: 'GET' | 'POST';
  readonly path: string;
  readonly expect: number;
  readonly headers?: Headers;
  readonly json?: unknown;
  readonly body?: { readonly bytes: Buffer; readonly type: string };
}

/** Sends one request and reads the whole body; null (recorded as a failure) unless it got the expected status. */
async function send(base: string, recorder: Recorder, request: Sent): Promise<unknown> {
  const t0 = performance.now();
  const headers: Headers = { ...request.headers };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.body) {
    headers['content-type'] = request.body.type;
    body = new Uint8Array(request.body.bytes);
  }
  try {
    const response = await fetch(base + request.path, {
      method: request.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    const ms = performance.now() - t0;
    if (response.status !== request.expect) {
      recorder.fail(
        request.kind,
        `${request.method ?? 'GET'} ${request.path}: ${response.status}, expected ${request.expect}: ${text.slice(0, 300)}`,
      );
      return null;
    }
    recorder.record(request.kind, ms);
    return response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text;
  } catch (error) {
    const cause = error instanceof Error ? `${error.name}: ${error.message}${causeOf(error)}` : String(error);
    recorder.fail(request.kind, `${request.method ?? 'GET'} ${request.path}: ${cause}`);
    return null;
  }
}

function causeOf(error: Error): string {
  return error.cause instanceof Error ? ` (${error.cause.message})` : '';
}

/** What the readers know of the data: the demo's published incidents and main agreement, and the new ones. */
export interface Catalogue {
  readonly agreement: string;
  readonly published: string[];
}

const COUNTRY = '22.1,44.3,40.3,52.4';
const CITY = '37.45,47.0,37.75,47.2'; // Mariupol and around

/** Every public read, in the order a reader goes round them; `id` is a published incident. */
function reads(catalogue: Catalogue, id: string): readonly Sent[] {
  const slug = catalogue.agreement;
  const ok = (kind: string, path: string): Sent => ({ kind, path, expect: 200 });
  return [
    ok('incidents list', '/api/v1/incidents'),
    ok(
      'incidents list, filtered',
      `/api/v1/incidents?agreement=${slug}&verdict=covered&from=2025-03-18&to=2025-04-30&limit=100`,
    ),
    ok('incident', `/api/v1/incidents/${id}`),
    ok('incidents list, by party', '/api/v1/incidents?party=RU&sort=-publishedAt&limit=20'),
    ok('finding', `/api/v1/incidents/${id}/finding`),
    ok('agreements', '/api/v1/agreements'),
    ok('agreement', `/api/v1/agreements/${slug}`),
    ok('stats', `/api/v1/stats?agreement=${slug}`),
    ok('incident allegations', `/api/v1/incidents/${id}/allegations`),
    ok('map, country', `/api/v1/map/incidents?bbox=${COUNTRY}`),
    ok('map, city', `/api/v1/map/incidents?bbox=${CITY}`),
    ok('OGC items', `/ogc/collections/incidents/items?limit=100&bbox=${COUNTRY}`),
    ok('OGC item', `/ogc/collections/incidents/items/${id}`),
    ok('allegations', '/api/v1/allegations'),
    ok('export incidents.csv', '/api/v1/exports/incidents.csv'),
    ok('export incidents.geojson', '/api/v1/exports/incidents.geojson'),
    ok('export findings.csv', '/api/v1/exports/findings.csv'),
    ok('feed findings.atom', '/api/v1/feeds/findings.atom'),
    ok('calendar agreements.ics', '/api/v1/calendars/agreements.ics'),
    ok('corrections log', '/api/v1/corrections/log'),
    ok('bulletins', '/api/v1/bulletins'),
  ];
}

/** One reader: round the public reads until the deadline, each time about another published incident. */
export async function reader(
  base: string,
  recorder: Recorder,
  catalogue: Catalogue,
  index: number,
  deadline: number,
): Promise<void> {
  for (let n = index * 5; Date.now() < deadline; n++) {
    const ids = catalogue.published;
    const id = ids[(n * 7919 + index) % ids.length] ?? '';
    const all = reads(catalogue, id);
    const request = all[n % all.length];
    if (request) await send(base, recorder, request);
  }
}

/** A 1×1 PNG; bytes after its end keep it a PNG and make each upload's hash its own. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A multipart/form-data body with a description and a file, as a browser or curl would send it. */
function upload(description: string): { bytes: Buffer; type: string } {
  const boundary = `----soak-${randomBytes(8).toString('hex')}`;
  const bytes = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${description}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    randomBytes(16),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { bytes, type: `multipart/form-data; boundary=${boundary}` };
}

interface Created {
  readonly id: string;
  readonly allegations: readonly { readonly id: string }[];
}

/**
 * One writer: until the deadline, file an incident (a strike on energy infrastructure in March–April 2025, so
 * the demo's agreements screen it) with Ukraine's allegation, attach a photo, add Russia's counter-allegation,
 * reply as Russia's liaison, corroborate, grade and publish it, read it back as the public, and suggest a
 * correction to its page as a reader. A step that fails ends that incident's round (the failure is recorded).
 */
export async function writer(
  base: string,
  recorder: Recorder,
  staff: Staff,
  catalogue: Catalogue,
  acknowledged: Acknowledged,
  index: number,
  deadline: number,
): Promise<void> {
  for (let n = 0; Date.now() < deadline; n++) {
    const tag = `soak-w${index}-${n}`;
    const day = 18 + (n % 40);
    const at = new Date(Date.UTC(2025, 2, day, 1 + (n % 20), index * 7)).toISOString();
    const created = (await send(base, recorder, {
      kind: 'write: incident',
      method: 'POST',
      path: '/api/v1/incidents',
      expect: 201,
      headers: staff.monitor,
      json: {
        ref: tag,
        title: `Drone strike on a substation (${tag})`,
        occurredAt: at,
        act: 'drone-strike',
        target: 'infrastructure.energy.substation',
        perpetrator: 'RU',
        location: { lon: 33 + ((n * 37) % 500) / 100, lat: 46.6 + ((n * 53) % 340) / 100 },
        allegations: [
          { accuser: 'UA', accused: 'RU', madeAt: at, summary: 'Ukraine says Russia struck a substation.' },
        ],
      },
    })) as Created | null;
    if (!created) continue;
    acknowledged.incidents.push(created.id);
    const allegation = created.allegations[0]?.id;
    if (allegation) acknowledged.allegations.push(allegation);

    const evidence = (await send(base, recorder, {
      kind: 'write: evidence',
      method: 'POST',
      path: `/api/v1/incidents/${created.id}/evidence`,
      expect: 201,
      headers: staff.monitor,
      body: upload(`Photo of the damaged transformer (${tag})`),
    })) as { id: string } | null;
    if (!evidence) continue;
    acknowledged.evidence.push(evidence.id);

    const counter = (await send(base, recorder, {
      kind: 'write: allegation',
      method: 'POST',
      path: `/api/v1/incidents/${created.id}/allegations`,
      expect: 201,
      headers: staff.monitor,
      json: { accuser: 'RU', accused: 'UA', madeAt: at, summary: 'Russia says an interceptor fell there.' },
    })) as { id: string } | null;
    if (!counter) continue;
    acknowledged.allegations.push(counter.id);

    if (allegation) {
      const reply = (await send(base, recorder, {
        kind: 'write: reply',
        method: 'POST',
        path: `/api/v1/allegations/${allegation}/replies`,
        expect: 201,
        headers: staff.liaisonRu,
        json: { kind: 'denial', text: 'No strike took place there.', madeAt: at },
      })) as { id: string } | null;
      if (!reply) continue;
      acknowledged.replies.push(reply.id);
    }

    let changed = true;
    for (const change of [
      { kind: 'occurrence', to: 'corroborated', reason: 'Two independent sources.' },
      { kind: 'grade', to: 'fair', reason: 'A dated photo.' },
      { kind: 'publish', reason: 'Ready.' },
    ]) {
      const finding = await send(base, recorder, {
        kind: change.kind === 'publish' ? 'write: publish' : 'write: finding',
        method: 'POST',
        path: `/api/v1/incidents/${created.id}/finding/changes`,
        expect: 200,
        headers: staff.verifier,
        json: change,
      });
      if (!finding) {
        changed = false;
        break;
      }
      if (change.kind === 'publish') acknowledged.published.push(created.id);
      else (acknowledged as { findingChanges: number }).findingChanges += 1;
    }
    if (!changed) continue;
    // Read-your-writes: once publishing is acknowledged, the public sees the incident at once.
    if (
      !(await send(base, recorder, {
        kind: 'incident',
        path: `/api/v1/incidents/${created.id}`,
        expect: 200,
      }))
    )
      continue;
    catalogue.published.push(created.id);

    const correction = (await send(base, recorder, {
      kind: 'write: correction (public)',
      method: 'POST',
      path: '/api/v1/corrections',
      expect: 201,
      json: {
        target: {
          source: `/incidents/${created.id}`,
          title: `Drone strike on a substation (${tag})`,
          record: { type: 'incident', id: created.id },
          selector: null,
        },
        suggestion: 'The substation is on the other side of the river.',
        comment: `A reader's correction (${tag}).`,
      },
    })) as { id: string } | null;
    if (correction) acknowledged.corrections.push(correction.id);
  }
}
