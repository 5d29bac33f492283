import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { JobScheduleTable } from '../../db/tables/platform.js';
import { fromDbJson, toDbJson } from '../../db/portable.js';
import { toIso } from '../../lib/clock.js';

/** A cron-like schedule that enqueues a job of the same name when due. */
export interface JobSchedule {
  readonly name: string;
  readonly cron: string;
  readonly payload: unknown;
  readonly nextRunAt: Date;
  readonly lastRunAt: Date | null;
}

function toSchedule(row: Selectable<JobScheduleTable>): JobSchedule {
  return {
    name: row.name,
    cron: row.cron,
    payload: fromDbJson<unknown>(row.payload, null),
    nextRunAt: new Date(row.next_run_at),
    lastRunAt: row.last_run_at === null ? null : new Date(row.last_run_at),
  };
}

/**
 * Creates or updates a schedule. When the cron expression is unchanged the stored `next_run_at`
 * is kept, so re-declaring schedules at every start neither skips nor repeats a run.
 */
export async function upsertSchedule(
  db: Kysely<Database>,
  schedule: { name: string; cron: string; payload: unknown; nextRunAt: Date },
): Promise<void> {
  await db
    .insertInto('job_schedules')
    .values({
      name: schedule.name,
      cron: schedule.cron,
      payload: toDbJson(schedule.payload ?? null),
      next_run_at: toIso(schedule.nextRunAt),
      last_run_at: null,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        payload: eb.ref('excluded.payload'),
        cron: eb.ref('excluded.cron'),
        next_run_at: eb
          .case()
          .when('job_schedules.cron', '=', eb.ref('excluded.cron'))
          .then(eb.ref('job_schedules.next_run_at'))
          .else(eb.ref('excluded.next_run_at'))
          .end(),
      })),
    )
    .execute();
}

/** Schedules whose next run is at or before `now`. */
export async function listDueSchedules(db: Kysely<Database>, now: Date): Promise<JobSchedule[]> {
  const rows = await db
    .selectFrom('job_schedules')
    .selectAll()
    .where('next_run_at', '<=', toIso(now))
    .orderBy('next_run_at')
    .orderBy('name')
    .execute();
  return rows.map(toSchedule);
}

/** Every schedule, by name. */
export async function listSchedules(db: Kysely<Database>): Promise<JobSchedule[]> {
  const rows = await db.selectFrom('job_schedules').selectAll().orderBy('name').execute();
  return rows.map(toSchedule);
}

/**
 * Moves a schedule from `from` (the `next_run_at` the caller read) to `to`. Returns false when
 * another runner advanced it first, so exactly one runner enqueues each due run.
 */
export async function advanceSchedule(
  db: Kysely<Database>,
  advance: { name: string; from: Date; to: Date; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('job_schedules')
    .set({ next_run_at: toIso(advance.to), last_run_at: toIso(advance.now) })
    .where('name', '=', advance.name)
    .where('next_run_at', '=', toIso(advance.from))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
