import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { CommonErrors, HygieError, validationError, type ErrorDetail } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { parseEmail, parseFrenchPhone } from '../../lib/contact-format.js';
import { pageWindow, type Page } from '../../lib/pagination.js';
import { ROLES, type Role, type UserActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { recordAudit } from '../audit-log/index.js';
import { AccountsErrors } from './accounts.errors.js';
import { canManageOwnAccount, canManageUsers, canViewUser, sessionStateFor } from './accounts.policy.js';
import type { ClientInfo, CreateUserInput, LoginStep, UpdateProfileInput, UpdateUserInput, User, UserFilter } from './accounts.types.js';
import { generateOneTimePassword, hashPassword, hashToken, verifyPassword } from './credentials.crypto.js';
import { checkPasswordConfirmation, checkPasswordRules } from './password.policy.js';
import { invalidateUserPasswordResets } from './password-reset.repository.js';
import { deleteUserSessions, findSession } from './session.repository.js';
import { loadUser, openSession } from './session.service.js';
import {
  countUsers,
  findUserRecordByEmail,
  findUserRecordById,
  insertUser,
  listKnownStructureIds,
  listStructureIdsOfUsers,
  listStructureNames,
  listUserRecords,
  replaceUserStructures,
  toUser,
  updateUserRow,
  type UserPatch,
} from './user.repository.js';

const NAME_MAX = 100;
const LANGS: readonly Lang[] = ['fr', 'en'];

function cleanName(value: string, field: string, details: ErrorDetail[]): string {
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > NAME_MAX || /\p{Cc}/u.test(text)) {
    details.push({ field, message: `1 to ${NAME_MAX} characters, without control characters` });
  }
  return text;
}

function cleanPhone(value: string | null | undefined, details: ErrorDetail[]): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const parsed = parseFrenchPhone(value);
  if (!parsed.ok) {
    details.push({ field: 'phone', message: parsed.reason });
    return null;
  }
  return parsed.value;
}

function cleanRole(value: string, details: ErrorDetail[]): Role {
  if (!ROLES.includes(value as Role)) details.push({ field: 'role', message: `one of ${ROLES.join(', ')}` });
  return value as Role;
}

function cleanLang(value: string | undefined, details: ErrorDetail[]): Lang | undefined {
  if (value !== undefined && !LANGS.includes(value as Lang)) details.push({ field: 'lang', message: 'fr or en' });
  return value as Lang | undefined;
}

/** Beneficiaries act for one or more existing structures; other roles for none. */
async function checkStructures(db: Kysely<Database>, role: Role, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
  if (role !== 'beneficiary') {
    if (unique.length > 0) throw new HygieError(AccountsErrors.ACCOUNTS_STRUCTURES_NOT_ALLOWED);
    return [];
  }
  if (unique.length === 0) throw new HygieError(AccountsErrors.ACCOUNTS_STRUCTURES_REQUIRED);
  const known = new Set(await listKnownStructureIds(db, unique));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new HygieError(AccountsErrors.ACCOUNTS_UNKNOWN_STRUCTURE, { ids: unknown.join(', ') });
  return unique;
}

async function requireUser(db: Kysely<Database>, id: string): Promise<User> {
  const user = await loadUser(db, id);
  if (!user) throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: 'User' });
  return user;
}

function selfActor(ctx: ServiceContext): UserActor {
  authorize(ctx.actor, canManageOwnAccount(ctx.actor));
  if (ctx.actor.kind !== 'user') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  return ctx.actor;
}

/**
 * Creates an account (administrators and the CLI; there is no self sign-up). Returns the user
 * and a one-time password, shown once and never stored in clear: it must be changed at the
 * first login.
 */
