import { createHash } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type UpdateObject } from 'kysely';
import type { Dialect } from '../../db/connection.js';
import type { Database } from '../../db/database.js';
import type { JobTable } from '../../db/tables/platform.js';
import { fromDbJson, toDbJson } from '../../db/portable.js';
import { toIso } from '../../lib/clock.js';

/** Where a job is in its life: waiting, taken by a runner, finished, or given up. */
export type JobStatus = JobTable['status'];

/** Every job status, in life order (for counts and listings). */
export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'running', 'done', 'failed'];

/** A persisted unit of background work. */
export interface Job {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  /** Attempts started so far (incremented when a runner claims the job). */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAt: Date;
  readonly lockedBy: string | null;
  readonly lockedUntil: Date | null;
  readonly lastError: string | null;
  readonly singletonKey: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

/** What `insertJob` stores. */
export interface NewJob {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly maxAttempts: number;
  readonly runAt: Date;
  readonly singletonKey: string | null;
  readonly now: Date;
}

/** Identifies one claimed attempt: results of an attempt whose lock was taken over are ignored. */
export interface JobLock {
  readonly id: string;
  readonly lockedBy: string;
  readonly attempt: number;
}

// Stored errors are for people reading a job list, not for full stack dumps.
const MAX_ERROR_LENGTH = 4000;

function dateOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

function toJob(row: Selectable<JobTable>): Job {
  return {
    id: row.id,
    name: row.name,
    payload: fromDbJson<unknown>(row.payload, null),
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: new Date(row.run_at),
    lockedBy: row.locked_by,
    lockedUntil: dateOrNull(row.locked_until),
    lastError: row.last_error,
    singletonKey: row.singleton_key,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    finishedAt: dateOrNull(row.finished_at),
  };
}

function truncateError(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** A 64-bit advisory lock key for a singleton key (PostgreSQL `pg_advisory_xact_lock`). */
function advisoryLockKey(singletonKey: string): string {
  return createHash('sha256').update(`hygie.jobs:${singletonKey}`).digest().readBigInt64BE(0).toString();
}

/** The pending/running job holding a singleton key, if any. */
async function findActiveSingleton(db: Kysely<Database>, singletonKey: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('singleton_key', '=', singletonKey)
    .where('status', 'in', ['pending', 'running'])
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** One `INSERT … SELECT … WHERE NOT EXISTS`: atomic on SQLite, whose writers are serialised. */
async function insertUnlessSingletonActive(
  db: Kysely<Database>,
  job: NewJob,
  singletonKey: string,
): Promise<boolean> {
  const now = toIso(job.now);
  const result = await db
    .insertInto('jobs')
    .columns([
      'id',
      'name',
      'payload',
      'status',
      'attempts',
      'max_attempts',
      'run_at',
      'singleton_key',
      'created_at',
      'updated_at',
    ])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(job.id).as('id'),
          eb.val(job.name).as('name'),
          eb.val(toDbJson(job.payload ?? null)).as('payload'),
          eb.val('pending').as('status'),
          eb.cast<number>(eb.val(0), 'integer').as('attempts'),
          eb.cast<number>(eb.val(job.maxAttempts), 'integer').as('max_attempts'),
          eb.val(toIso(job.runAt)).as('run_at'),
          eb.val(singletonKey).as('singleton_key'),
          eb.val(now).as('created_at'),
          eb.val(now).as('updated_at'),
        ])
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('jobs')
                .select('id')
                .where('singleton_key', '=', singletonKey)
                .where('status', 'in', ['pending', 'running']),
            ),
          ),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Inserts a pending job. With a singleton key, nothing is inserted when a pending or running job
 * holds the key; the returned id is then that job's. On PostgreSQL a transaction-scoped advisory
 * lock on the key serialises concurrent enqueues, so two transactions cannot both insert.
 */
