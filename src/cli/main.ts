#!/usr/bin/env node
// The `truceline` command. It parses arguments and calls the same use cases as the HTTP API.

import { Command, Option } from 'commander';
import { ROLES, type Role } from '../core/policy.js';
import { migrateToLatest } from '../db/engine.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { serve } from '../server/main.js';
import { loadDemo } from '../services/demo.js';
import { createToken } from '../services/tokens.js';
import { registerAudit } from './commands/audit.js';
import { registerBackup } from './commands/backup.js';
import { registerExchange } from './commands/exchange.js';
import { registerExport } from './commands/export.js';
import { registerBulletin } from './commands/bulletin.js';
import { registerImport } from './commands/import.js';
import { registerUser } from './commands/user.js';
import { registerWebhook } from './commands/webhook.js';
import { CLI_ACTOR, withDatabase, withServices } from './context.js';

export function program(): Command {
  const cli = new Command('truceline')
    .description('Ceasefire terms, incidents and screening: the Truceline server and tools.')
    .addHelpText(
      'after',
      '\nEnvironment:\n  PORT          port to serve on (8080)\n  TRUCELINE_DB  SQLite file (data/truceline.db)\n  DATABASE_URL  postgres://... to use PostgreSQL instead\n  LOG_LEVEL     info, warn, error, debug, silent',
    )
    .showHelpAfterError();

  cli
    .command('serve')
    .description('Run the HTTP API (migrates the database first)')
    .option('--demo', 'load the March 2025 demo scenario if this database has never had it', false)
    .addOption(new Option('-p, --port <port>', 'port to listen on (overrides PORT)').argParser((v) => v))
    .action(async (opts: { demo: boolean; port?: string }) => {
      const env = opts.port ? { ...process.env, PORT: opts.port } : process.env;
      await serve(loadConfig(env), { demo: opts.demo });
    });

  cli
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const ran = await withDatabase(migrateToLatest);
      console.log(ran.length === 0 ? 'The schema is up to date.' : `Ran ${ran.length} migration(s).`);
    });

  const demo = cli.command('demo').description('The March 2025 demo scenario');
  demo
    .command('load')
    .description('Load the demo scenario, or bring it up to date (safe to run again)')
    .action(async () => {
      const report = await withServices((services) => loadDemo(services));
      console.log(
        `Demo loaded: ${report.parties} parties, ${report.sources} sources, ${report.agreements} agreements, ${report.incidents} incidents written.`,
      );
    });

  const token = cli.command('token').description('API tokens for writes');
  token
    .command('create')
    .description('Create an API token and print it (it is stored hashed and shown only once)')
    .requiredOption('--name <name>', 'who or what the token is for')
    .option('--user <email>', "the user the token acts for (capped at the user's role and party)")
    .addOption(new Option('--role <role>', "the token's role (the user's, or admin)").choices(ROLES))
    .action(async (opts: { name: string; user?: string; role?: Role }) => {
      const { secret } = await withServices((services) =>
        createToken(services, CLI_ACTOR, opts.name, { user: opts.user, role: opts.role }),
      );
      console.log(secret);
    });

  registerImport(cli);
  registerUser(cli);
  registerAudit(cli);
  registerExchange(cli);
  registerExport(cli);
  registerBulletin(cli);
  registerWebhook(cli);
  registerBackup(cli);
  return cli;
}

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
