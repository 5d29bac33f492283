import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Actor } from './auth/actor.js';
import type { Config } from './config/config.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './log/logger.js';
import type { Lang } from '../lib/errors.js';

/** What the platform provides to every use case, whoever calls it. */
export interface Platform {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  readonly clock: Clock;
  readonly log: Logger;
  readonly jobs: JobQueue;
  readonly config: Config;
}

/**
 * The small fixed context every service function takes first: the platform plus who is acting
 * and from where. Routes, pages, CLI commands and jobs build one and pass it down.
 */
export interface ServiceContext extends Platform {
  readonly actor: Actor;
  /** Client address for the audit log; null for the CLI and jobs. */
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly lang: Lang;
}

/** Builds a context for an actor from the platform. */
export function contextFor(
  platform: Platform,
  actor: Actor,
  extra: { ip?: string | null; requestId?: string | null; lang?: Lang } = {},
): ServiceContext {
  return { ...platform, actor, ip: extra.ip ?? null, requestId: extra.requestId ?? null, lang: extra.lang ?? 'fr' };
}
