import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousActor, systemActor } from '../../platform/auth/actor.js';
import { contextFor, type ServiceContext } from '../../platform/context.js';
import { HygieError } from '../../lib/errors.js';
import { testDialects } from '../../../test/support/test-db.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import { readyUser, TEST_CLIENT } from '../../../test/support/login.js';
import { hashToken } from './credentials.crypto.js';
import { loginWithPassword, verifyLoginCode } from './login.service.js';
import { authenticateSession, listOwnSessions, logout, logoutEverywhere } from './session.service.js';
import { totpCodeAt } from './totp.crypto.js';
import { disableUser } from './user.service.js';

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof HygieError) return error.code;
    throw error;
  }
}

describe.each(testDialects())('login, TOTP and sessions on %s', (dialect) => {
  let platform: TestPlatform;
  let anonymous: ServiceContext;

  beforeAll(async () => {
    platform = await createTestPlatform(dialect, { HYGIE_LOGIN_MAX_FAILURES: '3', HYGIE_LOGIN_LOCK_MINUTES: '15' });
    anonymous = contextFor(platform, anonymousActor, { ip: TEST_CLIENT.ip });
  });
  afterAll(() => platform.close());

  async function auditActions(userId: string): Promise<string[]> {
    const rows = await platform.db.selectFrom('audit_log').select('action').where('object_id', '=', userId).orderBy('at').orderBy('id').execute();
    return rows.map((r) => r.action);
  }

  it('logs an authority in with the password alone and opens a complete session', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    const step = await loginWithPassword(anonymous, { email: ready.user.email.toUpperCase(), password: ready.password }, TEST_CLIENT);
    expect(step.state).toBe('complete');
    const auth = await authenticateSession(platform, step.sessionToken);
    expect(auth?.user.id).toBe(ready.user.id);
    expect(auth?.state).toBe('complete');
    // Only the hash of the cookie token is stored.
    const row = await platform.db.selectFrom('sessions').selectAll().where('id', '=', hashToken(step.sessionToken)).executeTakeFirst();
    expect(row?.user_id).toBe(ready.user.id);
    expect(JSON.stringify(row)).not.toContain(step.sessionToken);
    expect(await auditActions(ready.user.id)).toContain('accounts.login');
  });

  it('answers the same error for a wrong password and an unknown e-mail, and audits both', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    expect(await codeOf(loginWithPassword(anonymous, { email: ready.user.email, password: 'wrong password here' }, TEST_CLIENT))).toBe('ACCOUNTS_INVALID_CREDENTIALS');
    expect(await codeOf(loginWithPassword(anonymous, { email: 'nobody@example.org', password: 'wrong password here' }, TEST_CLIENT))).toBe(
      'ACCOUNTS_INVALID_CREDENTIALS',
    );
    expect(await auditActions(ready.user.id)).toContain('accounts.login-failure');
    const unknown = await platform.db.selectFrom('audit_log').select('details').where('action', '=', 'accounts.login-failure').where('object_id', 'is', null).execute();
    expect(unknown.some((r) => r.details.includes('nobody@example.org'))).toBe(true);
  });

  it('locks an account after N failures, refuses even the right password, and unlocks after the lock period', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    const wrong = { email: ready.user.email, password: 'not the password at all' };
    expect(await codeOf(loginWithPassword(anonymous, wrong, TEST_CLIENT))).toBe('ACCOUNTS_INVALID_CREDENTIALS');
    expect(await codeOf(loginWithPassword(anonymous, wrong, TEST_CLIENT))).toBe('ACCOUNTS_INVALID_CREDENTIALS');
    const third = await loginWithPassword(anonymous, wrong, TEST_CLIENT).catch((e: unknown) => e);
    expect(third).toBeInstanceOf(HygieError);
    expect((third as HygieError).code).toBe('ACCOUNTS_LOCKED');
    expect((third as HygieError).messageIn('fr')).toContain('15 minute');
    expect(await codeOf(loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT))).toBe('ACCOUNTS_LOCKED');
    expect(await auditActions(ready.user.id)).toContain('accounts.lock');

    platform.clock.advance(14 * 60_000);
    expect(await codeOf(loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT))).toBe('ACCOUNTS_LOCKED');
    platform.clock.advance(60_000);
    const step = await loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT);
    expect(step.state).toBe('complete');
    const row = await platform.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', ready.user.id).executeTakeFirstOrThrow();
    expect(Number(row.failed_logins)).toBe(0);
    expect(row.locked_until).toBeNull();
  });

  it('asks a CERT user for the TOTP code, rotates the session, and refuses a replayed code', async () => {
    const ready = await readyUser(platform, { role: 'analyst' });
    if (!ready.totpSecret) throw new Error('no TOTP secret');
    const step = await loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT);
    expect(step.state).toBe('second-factor');
    const pending = await authenticateSession(platform, step.sessionToken);
    expect(pending?.state).toBe('second-factor');

    expect(await codeOf(verifyLoginCode(anonymous, step.sessionToken, '000000', TEST_CLIENT))).toBe('ACCOUNTS_INVALID_TOTP_CODE');
    const code = await totpCodeAt(ready.totpSecret, platform.clock.now());
    const done = await verifyLoginCode(anonymous, step.sessionToken, code, TEST_CLIENT);
    expect(done.state).toBe('complete');
    expect(done.sessionToken).not.toBe(step.sessionToken);
    expect(await authenticateSession(platform, step.sessionToken)).toBeNull();
    const auth = await authenticateSession(platform, done.sessionToken);
    expect(auth?.state).toBe('complete');
    expect(auth?.session.secondFactorAt).not.toBeNull();

    // The same code, in the same step, on a new login: refused.
    const again = await loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT);
    expect(await codeOf(verifyLoginCode(anonymous, again.sessionToken, code, TEST_CLIENT))).toBe('ACCOUNTS_INVALID_TOTP_CODE');
    // The next step's code works.
    platform.clock.advance(30_000);
    const next = await verifyLoginCode(anonymous, again.sessionToken, await totpCodeAt(ready.totpSecret, platform.clock.now()), TEST_CLIENT);
    expect(next.state).toBe('complete');
  });

  it('counts wrong TOTP codes towards the lock-out', async () => {
    const ready = await readyUser(platform, { role: 'auditor' });
    const step = await loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT);
    expect(await codeOf(verifyLoginCode(anonymous, step.sessionToken, '000001', TEST_CLIENT))).toBe('ACCOUNTS_INVALID_TOTP_CODE');
    expect(await codeOf(verifyLoginCode(anonymous, step.sessionToken, '000002', TEST_CLIENT))).toBe('ACCOUNTS_INVALID_TOTP_CODE');
    expect(await codeOf(verifyLoginCode(anonymous, step.sessionToken, '000003', TEST_CLIENT))).toBe('ACCOUNTS_LOCKED');
    expect(await authenticateSession(platform, step.sessionToken)).toBeNull();
    platform.clock.advance(16 * 60_000);
  });

  it('ends a session after the idle timeout, and slides it with activity', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    const token = ready.sessionToken;
    platform.clock.advance(29 * 60_000);
    expect(await authenticateSession(platform, token)).not.toBeNull();
    platform.clock.advance(29 * 60_000);
    expect(await authenticateSession(platform, token)).not.toBeNull();
    platform.clock.advance(30 * 60_000);
    expect(await authenticateSession(platform, token)).toBeNull();
    expect(await platform.db.selectFrom('sessions').select('id').where('id', '=', hashToken(token)).executeTakeFirst()).toBeUndefined();
  });

  it('ends a session at the absolute timeout whatever the activity', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    const token = ready.sessionToken;
    // Active every 20 minutes (well within the idle timeout) for 12 hours.
    for (let slot = 1; slot < 36; slot += 1) {
      platform.clock.advance(20 * 60_000);
      expect(await authenticateSession(platform, token), `after ${slot * 20} minutes`).not.toBeNull();
    }
    platform.clock.advance(20 * 60_000);
    expect(await authenticateSession(platform, token)).toBeNull();
  });

  it('logs out one session, or every session of the user', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    const second = await loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT);
    const third = await loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT);
    expect(await listOwnSessions(ready.ctx)).toHaveLength(3);

    await logout(anonymous, third.sessionToken);
    expect(await authenticateSession(platform, third.sessionToken)).toBeNull();
    expect(await authenticateSession(platform, second.sessionToken)).not.toBeNull();

    expect(await logoutEverywhere(ready.ctx)).toBe(2);
    expect(await authenticateSession(platform, ready.sessionToken)).toBeNull();
    expect(await authenticateSession(platform, second.sessionToken)).toBeNull();
    const actions = await auditActions(ready.user.id);
    expect(actions).toContain('accounts.logout');
    expect(actions).toContain('accounts.logout-everywhere');
  });

  it('invalidates the sessions of a disabled user and refuses their login', async () => {
    const ready = await readyUser(platform, { role: 'authority' });
    await disableUser(contextFor(platform, systemActor('test')), ready.user.id);
    expect(await authenticateSession(platform, ready.sessionToken)).toBeNull();
    expect(await codeOf(loginWithPassword(anonymous, { email: ready.user.email, password: ready.password }, TEST_CLIENT))).toBe('ACCOUNTS_INVALID_CREDENTIALS');
  });
});
