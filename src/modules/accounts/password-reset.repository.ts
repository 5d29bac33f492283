import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PasswordResetTable } from '../../db/tables/accounts.js';

/** A password-reset link as stored (the id is the SHA-256 of the token in the link). */
export interface PasswordReset {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** Stores a new reset link. */
export async function insertPasswordReset(db: Kysely<Database>, reset: PasswordReset): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ id: reset.id, user_id: reset.userId, created_at: reset.createdAt, expires_at: reset.expiresAt, used_at: reset.usedAt })
    .execute();
}

/** One reset link by id (hash of its token). */
export async function findPasswordReset(db: Kysely<Database>, id: string): Promise<PasswordReset | undefined> {
  const row = await db.selectFrom('password_resets').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toReset(row) : undefined;
}

/** The most recent reset link of a user, if any. */
export async function findLatestPasswordReset(db: Kysely<Database>, userId: string): Promise<PasswordReset | undefined> {
  const row = await db
    .selectFrom('password_resets')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toReset(row) : undefined;
}

/** Marks a link used; false when it was already used (two submissions racing). */
export async function updatePasswordResetUsed(db: Kysely<Database>, id: string, usedAt: string): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: usedAt })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Voids every unused link of a user (after a successful reset, or a new one-time password). */
export async function invalidateUserPasswordResets(db: Kysely<Database>, userId: string, at: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

function toReset(row: Selectable<PasswordResetTable>): PasswordReset {
  return { id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at };
}
