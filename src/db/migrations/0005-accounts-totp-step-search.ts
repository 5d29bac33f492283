import { sql, type Kysely } from 'kysely';

/**
 * Accounts, second migration:
 * - `users.totp_last_step`: the TOTP time step of the last accepted code, so that a code cannot
 *   be replayed within its validity window (RFC 6238 §5.2);
 * - `users.search_text`: accent-free, lower-case name and e-mail for the admin search, the same
 *   way on SQLite and PostgreSQL (see `searchKey` in `src/db/portable.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('users').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  // Rows created before this migration: lower-cased e-mail and names (accents are kept until the
  // next update of the row, which rewrites the column with `searchKey`).
  await sql`update users set search_text = lower(email || ' ' || first_name || ' ' || last_name)`.execute(db);
  await db.schema.createIndex('users_role_status').on('users').columns(['role', 'status']).execute();
}
