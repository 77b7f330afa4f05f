// `truceline backup <file>` and `truceline restore <file>`: the whole installation (every table and the evidence
// files) as one portable gzip'd file, restorable on either engine.

import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { BackupRefused, restoreBackup, writeBackup } from '../../services/backup.js';
import { withServices } from '../context.js';
import { silentProgress, terminalProgress } from '../progress.js';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function registerBackup(cli: Command): void {
  cli
    .command('backup')
    .description(
      'Write every table and every evidence file to one gzip file (a consistent snapshot; restore it with `truceline restore`)',
    )
    .argument('<file>', 'where to write the backup, e.g. truceline-2025-04-01.ndjson.gz')
    .option('--force', 'overwrite the file if it exists', false)
    .option('--quiet', 'no progress bar', false)
    .action(async (file: string, opts: { force: boolean; quiet: boolean }) => {
      if (existsSync(file) && !opts.force) {
        console.error(`${file} exists: choose another name, or pass --force to overwrite it.`);
        process.exitCode = 1;
        return;
      }
      // Written beside the target and renamed into place, so that a failed backup never leaves a partial file.
      const partial = `${file}.partial`;
      try {
        const summary = await withServices((services) =>
          writeBackup(services, createWriteStream(partial), opts.quiet ? silentProgress : terminalProgress()),
        );
        await rename(partial, file);
        const { header } = summary;
        console.log(
          `Backup written to ${file}: ${header.tables.length} tables, ${summary.rows} rows, ${header.files.count} evidence files (${megabytes(header.files.bytes)}), audit head ${header.auditHead.seq}.`,
        );
        for (const skipped of header.skippedFiles)
          console.error(
            `WARNING evidence file ${skipped.sha256} is ${skipped.state} in the store: not included.`,
          );
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    });

  cli
    .command('restore')
    .description(
      'Restore a backup into an empty database (refused if it holds records, unless --force), in one transaction, then verify the audit log (exits 1 if the backup is refused or verification fails)',
    )
    .argument('<file>', 'a file written by `truceline backup`')
    .option(
      '--force',
      'wipe every record in the database first (evidence files already stored are kept)',
      false,
    )
    .option('--quiet', 'no progress bar', false)
    .action(async (file: string, opts: { force: boolean; quiet: boolean }) => {
      try {
        const report = await withServices((services) =>
          restoreBackup(services, createReadStream(file), {
            force: opts.force,
            progress: opts.quiet ? silentProgress : terminalProgress(),
          }),
        );
        const { header, verification } = report;
        console.log(
          `Restored ${file} (made ${header.createdAt} on ${header.engine}): ${header.tables.length} tables, ${report.rows} rows, ${report.files} evidence files, audit head ${header.auditHead.seq}.`,
        );
        for (const problem of verification.problems) console.error(`FAIL ${problem.message}`);
        if (verification.ok) {
          console.log(
            `Audit log verified: ${verification.events} events, ${verification.recordsChecked} records, ${verification.checkpoints} checkpoints.`,
          );
        } else {
          console.error(`Audit log FAILED verification with ${verification.problems.length} problem(s).`);
          process.exitCode = 1;
        }
      } catch (error) {
        if (!(error instanceof BackupRefused)) throw error;
        console.error(`Restore refused, the database was left as it was: ${error.message}`);
        process.exitCode = 1;
      }
    });
}
