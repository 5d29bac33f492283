import { hostname } from 'node:os';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock } from '../lib/clock.js';
import type { Config } from '../platform/config/config.js';
import { contextFor, type Platform } from '../platform/context.js';
import { systemActor } from '../platform/auth/actor.js';
import { buildHttpServer, type HttpApp } from '../platform/http/server.js';
import { createDatabaseJobQueue } from '../platform/jobs/database-job-queue.js';
import { createJobRunner } from '../platform/jobs/job-runner.js';
import type { JobDefinition } from '../platform/jobs/job-queue.js';
import { createLogger, type Logger } from '../platform/log/logger.js';
import { createMailJob, MAIL_SCHEDULE } from '../platform/mail/mail.jobs.js';
import type { CliRuntime } from '../platform/module.js';
import { createActorResolver } from '../modules/accounts/index.js';
import { modules } from '../modules/index.js';
import { registerHomePages } from './home.pages.js';

/**
 * The only place that picks adapters: database from the URL, the in-process job queue, SMTP
 * outbox, and the module list. Everything else receives what it needs.
 */
export interface OpenedPlatform {
  readonly platform: Platform;
  readonly handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the database, migrates it and assembles the platform. */
export async function openPlatform(
  config: Config,
  log: Logger = createLogger(config.logLevel),
): Promise<OpenedPlatform> {
  const handle = openDatabase(config.databaseUrl);
  await migrateToLatest(handle.db);
  const platform: Platform = {
    db: handle.db,
    dialect: handle.dialect,
    clock: systemClock,
    log,
    jobs: createDatabaseJobQueue(handle.db, systemClock, handle.dialect),
    config,
  };
  return { platform, handle, close: () => handle.close() };
}

/** Every job definition: the platform's and each module's. */
export function allJobDefinitions(platform: Platform): JobDefinition[] {
  return [createMailJob(platform), ...modules.flatMap((m) => m.jobs?.(platform) ?? [])];
}

/** The web application with every module's pages and API. */
export async function buildWebApp(platform: Platform): Promise<HttpApp> {
  return buildHttpServer({
    platform,
    resolveActor: createActorResolver(platform),
    routes: [registerHomePages, ...modules.flatMap((m) => (m.routes ? [m.routes] : []))],
    nav: modules.flatMap((m) => m.nav ?? []),
    relatedLinks: modules.flatMap((m) => (m.relatedLinks ? [m.relatedLinks] : [])),
  });
}

/** Starts the in-process job runner (used by `serve` on one machine and by `worker`). */
export async function startJobRunner(platform: Platform) {
  await platform.jobs.schedule(MAIL_SCHEDULE.name, MAIL_SCHEDULE.cron);
  const definitions = allJobDefinitions(platform);
  for (const d of definitions) if (d.schedule) await platform.jobs.schedule(d.name, d.schedule);
  const runner = createJobRunner({
    db: platform.db,
    dialect: platform.dialect,
    clock: platform.clock,
    log: platform.log,
    definitions,
    runnerId: `${hostname()}:${process.pid}`,
  });
  runner.start();
  return runner;
}

/** A CLI runtime acting as the operator. */
export async function openCliRuntime(config: Config): Promise<CliRuntime> {
  const opened = await openPlatform(
    config,
    createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
  );
  return {
    platform: opened.platform,
    ctx: contextFor(opened.platform, systemActor('cli')),
    close: () => opened.close(),
  };
}
