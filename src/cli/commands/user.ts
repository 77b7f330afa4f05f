// `truceline user add EMAIL --role ROLE [--party RU]`: adds a user. The password is read from stdin or typed at
// a prompt that does not echo it; nothing secret is printed. `truceline user disable EMAIL` disables one.

import { createInterface } from 'node:readline';
import { type Command, Option } from 'commander';
import { ROLES, type Role } from '../../core/policy.js';
import { addUser, disableUser } from '../../services/users.js';
import { CLI_ACTOR, withServices } from '../context.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is the shell's, not the password's.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let muted = false;
    // Echo the question, then nothing of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!muted) process.stderr.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new Error('No terminal to ask for the password: use --password-stdin.');
  const first = await prompt('Password: ');
  const second = await prompt('Again: ');
  if (first !== second) throw new Error('The passwords differ.');
  return first;
}

export function registerUser(cli: Command): void {
  const user = cli.command('user').description('User accounts');
  user
    .command('add <email>')
    .description('Add a user with a role (a liaison with the party they speak for)')
    .addOption(new Option('--role <role>', 'the user role').choices(ROLES).makeOptionMandatory())
    .option('--party <code>', 'the party a liaison speaks for (e.g. RU)')
    .option('--password-stdin', 'read the password from standard input instead of prompting', false)
    .action(async (email: string, opts: { role: Role; party?: string; passwordStdin: boolean }) => {
      const password = await readPassword(opts.passwordStdin);
      const added = await withServices((services) =>
        addUser(services, CLI_ACTOR, { email, password, role: opts.role, party: opts.party }),
      );
      console.log(`Added ${added.email} (${added.role}${added.party ? ` for ${added.party}` : ''}).`);
    });
  user
    .command('disable <email>')
    .description('Disable a user: they cannot sign in, their sessions end and their tokens stop working')
    .action(async (email: string) => {
      const disabled = await withServices((services) => disableUser(services, CLI_ACTOR, email));
      console.log(`Disabled ${disabled.email} (${disabled.role}).`);
    });
}
