// The real data in ../shared/data (see its SOURCES.md): present, or skipped with a printed reason, or under
// CI=true a failure, because CI must run the tests that use it.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DATA_DIR = path.resolve('../shared/data');

/** True when the real data are here; otherwise warns (or throws under CI=true) naming `what` needs them. */
export function realDataAvailable(what: string): boolean {
  if (existsSync(DATA_DIR)) return true;
  const reason = `${what} needs ${DATA_DIR}, which is missing`;
  if (process.env['CI'] === 'true') throw new Error(`${reason} (CI=true: not skipping)`);
  console.warn(`skipping: ${reason}`);
  return false;
}

/** A daily DeepStateMap file by its date (YYYYMMDD). */
export function frontlineFile(day: string): string {
  return path.join(DATA_DIR, 'frontline', `deepstatemap_data_${day}.geojson`);
}

export function readData(file: string): string {
  return readFileSync(file, 'utf8');
}
