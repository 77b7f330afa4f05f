// Builds src/data/energy/power-plants.json from the WRI Global Power Plant Database extract for Ukraine
// (CC BY 4.0): `tsx scripts/build-power-plants.ts [CSV]`. Keeps only what the facilities layer uses.

import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const DEFAULT_CSV = '../shared/data/energy_infrastructure/global_power_plant_database_ukraine.csv';
const OUT = 'src/data/energy/power-plants.json';

interface GppdRow {
  readonly gppd_idnr: string;
  readonly name: string;
  readonly capacity_mw: string;
  readonly primary_fuel: string;
  readonly longitude: string;
  readonly latitude: string;
}

/** The compact records, sorted by GPPD id so that a rebuild gives the same file. */
export function buildPowerPlants(csv: string) {
  const rows = parse<GppdRow>(csv, { columns: true, skip_empty_lines: true, trim: true });
  return rows
    .map((r) => ({
      gppd_idnr: r.gppd_idnr,
      name: r.name,
      capacity_mw: Number(r.capacity_mw),
      primary_fuel: r.primary_fuel,
      lon: Number(r.longitude),
      lat: Number(r.latitude),
    }))
    .sort((a, b) => a.gppd_idnr.localeCompare(b.gppd_idnr));
}

if (process.argv[1]?.endsWith('build-power-plants.ts')) {
  const plants = buildPowerPlants(readFileSync(process.argv[2] ?? DEFAULT_CSV, 'utf8'));
  // One plant per line, as Prettier leaves it.
  const lines = plants.map(
    (p) =>
      `    ${JSON.stringify(p).replace(/":/g, '": ').replace(/,"/g, ', "').replace(/^\{/, '{ ').replace(/\}$/, ' }')}`,
  );
  const text = [
    '{',
    '  "source": "World Resources Institute, Global Power Plant Database v1.3 (Ukraine extract)",',
    '  "licence": "CC BY 4.0",',
    '  "plants": [',
    lines.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
  writeFileSync(OUT, text);
  console.log(`wrote ${plants.length} plants to ${OUT}`);
}
