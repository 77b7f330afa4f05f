// The soak's server: the real `truceline serve --demo` (src/cli/main.ts through tsx, as the other process tests
// run it) in a child process of its own, so that its memory is measured alone; the real CLI for what an operator
// does beside it (tokens, `audit verify`); and memory samples of the child (VmRSS from /proc, the live heap
// through the memory probe).

import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { MemoryReply } from './memory-probe.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** The environment for the server and the CLI: this database only (the caller's own settings removed). */
export function serverEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, TRUCELINE_DB: _file, TRUCELINE_DATA_DIR: _dir, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...settings };
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `truceline <args>` to completion. */
export function cli(env: NodeJS.ProcessEnv, args: readonly string[], input?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/** Runs `truceline <args>` and returns its output; throws with its error output unless it exits 0. */
export async function cliOk(
  env: NodeJS.ProcessEnv,
  args: readonly string[],
  input?: string,
): Promise<string> {
  const run = await cli(env, args, input);
  if (run.code !== 0) throw new Error(`truceline ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

export interface MemorySample {
  /** Seconds since the load began. */
  readonly t: number;
  readonly rssMb: number;
  readonly heapMb: number;
}

export interface Server {
  readonly base: string;
  readonly pid: number;
  /** Everything the server wrote to stdout and stderr. */
  output(): string;
  /** The heap in use after a full collection and the resident set, read one after the other. */
  memory(t: number): Promise<MemorySample>;
  /** SIGTERM, then waits for the exit; resolves with how it ended. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const MB = 1024 * 1024;

/** The resident set of a process in MB, from /proc/<pid>/status. */
function residentMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** Starts `truceline serve --demo` on loopback and resolves once it says it is serving. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = fork(CLI, ['serve', '--demo'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    execArgv: ['--import', 'tsx', '--expose-gc', '--import', PROBE],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('Truceline is serving')) {
        clearInterval(check);
        resolve();
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(check);
      reject(new Error(`the server exited with ${String(code)} before serving:\n${output}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server has no pid');
  return {
    base: `http://127.0.0.1:${port}`,
    pid,
    output: () => output,
    memory: (t) =>
      new Promise((resolve, reject) => {
        const onMessage = (message: unknown) => {
          if ((message as Partial<MemoryReply> | null)?.type !== 'memory') return;
          child.off('message', onMessage);
          clearTimeout(timer);
          resolve({ t, rssMb: residentMb(pid), heapMb: (message as MemoryReply).heapUsed / MB });
        };
        const timer = setTimeout(() => {
          child.off('message', onMessage);
          reject(new Error('the server did not answer the memory probe within 10 s'));
        }, 10_000);
        child.on('message', onMessage);
        child.send('memory?');
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.disconnect();
        child.kill('SIGTERM');
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const how = await exited;
      clearTimeout(timer);
      return how;
    },
  };
}
