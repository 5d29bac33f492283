import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

/** Options of one enqueue. */
export interface EnqueueOptions {
  /** Not before this time (default: now). */
  readonly runAt?: Date;
  /** Retries with exponential back-off until this many attempts (default 5). */
  readonly maxAttempts?: number;
  /** At most one pending job per key: a second enqueue with the same key is a no-op. */
  readonly singletonKey?: string;
  /**
   * The transaction of the state change that causes the job, so that both commit or neither.
   * Defaults to the queue's own database handle.
   */
  readonly db?: Kysely<Database>;
}

/**
 * Where services put background work. The default implementation persists jobs in the
 * database (`jobs` table); a pg-boss adapter can implement the same interface for many workers.
 * Job names follow `<module>.<verb>-<noun>`.
 */
export interface JobQueue {
  enqueue(name: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /** Creates or updates a cron-like schedule (5-field cron, UTC) that enqueues `name` when due. */
  schedule(name: string, cron: string, payload?: unknown): Promise<void>;
}

/** Handles one job; throwing schedules a retry (or marks the job failed after the last attempt). */
export type JobHandler = (payload: unknown, job: { id: string; attempt: number; name: string }) => Promise<void>;

/** A named handler, declared beside the module code that owns it (`<module>.jobs.ts`). */
export interface JobDefinition {
  readonly name: string;
  readonly handler: JobHandler;
  /** Seconds a running job may take before another runner may take it over. */
  readonly timeoutSeconds?: number;
  /** A 5-field cron (UTC) on which the job runs by itself; registered when the runner starts. */
  readonly schedule?: string;
}
