// `truceline import attacks FILE.csv`: the Ukrainian Air Force's daily missile and drone records.

import type { Command } from 'commander';
import { parseAttacks } from '../../io/attacks.js';
import { IMPORT_PARTIES } from '../../io/rows.js';
import { addImporter, csvRowEstimate } from './import-common.js';

export function registerImportAttacks(group: Command): void {
  addImporter(group, {
    name: 'attacks',
    description:
      'Import the Ukrainian Air Force daily missile and drone records (CSV), one incident per weapon model and attack',
    fileHelp: 'the attacks CSV file (missile_attacks_daily.csv or an extract with the same header)',
    parties: [IMPORT_PARTIES.RU],
    countRows: csvRowEstimate,
    parse: (input) => parseAttacks(input),
  });
}
