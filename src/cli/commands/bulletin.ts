// `truceline bulletin draft --date YYYY-MM-DD`: prints the Markdown of a day's bulletin drafted from the published
// record (`--save` also stores it as a draft); `bulletin publish SLUG` publishes one; `bulletin list` lists them.

import { type Command, InvalidArgumentError } from 'commander';
import { isCalendarDate } from '../../core/bulletins.js';
import {
  createDraft,
  draftForDate,
  getBulletin,
  publishBulletin,
  searchBulletins,
} from '../../services/bulletins.js';
import { CLI_ACTOR, withServices } from '../context.js';

function calendarDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('must be a calendar date, YYYY-MM-DD');
  return value;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

function leftOut(count: number): void {
  if (count > 0)
    console.error(
      `Left out: ${String(count)} unpublished incident${count === 1 ? '' : 's'} of this day (a bulletin carries only published data).`,
    );
}

export function registerBulletin(cli: Command): void {
  const bulletin = cli.command('bulletin').description('Bulletins: daily reports drafted from the data');

  bulletin
    .command('draft')
    .description("Draft a day's bulletin from the published record and print its Markdown")
    .requiredOption('--date <date>', 'the day to report on (Kyiv time), YYYY-MM-DD', calendarDate)
    .option('--save', 'also store it as an unpublished draft bulletin, for editing in the app', false)
    .option('--slug <slug>', 'the slug to store it under (with --save; default daily-YYYY-MM-DD)')
    .action(async (opts: { date: string; save: boolean; slug?: string }) => {
      await withServices(async (services) => {
        if (!opts.save) {
          const { draft, unpublishedLeftOut } = await draftForDate(services, CLI_ACTOR, opts.date);
          process.stdout.write(draft.markdown);
          leftOut(unpublishedLeftOut);
          return;
        }
        const saved = await createDraft(services, CLI_ACTOR, { date: opts.date, slug: opts.slug });
        const latest = saved.bulletin.versions.at(-1);
        process.stdout.write(latest?.markdown ?? '');
        leftOut(saved.unpublishedLeftOut ?? 0);
        console.error(
          `Saved as the draft bulletin "${saved.bulletin.slug}" (version 1). Publish it with: truceline bulletin publish ${saved.bulletin.slug}`,
        );
      });
    });

  bulletin
    .command('publish <slug>')
    .description('Publish the latest version of a bulletin: the public reads it from now on')
    .option('--version <n>', 'the version reviewed; refused if a later one exists', positiveInteger)
    .option('--note <text>', 'why, kept in the audit log')
    .action(async (slug: string, opts: { version?: number; note?: string }) => {
      const published = await withServices(async (services) => {
        const version = opts.version ?? (await getBulletin(services, CLI_ACTOR, slug)).bulletin.version;
        return publishBulletin(services, CLI_ACTOR, slug, { version, note: opts.note });
      });
      console.log(
        `Published "${published.bulletin.slug}" at version ${String(published.bulletin.publishedVersion)}.`,
      );
    });

  bulletin
    .command('list')
    .description('List bulletins, newest day first, drafts included')
    .option('--limit <n>', 'how many', positiveInteger, 50)
    .action(async (opts: { limit: number }) => {
      const page = await withServices((services) =>
        searchBulletins(services, CLI_ACTOR, { limit: opts.limit, offset: 0 }),
      );
      for (const b of page.items) {
        const state =
          b.publishedVersion === null
            ? 'draft'
            : b.publishedVersion === b.version
              ? 'published'
              : `published v${String(b.publishedVersion)}, edited since`;
        console.log(`${b.date}  ${b.slug}  v${String(b.version)}  ${state}  ${b.title}`);
      }
      if (page.items.length === 0) console.log('No bulletins yet.');
    });
}
