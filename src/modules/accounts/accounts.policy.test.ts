import { describe, expect, it } from 'vitest';
import { anonymousActor, systemActor, type Role, type UserActor } from '../../platform/auth/actor.js';
import {
  afterLoginFailure,
  canCreateApiToken,
  canManageOwnAccount,
  canManageUsers,
  canRevokeApiToken,
  canViewUser,
  isPathAllowedForState,
  isTokenRoleStillAllowed,
  lockMinutesLeft,
  pathForState,
  requiresTotp,
  safeNextPath,
  sessionEndReason,
  sessionStateFor,
  shouldTouchSession,
  tokenRolesFor,
} from './accounts.policy.js';

function user(role: Role, extra: Partial<UserActor> = {}): UserActor {
  return { kind: 'user', userId: `u-${role}`, role, structureIds: [], label: `${role}@example.org`, ...extra };
}

describe('who manages accounts', () => {
  it('lets administrators and the CLI manage users, nobody else', () => {
    expect(canManageUsers(user('admin'))).toBe(true);
    expect(canManageUsers(systemActor('cli'))).toBe(true);
    for (const role of ['analyst', 'auditor', 'beneficiary', 'authority'] as const) expect(canManageUsers(user(role))).toBe(false);
    expect(canManageUsers(anonymousActor)).toBe(false);
  });

  it('lets a user see their own account only', () => {
    expect(canViewUser(user('analyst'), 'u-analyst')).toBe(true);
    expect(canViewUser(user('analyst'), 'someone-else')).toBe(false);
    expect(canViewUser(user('admin'), 'someone-else')).toBe(true);
    expect(canViewUser(anonymousActor, 'u-analyst')).toBe(false);
  });

  it('lets every logged-in user manage their own account', () => {
    expect(canManageOwnAccount(user('beneficiary'))).toBe(true);
    expect(canManageOwnAccount(anonymousActor)).toBe(false);
    expect(canManageOwnAccount(systemActor('cli'))).toBe(false);
  });
});

describe('API token roles', () => {
  it('only narrows: own role, or any role for an administrator', () => {
    expect(tokenRolesFor('analyst')).toEqual(['analyst']);
    expect(tokenRolesFor('admin')).toHaveLength(5);
    expect(canCreateApiToken(user('analyst'), 'analyst')).toBe(true);
    expect(canCreateApiToken(user('analyst'), 'admin')).toBe(false);
    expect(canCreateApiToken(user('beneficiary'), 'analyst')).toBe(false);
    expect(canCreateApiToken(user('admin'), 'beneficiary')).toBe(true);
  });

  it('refuses tokens minted by a token, and by anonymous callers', () => {
    expect(canCreateApiToken(user('admin', { apiTokenId: 't1' }), 'admin')).toBe(false);
    expect(canCreateApiToken(anonymousActor, 'analyst')).toBe(false);
  });

  it('lets the owner or an administrator revoke', () => {
    expect(canRevokeApiToken(user('auditor'), 'u-auditor')).toBe(true);
    expect(canRevokeApiToken(user('auditor'), 'u-other')).toBe(false);
    expect(canRevokeApiToken(user('admin'), 'u-other')).toBe(true);
  });

  it('stops a token whose owner lost the role', () => {
    expect(isTokenRoleStillAllowed('analyst', 'analyst')).toBe(true);
    expect(isTokenRoleStillAllowed('analyst', 'beneficiary')).toBe(false);
    expect(isTokenRoleStillAllowed('authority', 'admin')).toBe(true);
  });
});

