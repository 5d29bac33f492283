import type { Kysely } from 'kysely';

/**
 * Subscriptions of the private space and what their digests delivered (per subscription and
 * CVE, the material fingerprint last sent). A subscription belongs to a user and optionally to a
 * structure; deleting it deletes its deliveries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('structure_id', 'text', (c) => c.references('structures.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('vendors', 'text', (c) => c.notNull())
    .addColumn('products', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('min_score', 'double precision')
    .addColumn('kev_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('include_unscored', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deployed_products', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cursor_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('last_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscriptions_owner').on('subscriptions').columns(['owner_user_id', 'created_at']).execute();
  await db.schema.createIndex('subscriptions_active').on('subscriptions').columns(['active', 'frequency']).execute();

  await db.schema
    .createTable('subscription_deliveries')
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('cve_id', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('first_sent_at', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_deliveries_pk', ['subscription_id', 'cve_id'])
    .execute();
  await db.schema.createIndex('subscription_deliveries_sent').on('subscription_deliveries').columns(['subscription_id', 'last_sent_at']).execute();
}
