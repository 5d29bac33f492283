import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { SessionTable } from '../../db/tables/accounts.js';
import type { Session } from './accounts.types.js';

/** Stores a new session (its id is the hash of the cookie token). */
export async function insertSession(db: Kysely<Database>, session: Session): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
      second_factor_at: session.secondFactorAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

/** One session by id. */
export async function findSession(db: Kysely<Database>, id: string): Promise<Session | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

/** Moves the idle deadline of a session forward. */
export async function updateSessionLastSeen(db: Kysely<Database>, id: string, lastSeenAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
}

/** Ends one session. */
export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes a user's sessions that are past their absolute or idle deadline. */
export async function deleteEndedUserSessions(
  db: Kysely<Database>,
  userId: string,
  bounds: { now: string; idleSince: string },
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', bounds.now), eb('last_seen_at', '<=', bounds.idleSince)]))
    .execute();
}

/** A user's sessions, most recently used first. */
export async function listUserSessions(db: Kysely<Database>, userId: string): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toSession);
}

function toSession(row: Selectable<SessionTable>): Session {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    secondFactorAt: row.second_factor_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}