describe('session steps', () => {
  const none = { secondFactorAt: null };
  const proved = { secondFactorAt: '2026-01-01T00:00:00.000Z' };

  it('requires TOTP for CERT roles only', () => {
    expect(requiresTotp('admin')).toBe(true);
    expect(requiresTotp('analyst')).toBe(true);
    expect(requiresTotp('auditor')).toBe(true);
    expect(requiresTotp('beneficiary')).toBe(false);
    expect(requiresTotp('authority')).toBe(false);
  });

  it('asks the TOTP code first, then the password change, then the enrolment', () => {
    expect(sessionStateFor({ role: 'analyst', totpEnabled: true, passwordExpired: true }, none)).toBe('second-factor');
    expect(sessionStateFor({ role: 'analyst', totpEnabled: true, passwordExpired: true }, proved)).toBe('password-change');
    expect(sessionStateFor({ role: 'analyst', totpEnabled: false, passwordExpired: true }, none)).toBe('password-change');
    expect(sessionStateFor({ role: 'analyst', totpEnabled: false, passwordExpired: false }, none)).toBe('totp-enrolment');
    expect(sessionStateFor({ role: 'analyst', totpEnabled: true, passwordExpired: false }, proved)).toBe('complete');
    expect(sessionStateFor({ role: 'beneficiary', totpEnabled: false, passwordExpired: false }, none)).toBe('complete');
    expect(sessionStateFor({ role: 'beneficiary', totpEnabled: true, passwordExpired: false }, none)).toBe('second-factor');
  });

  it('lets an unfinished session reach only its step, logout, language and assets', () => {
    expect(pathForState('second-factor')).toBe('/login/totp');
    expect(isPathAllowedForState('second-factor', '/login/totp')).toBe(true);
    expect(isPathAllowedForState('second-factor', '/logout')).toBe(true);
    expect(isPathAllowedForState('second-factor', '/assets/theme/hygie.css')).toBe(true);
    expect(isPathAllowedForState('second-factor', '/account')).toBe(false);
    expect(isPathAllowedForState('password-change', '/account/password')).toBe(true);
    expect(isPathAllowedForState('password-change', '/account/totp/enrol')).toBe(false);
    expect(isPathAllowedForState('totp-enrolment', '/api/v1/me')).toBe(false);
    expect(isPathAllowedForState('complete', '/anything')).toBe(true);
  });
});

describe('session deadlines', () => {
  const session = { lastSeenAt: '2026-01-01T10:00:00.000Z', expiresAt: '2026-01-01T20:00:00.000Z' };

  it('ends after the idle timeout and at the absolute deadline', () => {
    expect(sessionEndReason(session, new Date('2026-01-01T10:29:59.000Z'), 30)).toBeNull();
    expect(sessionEndReason(session, new Date('2026-01-01T10:30:00.000Z'), 30)).toBe('idle');
    expect(sessionEndReason({ ...session, lastSeenAt: '2026-01-01T19:59:00.000Z' }, new Date('2026-01-01T20:00:00.000Z'), 30)).toBe('absolute');
  });

  it('writes the last activity at most once a minute', () => {
    expect(shouldTouchSession(session, new Date('2026-01-01T10:00:59.000Z'))).toBe(false);
    expect(shouldTouchSession(session, new Date('2026-01-01T10:01:00.000Z'))).toBe(true);
  });
});

describe('lock-out', () => {
  const now = new Date('2026-01-01T10:00:00.000Z');
  const limits = { maxFailures: 3, lockMinutes: 15 };

  it('counts failures and locks at the maximum, restarting the count', () => {
    expect(afterLoginFailure(0, now, limits)).toEqual({ failedLogins: 1, lockedUntil: null });
    expect(afterLoginFailure(1, now, limits)).toEqual({ failedLogins: 2, lockedUntil: null });
    expect(afterLoginFailure(2, now, limits)).toEqual({ failedLogins: 0, lockedUntil: '2026-01-01T10:15:00.000Z' });
  });

  it('says how many minutes are left, rounded up', () => {
    expect(lockMinutesLeft(null, now)).toBe(0);
    expect(lockMinutesLeft('2026-01-01T10:15:00.000Z', now)).toBe(15);
    expect(lockMinutesLeft('2026-01-01T10:00:01.000Z', now)).toBe(1);
    expect(lockMinutesLeft('2026-01-01T09:59:00.000Z', now)).toBe(0);
  });
});

describe('safeNextPath', () => {
  it('follows local paths only', () => {
    expect(safeNextPath('/incidents?page=2')).toBe('/incidents?page=2');
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath('//evil.example/')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('/ok\r\nSet-Cookie: x')).toBe('/');
    expect(safeNextPath(undefined, '')).toBe('');
    expect(safeNextPath('relative')).toBe('/');
  });
});
