// `truceline import acled FILE.csv`: ACLED exports, one incident per event, ref `acled:<event_id_cnty>`.

import type { Command } from 'commander';
import { parseAcled } from '../../io/acled.js';
import { IMPORT_PARTIES } from '../../io/rows.js';
import { addImporter, csvRowEstimate } from './import-common.js';

export function registerImportAcled(group: Command): void {
  addImporter(group, {
    name: 'acled',
    description:
      'Import an ACLED CSV export (the 31 standard columns; numeric or text interaction codes), one incident per event',
    fileHelp: 'the ACLED CSV file',
    parties: [IMPORT_PARTIES.RU, IMPORT_PARTIES.UA],
    countRows: csvRowEstimate,
    parse: (input) => parseAcled(input),
  });
}
