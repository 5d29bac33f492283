import { HygieError } from '../../lib/errors.js';
import type { ServiceContext } from '../../platform/context.js';
import { recordAudit } from '../audit-log/index.js';
import { AccountsErrors } from './accounts.errors.js';
import { afterLoginFailure, lockMinutesLeft, sessionStateFor } from './accounts.policy.js';
import type { ClientInfo, LoginStep, UserRecord } from './accounts.types.js';
import { hashToken, verifyPassword } from './credentials.crypto.js';
import { actingAs, authenticateSession, loadUser, openSession, rotateSession } from './session.service.js';
import { deleteSession } from './session.repository.js';
import { decryptTotpSecret, verifyTotpCode } from './totp.crypto.js';
import { findUserRecordByEmail, findUserRecordById, recordTotpStep, updateUserRow } from './user.repository.js';

/** The canonical form of an e-mail used as login: trimmed, lower-case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What a failed attempt may say about the address typed, without echoing arbitrary input. */
function typedAddress(email: string): string {
  const normalized = normalizeEmail(email);
  return /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(normalized) ? normalized : '(not an e-mail address)';
}

/**
 * Counts one failed login (password or TOTP code) against an account, locking it after
 * `loginMaxFailures` failures for `loginLockMinutes`. Commits on its own: the caller throws next.
 * Returns the lock end when this failure locked the account.
 */
async function recordLoginFailure(ctx: ServiceContext, record: UserRecord, reason: string): Promise<string | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const current = (await findUserRecordById(trx, record.id)) ?? record;
    const next = afterLoginFailure(current.failedLogins, now, {
      maxFailures: ctx.config.loginMaxFailures,
      lockMinutes: ctx.config.loginLockMinutes,
    });
    await updateUserRow(trx, record.id, { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil ?? current.lockedUntil }, now.toISOString());
    await recordAudit(ctx, { action: 'accounts.login-failure', objectType: 'user', objectId: record.id, details: { reason } }, trx);
    if (next.lockedUntil !== null) {
      await recordAudit(
        ctx,
        {
          action: 'accounts.lock',
          objectType: 'user',
          objectId: record.id,
          details: { until: next.lockedUntil, failures: ctx.config.loginMaxFailures },
        },
        trx,
      );
    }
    return next.lockedUntil;
  });
}

/** The error for a locked account, saying how long to wait. */
function lockedError(lockedUntil: string, now: Date): HygieError {
  return new HygieError(AccountsErrors.ACCOUNTS_LOCKED, { minutes: lockMinutesLeft(lockedUntil, now) });
}

/**
 * First login step: e-mail and password. Opens a session and tells what is left (TOTP code,
 * password change, TOTP enrolment). The error does not say whether the e-mail exists, except
 * for a locked account, whose message says how long to wait.
 */
export async function loginWithPassword(
  ctx: ServiceContext,
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<LoginStep> {
  const now = ctx.clock.now();
  const record = await findUserRecordByEmail(ctx.db, normalizeEmail(input.email));
  if (record && lockMinutesLeft(record.lockedUntil, now) > 0 && record.lockedUntil !== null) {
    await recordAudit(ctx, { action: 'accounts.login-failure', objectType: 'user', objectId: record.id, details: { reason: 'locked' } });
    throw lockedError(record.lockedUntil, now);
  }
  const passwordOk = await verifyPassword(record?.passwordHash ?? null, input.password);
  if (!record) {
    await recordAudit(ctx, {
      action: 'accounts.login-failure',
      objectType: 'user',
      objectId: null,
      details: { reason: 'unknown-account', email: typedAddress(input.email) },
    });
    throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_CREDENTIALS);
  }
  if (record.status !== 'active') {
    await recordAudit(ctx, { action: 'accounts.login-failure', objectType: 'user', objectId: record.id, details: { reason: 'disabled' } });
    throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_CREDENTIALS);
  }
  if (!passwordOk) {
    const lockedUntil = await recordLoginFailure(ctx, record, 'wrong-password');
    if (lockedUntil !== null) throw lockedError(lockedUntil, now);
    throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_CREDENTIALS);
  }

  const user = await loadUser(ctx.db, record.id);
  if (!user) throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_CREDENTIALS);
  return ctx.db.transaction().execute(async (trx) => {
    const { token } = await openSession(ctx, trx, user.id, null, client);
    const state = sessionStateFor(user, { secondFactorAt: null });
    const actx = actingAs(ctx, user);
    if (state === 'second-factor') {
      await recordAudit(actx, { action: 'accounts.login-password', objectType: 'user', objectId: user.id, details: { next: state } }, trx);
    } else {
      // Without a TOTP code to come, the password completes the login: the failure count restarts.
      await updateUserRow(trx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now.toISOString() }, now.toISOString());
      await recordAudit(actx, { action: 'accounts.login', objectType: 'user', objectId: user.id, details: { method: 'password', next: state } }, trx);
    }
    return { sessionToken: token, state, userId: user.id };
  });
}

/**
 * Second login step: the TOTP code of a session that passed the password. On success the
 * session is replaced by a new one (new cookie token) marked with the second factor. A code
 * already accepted (same or earlier time step) is refused. Failures count towards the lock-out.
 */
export async function verifyLoginCode(
  ctx: ServiceContext,
  sessionToken: string,
  code: string,
  client: ClientInfo,
): Promise<LoginStep> {
  const auth = await authenticateSession(ctx, sessionToken);
  if (!auth) throw new HygieError(AccountsErrors.ACCOUNTS_SESSION_EXPIRED);
  if (auth.state !== 'second-factor') return { sessionToken, state: auth.state, userId: auth.user.id };
  const now = ctx.clock.now();
  const record = await findUserRecordById(ctx.db, auth.user.id);
  if (!record || record.totpSecret === null) throw new HygieError(AccountsErrors.ACCOUNTS_SESSION_EXPIRED);
  if (record.lockedUntil !== null && lockMinutesLeft(record.lockedUntil, now) > 0) {
    await deleteSession(ctx.db, hashToken(sessionToken));
    throw lockedError(record.lockedUntil, now);
  }
  const secret = decryptTotpSecret(ctx.config.secret, record.id, record.totpSecret);
  if (secret === null) throw new HygieError(AccountsErrors.ACCOUNTS_TOTP_UNREADABLE);
  const step = await verifyTotpCode(secret, code, now, record.totpLastStep);
  if (step === null) {
    const lockedUntil = await recordLoginFailure(ctx, record, 'wrong-totp-code');
    if (lockedUntil !== null) {
      await deleteSession(ctx.db, hashToken(sessionToken));
      throw lockedError(lockedUntil, now);
    }
    throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_TOTP_CODE);
  }
  const result = await ctx.db.transaction().execute(async (trx) => {
    // Two requests racing with the same code: only the first records its step.
    if (!(await recordTotpStep(trx, record.id, step))) return null;
    const at = now.toISOString();
    await updateUserRow(trx, record.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: at }, at);
    const next = await rotateSession(ctx, trx, sessionToken, auth.user, at, client);
    await recordAudit(
      actingAs(ctx, auth.user),
      { action: 'accounts.login', objectType: 'user', objectId: record.id, details: { method: 'password+totp', next: next.state } },
      trx,
    );
    return next;
  });
  if (result === null) throw new HygieError(AccountsErrors.ACCOUNTS_INVALID_TOTP_CODE);
  return result;
}
