// `truceline import geojson FILE`: point incidents from a GeoJSON FeatureCollection or an array of point records.

import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { parseGeoJsonPoints } from '../../io/geojson-points.js';
import { addImporter } from './import-common.js';

/** Features in the file, for the progress bar; null when it is not JSON (the import then says why). */
async function countFeatures(file: string): Promise<number | null> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (Array.isArray(json)) return json.length;
    const features = (json as { features?: unknown } | null)?.features;
    return Array.isArray(features) ? features.length : null;
  } catch {
    return null;
  }
}

export function registerImportGeoJson(group: Command): void {
  addImporter<{ refPrefix: string }>(group, {
    name: 'geojson',
    description:
      'Import point incidents: a GeoJSON FeatureCollection of Points with properties, or a JSON array of records with date, location, description, sources, latitude and longitude',
    fileHelp: 'the GeoJSON or JSON file',
    parties: [],
    countRows: countFeatures,
    parse: (input, opts) => parseGeoJsonPoints(input, { refPrefix: opts.refPrefix }),
    options: [
      new Option(
        '--ref-prefix <prefix>',
        'prefix of the refs made from ids or hashes (a `ref` property is kept as it is)',
      ).default('geojson'),
    ],
  });
}
