import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../db/connection.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { nextCronTime, parseCron } from '../../lib/cron.js';
import type { Logger } from '../log/logger.js';
import { jobRetryDelayMs } from './database-job-queue.js';
import type { JobDefinition } from './job-queue.js';
import { advanceSchedule, listDueSchedules } from './job-schedule.repository.js';
import {
  claimNextJob,
  insertJob,
  markJobDone,
  markJobFailed,
  markJobRetry,
  updateJobLockDeadline,
  type Job,
  type JobLock,
} from './job.repository.js';

/** Seconds a job may run before another runner may take it over, unless its definition says. */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 600;

/**
 * Attempts of a job enqueued by a schedule: a couple of quick retries, then the next scheduled
 * run is the retry (a long back-off would hold the schedule's singleton key for too long).
 */
export const SCHEDULED_JOB_MAX_ATTEMPTS = 3;

/** What a runner needs: the database, a clock, a logger and the handlers it knows. */
export interface JobRunnerOptions {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly clock: Clock;
  readonly log: Logger;
  readonly definitions: readonly JobDefinition[];
  /** Pause between two polls of the database while started (default 1000 ms). */
  readonly pollMs?: number;
  /** Jobs run at the same time by this runner (default 4). */
  readonly concurrency?: number;
  /** Written into `locked_by`; defaults to `<host>:<pid>:<random>`. */
  readonly runnerId?: string;
}

/** Runs due jobs and schedules of one process; several runners may share one database. */
export interface JobRunner {
  /** Polls the database every `pollMs` until `stop()`. */
  start(): void;
  /** Stops polling and waits for the running jobs to finish. */
  stop(): Promise<void>;
  /** One pass, awaited: enqueues due schedules, runs due jobs until none is left; returns how many ran. */
  runDueJobs(): Promise<number>;
}

/** The text stored in `last_error`: the message only, never the payload. */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** What a log line keeps of an error: type, message and stack, not its other properties. */
function errorForLog(error: unknown): { type: string; message: string; stack?: string } {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack ?? '' };
  return { type: typeof error, message: String(error) };
}