export async function createUser(ctx: ServiceContext, input: CreateUserInput): Promise<{ user: User; oneTimePassword: string }> {
  authorize(ctx.actor, canManageUsers(ctx.actor));
  const details: ErrorDetail[] = [];
  const email = parseEmail(input.email);
  if (!email.ok) details.push({ field: 'email', message: email.reason });
  const firstName = cleanName(input.firstName, 'firstName', details);
  const lastName = cleanName(input.lastName, 'lastName', details);
  const phone = cleanPhone(input.phone, details);
  const role = cleanRole(input.role, details);
  const lang = cleanLang(input.lang, details) ?? 'fr';
  if (details.length > 0 || !email.ok) throw validationError(details);
  const address = email.value.toLowerCase();
  const structureIds = await checkStructures(ctx.db, role, input.structureIds ?? []);
  if (await findUserRecordByEmail(ctx.db, address)) throw new HygieError(AccountsErrors.ACCOUNTS_EMAIL_TAKEN);

  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const id = newId();
  const user = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    await insertUser(trx, { id, email: address, firstName, lastName, phone, role, lang, passwordHash, now });
    await replaceUserStructures(trx, id, structureIds);
    await recordAudit(ctx, { action: 'accounts.create-user', objectType: 'user', objectId: id, details: { email: address, role, structureIds } }, trx);
    return requireUser(trx, id);
  });
  return { user, oneTimePassword };
}

/** One page of accounts, filtered by role, status and words (administrators). */
export async function listUsers(ctx: ServiceContext, filter: UserFilter): Promise<Page<User>> {
  authorize(ctx.actor, canManageUsers(ctx.actor));
  const { page, pageSize, limit, offset } = pageWindow(filter, 50, 200);
  const [records, total] = await Promise.all([listUserRecords(ctx.db, filter, limit, offset), countUsers(ctx.db, filter)]);
  const structures = await listStructureIdsOfUsers(ctx.db, records.map((r) => r.id));
  return { items: records.map((r) => toUser(r, structures.get(r.id) ?? [])), total, page, pageSize };
}

/** One account (administrators, or the user themself). */
export async function getUser(ctx: ServiceContext, id: string): Promise<User> {
  authorize(ctx.actor, canViewUser(ctx.actor, id));
  return requireUser(ctx.db, id);
}

/** One account as the administration page shows it: administrators only, even for one's own. */
export async function getUserForAdministration(ctx: ServiceContext, id: string): Promise<User> {
  authorize(ctx.actor, canManageUsers(ctx.actor));
  return requireUser(ctx.db, id);
}

/** One account by e-mail (administrators and the CLI). */
export async function getUserByEmail(ctx: ServiceContext, email: string): Promise<User> {
  authorize(ctx.actor, canManageUsers(ctx.actor));
  const record = await findUserRecordByEmail(ctx.db, email.trim().toLowerCase());
  if (!record) throw new HygieError(CommonErrors.COMMON_NOT_FOUND, { what: 'User' });
  return requireUser(ctx.db, record.id);
}

/** The acting user's own account. */
export async function getOwnAccount(ctx: ServiceContext): Promise<User> {
  return requireUser(ctx.db, selfActor(ctx).userId);
}

/** Names of the structures an account acts for, for display. */
export async function describeUserStructures(ctx: ServiceContext, user: User): Promise<{ id: string; name: string }[]> {
  authorize(ctx.actor, canViewUser(ctx.actor, user.id));
  const named = await listStructureNames(ctx.db, user.structureIds);
  const known = new Set(named.map((s) => s.id));
  return [...named, ...user.structureIds.filter((id) => !known.has(id)).map((id) => ({ id, name: id }))];
}

/**
 * Changes an account (administrators): names, phone, language, role, structures, status.
 * Disabling ends every session at once. An administrator cannot disable or demote themself.
 */
