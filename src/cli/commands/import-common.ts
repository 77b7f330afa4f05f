// What the incident importers share: reading the file as a stream, the progress bar, the summary with the first
// rejected rows, and `--report FILE.json` with all of them. A file that cannot be used exits 1.

import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { type Command, Option } from 'commander';
import type { PartyInput } from '../../core/schemas.js';
import type { RowResult } from '../../io/rows.js';
import { DEFAULT_BATCH_SIZE, type ImportReport, importIncidents } from '../../services/imports.js';
import { CLI_ACTOR, withServices } from '../context.js';
import { terminalProgress } from '../progress.js';

export interface ImporterSpec<O> {
  readonly name: string;
  readonly description: string;
  readonly fileHelp: string;
  /** Parties rows may name as perpetrators (added when missing). */
  readonly parties: readonly PartyInput[];
  /** How many rows the file holds, for the progress bar (an estimate is fine; null when unknown). */
  readonly countRows: (file: string) => Promise<number | null>;
  readonly parse: (input: Readable, options: O) => AsyncIterable<RowResult>;
  readonly options?: readonly Option[];
}

interface CommonOptions {
  readonly dryRun: boolean;
  readonly batchSize: string;
  readonly logBatches: boolean;
  readonly report?: string;
  readonly show: string;
}

/** Lines in a file minus its header: the number of CSV records, or a little more when cells hold line breaks. */
export async function csvRowEstimate(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 10) lines++;
    last = chunk.at(-1) ?? last;
  }
  if (last !== 10) lines++;
  return Math.max(lines - 1, 0);
}

/** The summary printed after an import; the first `show` rejected rows with line, field and reason. */
export function formatReport(file: string, report: ImportReport, show: number): string {
  const out: string[] = [];
  const verb = report.dryRun ? 'Checked (dry run, nothing written)' : 'Imported';
  out.push(
    `${verb} ${file}: ${report.rows} rows, ${report.accepted} ${report.dryRun ? 'would be accepted' : 'accepted'}, ${report.duplicates} already present, ${report.rejected.length} rejected.`,
  );
  if (report.partiesAdded.length > 0) {
    out.push(`Parties ${report.dryRun ? 'to add' : 'added'}: ${report.partiesAdded.join(', ')}.`);
  }
  if (report.rejected.length > 0) {
    const listed = report.rejected.slice(0, show);
    out.push(`Rejected rows (${listed.length} of ${report.rejected.length}):`);
    for (const r of listed) out.push(`  line ${r.line}  ${r.field}  ${r.code}: ${r.message}`);
  }
  return out.join('\n');
}

/** Adds `truceline import <name> FILE` with --dry-run, --report and --show. */
export function addImporter<O>(group: Command, spec: ImporterSpec<O>): void {
  const command = group
    .command(spec.name)
    .description(spec.description)
    .argument('<file>', spec.fileHelp)
    .option('--dry-run', 'validate and report every row, write nothing', false)
    .option('--report <file.json>', 'write the full report (every rejected row) as JSON')
    .addOption(new Option('--show <n>', 'how many rejected rows to list').default('20'))
    .addOption(
      new Option('--batch-size <n>', 'rows written per transaction').default(String(DEFAULT_BATCH_SIZE)),
    )
    .option(
      '--log-batches',
      'print a line to stderr as each batch is committed (for logs and supervisors)',
      false,
    );
  for (const option of spec.options ?? []) command.addOption(option);
  command.action(async (file: string, opts: CommonOptions & O) => {
    if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`${file}: no such file`);
    const show = Number.parseInt(opts.show, 10);
    if (!Number.isInteger(show) || show < 0) throw new Error(`--show: "${opts.show}" is not a whole number`);
    const batchSize = Number(opts.batchSize);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new Error(`--batch-size: "${opts.batchSize}" is not a positive whole number`);
    const total = await spec.countRows(file);
    const progress = terminalProgress();
    const report = await withServices(async (services) => {
      progress.start(opts.dryRun ? 'Checking' : 'Importing', total);
      try {
        return await importIncidents(services, CLI_ACTOR, spec.parse(createReadStream(file), opts), {
          dryRun: opts.dryRun,
          parties: spec.parties,
          batchSize,
          // Called only once a batch is committed: what it reports is stored.
          onProgress: (p) => {
            progress.update(total === null ? p.rows : Math.min(p.rows, total));
            if (opts.logBatches) {
              process.stderr.write(
                `${opts.dryRun ? 'Checked' : 'Committed'}: ${p.rows} rows, ${p.accepted} accepted, ${p.duplicates} already present, ${p.rejected} rejected\n`,
              );
            }
          },
        });
      } finally {
        progress.stop();
      }
    });
    if (opts.report !== undefined) writeFileSync(opts.report, `${JSON.stringify(report, null, 2)}\n`);
    if (report.error) {
      console.error(`${file}: line ${report.error.line}: ${report.error.message}`);
      process.exitCode = 1;
      return;
    }
    console.log(formatReport(file, report, show));
    if (opts.report !== undefined) console.log(`Full report: ${opts.report}`);
  });
}
