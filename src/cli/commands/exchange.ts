// `truceline exchange list|show|summary`: the prisoner-exchange ledger on the terminal, with parity, each claim,
// the discrepancies between them and the running totals; `--json` prints what the API serves.

import { type Command, InvalidArgumentError } from 'commander';
import { daySchema } from '../../core/exchange-schemas.js';
import {
  CATEGORY_PHRASES,
  discrepancyText,
  type ExchangeClaim,
  type LedgerEntry,
  type LedgerSummary,
  parityText,
  type TallyCheck,
} from '../../core/exchanges.js';
import { partyCodeSchema } from '../../core/schemas.js';
import { presentEntry, presentExchange, presentSummary } from '../../server/routes/exchanges/present.js';
import { exchangeLedger, exchangeSummary, getExchange, type LedgerView } from '../../services/exchanges.js';
import { withServices } from '../context.js';

const number = new Intl.NumberFormat('en');
const n = (value: number) => number.format(value);

function day(value: string): string {
  if (!daySchema.safeParse(value).success) throw new InvalidArgumentError('not a calendar day as YYYY-MM-DD');
  return value;
}

function party(value: string): string {
  if (!partyCodeSchema.safeParse(value).success)
    throw new InvalidArgumentError('a party code such as RU or UA');
  return value;
}

function tallyText(t: { sequence: number | null; total: number | null; basis: TallyCheck['basis'] }): string {
  const parts = [
    t.sequence === null ? null : `no. ${n(t.sequence)}`,
    t.total === null ? null : `${n(t.total)} ${t.basis === 'both-sides' ? 'exchanged' : 'received'} in all`,
  ];
  return parts.filter((p) => p !== null).join(', ');
}

function claimText(claim: ExchangeClaim, view: LedgerView): string {
  const source = view.sources.get(claim.source);
  const verified = source?.verified === false ? ', unverified' : '';
  const counts = claim.counts.map((l) => `${n(l.count)} ${CATEGORY_PHRASES[l.category]} from ${l.from}`);
  const tally = claim.tally ? [`its own count: ${tallyText(claim.tally)}`] : [];
  return `${claim.claimant} ${claim.stage} (${claim.source}${verified}): ${[...counts, ...tally].join('; ')}`;
}

function entryLines(entry: LedgerEntry, view: LedgerView): string[] {
  const { exchange: x } = entry;
  const link = x.agreement;
  const agreement = link
    ? `${link.relation} ${view.agreements.get(link.agreementId)?.slug ?? link.agreementId}`
    : 'no agreement on record';
  const totals = entry.runningTotals;
  const lines = [
    `${x.date}  ${x.key}  (${x.sides.join('–')}, mediator ${x.mediator ?? 'none'}; ${agreement})`,
    `  parity: ${parityText(entry.parity)}${entry.parity.kind === 'unilateral' ? ' [unilateral]' : ''}`,
    ...entry.claims.map((c, i) => `  ${i === 0 ? 'claims:' : '       '} ${claimText(c, view)}`),
    ...entry.discrepancies.map((d) => {
      const state = d.kind === 'count' && d.resolved ? 'reconciled' : 'OPEN';
      return `  discrepancy (${state}): ${discrepancyText(d)}`;
    }),
    `  running totals after it: ${totals.parties
      .map((p) => `${p.party} gave ${n(p.gave)}, received ${n(p.received)}`)
      .join(
        '; ',
      )}; ${n(totals.people)} people in ${n(totals.exchanges)} exchange(s)${totals.provisional ? ' (at least)' : ''}`,
  ];
  if (entry.mediatorTally)
    lines.push(
      `  ${entry.mediatorTally.claimant}'s own count, as claimed (not our sum): ${tallyText(entry.mediatorTally)}`,
    );
  return lines;
}

function summaryLines(s: LedgerSummary): string[] {
  if (s.exchanges === 0) return ['The ledger is empty.'];
  return [
    `${n(s.exchanges)} exchange(s) from ${s.first ?? ''} to ${s.last ?? ''}: ${n(s.people)} people handed over${s.provisional ? ' (at least)' : ''}.`,
    ...s.parties.map((p) => `  ${p.party} gave ${n(p.gave)} and received ${n(p.received)}`),
    `  discrepancies: ${n(s.discrepancies.total)} (${n(s.discrepancies.resolved)} reconciled, ${n(s.discrepancies.open)} open); unilateral transfers: ${n(s.unilateral)}`,
    ...s.mediators.map(
      (m) =>
        `  ${m.party} mediated ${n(m.exchanges)} of them (${n(m.people)} people in this ledger)${m.claimed ? `; its own count, as claimed: ${tallyText(m.claimed)} (${m.claimed.exchangeKey})` : ''}`,
    ),
  ];
}

export function registerExchange(cli: Command): void {
  const exchange = cli
    .command('exchange')
    .description('The prisoner-exchange ledger: claims, discrepancies, parity and running totals');

  exchange
    .command('list')
    .description('Print the ledger, oldest exchange first, with the totals at the end')
    .option('--party <code>', 'only exchanges in which this party is a side', party)
    .option('--mediator <code>', 'only exchanges this party mediated', party)
    .option('--from <day>', 'only exchanges on or after this day (YYYY-MM-DD)', day)
    .option('--to <day>', 'only exchanges on or before this day (YYYY-MM-DD)', day)
    .option('--json', 'print JSON, as GET /api/v1/exchanges serves it', false)
    .action(
      async (opts: { party?: string; mediator?: string; from?: string; to?: string; json: boolean }) => {
        const view = await withServices((services) => exchangeLedger(services, opts));
        if (opts.json) {
          const items = view.entries.map((e) => presentEntry(e, view, true));
          console.log(JSON.stringify({ items, total: items.length }, null, 2));
          return;
        }
        if (view.entries.length === 0) console.log('No exchange matches.');
        for (const entry of view.entries) console.log(`${entryLines(entry, view).join('\n')}\n`);
        console.log(summaryLines(view.summary).join('\n'));
      },
    );

  exchange
    .command('show <idOrKey>')
    .description('Print one exchange with its claims side by side, figures and discrepancies')
    .option('--json', 'print JSON, as GET /api/v1/exchanges/{idOrKey} serves it', false)
    .action(async (idOrKey: string, opts: { json: boolean }) => {
      const view = await withServices((services) => getExchange(services, idOrKey));
      if (opts.json) {
        console.log(JSON.stringify(presentExchange(view, true), null, 2));
        return;
      }
      console.log(entryLines(view.entry, view).join('\n'));
      if (view.entry.exchange.summary) console.log(`\n${view.entry.exchange.summary}`);
      for (const f of view.entry.figures)
        console.log(
          `  ${CATEGORY_PHRASES[f.category]} from ${f.from}: ${f.count === null ? `disputed (at least ${n(f.atLeast)})` : n(f.count)} [${f.status}]${f.reason ? ` — ${f.reason}` : ''}`,
        );
    });

  exchange
    .command('summary')
    .description('Print the ledger totals, and each mediator beside its own count as it claims it')
    .option('--json', 'print JSON, as GET /api/v1/exchanges/summary serves it', false)
    .action(async (opts: { json: boolean }) => {
      const summary = await withServices(exchangeSummary);
      console.log(
        opts.json ? JSON.stringify(presentSummary(summary), null, 2) : summaryLines(summary).join('\n'),
      );
    });
}
