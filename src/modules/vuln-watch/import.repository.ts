/** The SQL of import runs (`vuln_import_runs`). */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { VulnImportRunTable } from '../../db/tables/vuln-watch-kb.js';
import { fromDbJson, toDbJson } from '../../db/portable.js';
import type { ImportCounts, ImportIssue, ImportRun } from './import.types.js';

function toRun(row: Selectable<VulnImportRunTable>): ImportRun {
  const stored = fromDbJson<{ counts?: ImportCounts; files?: ImportRun['files'] }>(row.counts, {});
  return {
    id: row.id,
    source: row.source ? row.source.split(',') : [],
    inputs: fromDbJson<string[]>(row.inputs, []),
    status: row.status as ImportRun['status'],
    counts: stored.counts ?? ({} as ImportCounts),
    files: stored.files ?? [],
    errors: fromDbJson<ImportIssue[]>(row.errors, []),
    errorCount: Number(row.error_count),
    actorLabel: row.actor_label,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Stores a run (at its start) or replaces its record (at its end). */
export async function upsertImportRun(db: Kysely<Database>, run: ImportRun): Promise<void> {
  const values = {
    id: run.id,
    source: run.source.join(','),
    inputs: toDbJson(run.inputs),
    status: run.status,
    counts: toDbJson({ counts: run.counts, files: run.files }),
    errors: toDbJson(run.errors),
    error_count: run.errorCount,
    actor_label: run.actorLabel,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
  };
  await db
    .insertInto('vuln_import_runs')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({
          source: values.source,
          status: values.status,
          counts: values.counts,
          errors: values.errors,
          error_count: values.error_count,
          finished_at: values.finished_at,
        }),
    )
    .execute();
}

/** One run, or undefined. */
export async function findImportRun(db: Kysely<Database>, id: string): Promise<ImportRun | undefined> {
  const row = await db.selectFrom('vuln_import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRun(row) : undefined;
}

/** The newest runs first. */
export async function listImportRuns(db: Kysely<Database>, limit: number): Promise<ImportRun[]> {
  const rows = await db
    .selectFrom('vuln_import_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}
