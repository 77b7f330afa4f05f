// Screening throughput: incidents screened per second against the demo agreements, as a ratio to a
// baseline measured in the same run (parsing each incident's time, which screening must do anyway).
// Run with `npm run bench`.

import { demoAgreements, energyMoratorium } from '../src/demo/agreements.js';
import { agreementFromInput } from '../src/core/materialize.js';
import { agreementInputSchema } from '../src/core/schemas.js';
import { screenIncident, type ScreenableIncident } from '../src/core/screening.js';
import { ACTS, TARGET_CODES } from '../src/core/taxonomy.js';
import { formatInstant, parseInstant, precisionInterval } from '../src/core/time.js';
import { seededRandom } from '../src/core/geometry/testing/random.js';

const N = Number(process.env['BENCH_N'] ?? 200_000);
const ROUNDS = 5;

function pick<T>(items: readonly T[], r: number): T {
  const item = items[Math.floor(r * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

const next = seededRandom(42);
const start = Date.parse('2025-03-01T00:00:00Z');
const span = Date.parse('2025-05-01T00:00:00Z') - start;
const times: string[] = [];
const drafts: Omit<ScreenableIncident, 'occurredAt'>[] = [];
for (let i = 0; i < N; i++) {
  times.push(formatInstant({ epochMs: start + Math.floor(next() * span), offsetMinutes: 180 }));
  drafts.push({
    timePrecision: next() < 0.8 ? 'minute' : 'day',
    act: next() < 0.05 ? null : pick(ACTS, next()),
    domain: null,
    target: next() < 0.05 ? null : pick(TARGET_CODES, next()),
    perpetrator: pick(['RU', 'UA', null], next()),
    location: null,
  });
}

const agreements = demoAgreements.map((seed) => agreementFromInput(agreementInputSchema.parse(seed)));
if (!agreements.some((a) => a.slug === energyMoratorium.slug)) throw new Error('demo moratorium missing');

function baseline(): number {
  let sink = 0;
  for (const time of times) {
    const instant = parseInstant(time);
    if (instant) sink += precisionInterval(instant, 'minute').startMs & 1;
  }
  return sink;
}

function screening(): number {
  let sink = 0;
  for (let i = 0; i < N; i++) {
    const occurredAt = parseInstant(times[i] ?? '');
    const draft = drafts[i];
    if (!occurredAt || !draft) continue;
    sink += screenIncident({ ...draft, occurredAt }, agreements).length;
  }
  return sink;
}

function best(work: () => number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - t0);
  }
  return fastest;
}

const baselineMs = best(baseline);
const screeningMs = best(screening);
const rate = (ms: number) => Math.round((N / ms) * 1000).toLocaleString('en');
console.log(
  `screening: ${N.toLocaleString('en')} incidents against ${agreements.length} agreement(s), best of ${ROUNDS}`,
);
console.log(`  baseline (parse time only): ${baselineMs.toFixed(1)} ms  ${rate(baselineMs)} incidents/s`);
console.log(`  screening:                  ${screeningMs.toFixed(1)} ms  ${rate(screeningMs)} incidents/s`);
console.log(`  ratio screening/baseline:   ${(screeningMs / baselineMs).toFixed(2)}x`);
