import type { Kysely } from 'kysely';

/**
 * The scanner: scan runs with their checkpoint, what each run observed (domains, hosts, port tasks,
 * services), and assets (hosts, services, technologies) with first and last seen across runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scan_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('checkpoint', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('refused', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('structure_id', 'text', (c) => c.references('structures.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scan_runs_created').on('scan_runs').column('created_at').execute();
  await db.schema.createIndex('scan_runs_structure').on('scan_runs').column('structure_id').execute();

  await db.schema
    .createTable('scan_domains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scan_runs.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('observation', 'text', (c) => c.notNull())
    .addColumn('structure_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scan_domains_scan_name', ['scan_id', 'name'])
    .execute();

  await db.schema
    .createTable('scan_hosts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scan_runs.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('hostnames', 'text', (c) => c.notNull())
    .addColumn('structure_id', 'text')
    .addColumn('asset_host_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scan_hosts_scan_address', ['scan_id', 'address'])
    .execute();

  await db.schema
    .createTable('scan_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scan_runs.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('ports', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('open_ports', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('scan_tasks_scan_status')
    .on('scan_tasks')
    .columns(['scan_id', 'status'])
    .execute();

  await db.schema
    .createTable('scan_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scan_id', 'text', (c) => c.notNull().references('scan_runs.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('product', 'text')
    .addColumn('version', 'text')
    .addColumn('observation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scan_services_endpoint', ['scan_id', 'address', 'port', 'transport'])
    .execute();

  await db.schema
    .createTable('assets_hosts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('structure_id', 'text', (c) => c.references('structures.id'))
    .addColumn('hostnames', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('last_scan_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assets_hosts_structure').on('assets_hosts').column('structure_id').execute();

  await db.schema
    .createTable('assets_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_id', 'text', (c) => c.notNull().references('assets_hosts.id').onDelete('cascade'))
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('product', 'text')
    .addColumn('version', 'text')
    .addColumn('cpe', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('last_scan_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('assets_services_endpoint', ['host_id', 'port', 'transport'])
    .execute();

  await db.schema
    .createTable('assets_technologies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('assets_services.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('cpe', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('last_scan_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('assets_technologies_key', ['service_id', 'name', 'version'])
    .execute();
  await db.schema.createIndex('assets_technologies_name').on('assets_technologies').column('name').execute();
}
