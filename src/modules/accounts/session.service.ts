import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { CommonErrors, HygieError } from '../../lib/errors.js';
import type { UserActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { Platform, ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { canManageOwnAccount, sessionEndReason, sessionStateFor, shouldTouchSession } from './accounts.policy.js';
import type { AuthenticatedSession, ClientInfo, LoginStep, Session, User } from './accounts.types.js';
import { generateOpaqueToken, hashToken } from './credentials.crypto.js';
import {
  deleteEndedUserSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  insertSession,
  listUserSessions,
  updateSessionLastSeen,
} from './session.repository.js';
import { findUserRecordById, listStructureIdsOfUsers, toUser } from './user.repository.js';

/** Name of the session cookie; its value is a random 32-byte token, the database keeps its SHA-256. */
export const SESSION_COOKIE = 'hygie_session';

const USER_AGENT_MAX = 300;

/** The actor of a logged-in user (or of one of their API tokens). Labelled by e-mail. */
export function toUserActor(user: User, apiToken?: { id: string; role: User['role'] }): UserActor {
  const role = apiToken?.role ?? user.role;
  return {
    kind: 'user',
    userId: user.id,
    role,
    structureIds: role === 'beneficiary' ? [...user.structureIds] : [],
    label: user.email,
    ...(apiToken ? { apiTokenId: apiToken.id } : {}),
  };
}

/** A context acting as `user`: login steps happen before the request has an actor. */
export function actingAs(ctx: ServiceContext, user: User): ServiceContext {
  return { ...ctx, actor: toUserActor(user) };
}

/**
 * Opens a session for a user inside `trx` and returns the cookie token (shown to nobody else,
 * never stored). `secondFactorAt` is set when the session has just proved a TOTP code;
 * `notAfter` caps the absolute deadline (a rotated session keeps the deadline of the first).
 */
export async function openSession(
  ctx: Platform,
  trx: Kysely<Database>,
  userId: string,
  secondFactorAt: string | null,
  client: ClientInfo,
  notAfter?: string,
): Promise<{ token: string; session: Session }> {
  const now = ctx.clock.now();
  const token = generateOpaqueToken();
  const absolute = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000).toISOString();
  const session: Session = {
    id: hashToken(token),
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: notAfter !== undefined && notAfter < absolute ? notAfter : absolute,
    secondFactorAt,
    ip: client.ip,
    userAgent: client.userAgent ? client.userAgent.slice(0, USER_AGENT_MAX) : null,
  };
  await deleteEndedUserSessions(trx, userId, {
    now: session.createdAt,
    idleSince: new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000).toISOString(),
  });
  await insertSession(trx, session);
  return { token, session };
}

/**
 * Replaces the session of `oldToken` by a new one (new token, new id) at a new authentication
 * step, so that a token seen before the step (session fixation) is worthless after it. The new
 * session keeps the original absolute deadline.
 */
export async function rotateSession(
  ctx: Platform,
  trx: Kysely<Database>,
  oldToken: string,
  user: User,
  secondFactorAt: string | null,
  client: ClientInfo,
): Promise<LoginStep> {
  const old = await findSession(trx, hashToken(oldToken));
  await deleteSession(trx, hashToken(oldToken));
  const { token } = await openSession(ctx, trx, user.id, secondFactorAt, client, old?.expiresAt);
  return { sessionToken: token, userId: user.id, state: sessionStateFor(user, { secondFactorAt }) };
}

/** The user of an account, with the structures it acts for; undefined when it does not exist. */
export async function loadUser(db: Kysely<Database>, userId: string): Promise<User | undefined> {
  const record = await findUserRecordById(db, userId);
  if (!record) return undefined;
  const structures = await listStructureIdsOfUsers(db, [record.id]);
  return toUser(record, structures.get(record.id) ?? []);
}

/**
 * Finds the live session of a cookie token: unknown, past its absolute or idle deadline, or of a
 * disabled user → null (and the dead session is deleted). Slides the idle deadline, writing
 * `last_seen_at` at most once a minute.
 */
export async function authenticateSession(platform: Platform, token: string): Promise<AuthenticatedSession | null> {
  if (token.length === 0 || token.length > 100) return null;
  const id = hashToken(token);
  const session = await findSession(platform.db, id);
  if (!session) return null;
  const now = platform.clock.now();
  const user = await loadUser(platform.db, session.userId);
  if (!user || user.status !== 'active' || sessionEndReason(session, now, platform.config.sessionIdleMinutes) !== null) {
    await deleteSession(platform.db, id);
    return null;
  }
  let live = session;
  if (shouldTouchSession(session, now)) {
    live = { ...session, lastSeenAt: now.toISOString() };
    await updateSessionLastSeen(platform.db, id, live.lastSeenAt);
  }
  return { session: live, user, state: sessionStateFor(user, live) };
}

/** Ends the session of a cookie token (logout). Unknown tokens are ignored. */
export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  const id = hashToken(token);
  const session = await findSession(ctx.db, id);
  if (!session) return;
  const user = await loadUser(ctx.db, session.userId);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, id);
    await recordAudit(user ? actingAs(ctx, user) : ctx, { action: 'accounts.logout', objectType: 'user', objectId: session.userId }, trx);
  });
}

/** "Log out everywhere": ends every session of the acting user, this one included. */
export async function logoutEverywhere(ctx: ServiceContext): Promise<number> {
  const actor = ctx.actor;
  authorize(actor, canManageOwnAccount(actor));
  if (actor.kind !== 'user') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  return ctx.db.transaction().execute(async (trx) => {
    const count = await deleteUserSessions(trx, actor.userId);
    await recordAudit(ctx, { action: 'accounts.logout-everywhere', objectType: 'user', objectId: actor.userId, details: { sessions: count } }, trx);
    return count;
  });
}

/** The acting user's sessions, most recently used first (ids are hashes, never tokens). */
export async function listOwnSessions(ctx: ServiceContext): Promise<Session[]> {
  const actor = ctx.actor;
  authorize(actor, canManageOwnAccount(actor));
  if (actor.kind !== 'user') throw new HygieError(CommonErrors.COMMON_UNAUTHENTICATED);
  const now = ctx.clock.now();
  const sessions = await listUserSessions(ctx.db, actor.userId);
  return sessions.filter((s) => sessionEndReason(s, now, ctx.config.sessionIdleMinutes) === null);
}

/** The database id of the session behind a cookie token (to mark "this session" in lists). */
export function sessionIdOf(token: string): string {
  return hashToken(token);
}
