// `truceline audit verify` and `truceline audit checkpoint`: check the tamper-evident log, sign its tree head.

import { type Command, InvalidArgumentError, Option } from 'commander';
import { verifyAudit } from '../../services/audit-verify.js';
import { writeCheckpoint } from '../../services/checkpoints.js';
import { withServices } from '../context.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

export function registerAudit(cli: Command): void {
  const audit = cli.command('audit').description('The tamper-evident audit log');

  audit
    .command('verify')
    .description(
      'Recompute the hash chain, the Merkle tree and every checkpoint, and compare each audited record with its last audit digest (exits 1 on any failure)',
    )
    .action(async () => {
      const report = await withServices(verifyAudit);
      for (const problem of report.problems) {
        const where =
          problem.kind === 'record'
            ? `${problem.state} ${problem.subjectType} ${problem.subjectId}`
            : problem.kind === 'chain'
              ? `chain broken at event ${problem.seq}`
              : `checkpoint ${problem.treeSize}`;
        console.error(`FAIL ${where}: ${problem.message}`);
      }
      const unchecked = report.unchecked.length > 0 ? ` (not compared: ${report.unchecked.join(', ')})` : '';
      const summary = `${report.events} events, ${report.recordsChecked} records, ${report.checkpoints} checkpoint${report.checkpoints === 1 ? '' : 's'}${unchecked}`;
      if (report.ok) {
        console.log(`Audit log verified: ${summary}.`);
      } else {
        console.error(`Audit log FAILED verification with ${report.problems.length} problem(s): ${summary}.`);
        process.exitCode = 1;
      }
    });

  audit
    .command('checkpoint')
    .description('Sign a checkpoint (tree head) over the audit log if enough events are new')
    .addOption(
      new Option('--every <n>', 'only when at least n events are new').argParser(positiveInteger).default(1),
    )
    .action(async (opts: { every: number }) => {
      const checkpoint = await withServices((services) => writeCheckpoint(services, opts.every));
      console.log(
        checkpoint
          ? `Checkpoint signed: tree size ${checkpoint.treeSize}, root ${checkpoint.rootHash}.`
          : 'No checkpoint due: too few new events since the last one.',
      );
    });
}
