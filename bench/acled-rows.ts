// Generated ACLED-style rows for the ingest benchmark and the import crash test: each row copies a real event of
// the ACLED Ukraine sample (../shared/data/acled, SOURCES.md §7) chosen by a seeded generator, so event and
// sub-event types, actors, places and notes follow the sample's distributions; it gets its own id (`BENCH<n>`),
// a date in March–April 2025 (the demo agreements' period) and its point moved by up to ~2 km.

import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { seededRandom } from '../src/core/geometry/testing/random.js';

export const ACLED_SAMPLE = path.resolve(
  import.meta.dirname,
  '../../shared/data/acled/acled_ukraine_2022H1_from_acledR.csv',
);

const FIRST_DAY = Date.parse('2025-03-01T00:00:00Z');
const DAYS = 61;

/**
 * Writes `n` rows (with the header) to `file`, the same rows for the same seed. Throws when the sample is
 * missing.
 */
export async function writeAcledRows(file: string, n: number, seed = 9): Promise<void> {
  if (!existsSync(ACLED_SAMPLE)) throw new Error(`the ACLED sample ${ACLED_SAMPLE} is missing`);
  const sample: string[][] = parse(readFileSync(ACLED_SAMPLE, 'utf8'));
  const [header, ...events] = sample;
  if (!header || events.length === 0) throw new Error('the ACLED sample is empty');
  const column = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the ACLED sample has no ${name} column`);
    return i;
  };
  const at = {
    id: column('event_id_cnty'),
    date: column('event_date'),
    year: column('year'),
    lat: column('latitude'),
    lon: column('longitude'),
    timestamp: column('timestamp'),
  };
  const next = seededRandom(seed);
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(stringify([header]));
  let chunk: string[][] = [];
  for (let i = 1; i <= n; i++) {
    const event = events[Math.floor(next() * events.length)] ?? events[0];
    const row = [...(event ?? [])];
    const day = new Date(FIRST_DAY + Math.floor(next() * DAYS) * 86_400_000).toISOString().slice(0, 10);
    row[at.id] = `BENCH${i}`;
    row[at.date] = day;
    row[at.year] = '2025';
    row[at.timestamp] = String(Math.floor(Date.parse(day) / 1000) + 86_400);
    const lat = Number(row[at.lat]);
    const lon = Number(row[at.lon]);
    if (row[at.lat] !== '' && Number.isFinite(lat)) row[at.lat] = (lat + (next() - 0.5) * 0.04).toFixed(4);
    if (row[at.lon] !== '' && Number.isFinite(lon)) row[at.lon] = (lon + (next() - 0.5) * 0.04).toFixed(4);
    chunk.push(row);
    if (chunk.length === 5000) {
      await write(stringify(chunk));
      chunk = [];
    }
  }
  await write(stringify(chunk));
  out.end();
  await once(out, 'finish');
}