export async function insertJob(
  db: Kysely<Database>,
  dialect: Dialect,
  job: NewJob,
): Promise<{ id: string; inserted: boolean }> {
  if (job.singletonKey === null) {
    const now = toIso(job.now);
    await db
      .insertInto('jobs')
      .values({
        id: job.id,
        name: job.name,
        payload: toDbJson(job.payload ?? null),
        status: 'pending',
        attempts: 0,
        max_attempts: job.maxAttempts,
        run_at: toIso(job.runAt),
        singleton_key: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { id: job.id, inserted: true };
  }
  const key = job.singletonKey;
  const attempt = async (trx: Kysely<Database>): Promise<{ id: string; inserted: boolean } | undefined> => {
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(cast(${advisoryLockKey(key)} as bigint))`.execute(trx);
    }
    if (await insertUnlessSingletonActive(trx, job, key)) return { id: job.id, inserted: true };
    const existing = await findActiveSingleton(trx, key);
    return existing === undefined ? undefined : { id: existing, inserted: false };
  };
  // The holder may finish between our insert and our look-up; then the key is free again.
  for (let tries = 0; tries < 3; tries++) {
    const outcome =
      dialect === 'postgres' && !db.isTransaction
        ? await db.transaction().execute((trx) => attempt(trx))
        : await attempt(db);
    if (outcome) return outcome;
  }
  throw new Error(
    `Could not enqueue job "${job.name}" with singleton key "${key}": the key kept changing hands`,
  );
}

/** Jobs a runner may take: pending and due, or running under an expired lock (a dead runner). */
function claimable(eb: ExpressionBuilder<Database, 'jobs'>, now: string) {
  return eb.or([
    eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
    eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
  ]);
}

/**
 * Atomically takes the most overdue claimable job for `lockedBy` until `lockedUntil`, counting
 * one more attempt. Safe with several processes: `FOR UPDATE SKIP LOCKED` on PostgreSQL, a single
 * `UPDATE … WHERE id = (SELECT … LIMIT 1)` on SQLite (one writer at a time).
 */
export async function claimNextJob(
  db: Kysely<Database>,
  dialect: Dialect,
  claim: { lockedBy: string; now: Date; lockedUntil: Date },
): Promise<Job | undefined> {
  const now = toIso(claim.now);
  const dueIdQuery = (trx: Kysely<Database>) =>
    trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) => claimable(eb, now))
      .orderBy('run_at')
      .orderBy('id')
      .limit(1);

  const take = (trx: Kysely<Database>, id: string | ReturnType<typeof dueIdQuery>) =>
    trx
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: claim.lockedBy,
        locked_until: toIso(claim.lockedUntil),
        updated_at: now,
      }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();

  if (dialect === 'sqlite') {
    const row = await take(db, dueIdQuery(db));
    return row ? toJob(row) : undefined;
  }
  const run = async (trx: Kysely<Database>) => {
    const due = await dueIdQuery(trx).forUpdate().skipLocked().executeTakeFirst();
    if (!due) return undefined;
    return take(trx, due.id);
  };
  const row = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  return row ? toJob(row) : undefined;
}

/** Updates a claimed attempt, only while this attempt still holds the job; false if it lost it. */
async function updateHeldJob(
  db: Kysely<Database>,
  lock: JobLock,
  values: UpdateObject<Database, 'jobs'>,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set(values)
    .where('id', '=', lock.id)
    .where('locked_by', '=', lock.lockedBy)
    .where('attempts', '=', lock.attempt)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Sets the lock deadline of a claimed attempt (its definition's timeout); false if lost. */
export function updateJobLockDeadline(
  db: Kysely<Database>,
  lock: JobLock,
  lockedUntil: Date,
): Promise<boolean> {
  return updateHeldJob(db, lock, { locked_until: toIso(lockedUntil) });
}

/** Marks a claimed attempt successful; false when another runner took the job over meanwhile. */
export function markJobDone(db: Kysely<Database>, lock: JobLock, now: Date): Promise<boolean> {
  const at = toIso(now);
  return updateHeldJob(db, lock, {
    status: 'done',
    locked_by: null,
    locked_until: null,
    updated_at: at,
    finished_at: at,
  });
}

/** Puts a failed attempt back in the queue for `runAt`, keeping its error; false if lost. */
export function markJobRetry(
  db: Kysely<Database>,
  lock: JobLock,
  retry: { runAt: Date; lastError: string; now: Date },
): Promise<boolean> {
  return updateHeldJob(db, lock, {
    status: 'pending',
    run_at: toIso(retry.runAt),
    last_error: truncateError(retry.lastError),
    locked_by: null,
    locked_until: null,
    updated_at: toIso(retry.now),
  });
}

/** Gives up on a claimed job for good, keeping its error; false if another runner took it over. */
export function markJobFailed(
  db: Kysely<Database>,
  lock: JobLock,
  failure: { lastError: string; now: Date },
): Promise<boolean> {
  const at = toIso(failure.now);
  return updateHeldJob(db, lock, {
    status: 'failed',
    last_error: truncateError(failure.lastError),
    locked_by: null,
    locked_until: null,
    updated_at: at,
    finished_at: at,
  });
}

/** One job by id, if it exists. */
export async function findJob(db: Kysely<Database>, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/** Jobs, newest first, optionally of one status and/or name. */
export async function listJobs(
  db: Kysely<Database>,
  filter: { status?: JobStatus; name?: string; limit?: number } = {},
): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll();
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.name !== undefined) query = query.where('name', '=', filter.name);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toJob);
}

/** How many jobs are in each status (every status present, zero when none). */
export async function countJobsByStatus(db: Kysely<Database>): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
