// `truceline import frontline PATH...`: front-line snapshots from files or directories of daily files.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { TrucelineError } from '../../core/errors.js';
import { dateFromFileName } from '../../io/frontline.js';
import { importSnapshot, type SnapshotReport } from '../../services/frontline.js';
import { CLI_ACTOR, withServices } from '../context.js';
import { terminalProgress } from '../progress.js';

interface Options {
  date?: string;
  source?: string;
  dryRun: boolean;
  verbose: boolean;
  report?: string;
}

/** The files named, directories expanded to their .geojson/.json files, in date order. */
export function frontlineFiles(paths: readonly string[]): string[] {
  const files = paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => /\.(geo)?json$/i.test(f))
          .map((f) => path.join(p, f))
      : [p],
  );
  const key = (f: string) => dateFromFileName(path.basename(f)) ?? path.basename(f);
  return files.sort((a, b) => key(a).localeCompare(key(b)));
}

function summary(file: string, r: SnapshotReport): string {
  const counts = Object.entries(r.counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return (
    `${r.date}  ${path.basename(file)}: ${counts}; line ${r.lineKm.toFixed(0)} km in ${r.lineParts} part(s) (${r.lineFrom}), ` +
    `occupied ${Math.round(r.areaKm2).toLocaleString('en')} km²` +
    (r.dryRun
      ? ' [dry run]'
      : `; ${r.replaced ? 'replaced' : 'new'}, ${r.incidentsUpdated} incident(s) updated`)
  );
}

export function registerFrontlineImport(group: Command): void {
  group
    .command('frontline')
    .description(
      'Import front-line snapshots: occupied-area (Multi)Polygons or LineStrings of the line of contact, one file per day',
    )
    .argument('<paths...>', 'GeoJSON files, or directories of them (e.g. deepstatemap_data_YYYYMMDD.geojson)')
    .option('--date <YYYY-MM-DD>', 'the day the snapshot is valid from (default: from the file name)')
    .option('--source <text>', 'where the snapshot comes from (default: the file name)')
    .option('--dry-run', 'parse, derive and report without writing', false)
    .option('--verbose', 'list every feature with its outcome', false)
    .option('--report <file>', 'write the full per-feature report as JSON')
    .action(async (paths: string[], opts: Options) => {
      const files = frontlineFiles(paths);
      if (opts.date !== undefined && files.length !== 1)
        throw new Error('--date applies to a single file; with several, each date comes from its file name.');
      const reports: { file: string; report?: SnapshotReport; error?: string }[] = [];
      await withServices(async (services) => {
        const progress = terminalProgress();
        progress.start('frontline', files.length);
        for (const [i, file] of files.entries()) {
          const date = opts.date ?? dateFromFileName(path.basename(file));
          try {
            if (date === null) throw new Error('no date in the file name: pass --date');
            const report = await importSnapshot(
              services,
              CLI_ACTOR,
              { text: readFileSync(file, 'utf8'), date, source: opts.source ?? path.basename(file) },
              { dryRun: opts.dryRun },
            );
            reports.push({ file, report });
          } catch (error) {
            if (!(error instanceof TrucelineError) && !(error instanceof Error)) throw error;
            reports.push({ file, error: error.message });
          }
          progress.update(i + 1);
        }
        progress.stop();
      });
      for (const { file, report, error } of reports) {
        if (!report) {
          console.log(`FAILED  ${path.basename(file)}: ${error ?? ''}`);
          continue;
        }
        console.log(summary(file, report));
        if (opts.verbose)
          for (const f of report.features)
            console.log(
              `    #${f.index} ${f.name ?? '(unnamed)'}: ${f.status === 'skipped' ? `skipped (${f.reason}) ${f.message}` : `${f.status}${f.notes.length > 0 ? `; ${f.notes.join('; ')}` : ''}`}`,
            );
      }
      if (opts.report !== undefined) writeFileSync(opts.report, JSON.stringify(reports, null, 1));
      const failed = reports.filter((r) => !r.report).length;
      console.log(
        `${reports.length - failed} of ${reports.length} file(s) ${opts.dryRun ? 'checked' : 'imported'}${failed > 0 ? `, ${failed} failed` : ''}.`,
      );
      if (failed > 0) process.exitCode = 1;
    });
}
