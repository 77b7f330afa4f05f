// `truceline import ...`: one subcommand per kind of input, each in its own module.

import type { Command } from 'commander';

/** Each importer adds its subcommand to the `import` group. */
const importers: readonly ((group: Command) => void)[] = [];

export function registerImport(cli: Command): void {
  const group = cli
    .command('import')
    .description('Import front lines and incident data, with a report per row or feature');
  for (const register of importers) register(group);
}
