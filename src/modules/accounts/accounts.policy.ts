import { CERT_ROLES, ROLES, type Actor, type Role } from '../../platform/auth/actor.js';
import type { Session, SessionState, User } from './accounts.types.js';

/**
 * Pure rules of the accounts module: who may do what, which step a session is at, when a
 * session or a lock ends. Services enforce them; nothing here reads the database or the clock.
 */

/** Administrators (and the operator through the CLI) manage every account. */
export function canManageUsers(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
}

/** A user sees their own account; administrators see all. */
export function canViewUser(actor: Actor, userId: string): boolean {
  return canManageUsers(actor) || (actor.kind === 'user' && actor.userId === userId);
}

/** Everyone logged in manages their own profile, password, second factor and sessions. */
export function canManageOwnAccount(actor: Actor): boolean {
  return actor.kind === 'user';
}

/** Roles a user may give to an API token: a token can only narrow, never widen. */
export function tokenRolesFor(role: Role): readonly Role[] {
  return role === 'admin' ? ROLES : [role];
}

/** A user may create a token of `role` through a session (never through another token). */
export function canCreateApiToken(actor: Actor, role: Role): boolean {
  return actor.kind === 'user' && actor.apiTokenId === undefined && tokenRolesFor(actor.role).includes(role);
}

/** The owner revokes their tokens; administrators revoke anyone's. */
export function canRevokeApiToken(actor: Actor, ownerId: string): boolean {
  return canManageUsers(actor) || (actor.kind === 'user' && actor.userId === ownerId);
}

/** A token keeps working only while its owner still holds a role at least as wide as the token's. */
export function isTokenRoleStillAllowed(tokenRole: Role, ownerRole: Role): boolean {
  return tokenRolesFor(ownerRole).includes(tokenRole);
}

/** CERT staff must use a second factor; beneficiaries and authorities may. */
export function requiresTotp(role: Role): boolean {
  return CERT_ROLES.includes(role);
}

/** Which step a session is at, from the user and what the session has already proved. */
export function sessionStateFor(
  user: Pick<User, 'role' | 'totpEnabled' | 'passwordExpired'>,
  session: Pick<Session, 'secondFactorAt'>,
): SessionState {
  if (user.totpEnabled && session.secondFactorAt === null) return 'second-factor';
  if (user.passwordExpired) return 'password-change';
  if (!user.totpEnabled && requiresTotp(user.role)) return 'totp-enrolment';
  return 'complete';
}

/** The page where a session at this step must go. */
export function pathForState(state: Exclude<SessionState, 'complete'>): string {
  switch (state) {
    case 'second-factor':
      return '/login/totp';
    case 'password-change':
      return '/account/password';
    case 'totp-enrolment':
      return '/account/totp/enrol';
  }
}

/** Pages an unfinished session may reach: its own step, logging out, assets and the language switch. */
export function isPathAllowedForState(state: SessionState, path: string): boolean {
  if (state === 'complete') return true;
  return path === pathForState(state) || path === '/logout' || path === '/lang' || path.startsWith('/assets/');
}

/** Why a session is over at `now`, or null while it is alive. */
export function sessionEndReason(
  session: Pick<Session, 'lastSeenAt' | 'expiresAt'>,
  now: Date,
  idleMinutes: number,
): 'absolute' | 'idle' | null {
  const at = now.getTime();
  if (at >= Date.parse(session.expiresAt)) return 'absolute';
  if (at - Date.parse(session.lastSeenAt) >= idleMinutes * 60_000) return 'idle';
  return null;
}

/** The idle timeout slides, but `last_seen_at` is written at most once a minute. */
export function shouldTouchSession(session: Pick<Session, 'lastSeenAt'>, now: Date): boolean {
  return now.getTime() - Date.parse(session.lastSeenAt) >= 60_000;
}

/** Whole minutes left before a lock ends (at least 1), or 0 when the account is not locked. */
export function lockMinutesLeft(lockedUntil: string | null, now: Date): number {
  if (lockedUntil === null) return 0;
  const left = Date.parse(lockedUntil) - now.getTime();
  return left > 0 ? Math.max(1, Math.ceil(left / 60_000)) : 0;
}

/** After one more failure: lock when the count reaches the maximum (and restart counting). */
export function afterLoginFailure(
  failedLogins: number,
  now: Date,
  limits: { maxFailures: number; lockMinutes: number },
): { failedLogins: number; lockedUntil: string | null } {
  const count = failedLogins + 1;
  if (count < limits.maxFailures) return { failedLogins: count, lockedUntil: null };
  return { failedLogins: 0, lockedUntil: new Date(now.getTime() + limits.lockMinutes * 60_000).toISOString() };
}

/** A `next` parameter is followed only when it is a path of this site (no open redirect). */
export function safeNextPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\p{Cc}\\]/u.test(next)) return fallback;
  return next;
}
