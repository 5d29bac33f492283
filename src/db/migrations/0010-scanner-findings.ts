import type { Kysely } from 'kysely';

/**
 * Scanner findings: what each scan found (`scan_findings`, a snapshot per scan), the lifecycle of
 * each problem across scans (`findings`: status, who and why, first and last seen) and its history
 * (`finding_events`). `scan_runs.scope_key` ties scans of the same scope, so that a scan is
 * compared with the previous one of that scope (`base_scan_id`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scan_runs').addColumn('scope_key', 'text').execute();
  await db.schema.alterTable('scan_runs').addColumn('base_scan_id', 'text').execute();
  await db.schema.alterTable('scan_runs').addColumn('assessed_at', 'text').execute();
  await db.schema
    .createIndex('scan_runs_scope_key')
    .on('scan_runs')
    .columns(['scope_key', 'assessed_at'])
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('address', 'text')
    .addColumn('port', 'integer')
    .addColumn('structure_id', 'text', (c) => c.references('structures.id').onDelete('set null'))
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('evidence_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_by', 'text')
    .addColumn('status_at', 'text')
    .addColumn('status_evidence_hash', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('first_scan_id', 'text', (c) => c.notNull())
    .addColumn('last_scan_id', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('findings_structure').on('findings').column('structure_id').execute();
  await db.schema
    .createIndex('findings_order')
    .on('findings')
    .columns(['severity_rank', 'last_seen_at'])
    .execute();

  await db.schema
    .createTable('scan_findings')
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scan_runs.id').onDelete('cascade'))
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('evidence_hash', 'text', (c) => c.notNull())
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_findings_pk', ['scan_id', 'finding_id'])
    .execute();
  await db.schema.createIndex('scan_findings_finding').on('scan_findings').column('finding_id').execute();

  await db.schema
    .createTable('finding_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('scan_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('finding_events_finding')
    .on('finding_events')
    .columns(['finding_id', 'created_at'])
    .execute();
}
