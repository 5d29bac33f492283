import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ApiTokenTable } from '../../db/tables/accounts.js';
import type { ApiToken } from './accounts.types.js';

/** Stores a token by the hash of its secret. */
export async function insertApiToken(db: Kysely<Database>, token: ApiToken, tokenHash: string): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: tokenHash,
      role: token.role,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      last_used_at: token.lastUsedAt,
      revoked_at: token.revokedAt,
    })
    .execute();
}

/** The token whose secret hashes to `tokenHash`. */
export async function findApiTokenByHash(db: Kysely<Database>, tokenHash: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toApiToken(row) : undefined;
}

/** One token by id. */
export async function findApiToken(db: Kysely<Database>, id: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toApiToken(row) : undefined;
}

/** A user's tokens, newest first. */
export async function listUserApiTokens(db: Kysely<Database>, userId: string): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toApiToken);
}

/** Marks a token revoked (once). */
export async function updateApiTokenRevoked(db: Kysely<Database>, id: string, revokedAt: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Records the last use of a token. */
export async function updateApiTokenLastUsed(db: Kysely<Database>, id: string, lastUsedAt: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: lastUsedAt }).where('id', '=', id).execute();
}

function toApiToken(row: Selectable<ApiTokenTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