export async function updateUser(ctx: ServiceContext, id: string, input: UpdateUserInput): Promise<User> {
  authorize(ctx.actor, canManageUsers(ctx.actor));
  const current = await requireUser(ctx.db, id);
  const details: ErrorDetail[] = [];
  const patch: { -readonly [K in keyof UserPatch]: UserPatch[K] } = {};
  if (input.firstName !== undefined) patch.firstName = cleanName(input.firstName, 'firstName', details);
  if (input.lastName !== undefined) patch.lastName = cleanName(input.lastName, 'lastName', details);
  if (input.phone !== undefined) patch.phone = cleanPhone(input.phone, details);
  if (input.role !== undefined) patch.role = cleanRole(input.role, details);
  if (input.lang !== undefined) patch.lang = cleanLang(input.lang, details);
  if (input.status !== undefined) {
    if (input.status !== 'active' && input.status !== 'disabled') details.push({ field: 'status', message: 'active or disabled' });
    patch.status = input.status;
  }
  if (details.length > 0) throw validationError(details);
  const actor = ctx.actor;
  if (actor.kind === 'user' && actor.userId === id && ((patch.role !== undefined && patch.role !== 'admin') || patch.status === 'disabled')) {
    throw new HygieError(AccountsErrors.ACCOUNTS_SELF_LOCKOUT);
  }
  const role = patch.role ?? current.role;
  const structureIds =
    input.structureIds !== undefined || role !== current.role
      ? await checkStructures(ctx.db, role, input.structureIds ?? (role === 'beneficiary' ? current.structureIds : []))
      : undefined;
  if (patch.status === 'active' && current.status !== 'active') {
    patch.failedLogins = 0;
    patch.lockedUntil = null;
  }

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['firstName', 'lastName', 'phone', 'role', 'lang', 'status'] as const) {
    if (patch[key] !== undefined && patch[key] !== current[key]) changes[key] = { from: current[key], to: patch[key] };
  }
  if (structureIds !== undefined && structureIds.join(',') !== current.structureIds.join(',')) {
    changes.structureIds = { from: current.structureIds, to: structureIds };
  }
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    await updateUserRow(trx, id, patch, now);
    if (structureIds !== undefined) await replaceUserStructures(trx, id, structureIds);
    if (patch.status === 'disabled') await deleteUserSessions(trx, id);
    const action =
      patch.status === 'disabled' && current.status !== 'disabled'
        ? 'accounts.disable-user'
        : patch.status === 'active' && current.status !== 'active'
          ? 'accounts.enable-user'
          : 'accounts.update-user';
    await recordAudit(ctx, { action, objectType: 'user', objectId: id, details: { changes } }, trx);
    return requireUser(trx, id);
  });
}

/** Disables an account: no more login, sessions and API tokens stop working at once. */
export function disableUser(ctx: ServiceContext, id: string): Promise<User> {
  return updateUser(ctx, id, { status: 'disabled' });
}

/** Enables an account again (and lifts any lock-out). */
export function enableUser(ctx: ServiceContext, id: string): Promise<User> {
  return updateUser(ctx, id, { status: 'active' });
}

/**
 * Removes an account's second factor (lost phone). Its sessions end; a CERT user is asked to
 * enrol again at the next login.
 */
export async function resetUserTotp(ctx: ServiceContext, id: string): Promise<User> {
  authorize(ctx.actor, canManageUsers(ctx.actor));
  await requireUser(ctx.db, id);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    await updateUserRow(trx, id, { totpSecret: null, totpEnabledAt: null, totpLastStep: null }, now);
    const sessions = await deleteUserSessions(trx, id);
    await recordAudit(ctx, { action: 'accounts.reset-totp', objectType: 'user', objectId: id, details: { sessionsEnded: sessions } }, trx);
    return requireUser(trx, id);
  });
}

/**
 * Gives an account a new one-time password (shown once), to be changed at the next login. Ends
 * its sessions, voids pending reset links and lifts any lock-out.
 */