/** Creates a job runner over the `jobs` and `job_schedules` tables. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, dialect, clock } = options;
  const pollMs = options.pollMs ?? 1000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const runnerId = options.runnerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = options.log.child({ runner: runnerId });
  const definitions = new Map<string, JobDefinition>();
  for (const definition of options.definitions) {
    if (definitions.has(definition.name)) throw new Error(`Job "${definition.name}" is defined twice`);
    definitions.set(definition.name, definition);
  }
  const known = [...definitions.keys()].sort().join(', ') || '(none)';

  const active = new Set<Promise<void>>();
  const badSchedules = new Set<string>();
  let reserving = 0;
  let polling = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let tickPromise: Promise<void> | undefined;

  async function enqueueDueSchedules(): Promise<void> {
    const now = clock.now();
    for (const schedule of await listDueSchedules(db, now)) {
      let next: Date;
      try {
        next = nextCronTime(parseCron(schedule.cron), now);
      } catch (error) {
        if (!badSchedules.has(schedule.name)) {
          badSchedules.add(schedule.name);
          log.error(
            { schedule: schedule.name, err: errorForLog(error) },
            'schedule has an invalid cron; skipped',
          );
        }
        continue;
      }
      // Advancing from the value we read lets exactly one runner enqueue this run; the
      // singleton key keeps an overdue or slow schedule from piling up jobs.
      await db.transaction().execute(async (trx) => {
        const advanced = await advanceSchedule(trx, {
          name: schedule.name,
          from: schedule.nextRunAt,
          to: next,
          now,
        });
        if (!advanced) return;
        const { inserted } = await insertJob(trx, dialect, {
          id: newId(),
          name: schedule.name,
          payload: schedule.payload,
          maxAttempts: SCHEDULED_JOB_MAX_ATTEMPTS,
          runAt: now,
          singletonKey: `schedule:${schedule.name}`,
          now,
        });
        log.debug({ schedule: schedule.name, inserted, nextRunAt: next.toISOString() }, 'schedule due');
      });
    }
  }

  async function failJob(job: Job, lock: JobLock, jobLog: Logger, lastError: string): Promise<void> {
    await markJobFailed(db, lock, { lastError, now: clock.now() });
    jobLog.error({ attempt: job.attempts, error: lastError }, 'job failed');
  }

  async function runJob(job: Job): Promise<void> {
    const jobLog = log.child({ job: job.name, jobId: job.id });
    const lock: JobLock = { id: job.id, lockedBy: runnerId, attempt: job.attempts };
    const definition = definitions.get(job.name);
    if (!definition) {
      await failJob(job, lock, jobLog, `No handler for job "${job.name}" in this runner (known: ${known})`);
      return;
    }
    if (job.attempts > job.maxAttempts) {
      await failJob(
        job,
        lock,
        jobLog,
        `The runner stopped during the last attempt (lock expired); ${job.maxAttempts} attempts used`,
      );
      return;
    }
    const timeout = definition.timeoutSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS;
    if (timeout !== DEFAULT_JOB_TIMEOUT_SECONDS) {
      await updateJobLockDeadline(db, lock, new Date(clock.now().getTime() + timeout * 1000));
    }
    const startedAt = performance.now();
    jobLog.debug({ attempt: job.attempts }, 'job started');
    try {
      await definition.handler(job.payload, { id: job.id, attempt: job.attempts, name: job.name });
    } catch (error) {
      const now = clock.now();
      if (job.attempts >= job.maxAttempts) {
        await markJobFailed(db, lock, { lastError: errorText(error), now });
        jobLog.error({ attempt: job.attempts, err: errorForLog(error) }, 'job failed after its last attempt');
        return;
      }
      const runAt = new Date(now.getTime() + jobRetryDelayMs(job.attempts));
      const kept = await markJobRetry(db, lock, { runAt, lastError: errorText(error), now });
      jobLog.warn(
        { attempt: job.attempts, retryAt: runAt.toISOString(), lockLost: !kept, err: errorForLog(error) },
        'job attempt failed; will retry',
      );
      return;
    }
    const durationMs = Math.round(performance.now() - startedAt);
    if (await markJobDone(db, lock, clock.now())) {
      jobLog.info({ attempt: job.attempts, durationMs }, 'job done');
    } else {
      jobLog.warn(
        { attempt: job.attempts, durationMs },
        'job done after its lock expired; another runner took it over',
      );
    }
  }

  function track(job: Job): void {
    const run = runJob(job)
      .catch((error: unknown) => {
        log.error(
          { job: job.name, jobId: job.id, err: errorForLog(error) },
          'could not record the outcome of a job',
        );
      })
      .finally(() => {
        active.delete(run);
        // A freed slot is filled at once while polling, not at the next tick.
        if (polling && !stopping) void fillSlots().catch(logTickError);
      });
    active.add(run);
  }

  /** Claims due jobs while this runner has free slots; returns how many were started. */
  async function fillSlots(): Promise<number> {
    let started = 0;
    while (!stopping && active.size + reserving < concurrency) {
      reserving++;
      let job: Job | undefined;
      try {
        const now = clock.now();
        job = await claimNextJob(db, dialect, {
          lockedBy: runnerId,
          now,
          lockedUntil: new Date(now.getTime() + DEFAULT_JOB_TIMEOUT_SECONDS * 1000),
        });
      } finally {
        reserving--;
      }
      if (!job) break;
      track(job);
      started++;
    }
    return started;
  }

  function logTickError(error: unknown): void {
    log.error({ err: errorForLog(error) }, 'job runner poll failed; will try again');
  }

  async function tick(): Promise<void> {
    try {
      await enqueueDueSchedules();
      await fillSlots();
    } catch (error) {
      logTickError(error);
    }
  }

  function scheduleTick(delayMs: number): void {
    timer = setTimeout(() => {
      timer = undefined;
      tickPromise = tick().finally(() => {
        tickPromise = undefined;
        if (polling && !stopping) scheduleTick(pollMs);
      });
    }, delayMs);
  }

  return {
    start(): void {
      if (polling) return;
      polling = true;
      stopping = false;
      log.info({ concurrency, pollMs, jobs: known }, 'job runner started');
      scheduleTick(0);
    },

    async stop(): Promise<void> {
      const wasPolling = polling;
      polling = false;
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      while (tickPromise !== undefined || active.size > 0 || reserving > 0) {
        await Promise.allSettled([...(tickPromise ? [tickPromise] : []), ...active]);
        if (reserving > 0) await new Promise((resolve) => setImmediate(resolve));
      }
      if (wasPolling) log.info('job runner stopped');
    },

    async runDueJobs(): Promise<number> {
      await enqueueDueSchedules();
      let started = 0;
      for (;;) {
        started += await fillSlots();
        if (active.size === 0) return started;
        await Promise.race(active);
      }
    },
  };
}
