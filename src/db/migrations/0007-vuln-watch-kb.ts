import type { Kysely } from 'kysely';

/**
 * The vulnerability-watch knowledge base: CVEs, their vendor/product index, the product
 * catalogue, deployments at structures and import runs. Scores are `double precision` (REAL on
 * SQLite, float8 on PostgreSQL) so that 9.8 reads back as 9.8.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('source_modified_at', 'text')
    .addColumn('vuln_status', 'text')
    .addColumn('title', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('selected_score', 'double precision')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('kev', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kev_date_added', 'text')
    .addColumn('epss_score', 'double precision')
    .addColumn('epss_percentile', 'double precision')
    .addColumn('epss_date', 'text')
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('material_hash', 'text', (c) => c.notNull())
    .addColumn('material_changed_at', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('nvd_modified_at', 'text')
    .addColumn('nvd_data', 'text')
    .addColumn('cve5_modified_at', 'text')
    .addColumn('cve5_data', 'text')
    .addColumn('kev_data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cves_published').on('cves').column('published_at').execute();
  await db.schema.createIndex('cves_score').on('cves').columns(['selected_score', 'published_at']).execute();
  await db.schema.createIndex('cves_kev').on('cves').columns(['kev', 'kev_date_added']).execute();
  await db.schema.createIndex('cves_material_changed').on('cves').column('material_changed_at').execute();

  await db.schema
    .createTable('cve_products')
    .addColumn('cve_id', 'text', (c) => c.notNull().references('cves.id').onDelete('cascade'))
    .addColumn('vendor_key', 'text', (c) => c.notNull())
    .addColumn('product_key', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cve_products_pk', ['cve_id', 'vendor_key', 'product_key', 'source'])
    .execute();
  await db.schema
    .createIndex('cve_products_names')
    .on('cve_products')
    .columns(['vendor_key', 'product_key'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('products_vendor_product', ['vendor', 'product'])
    .execute();

  await db.schema
    .createTable('deployments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('version', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('declared_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deployments_unique', ['structure_id', 'product_id', 'version'])
    .execute();
  await db.schema.createIndex('deployments_product').on('deployments').column('product_id').execute();

  await db.schema
    .createTable('vuln_import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('vuln_import_runs_started')
    .on('vuln_import_runs')
    .column('started_at')
    .execute();
}
