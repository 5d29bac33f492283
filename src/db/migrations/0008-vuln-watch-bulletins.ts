import type { Kysely } from 'kysely';

/**
 * Bulletins (with the CVEs and catalogue products they cover, their search words and their
 * revision history) and news items of the vulnerability-watch portal. `proposal_key` is unique so that two runners
 * proposing the same CVE at once create one draft.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vuln_bulletins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('proposal_key', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('risks', 'text', (c) => c.notNull())
    .addColumn('affected_systems', 'text', (c) => c.notNull())
    .addColumn('solution', 'text', (c) => c.notNull())
    .addColumn('reference_links', 'text', (c) => c.notNull())
    .addColumn('max_score', 'double precision')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('kev', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_update', 'text')
    .addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_published_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Lists filter and count on these without reading the wide rows (texts): covering indexes.
  await db.schema.createIndex('vuln_bulletins_status_first').on('vuln_bulletins').columns(['status', 'first_published_at', 'id', 'severity', 'kev']).execute();
  await db.schema.createIndex('vuln_bulletins_status_published').on('vuln_bulletins').columns(['status', 'published_at', 'id']).execute();

  // Searches scan this narrow table, not the wide bulletin rows (see bulletin.repository.ts).
  await db.schema
    .createTable('vuln_bulletin_search')
    .addColumn('bulletin_id', 'text', (c) => c.primaryKey().references('vuln_bulletins.id').onDelete('cascade'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vuln_bulletin_cves')
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('vuln_bulletins.id').onDelete('cascade'))
    .addColumn('cve_id', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('kev', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seen_changed_at', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('vuln_bulletin_cves_pk', ['bulletin_id', 'cve_id'])
    .execute();
  await db.schema.createIndex('vuln_bulletin_cves_cve').on('vuln_bulletin_cves').column('cve_id').execute();

  await db.schema
    .createTable('vuln_bulletin_products')
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('vuln_bulletins.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vuln_bulletin_products_pk', ['bulletin_id', 'product_id'])
    .execute();
  await db.schema.createIndex('vuln_bulletin_products_product').on('vuln_bulletin_products').columns(['product_id', 'status']).execute();
  await db.schema.createIndex('vuln_bulletin_products_status').on('vuln_bulletin_products').columns(['status', 'product_id']).execute();

  await db.schema
    .createTable('vuln_bulletin_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('vuln_bulletins.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addUniqueConstraint('vuln_bulletin_revisions_number', ['bulletin_id', 'number'])
    .execute();

  await db.schema
    .createTable('vuln_news')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('reference_links', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('first_published_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vuln_news_status_published').on('vuln_news').columns(['status', 'published_at']).execute();
}
