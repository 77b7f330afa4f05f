// Configuration, parsed once from the environment into a frozen object. Every problem is listed together;
// with no variables set, Truceline runs on ./data/truceline.db on port 8080.

import { resolve } from 'node:path';
import type { DatabaseTarget } from '../db/engine.js';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseTarget;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads PORT, HOST, DATABASE_URL, TRUCELINE_DB and LOG_LEVEL; throws a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const port = Number(env['PORT'] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number, not "${env['PORT']}"`);
  const url = env['DATABASE_URL']?.trim();
  let database: DatabaseTarget = {
    engine: 'sqlite',
    file: resolve(env['TRUCELINE_DB'] ?? 'data/truceline.db'),
  };
  if (url) {
    if (/^postgres(ql)?:\/\//.test(url)) database = { engine: 'postgres', url };
    else
      problems.push('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite file)');
  }
  const logLevel = (env['LOG_LEVEL'] ?? 'warn') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ port, host: env['HOST'] ?? '0.0.0.0', database, logLevel });
}
