import { newId } from '../../lib/ids.js';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../db/connection.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { nextCronTime, parseCron } from '../../lib/cron.js';
import type { EnqueueOptions, JobQueue } from './job-queue.js';
import { upsertSchedule } from './job-schedule.repository.js';
import { insertJob } from './job.repository.js';

/** Attempts a job gets when the caller does not say (the first run plus four retries). */
export const DEFAULT_MAX_ATTEMPTS = 5;

const RETRY_BASE_MS = 10_000;
const RETRY_CAP_MS = 60 * 60_000;

/**
 * Delay before retrying a job whose attempt number `attempt` (1 for the first run) failed:
 * `min(2^attempt × 10 s, 1 h)` — 20 s, 40 s, 80 s, … — plus up to 10 % random jitter so that
 * jobs failing together (an SMTP or DNS outage) do not retry in lock-step.
 */
export function jobRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2 ** Math.max(attempt, 0) * RETRY_BASE_MS, RETRY_CAP_MS);
  return base + Math.floor(random() * base * 0.1);
}

function checkJobName(name: string): void {
  if (!/^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$/.test(name)) {
    throw new Error(`Job name "${name}" must look like <module>.<verb>-<noun> (lower case, dots and dashes)`);
  }
}

/**
 * The default JobQueue: jobs and schedules persisted in the database, run by `createJobRunner`
 * in any process on the same database. `dialect` picks the locking used for singleton keys.
 */
export function createDatabaseJobQueue(db: Kysely<Database>, clock: Clock, dialect: Dialect): JobQueue {
  return {
    async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
      checkJobName(name);
      const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
        throw new Error(`maxAttempts of job "${name}" must be a positive integer, got ${maxAttempts}`);
      }
      const now = clock.now();
      const { id } = await insertJob(options.db ?? db, dialect, {
        id: newId(),
        name,
        payload,
        maxAttempts,
        runAt: options.runAt ?? now,
        singletonKey: options.singletonKey ?? null,
        now,
      });
      return id;
    },

    async schedule(name: string, cron: string, payload: unknown = null): Promise<void> {
      checkJobName(name);
      const parsed = parseCron(cron);
      await upsertSchedule(db, { name, cron, payload, nextRunAt: nextCronTime(parsed, clock.now()) });
    },
  };
}
