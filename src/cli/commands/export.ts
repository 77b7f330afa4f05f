// `truceline export <what> --format <fmt>`: the open-data exports of /api/v1/exports, written to stdout or a file,
// with the same filters and the same public view (whoever runs it, only published data, redactions applied).

import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Argument, type Command, Option } from 'commander';
import type { z } from 'zod';
import { incidentExportQuery, frontlineQuery } from '../../server/routes/exports/schema.js';
import { EXPORT_NAMES, type ExportName, openExport } from '../../services/exports.js';
import { withServices } from '../context.js';
import { silentProgress, terminalProgress } from '../progress.js';

const SUBJECTS = ['incidents', 'agreements', 'findings', 'exchanges', 'frontline'] as const;
type Subject = (typeof SUBJECTS)[number];
const FORMATS = ['csv', 'acled', 'geojson', 'kml', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The format each subject is written in unless `--format` says otherwise. */
const DEFAULT_FORMAT: Readonly<Record<Subject, Format>> = {
  incidents: 'csv',
  agreements: 'json',
  findings: 'csv',
  exchanges: 'csv',
  frontline: 'geojson',
};

/** What one record of each export is, for the summary. */
const NOUNS: Readonly<Record<Subject, string>> = {
  incidents: 'incidents',
  agreements: 'agreements',
  findings: 'published findings',
  exchanges: 'exchanges',
  frontline: 'front-line snapshots',
};

interface ExportOptions {
  readonly format?: Format;
  readonly output?: string;
  readonly spreadsheet: boolean;
  readonly agreement?: string;
  readonly verdict?: string;
  readonly party?: string;
  readonly from?: string;
  readonly to?: string;
  readonly target?: string;
  readonly sector?: string;
  readonly oblast?: string;
  readonly bbox?: string;
  readonly date?: string;
}

/** The export a subject and format name, or an error listing the formats the subject has. */
export function exportName(what: Subject, format: Format): ExportName {
  const name = `${what}.${format === 'acled' ? 'acled.csv' : format}`;
  const found = EXPORT_NAMES.find((n) => n === name);
  if (found) return found;
  const formats = EXPORT_NAMES.filter((n) => n.startsWith(`${what}.`)).map((n) =>
    n === 'incidents.acled.csv' ? 'acled' : n.slice(what.length + 1),
  );
  throw new Error(`--format: ${what} can be exported as ${formats.join(', ')}, not ${format}`);
}

/** Options checked by the API's own query schema, so that both refuse the same values with the same words. */
function checked<S extends z.ZodType>(schema: S, values: Record<string, string | undefined>): z.output<S> {
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`--${String(issue?.path[0] ?? 'option')}: ${issue?.message ?? 'not valid'}`);
}

const INCIDENT_FILTERS = [
  'agreement',
  'verdict',
  'party',
  'from',
  'to',
  'target',
  'sector',
  'oblast',
  'bbox',
];

export function registerExport(cli: Command): void {
  cli
    .command('export')
    .description(
      'Write an open-data export (what the public may see: published data, redactions applied) to stdout or a file',
    )
    .addArgument(new Argument('<what>', 'what to export').choices(SUBJECTS))
    .addOption(
      new Option(
        '-f, --format <format>',
        'csv, acled (incidents in ACLED columns), geojson, kml (incidents, frontline) or json (agreements); default: json for agreements, geojson for frontline, else csv',
      ).choices(FORMATS),
    )
    .option('-o, --output <file>', 'write to this file (with a progress bar on a terminal) instead of stdout')
    .option(
      '--spreadsheet',
      'CSV for Excel and other spreadsheets: a BOM, and formula-like cells defused',
      false,
    )
    .option('--agreement <slug>', 'incidents screened against this agreement (id or slug)')
    .option('--verdict <verdict>', 'incidents with this verdict: covered, not-covered, contested, unknown')
    .option('--party <code>', 'incidents whose alleged perpetrator is this party (RU, UA)')
    .option(
      '--from <date>',
      'incidents at or after this date or time; frontline: snapshots valid from then on',
    )
    .option(
      '--to <date>',
      'incidents up to this date (the whole day) or time; frontline: snapshots valid until then',
    )
    .option('--target <code>', 'incidents with this target or one below it (infrastructure.energy)')
    .option('--sector <key>', 'incidents in this sector of the front line')
    .option('--oblast <code>', 'incidents in this oblast (ISO 3166-2:UA, UA-23)')
    .option(
      '--bbox <w,s,e,n>',
      'incidents within this box, in degrees (a blurred location counts where it is shown)',
    )
    .option('--date <date>', 'frontline: the snapshot in force on this date')
    .addHelpText(
      'after',
      `
Examples:
  truceline export incidents -o incidents.csv
  truceline export incidents --format acled --party RU --from 2025-03-18 --to 2025-04-17 -o acled.csv
  truceline export incidents --format geojson --bbox 30,44,40,52 -o incidents.geojson
  truceline export agreements --format csv --spreadsheet -o agreements.csv
  truceline export frontline --format kml --date 2025-03-18 -o frontline.kml

The columns of every export are described in docs/exports.md.`,
    )
    .action(async (what: Subject, opts: ExportOptions) => {
      const name = exportName(what, opts.format ?? DEFAULT_FORMAT[what]);
      const values: Record<string, string | undefined> = { ...opts, spreadsheet: undefined };
      if (what !== 'incidents') {
        const stray = INCIDENT_FILTERS.filter(
          (f) => values[f] !== undefined && !(what === 'frontline' && (f === 'from' || f === 'to')),
        );
        if (stray[0] !== undefined) throw new Error(`--${stray[0]}: filters only incidents`);
      }
      if (what !== 'frontline' && opts.date !== undefined)
        throw new Error('--date: picks a front-line snapshot; incidents take --from and --to');
      const pick = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, values[k]]));
      const options = {
        spreadsheet: opts.spreadsheet,
        ...(what === 'incidents' ? { incidents: checked(incidentExportQuery, pick(INCIDENT_FILTERS)) } : {}),
        ...(what === 'frontline' ? { frontline: checked(frontlineQuery, pick(['date', 'from', 'to'])) } : {}),
      };
      const progress = opts.output === undefined ? silentProgress : terminalProgress();
      const written = await withServices(async (services) => {
        let records = 0;
        const stream = await openExport(services, name, {
          ...options,
          onRecord: (n) => {
            records = n;
            progress.update(n);
          },
        });
        progress.start(`Exporting ${what}`, stream.records);
        try {
          const body = Readable.from(stream.chunks, { objectMode: false });
          await pipeline(body, opts.output === undefined ? process.stdout : createWriteStream(opts.output));
        } finally {
          progress.stop();
        }
        return records;
      });
      if (opts.output !== undefined) console.log(`Wrote ${opts.output}: ${written} ${NOUNS[what]}.`);
    });
}