export async function issueOneTimePassword(ctx: ServiceContext, id: string): Promise<{ user: User; oneTimePassword: string }> {
  authorize(ctx.actor, canManageUsers(ctx.actor));
  await requireUser(ctx.db, id);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    await updateUserRow(trx, id, { passwordHash, passwordExpired: true, failedLogins: 0, lockedUntil: null }, now);
    const sessions = await deleteUserSessions(trx, id);
    await invalidateUserPasswordResets(trx, id, now);
    await recordAudit(ctx, { action: 'accounts.issue-one-time-password', objectType: 'user', objectId: id, details: { sessionsEnded: sessions } }, trx);
    return requireUser(trx, id);
  });
  return { user, oneTimePassword };
}

/** Changes the acting user's own name, phone and interface language. */
export async function updateOwnProfile(ctx: ServiceContext, input: UpdateProfileInput): Promise<User> {
  const actor = selfActor(ctx);
  const current = await requireUser(ctx.db, actor.userId);
  const details: ErrorDetail[] = [];
  const patch: { -readonly [K in keyof UserPatch]: UserPatch[K] } = {};
  if (input.firstName !== undefined) patch.firstName = cleanName(input.firstName, 'firstName', details);
  if (input.lastName !== undefined) patch.lastName = cleanName(input.lastName, 'lastName', details);
  if (input.phone !== undefined) patch.phone = cleanPhone(input.phone, details);
  if (input.lang !== undefined) patch.lang = cleanLang(input.lang, details);
  if (details.length > 0) throw validationError(details);
  const changes: string[] = (['firstName', 'lastName', 'phone', 'lang'] as const).filter(
    (key) => patch[key] !== undefined && patch[key] !== current[key],
  );
  return ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, actor.userId, patch, ctx.clock.now().toISOString());
    await recordAudit(ctx, { action: 'accounts.update-profile', objectType: 'user', objectId: actor.userId, details: { fields: changes } }, trx);
    return requireUser(trx, actor.userId);
  });
}

/**
 * Changes the acting user's password (required after a one-time password). Checks the current
 * one, ends every other session and replaces this one (new cookie token).
 */
export async function changeOwnPassword(
  ctx: ServiceContext,
  input: { currentPassword: string; newPassword: string; confirmation?: string },
  sessionToken: string,
  client: ClientInfo,
): Promise<LoginStep> {
  const actor = selfActor(ctx);
  if (actor.apiTokenId !== undefined) throw new HygieError(CommonErrors.COMMON_FORBIDDEN);
  const record = await findUserRecordById(ctx.db, actor.userId);
  const session = await findSession(ctx.db, hashToken(sessionToken));
  if (!record || !session || session.userId !== actor.userId) throw new HygieError(AccountsErrors.ACCOUNTS_SESSION_EXPIRED);
  if (!(await verifyPassword(record.passwordHash, input.currentPassword))) {
    throw new HygieError(AccountsErrors.ACCOUNTS_WRONG_CURRENT_PASSWORD);
  }
  checkPasswordRules(input.newPassword, record.email);
  checkPasswordConfirmation(input.newPassword, input.confirmation);
  if (input.newPassword === input.currentPassword) throw new HygieError(AccountsErrors.ACCOUNTS_PASSWORD_UNCHANGED);
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    await updateUserRow(trx, record.id, { passwordHash, passwordExpired: false }, now);
    await deleteUserSessions(trx, record.id);
    await invalidateUserPasswordResets(trx, record.id, now);
    const user = await requireUser(trx, record.id);
    const wasExpired = record.passwordExpired;
    await recordAudit(ctx, { action: 'accounts.change-password', objectType: 'user', objectId: record.id, details: { wasOneTime: wasExpired } }, trx);
    // Every session (this one included) was just deleted; the new one keeps the second factor
    // and the absolute deadline of the session it replaces.
    const { token } = await openSession(ctx, trx, user.id, session.secondFactorAt, client, session.expiresAt);
    return { sessionToken: token, userId: user.id, state: sessionStateFor(user, session) };
  });
}
