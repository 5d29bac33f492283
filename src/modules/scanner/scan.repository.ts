/** SQL of scan runs (`scan_runs`). Rows map to `ScanRun`. */
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/database.js';
import { fromDbBool, fromDbJson, toDbJson } from '../../db/portable.js';
import type { ScanRunTable } from '../../db/tables/scanner.js';
import type { ScanRun } from './scanner.types.js';

type Db = Kysely<Database>;

/** Which runs a reader may see: all, or those of some structures. */
export type ScanReadScope =
  { readonly kind: 'all' } | { readonly kind: 'only'; readonly structureIds: readonly string[] };

function toRun(row: Selectable<ScanRunTable>): ScanRun {
  return {
    id: row.id,
    targets: fromDbJson<string[]>(row.targets, []),
    options: fromDbJson(row.options, { ports: 'top100', excludePorts: [] }),
    status: row.status,
    stage: row.stage,
    checkpoint: fromDbJson(row.checkpoint, { round: 0, pendingNames: [], notes: [], incomplete: false }),
    progress: fromDbJson(row.progress, null),
    refused: fromDbJson(row.refused, []),
    structureId: row.structure_id,
    createdBy: row.created_by,
    createdByUserId: row.created_by_user_id,
    cancelRequested: fromDbBool(row.cancel_requested),
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    baseScanId: row.base_scan_id,
    assessedAt: row.assessed_at,
  };
}

/** Stores a new run. */
export async function insertScanRun(db: Db, run: ScanRun): Promise<void> {
  await db
    .insertInto('scan_runs')
    .values({
      id: run.id,
      targets: toDbJson(run.targets),
      options: toDbJson(run.options),
      status: run.status,
      stage: run.stage,
      checkpoint: toDbJson(run.checkpoint),
      progress: toDbJson(run.progress),
      refused: toDbJson(run.refused),
      structure_id: run.structureId,
      created_by: run.createdBy,
      created_by_user_id: run.createdByUserId,
      cancel_requested: run.cancelRequested ? 1 : 0,
      error: run.error,
      created_at: run.createdAt,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      updated_at: run.updatedAt,
    })
    .execute();
}

/** The columns a service may change, as domain values. */
export interface ScanRunPatch {
  readonly status?: ScanRun['status'];
  readonly stage?: string;
  readonly checkpoint?: ScanRun['checkpoint'];
  readonly progress?: ScanRun['progress'];
  readonly refused?: ScanRun['refused'];
  readonly cancelRequested?: boolean;
  readonly error?: string | null;
  readonly startedAt?: string | null;
  readonly finishedAt?: string | null;
  readonly updatedAt: string;
}

/** Changes a run. */
export async function updateScanRun(db: Db, id: string, patch: ScanRunPatch): Promise<void> {
  const values: Updateable<ScanRunTable> = { updated_at: patch.updatedAt };
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.stage !== undefined) values.stage = patch.stage;
  if (patch.checkpoint !== undefined) values.checkpoint = toDbJson(patch.checkpoint);
  if (patch.progress !== undefined) values.progress = toDbJson(patch.progress);
  if (patch.refused !== undefined) values.refused = toDbJson(patch.refused);
  if (patch.cancelRequested !== undefined) values.cancel_requested = patch.cancelRequested ? 1 : 0;
  if (patch.error !== undefined) values.error = patch.error;
  if (patch.startedAt !== undefined) values.started_at = patch.startedAt;
  if (patch.finishedAt !== undefined) values.finished_at = patch.finishedAt;
  await db.updateTable('scan_runs').set(values).where('id', '=', id).execute();
}

/** One run, or undefined. */
export async function findScanRun(db: Db, id: string): Promise<ScanRun | undefined> {
  const row = await db.selectFrom('scan_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRun(row) : undefined;
}

/** Whether a cancellation was asked for (polled by a running scan). */
export async function findCancelRequested(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('scan_runs')
    .select('cancel_requested')
    .where('id', '=', id)
    .executeTakeFirst();
  return fromDbBool(row?.cancel_requested);
}

function scoped(db: Db, scope: ScanReadScope) {
  let query = db.selectFrom('scan_runs');
  if (scope.kind === 'only') {
    if (scope.structureIds.length === 0) return query.where('id', '=', '');
    query = query.where('structure_id', 'in', [...scope.structureIds]);
  }
  return query;
}

/** Newest first, one page. */
export async function listScanRuns(
  db: Db,
  scope: ScanReadScope,
  limit: number,
  offset: number,
): Promise<ScanRun[]> {
  const rows = await scoped(db, scope)
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toRun);
}

/** How many runs the scope holds. */
export async function countScanRuns(db: Db, scope: ScanReadScope): Promise<number> {
  const row = await scoped(db, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
