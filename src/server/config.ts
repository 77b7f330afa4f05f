// Configuration, parsed once from the environment into a frozen object. Every problem is listed together;
// with no variables set, Truceline runs on ./data/truceline.db on port 8080 and keeps evidence under ./data.

import { dirname, resolve } from 'node:path';
import type { DatabaseTarget } from '../db/engine.js';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseTarget;
  /** Where files live: evidence under `<dataDir>/evidence`. */
  readonly dataDir: string;
  /** The largest evidence file accepted, in bytes. */
  readonly maxUploadBytes: number;
  /** How many readers' corrections one client may send per hour. */
  readonly correctionsPerHour: number;
  /** How often the webhook worker looks for due deliveries, in milliseconds. */
  readonly webhookPollMs: number;
  /** How long one webhook delivery attempt may take, in milliseconds. */
  readonly webhookTimeoutMs: number;
  /** The budget of the cache of anonymous public reads, in bytes; 0 turns the cache off. */
  readonly responseCacheBytes: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads PORT, HOST, DATABASE_URL, TRUCELINE_DB, TRUCELINE_DATA_DIR (default: the SQLite file's folder, or ./data),
 * TRUCELINE_MAX_UPLOAD_MB (default 25), TRUCELINE_CORRECTIONS_PER_HOUR (default 20), TRUCELINE_WEBHOOK_POLL_MS
 * (default 1000), TRUCELINE_WEBHOOK_TIMEOUT_MS (default 10000), TRUCELINE_RESPONSE_CACHE_MB (default 64, 0 for
 * no cache) and LOG_LEVEL; throws a ConfigError listing every problem.
 */
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
  const dataDirSetting = env['TRUCELINE_DATA_DIR']?.trim();
  const dataDir = dataDirSetting
    ? resolve(dataDirSetting)
    : database.engine === 'sqlite'
      ? dirname(database.file)
      : resolve('data');
  // Sizes are stored as 32-bit integers: 2,000 MiB is the most a limit may be.
  const maxUploadMb = Number(env['TRUCELINE_MAX_UPLOAD_MB'] ?? 25);
  if (!Number.isFinite(maxUploadMb) || maxUploadMb <= 0 || maxUploadMb > 2000)
    problems.push(
      `TRUCELINE_MAX_UPLOAD_MB must be a number of megabytes above 0 and at most 2000, not "${env['TRUCELINE_MAX_UPLOAD_MB']}"`,
    );
  const maxUploadBytes = Math.floor(maxUploadMb * 1024 * 1024);
  const correctionsPerHour = Number(env['TRUCELINE_CORRECTIONS_PER_HOUR'] ?? 20);
  if (!Number.isInteger(correctionsPerHour) || correctionsPerHour < 1)
    problems.push(
      `TRUCELINE_CORRECTIONS_PER_HOUR must be a whole number of at least 1, not "${env['TRUCELINE_CORRECTIONS_PER_HOUR']}"`,
    );
  const webhookPollMs = Number(env['TRUCELINE_WEBHOOK_POLL_MS'] ?? 1000);
  if (!Number.isInteger(webhookPollMs) || webhookPollMs < 10 || webhookPollMs > 3_600_000)
    problems.push(
      `TRUCELINE_WEBHOOK_POLL_MS must be a whole number of milliseconds from 10 to 3600000, not "${env['TRUCELINE_WEBHOOK_POLL_MS']}"`,
    );
  const webhookTimeoutMs = Number(env['TRUCELINE_WEBHOOK_TIMEOUT_MS'] ?? 10_000);
  if (!Number.isInteger(webhookTimeoutMs) || webhookTimeoutMs < 100 || webhookTimeoutMs > 120_000)
    problems.push(
      `TRUCELINE_WEBHOOK_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000, not "${env['TRUCELINE_WEBHOOK_TIMEOUT_MS']}"`,
    );
  const responseCacheMb = Number(env['TRUCELINE_RESPONSE_CACHE_MB'] ?? 64);
  if (!Number.isFinite(responseCacheMb) || responseCacheMb < 0 || responseCacheMb > 65536)
    problems.push(
      `TRUCELINE_RESPONSE_CACHE_MB must be a number of megabytes from 0 (no cache) to 65536, not "${env['TRUCELINE_RESPONSE_CACHE_MB']}"`,
    );
  const responseCacheBytes = Math.floor(responseCacheMb * 1024 * 1024);
  const logLevel = (env['LOG_LEVEL'] ?? 'warn') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host: env['HOST'] ?? '0.0.0.0',
    database,
    dataDir,
    maxUploadBytes,
    correctionsPerHour,
    webhookPollMs,
    webhookTimeoutMs,
    responseCacheBytes,
    logLevel,
  });
}
