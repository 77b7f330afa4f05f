// `truceline import ...`: one subcommand per kind of input, each in its own module.

import type { Command } from 'commander';
import { registerImportAcled } from './import-acled.js';
import { registerImportAttacks } from './import-attacks.js';
import { registerFrontlineImport } from './import-frontline.js';
import { registerImportGeoJson } from './import-geojson.js';

/** Each importer adds its subcommand to the `import` group. */
const importers: readonly ((group: Command) => void)[] = [
  registerFrontlineImport,
  registerImportAcled,
  registerImportAttacks,
  registerImportGeoJson,
];

export function registerImport(cli: Command): void {
  const group = cli
    .command('import')
    .description('Import front lines and incident data, with a report per row or feature');
  for (const register of importers) register(group);
}
