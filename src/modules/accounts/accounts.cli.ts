import type { Command } from 'commander';
import { HygieError } from '../../lib/errors.js';
import { ROLES, type Role } from '../../platform/auth/actor.js';
import type { OpenCliRuntime } from '../../platform/module.js';
import type { User } from './accounts.types.js';
import { createUser, getUserByEmail, issueOneTimePassword, resetUserTotp } from './user.service.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function printUser(user: User, oneTimePassword: string | null, json: boolean | undefined): void {
  if (json) {
    console.log(JSON.stringify(oneTimePassword === null ? { user } : { user, oneTimePassword }, null, 2));
    return;
  }
  console.log(`${user.id}  ${user.email}  ${user.role}  ${user.status}`);
  if (oneTimePassword !== null) {
    console.log(`One-time password (shown once, must be changed at first login): ${oneTimePassword}`);
  }
}

/** Runs one command on an opened runtime; user-facing errors become a one-line message and exit code 1. */
async function run(open: OpenCliRuntime, action: (runtime: Awaited<ReturnType<OpenCliRuntime>>) => Promise<void>): Promise<void> {
  const runtime = await open();
  try {
    await action(runtime);
  } catch (error) {
    if (!(error instanceof HygieError)) throw error;
    const details = error.details.map((d) => `\n  - ${d.field ? `${d.field}: ` : ''}${d.message}`).join('');
    console.error(`${error.code}: ${error.messageIn('en')}${details}`);
    process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}

/** `hygie accounts create-user | issue-one-time-password | reset-totp`. */
export function registerAccountsCli(program: Command, open: OpenCliRuntime): void {
  const group = program.command('accounts').description('Manage accounts (no self sign-up: the CERT creates every account)');
  group
    .command('create-user')
    .description('Create an account; prints its one-time password once (to be changed at first login)')
    .requiredOption('--email <email>', 'work e-mail address, used to log in')
    .requiredOption('--first-name <name>', 'first name')
    .requiredOption('--last-name <name>', 'last name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--structure <id>', 'structure a beneficiary acts for (repeat for several)', collect, [])
    .option('--phone <phone>', 'mobile phone, e.g. 06 12 34 56 78')
    .option('--lang <lang>', 'fr or en', 'fr')
    .option('--json', 'print JSON')
    .action(async (opts: { email: string; firstName: string; lastName: string; role: string; structure: string[]; phone?: string; lang: string; json?: boolean }) => {
      await run(open, async (runtime) => {
        const { user, oneTimePassword } = await createUser(runtime.ctx, {
          email: opts.email,
          firstName: opts.firstName,
          lastName: opts.lastName,
          role: opts.role as Role,
          structureIds: opts.structure,
          phone: opts.phone ?? null,
          lang: opts.lang === 'en' ? 'en' : 'fr',
        });
        printUser(user, oneTimePassword, opts.json);
      });
    });
  group
    .command('issue-one-time-password')
    .description('Give an account a new one-time password (closes its sessions, lifts a lock-out); prints it once')
    .requiredOption('--email <email>', 'e-mail address of the account')
    .option('--json', 'print JSON')
    .action(async (opts: { email: string; json?: boolean }) => {
      await run(open, async (runtime) => {
        const target = await getUserByEmail(runtime.ctx, opts.email);
        const { user, oneTimePassword } = await issueOneTimePassword(runtime.ctx, target.id);
        printUser(user, oneTimePassword, opts.json);
      });
    });
  group
    .command('reset-totp')
    .description("Remove an account's second factor (lost device); CERT roles enrol again at next login")
    .requiredOption('--email <email>', 'e-mail address of the account')
    .option('--json', 'print JSON')
    .action(async (opts: { email: string; json?: boolean }) => {
      await run(open, async (runtime) => {
        const target = await getUserByEmail(runtime.ctx, opts.email);
        printUser(await resetUserTotp(runtime.ctx, target.id), null, opts.json);
      });
    });
}
