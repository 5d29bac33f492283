import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../platform/config/config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../db/connection.js';
import { modules } from '../modules/index.js';
import { openCliRuntime } from './compose.js';
import { seedDemo } from './demo-seed.js';
import { serve } from './server.js';
import { runWorker } from './worker.js';

/** Reads the configuration once; a bad variable ends the command with its name and the fix. */
function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

/** The `hygie` command: one binary for the web server, the worker and every module's tools. */
export function buildProgram(): Command {
  const program = new Command('hygie')
    .description('Hygie — platform of a health-sector CERT')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Start the web portal and API (and the in-process job runner)')
    .option('--host <host>', 'address to listen on (HYGIE_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (HYGIE_PORT, default 8080)')
    .option('--no-jobs', 'do not run background jobs in this process (use `hygie worker`)')
    .action(async (opts: { host?: string; port?: string; jobs: boolean }) => {
      const env = {
        ...process.env,
        ...(opts.host ? { HYGIE_HOST: opts.host } : {}),
        ...(opts.port ? { HYGIE_PORT: opts.port } : {}),
      };
      let cfg: Config;
      try {
        cfg = loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) {
          console.error(`Configuration error: ${error.message}`);
          process.exit(2);
        }
        throw error;
      }
      await serve(cfg, { jobs: opts.jobs });
    });

  program
    .command('worker')
    .description('Run background jobs (mail outbox, imports, scans) until stopped')
    .action(async () => {
      await runWorker(config());
    });

  const db = program.command('db').description('Database administration');
  db.command('migrate')
    .description('Apply pending migrations (also done at every start)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const cfg = config();
      const handle = openDatabase(cfg.databaseUrl);
      try {
        const applied = await migrateToLatest(handle.db);
        if (opts.json) console.log(JSON.stringify({ dialect: handle.dialect, applied }));
        else
          console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
      } finally {
        await handle.close();
      }
    });

  const demo = program.command('demo').description('Demonstration data');
  demo
    .command('seed')
    .description('Create a demo constituency (3 GHTs, ~20 structures) and an admin account')
    .option('--if-empty', 'do nothing when users already exist')
    .option('--json', 'print JSON')
    .action(async (opts: { ifEmpty?: boolean; json?: boolean }) => {
      const runtime = await openCliRuntime(config());
      try {
        await seedDemo(runtime.ctx, { ifEmpty: Boolean(opts.ifEmpty), json: Boolean(opts.json) });
      } finally {
        await runtime.close();
      }
    });

  for (const module of modules) module.cli?.(program, () => openCliRuntime(config()));
  return program;
}

/** Entry point used by `bin/hygie.js`. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Error: ${message}`);
    process.exitCode = 1;
  }
}
