import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { UserTable } from '../../db/tables/accounts.js';
import { containsPattern, fromDbBool, likeEscaped, searchKey, toDbBool } from '../../db/portable.js';
import type { Role } from '../../platform/auth/actor.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import type { User, UserFilter, UserRecord, UserStatus } from './accounts.types.js';

/** A new account as stored. */
export interface NewUserRow {
  readonly id: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | null;
  readonly role: Role;
  readonly lang: Lang;
  readonly passwordHash: string;
  readonly now: string;
}

/** Fields `updateUserRow` may change; absent fields stay as they are. */
export interface UserPatch {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string | null;
  readonly role?: Role;
  readonly status?: UserStatus;
  readonly lang?: Lang;
  readonly passwordHash?: string;
  readonly passwordExpired?: boolean;
  readonly totpSecret?: string | null;
  readonly totpEnabledAt?: string | null;
  readonly totpLastStep?: number | null;
  readonly failedLogins?: number;
  readonly lockedUntil?: string | null;
  readonly lastLoginAt?: string;
}

function searchTextOf(row: { email: string; first_name: string; last_name: string }): string {
  return searchKey(`${row.email} ${row.first_name} ${row.last_name}`);
}

/** Stores a new account with an expired (one-time) password. */
export async function insertUser(db: Kysely<Database>, row: NewUserRow): Promise<void> {
  const values = {
    id: row.id,
    email: row.email,
    first_name: row.firstName,
    last_name: row.lastName,
    phone: row.phone,
    role: row.role,
    password_hash: row.passwordHash,
    password_expired: toDbBool(true),
    totp_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
    status: 'active' as const,
    failed_logins: 0,
    locked_until: null,
    lang: row.lang,
    created_at: row.now,
    updated_at: row.now,
    last_login_at: null,
  };
  await db
    .insertInto('users')
    .values({ ...values, search_text: searchTextOf(values) })
    .execute();
}

/** One account with its credentials, by id. */
export async function findUserRecordById(db: Kysely<Database>, id: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** One account with its credentials, by (lower-case) e-mail. */
export async function findUserRecordByEmail(db: Kysely<Database>, email: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Changes some fields of an account and its `updated_at`. */
export async function updateUserRow(db: Kysely<Database>, id: string, patch: UserPatch, now: string): Promise<void> {
  const set: Partial<UserTable> = { updated_at: now };
  if (patch.firstName !== undefined) set.first_name = patch.firstName;
  if (patch.lastName !== undefined) set.last_name = patch.lastName;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.lang !== undefined) set.lang = patch.lang;
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
  if (patch.passwordExpired !== undefined) set.password_expired = toDbBool(patch.passwordExpired);
  if (patch.totpSecret !== undefined) set.totp_secret = patch.totpSecret;
  if (patch.totpEnabledAt !== undefined) set.totp_enabled_at = patch.totpEnabledAt;
  if (patch.totpLastStep !== undefined) set.totp_last_step = patch.totpLastStep;
  if (patch.failedLogins !== undefined) set.failed_logins = patch.failedLogins;
  if (patch.lockedUntil !== undefined) set.locked_until = patch.lockedUntil;
  if (patch.lastLoginAt !== undefined) set.last_login_at = patch.lastLoginAt;
  const udb = db;
  if (patch.firstName !== undefined || patch.lastName !== undefined) {
    const current = await udb.selectFrom('users').select(['email', 'first_name', 'last_name']).where('id', '=', id).executeTakeFirst();
    if (current) {
      set.search_text = searchTextOf({
        email: current.email,
        first_name: patch.firstName ?? current.first_name,
        last_name: patch.lastName ?? current.last_name,
      });
    }
  }
  await udb.updateTable('users').set(set).where('id', '=', id).execute();
}

/**
 * Records the time step of an accepted TOTP code, only if it is later than the last one. False
 * when another request used a code of this step (or a later one) first: that code is a replay.
 */
export async function recordTotpStep(db: Kysely<Database>, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function filtered(db: Kysely<Database>, filter: UserFilter) {
  let query = db.selectFrom('users');
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.status) query = query.where('status', '=', filter.status);
  for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5)) {
    query = query.where(likeEscaped('search_text', containsPattern(word)));
  }
  return query;
}

/** One page of accounts, by last name then first name. */
export async function listUserRecords(
  db: Kysely<Database>,
  filter: UserFilter,
  limit: number,
  offset: number,
): Promise<UserRecord[]> {
  const rows = await filtered(db, filter)
    .selectAll()
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toRecord);
}

/** How many accounts match. */
export async function countUsers(db: Kysely<Database>, filter: UserFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Structures each of the users acts for (empty list for a user without any). */
export async function listStructureIdsOfUsers(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_structures')
    .select(['user_id', 'structure_id'])
    .where('user_id', 'in', [...userIds])
    .orderBy('structure_id')
    .execute();
  for (const row of rows) out.get(row.user_id)?.push(row.structure_id);
  return out;
}

/** Binds a user to exactly these structures. */
export async function replaceUserStructures(db: Kysely<Database>, userId: string, structureIds: readonly string[]): Promise<void> {
  await db.deleteFrom('user_structures').where('user_id', '=', userId).execute();
  if (structureIds.length === 0) return;
  await db
    .insertInto('user_structures')
    .values(structureIds.map((structureId) => ({ user_id: userId, structure_id: structureId })))
    .execute();
}

/** The ids among `ids` that name an existing structure of the registry. */
export async function listKnownStructureIds(db: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('structures').select('id').where('id', 'in', [...ids]).execute();
  return rows.map((r) => r.id);
}

/** Names of structures, for display beside their ids. */
export async function listStructureNames(db: Kysely<Database>, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('structures').select(['id', 'name']).where('id', 'in', [...ids]).orderBy('name').execute();
}

/** The public view of an account record. */
export function toUser(record: UserRecord, structureIds: readonly string[]): User {
  return {
    id: record.id,
    email: record.email,
    firstName: record.firstName,
    lastName: record.lastName,
    phone: record.phone,
    role: record.role,
    status: record.status,
    lang: record.lang,
    passwordExpired: record.passwordExpired,
    totpEnabled: record.totpEnabled,
    lockedUntil: record.lockedUntil,
    structureIds: [...structureIds],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    lastLoginAt: record.lastLoginAt,
  };
}

function toRecord(row: Selectable<UserTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    role: row.role,
    status: row.status,
    lang: row.lang,
    passwordExpired: fromDbBool(Number(row.password_expired)),
    totpEnabled: row.totp_enabled_at !== null,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpEnabledAt: row.totp_enabled_at,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    failedLogins: Number(row.failed_logins),
  };
}
